#!/usr/bin/env node
// Fuzzes the language server over its real stdio: random edits to a multi-document manifest
// (typing, deleting, pasting other manifests, undo) with hovers and code actions in between.
// After every edit the server must publish diagnostics for exactly that version, answer every
// request, log no error and stay up.
//
//   node tools/fuzz-lsp.mjs [--edits 10000] [--seed 1] [--server packages/vscode/dist/server/bin.js]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DEFAULT_SERVER = join(ROOT, "packages/vscode/dist/server/bin.js");
const TIMEOUT_MS = 15_000;

/** mulberry32: small, fast and seeded, so a failing run replays exactly. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Manifests to paste: the seed bundle, rule fixtures that fire, and some real-world bundles. */
function pasteSources() {
  const paths = [
    "fixtures/seed/statefulset-postgresql.yaml",
    "fixtures/seed-fixed/statefulset-postgresql.yaml",
    "fixtures/rules/sts-service-not-headless/fires.yaml",
    "fixtures/rules/secret-literal-env/fires.yaml",
    "fixtures/rules/anti-affinity-selector-mismatch/fires.yaml",
    "fixtures/rules/duplicate-key/fires.yaml",
    "fixtures/rules/yaml-syntax/fires.yaml",
  ];
  return paths.map((path) => {
    try {
      return readFileSync(join(ROOT, path), "utf8");
    } catch {
      return "";
    }
  }).filter(Boolean);
}

/** What users type into YAML, and what breaks parsers: indicators, quotes, tabs, anchors, non-BMP characters. */
const SNIPPETS = [
  "a", "x", " ", "  ", "\n", "\n  ", "\t", ":", ": ", "- ", "-", "#", "# statelint-disable-next-line secret-literal-env\n",
  "{", "}", "[", "]", ",", "'", '"', "&a ", "*a", "<<: *a\n", "!!str ", "|\n  ", ">-\n  ", "---\n", "...\n", "%YAML 1.2\n",
  "{{ .Values.x }}", "\u0000", "\uFEFF", "🔑", "é", "\r\n", "null", "~", "0x1F", "1e3", "replicas: 3\n", "clusterIP: None\n",
  "  - name: PASSWORD\n    value: hunter2\n", "kind: StatefulSet\n", "apiVersion: apps/v1\n", "metadata:\n  name: db\n",
];

function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, character: offset - lineStart };
}

/** An edit as offsets into the current text, never splitting a surrogate pair (clients do not either). */
function randomEdit(text, next, pastes, history) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const offset = () => {
    let at = Math.floor(next() * (text.length + 1));
    if (at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at])) at--;
    return at;
  };
  const roll = next();
  if (roll < 0.08 && history.length > 1) return { kind: "undo", steps: 1 + Math.floor(next() * Math.min(5, history.length - 1)) };
  const start = offset();
  if (roll < 0.45) return { kind: "type", start, end: start, text: pick(SNIPPETS) };
  if (roll < 0.7) {
    const end = Math.min(text.length, start + 1 + Math.floor(next() * (next() < 0.8 ? 8 : 400)));
    return { kind: "delete", start, end: /[\uDC00-\uDFFF]/.test(text[end] ?? "") ? end + 1 : end, text: "" };
  }
  if (roll < 0.85) {
    const source = pick(pastes);
    const from = Math.floor(next() * source.length);
    const piece = next() < 0.5 ? source : source.slice(from, from + 1 + Math.floor(next() * 300));
    // Most pastes land at the start of a line, as whole documents, so the file stays mostly valid YAML and the rules have objects to check.
    const lineStart = next() < 0.7 ? text.lastIndexOf("\n", start - 1) + 1 : start;
    const document = next() < 0.5 ? `---\n${piece.endsWith("\n") ? piece : `${piece}\n`}` : piece;
    return { kind: "paste", start: lineStart, end: lineStart, text: document.replace(/^[\uDC00-\uDFFF]/, "") };
  }
  const end = Math.min(text.length, start + Math.floor(next() * 40));
  return { kind: "replace", start, end: /[\uDC00-\uDFFF]/.test(text[end] ?? "") ? end + 1 : end, text: pick(SNIPPETS) };
}

