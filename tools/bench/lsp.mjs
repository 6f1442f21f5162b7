// Measures the language server from didChange to publishDiagnostics on a 3,000-line
// multi-document file: the real built server over stdio, 50 edits, median and p95.
//   node tools/bench/lsp.mjs [--debounce MS] [--edits N] [--server path/to/dist/server/bin.js]
// The default debounce is 0 so the figure is the server's own work (parse, lint, publish); the
// editor default (75 ms) adds exactly that wait on top.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node.js";
import { cpuMsOf } from "./proc-cpu.mjs";

const defaultServer = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "packages", "vscode", "dist", "server", "bin.js");
// --server runs another checkout's server with this script, for back-to-back comparisons.
const { values } = parseArgs({ options: { debounce: { type: "string", default: "0" }, edits: { type: "string", default: "50" }, server: { type: "string", default: defaultServer } } });
const debounceMs = Number(values.debounce);
const editCount = Number(values.edits);
const server = values.server;

function pair(index) {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db-${index}
  namespace: bench
spec:
  serviceName: db-${index}
  replicas: 3
  selector:
    matchLabels:
      app: db-${index}
  template:
    metadata:
      labels:
        app: db-${index}
    spec:
      containers:
        - name: postgres
          image: postgres:16.2
          ports:
            - name: pg
              containerPort: 5432
          readinessProbe:
            exec:
              command: ["pg_isready"]
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 10Gi
---
apiVersion: v1
kind: Service
metadata:
  name: db-${index}
  namespace: bench
spec:
  clusterIP: None
  selector:
    app: db-${index}
  ports:
    - port: 5432
      targetPort: pg
---
`;
}

const parts = [];
let lines = 0;
for (let index = 0; lines < 3000; index++) {
  const text = pair(index);
  parts.push(text);
  lines += text.split("\n").length - 1;
}
const text = parts.join("");
const pairLines = pair(0).split("\n").length - 1;
const clusterIpLine = pair(0).split("\n").findIndex((line) => line.includes("clusterIP"));

const root = mkdtempSync(join(tmpdir(), "statelint-bench-"));
const file = join(root, "bundle.yaml");
writeFileSync(file, text);
const uri = pathToFileURL(file).href;

const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean), server, "--stdio"], { stdio: "pipe" });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
let waiting;
connection.onNotification("textDocument/publishDiagnostics", (params) => {
  if (params.uri === uri && waiting && params.version === waiting.version) waiting.resolve(params);
});
connection.listen();
const published = (version) => new Promise((resolve) => (waiting = { version, resolve }));

await connection.sendRequest("initialize", {
  processId: process.pid,
  rootUri: pathToFileURL(root).href,
  workspaceFolders: [{ uri: pathToFileURL(root).href, name: "bench" }],
  capabilities: {},
  initializationOptions: { debounceMs },
});
await connection.sendNotification("initialized", {});
let version = 1;
const opened = published(1);
await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version, text } });
const first = await opened;

/** The server's CPU time so far, of the whole process or of its main thread alone. */
function serverCpuMs(thread = false) {
  return cpuMsOf(child.pid, { mainThread: thread });
}

const timings = [];
const pairs = parts.length;
const cpuBefore = serverCpuMs();
const mainBefore = serverCpuMs(true);
for (let edit = 0; edit < editCount; edit++) {
  // Each edit flips one governing Service between headless and not, so every edit changes the
  // diagnostics and must be published.
  const target = edit % pairs;
  const line = target * pairLines + clusterIpLine;
  const headless = Math.floor(edit / pairs) % 2 === 1;
  const [from, to] = headless ? ["10.0.0.1", "None"] : ["None", "10.0.0.1"];
  version++;
  const done = published(version);
  const start = performance.now();
  await connection.sendNotification("textDocument/didChange", {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line, character: 13 }, end: { line, character: 13 + from.length } }, text: to }],
  });
  await done;
  timings.push(performance.now() - start);
}

const cpuAfter = serverCpuMs();
const mainAfter = serverCpuMs(true);
await connection.sendRequest("shutdown");
await connection.sendNotification("exit");
connection.dispose();
rmSync(root, { recursive: true, force: true });

const sorted = [...timings].sort((a, b) => a - b);
const quantile = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
console.log(`file: ${lines} lines, ${pairs * 2} objects; first lint after open published ${first.diagnostics.length} diagnostics`);
console.log(`didChange → publishDiagnostics over ${timings.length} edits (debounce ${debounceMs} ms):`);
console.log(`  median ${quantile(0.5).toFixed(1)} ms   p95 ${quantile(0.95).toFixed(1)} ms   min ${sorted[0].toFixed(1)} ms   max ${sorted.at(-1).toFixed(1)} ms`);
if (cpuBefore !== undefined && cpuAfter !== undefined && mainBefore !== undefined && mainAfter !== undefined) {
  console.log(`  server CPU ${((cpuAfter - cpuBefore) / timings.length).toFixed(1)} ms per edit (main thread ${((mainAfter - mainBefore) / timings.length).toFixed(1)} ms)`);
}
