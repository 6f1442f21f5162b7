// Measures the language server in a workspace of 200 files / 10,000 objects (the bench corpus
// as the workspace folder), as a user opening a GitOps repository meets it: the time from
// didOpen of one file to its first diagnostics, then edit → that file's diagnostics over N edits
// (debounce 0, so the figure is the server's own work). The real built server over stdio.
//   node tools/bench/lsp-workspace.mjs [--edits N] [--server path/to/dist/server/bin.js]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node.js";
import { generateCorpus } from "./generate-corpus.mjs";
import { cpuMsOf } from "./proc-cpu.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// --server runs another checkout's server with this script, for back-to-back comparisons.
const { values } = parseArgs({ options: { edits: { type: "string", default: "20" }, server: { type: "string", default: join(ROOT, "packages", "vscode", "dist", "server", "bin.js") } } });
const editCount = Number(values.edits);
const server = values.server;
const folder = join(ROOT, ".bench", "corpus");
const corpus = generateCorpus(folder);

const file = join(folder, "bundle-0000.yaml");
const uri = pathToFileURL(file).href;
const text = readFileSync(file, "utf8");
// Bundle 0's StatefulSet has one replica; flipping it to 3 and back changes its diagnostics every time.
const replicasLine = text.split("\n").findIndex((line) => line.startsWith("  replicas: "));

const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean), server, "--stdio"], { stdio: "pipe" });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
let waiting;
connection.onNotification("textDocument/publishDiagnostics", (params) => {
  if (params.uri !== uri || !waiting || params.version !== waiting.version) return;
  waiting.resolve(params);
  waiting = undefined;
});
connection.listen();
const published = (version) => new Promise((resolve) => (waiting = { version, resolve }));

await connection.sendRequest("initialize", {
  processId: process.pid,
  rootUri: pathToFileURL(folder).href,
  workspaceFolders: [{ uri: pathToFileURL(folder).href, name: "corpus" }],
  capabilities: {},
  initializationOptions: { debounceMs: 0 },
});
await connection.sendNotification("initialized", {});
let version = 1;
const opened = published(version);
const openStart = performance.now();
await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version, text } });
const first = await opened;
const firstMs = performance.now() - openStart;
// In a large folder the server first publishes what the opened file shows on its own, then the
// whole bundle's findings once every file is read (unless they are the same, then nothing more).
let timer;
const whole = await Promise.race([published(version), new Promise((resolve) => (timer = setTimeout(resolve, 120_000)))]);
clearTimeout(timer);
const wholeMs = performance.now() - openStart;

/** The server's CPU time so far, of the whole process or of its main thread alone. */
function serverCpuMs(thread = false) {
  return cpuMsOf(child.pid, { mainThread: thread });
}
const cpuBefore = serverCpuMs();
const mainBefore = serverCpuMs(true);

const timings = [];
for (let edit = 0; edit < editCount; edit++) {
  const [from, to] = edit % 2 === 0 ? ["1", "3"] : ["3", "1"];
  version++;
  const done = published(version);
  const start = performance.now();
  await connection.sendNotification("textDocument/didChange", {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line: replicasLine, character: 12 }, end: { line: replicasLine, character: 12 + from.length } }, text: to }],
  });
  await done;
  timings.push(performance.now() - start);
}

const cpuAfter = serverCpuMs();
const mainAfter = serverCpuMs(true);
await connection.sendRequest("shutdown");
await connection.sendNotification("exit");
connection.dispose();

const sorted = [...timings].sort((a, b) => a - b);
const quantile = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
console.log(`workspace: ${corpus.files} files, ${corpus.objects} objects`);
console.log(`  didOpen → first diagnostics: ${firstMs.toFixed(0)} ms (${first.diagnostics.length}); → the whole bundle's: ${whole ? `${wholeMs.toFixed(0)} ms (${whole.diagnostics.length})` : "no second publish"}`);
console.log(`  edit → its diagnostics over ${timings.length} edits (debounce 0): median ${quantile(0.5).toFixed(0)} ms, p95 ${quantile(0.95).toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms`);
if (cpuBefore !== undefined && cpuAfter !== undefined && mainBefore !== undefined && mainAfter !== undefined) {
  console.log(`  server CPU ${((cpuAfter - cpuBefore) / timings.length).toFixed(1)} ms per edit (main thread ${((mainAfter - mainBefore) / timings.length).toFixed(1)} ms); until the whole bundle's diagnostics ${cpuBefore} ms (main thread ${mainBefore} ms)`);
}
