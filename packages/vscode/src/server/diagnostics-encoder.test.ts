import { describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver";
import { encodeMessage } from "./diagnostics-encoder.js";

function diagnostic(line: number, message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return {
    range: { start: { line, character: 2 }, end: { line, character: 9 } },
    severity: 2,
    code: "sts-service-not-headless",
    source: "statelint",
    message,
    codeDescription: { href: "https://github.com/statelint/statelint/blob/main/docs/rules/sts-service-not-headless.md" },
    ...extra,
  };
}

function publish(uri: string, version: number, diagnostics: Diagnostic[]) {
  return { jsonrpc: "2.0", method: "textDocument/publishDiagnostics", params: { uri, version, diagnostics } };
}

describe("the stdio writer's JSON", () => {
  it("is byte for byte JSON.stringify of a publish, with quotes, escapes and non-ASCII text in it", () => {
    const diagnostics = [
      diagnostic(0, 'Service "db" has clusterIP "10.0.0.1"; set it to None.'),
      diagnostic(4, "tab\there, newline\nthere, a backslash \\ and \u0000", { relatedInformation: [{ location: { uri: "file:///ws/sts.yaml", range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } }, message: "named here" }] }),
      diagnostic(7, "naïve 🔑 ключ", { tags: [1] }),
    ];
    // A URI may spell the key itself: only the real key may be split at.
    const message = publish('file:///ws/%22diagnostics%22:[]/"diagnostics":[]/a b.yaml', 3, diagnostics);
    expect(encodeMessage(message).equals(Buffer.from(JSON.stringify(message), "utf8"))).toBe(true);
  });

  it("serializes a diagnostic once and sends it again unchanged in later publishes", () => {
    const kept = diagnostic(1, "kept across edits");
    const first = publish("file:///ws/a.yaml", 1, [kept]);
    expect(encodeMessage(first).toString("utf8")).toBe(JSON.stringify(first));
    const second = publish("file:///ws/a.yaml", 2, [diagnostic(0, "new"), kept, diagnostic(9, "also new")]);
    expect(JSON.parse(encodeMessage(second).toString("utf8"))).toEqual(second);
    expect(encodeMessage(second).toString("utf8")).toBe(JSON.stringify(second));
  });

  it("writes other messages and empty publishes as JSON.stringify does", () => {
    const empty = publish("file:///ws/a.yaml", 2, []);
    const request = { jsonrpc: "2.0", id: 4, method: "client/registerCapability", params: { registrations: [] } };
    const response = { jsonrpc: "2.0", id: 1, result: { capabilities: { hoverProvider: true } } };
    for (const message of [empty, request, response]) expect(encodeMessage(message).toString("utf8")).toBe(JSON.stringify(message));
  });
});