function withTimeout(promise, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms: ${what}`)), TIMEOUT_MS))),
  ]);
}

/**
 * Runs `edits` random edits against a server and resolves with what happened; rejects on the first
 * broken promise (an unanswered request, a missing publish, an error in the log, a dead server).
 */
export async function fuzzLanguageServer({ edits, seed = 1, serverPath = DEFAULT_SERVER, onProgress } = {}) {
  const next = random(seed);
  const pastes = pasteSources();
  const folder = mkdtempSync(join(tmpdir(), "statelint-fuzz-"));
  const initial = pastes[0];
  const path = join(folder, "bundle.yaml");
  writeFileSync(path, initial);
  // A second file of the bundle, so cross-file rules take part.
  writeFileSync(join(folder, "service.yaml"), "apiVersion: v1\nkind: Service\nmetadata:\n  name: postgres\nspec:\n  clusterIP: None\n  selector:\n    app: postgres\n");
  const uri = pathToFileURL(path).href;

  const server = spawn(process.execPath, [serverPath, "--stdio"], { stdio: "pipe" });
  let stderr = "";
  let exited;
  server.stderr.on("data", (chunk) => (stderr += chunk.toString()));
  const exit = new Promise((resolveExit) => server.once("exit", (code, signal) => resolveExit((exited = { code, signal }))));
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const errors = [];
  const published = new Map();
  let waiter;
  connection.onNotification("textDocument/publishDiagnostics", (params) => {
    if (params.uri !== uri) return;
    published.set(params.version, params.diagnostics);
    if (waiter && published.has(waiter.version)) waiter.resolve(published.get(waiter.version));
  });
  connection.onNotification("window/logMessage", (params) => {
    if (params.type === 1) errors.push(params.message);
  });
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("workspace/configuration", (params) => params.items.map(() => null));
  connection.listen();

  const diagnosticsOf = (version) => {
    if (published.has(version)) return Promise.resolve(published.get(version));
    return withTimeout(new Promise((resolveWait) => (waiter = { version, resolve: resolveWait })), `diagnostics for version ${version}`);
  };
  const fail = (message) => {
    throw new Error(`${message}\nseed ${seed}; server stderr: ${stderr.slice(-2000)}\nerrors logged: ${errors.join("\n")}`);
  };

  const stats = { edits: 0, requests: 0, diagnostics: 0, maxDiagnostics: 0, undos: 0, pastes: 0, longestText: initial.length, elapsedMs: 0 };
  const started = Date.now();
  try {
    await withTimeout(connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: "fuzz" }],
      capabilities: {},
      // No debounce: every edit is linted, which is what the fuzz is after.
      initializationOptions: { debounceMs: 0 },
    }), "initialize");
    await connection.sendNotification("initialized", {});
    let text = initial;
    let version = 1;
    const history = [text];
    await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version, text } });
    await diagnosticsOf(version);

    for (let count = 0; count < edits; count++) {
      const edit = randomEdit(text, next, pastes, history);
      let change;
      if (edit.kind === "undo") {
        // Editors undo by sending the earlier text back; a whole-document change, as many clients send.
        history.splice(history.length - edit.steps);
        text = history[history.length - 1];
        change = { text };
        stats.undos++;
      } else {
        change = { range: { start: positionAt(text, edit.start), end: positionAt(text, edit.end) }, text: edit.text };
        text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
        history.push(text);
        if (history.length > 50) history.shift();
        if (edit.kind === "paste") stats.pastes++;
      }
      version++;
      await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change] });
      stats.longestText = Math.max(stats.longestText, text.length);

      // Requests at random places while the edit is being linted: every one must be answered.
      if (next() < 0.3) {
        const position = positionAt(text, Math.floor(next() * (text.length + 1)));
        const range = { start: position, end: position };
        const requests = [
          connection.sendRequest("textDocument/hover", { textDocument: { uri }, position }),
          connection.sendRequest("textDocument/codeAction", { textDocument: { uri }, range, context: { diagnostics: [] } }),
        ];
        if (next() < 0.1) requests.push(connection.sendRequest("textDocument/codeAction", { textDocument: { uri }, range, context: { diagnostics: [], only: ["source.fixAll.statelint"] } }));
        await withTimeout(Promise.all(requests), `hover/codeAction after edit ${count + 1}`);
        stats.requests += requests.length;
      }

      const diagnostics = await diagnosticsOf(version).catch((error) => fail(`edit ${count + 1} (${edit.kind}): ${error.message}`));
      stats.diagnostics++;
      stats.maxDiagnostics = Math.max(stats.maxDiagnostics, diagnostics.length);
      for (const diagnostic of diagnostics) {
        const { start, end } = diagnostic.range;
        if (start.line < 0 || end.line < start.line || (end.line === start.line && end.character < start.character)) fail(`edit ${count + 1}: diagnostic with a broken range ${JSON.stringify(diagnostic)}`);
      }
      for (const old of published.keys()) if (old < version) published.delete(old);
      if (errors.length) fail(`edit ${count + 1} (${edit.kind}): the server logged an error`);
      if (exited) fail(`edit ${count + 1} (${edit.kind}): the server exited (${JSON.stringify(exited)})`);
      stats.edits++;
      onProgress?.(stats);
    }
    await withTimeout(connection.sendRequest("shutdown"), "shutdown");
    await connection.sendNotification("exit");
    const { code } = await withTimeout(exit, "exit after shutdown");
    if (code !== 0) fail(`the server exited with ${code} after shutdown`);
    stats.elapsedMs = Date.now() - started;
    return { ...stats, finalText: text };
  } finally {
    connection.dispose();
    if (!exited) server.kill();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { edits: { type: "string", default: "10000" }, seed: { type: "string", default: "1" }, server: { type: "string", default: DEFAULT_SERVER } } });
  let last = 0;
  const stats = await fuzzLanguageServer({
    edits: Number(values.edits),
    seed: Number(values.seed),
    serverPath: resolve(values.server),
    onProgress: (progress) => {
      if (progress.edits - last < 1000) return;
      last = progress.edits;
      process.stderr.write(`${progress.edits} edits…\n`);
    },
  });
  const { finalText: _finalText, ...summary } = stats;
  console.log(JSON.stringify(summary, null, 2));
}
