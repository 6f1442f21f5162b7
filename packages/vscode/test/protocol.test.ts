import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { CodeAction, Diagnostic, Hover, TextDocumentEdit } from "vscode-languageserver";
import { LspClient, workspace } from "./support/lsp-client.js";
import { applyEdits, range, SERVICE, STATEFULSET } from "./support/manifests.js";

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => diagnostic.code);
const has = (code: string) => (diagnostics: Diagnostic[]) => codes(diagnostics).includes(code);
const lacks = (code: string) => (diagnostics: Diagnostic[]) => !codes(diagnostics).includes(code);

let cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function start(files: Record<string, string>, initializationOptions: Record<string, unknown> = {}) {
  const ws = workspace(files);
  const client = new LspClient();
  cleanup.push(() => ws.dispose(), () => client.stop());
  const result = await client.initialize(ws.root, { debounceMs: 10, ...initializationOptions });
  return { ws, client, result };
}

function editsOf(action: CodeAction): TextDocumentEdit {
  const change = action.edit?.documentChanges?.[0];
  if (!change || !("edits" in change)) throw new Error(`action "${action.title}" has no text document edit`);
  return change;
}

describe("statelint language server over stdio", () => {
  it("announces its capabilities", async () => {
    const { result } = await start({});
    expect(result["capabilities"]).toMatchObject({
      textDocumentSync: { openClose: true, change: 2 },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ["quickfix", "source.fixAll.statelint"] },
    });
  });

  it("publishes diagnostics on open with exact ranges, severities, codes, docs links and related locations", async () => {
    const { ws, client } = await start({ "statefulset.yaml": STATEFULSET, "service.yaml": SERVICE });
    // statefulset.yaml is not open: the Service's error must come from the file read from disk.
    await client.open(ws.uri("service.yaml"), SERVICE);
    const diagnostics = await client.diagnostics(ws.uri("service.yaml"), has("sts-service-not-headless"));
    const notHeadless = diagnostics.find((diagnostic) => diagnostic.code === "sts-service-not-headless");
    expect(notHeadless).toEqual({
      range: range(5, 13, 5, 22),
      severity: 1,
      code: "sts-service-not-headless",
      codeDescription: { href: "https://github.com/statelint/statelint/blob/main/docs/rules/sts-service-not-headless.md" },
      source: "statelint",
      message: 'Service "postgres" governs StatefulSet "postgres" but has clusterIP "10.0.0.12"; set it to None.',
      relatedInformation: [{
        location: { uri: ws.uri("statefulset.yaml"), range: range(5, 15, 5, 23) },
        message: 'StatefulSet "postgres" names this Service as its serviceName',
      }],
    });
    // Severities are the rule's own: warnings stay warnings, infos stay information.
    const byCode = new Map(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity]));
    expect(byCode.get("db-write-service-load-balanced")).toBe(2);
    await client.open(ws.uri("statefulset.yaml"), STATEFULSET);
    const statefulSet = await client.diagnostics(ws.uri("statefulset.yaml"), has("backup-missing"));
    expect(statefulSet.find((diagnostic) => diagnostic.code === "backup-missing")?.severity).toBe(3);
  });

  it("re-lints on change and never publishes a result of a superseded edit", async () => {
    const { ws, client } = await start({ "statefulset.yaml": STATEFULSET, "service.yaml": SERVICE });
    const uri = ws.uri("service.yaml");
    await client.open(uri, SERVICE);
    await client.diagnostics(uri, has("sts-service-not-headless"));
    // A burst of keystrokes: only the last text may be reported.
    await client.edit(uri, range(5, 13, 5, 22), "10.0.0.1");
    await client.edit(uri, range(5, 13, 5, 21), "10.0.0");
    await client.edit(uri, range(5, 13, 5, 19), "None");
    const diagnostics = await client.diagnostics(uri, lacks("sts-service-not-headless"));
    expect(codes(diagnostics)).not.toContain("sts-service-not-headless");
    const versions = client.published.filter((params) => params.uri === uri).map((params) => params.version);
    expect(versions.at(-1)).toBe(client.version(uri));
    for (const version of versions.slice(1)) expect([1, client.version(uri)]).toContain(version);
  });

  it("clears the pairing error shown in statefulset.yaml when the Service in service.yaml is fixed", async () => {
    const renamed = SERVICE.replace("name: postgres", "name: postgres-hl");
    const { ws, client } = await start({ "statefulset.yaml": STATEFULSET, "service.yaml": renamed });
    await client.open(ws.uri("statefulset.yaml"), STATEFULSET);
    await client.open(ws.uri("service.yaml"), renamed);
    const before = await client.diagnostics(ws.uri("statefulset.yaml"), has("sts-service-not-found"));
    expect(before.find((diagnostic) => diagnostic.code === "sts-service-not-found")?.range).toEqual(range(5, 15, 5, 23));
    const published = client.published.length;
    await client.change(ws.uri("service.yaml"), SERVICE);
    const after = await client.diagnostics(ws.uri("statefulset.yaml"), lacks("sts-service-not-found"));
    expect(codes(after)).not.toContain("sts-service-not-found");
    // statefulset.yaml itself was never edited: the server republished it because its bundle changed.
    expect(client.published.slice(published).some((params) => params.uri === ws.uri("statefulset.yaml"))).toBe(true);
    expect(client.version(ws.uri("statefulset.yaml"))).toBe(1);
  });

  it("follows files changed on disk through workspace/didChangeWatchedFiles", async () => {
    const { ws, client } = await start({ "statefulset.yaml": STATEFULSET });
    await client.open(ws.uri("statefulset.yaml"), STATEFULSET);
    await client.diagnostics(ws.uri("statefulset.yaml"), has("sts-service-not-found"));
    ws.write("service.yaml", SERVICE.replace("clusterIP: 10.0.0.12", "clusterIP: None"));
    await client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: ws.uri("service.yaml"), type: 1 }] });
    await client.diagnostics(ws.uri("statefulset.yaml"), lacks("sts-service-not-found"));
  });

  it("honours .statelint.yaml, re-reads it when it changes, and shows a broken one in the file itself", async () => {
    const { ws, client } = await start({ "statefulset.yaml": STATEFULSET, "service.yaml": SERVICE, ".statelint.yaml": "rules:\n  sts-service-not-headless: off\n" });
    const uri = ws.uri("service.yaml");
    await client.open(uri, SERVICE);
    const off = await client.diagnostics(uri, has("db-write-service-load-balanced"));
    expect(codes(off)).not.toContain("sts-service-not-headless");

    ws.write(".statelint.yaml", "rules:\n  sts-service-not-headles: warning\n  db-write-service-load-balanced: off\n");
    await client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: ws.uri(".statelint.yaml"), type: 2 }] });
    const config = await client.diagnostics(ws.uri(".statelint.yaml"), (diagnostics) => diagnostics.length > 0);
    expect(config).toEqual([{
      range: range(1, 2, 1, 25),
      severity: 1,
      code: "invalid-config",
      source: "statelint",
      message: 'unknown rule "sts-service-not-headles"; did you mean "sts-service-not-headless"? Run `statelint rules` for the list.',
    }]);
    // The valid entries of the broken config still apply, the default level comes back for the rest.
    const updated = await client.diagnostics(uri, (diagnostics) => has("sts-service-not-headless")(diagnostics) && lacks("db-write-service-load-balanced")(diagnostics));
    expect(updated.find((diagnostic) => diagnostic.code === "sts-service-not-headless")?.severity).toBe(1);

    ws.write(".statelint.yaml", "rules: [unclosed\n");
    await client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: ws.uri(".statelint.yaml"), type: 2 }] });
    const syntax = await client.diagnostics(ws.uri(".statelint.yaml"), (diagnostics) => diagnostics[0]?.message !== config[0]?.message);
    expect(syntax).toHaveLength(1);
    expect(syntax[0]).toMatchObject({ severity: 1, code: "invalid-config", range: { start: { line: 1 } } });
    // Linting carries on with the defaults.
    await client.diagnostics(uri, (diagnostics) => has("sts-service-not-headless")(diagnostics) && has("db-write-service-load-balanced")(diagnostics));

    ws.write(".statelint.yaml", "rules:\n  db-write-service-load-balanced: off\n");
    await client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: ws.uri(".statelint.yaml"), type: 2 }] });
    await client.diagnostics(ws.uri(".statelint.yaml"), (diagnostics) => diagnostics.length === 0);
    await client.diagnostics(uri, lacks("db-write-service-load-balanced"));
  });

  it("uses the unsaved text of an open .statelint.yaml for every open file", async () => {
    const { ws, client } = await start({ "statefulset.yaml": STATEFULSET, "service.yaml": SERVICE, ".statelint.yaml": "rules: {}\n" });
    const uri = ws.uri("service.yaml");
    await client.open(uri, SERVICE);
    await client.diagnostics(uri, has("sts-service-not-headless"));
    await client.open(ws.uri(".statelint.yaml"), "rules: {}\n");
    await client.change(ws.uri(".statelint.yaml"), "rules:\n  sts-service-not-headless: off\n  bogus: warning\n");
    await client.diagnostics(uri, lacks("sts-service-not-headless"));
    const config = await client.diagnostics(ws.uri(".statelint.yaml"), (diagnostics) => diagnostics.length > 0);
    expect(config.every((diagnostic) => diagnostic.code === "invalid-config" && diagnostic.range.start.line === 2)).toBe(true);
  });

  it("offers the rule's fix as a quick fix, and applying it clears the diagnostic", async () => {
    const { ws, client } = await start({ "statefulset.yaml": STATEFULSET, "service.yaml": SERVICE });
    const uri = ws.uri("service.yaml");
    await client.open(uri, SERVICE);
    const diagnostics = await client.diagnostics(uri, has("sts-service-not-headless"));
    const diagnostic = diagnostics.find((candidate) => candidate.code === "sts-service-not-headless") as Diagnostic;
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    expect(actions.map((action) => action.title)).toEqual([
      "Set clusterIP: None",
      "Disable sts-service-not-headless for this line",
      "Ignore sts-service-not-headless for this object",
    ]);
    const fix = actions[0] as CodeAction;
    expect(fix).toMatchObject({ kind: "quickfix", isPreferred: true, diagnostics: [{ code: "sts-service-not-headless" }] });
    const edit = editsOf(fix);
    expect(edit.textDocument).toEqual({ uri, version: 1 });
    expect(edit.edits).toEqual([{ range: range(5, 13, 5, 22), newText: "None" }]);
    await client.change(uri, applyEdits(SERVICE, edit.edits));
    await client.diagnostics(uri, lacks("sts-service-not-headless"));
  });

  it("disables a rule for the next line with a comment indented like the flagged line", async () => {
    const { ws, client } = await start({ "statefulset.yaml": STATEFULSET, "service.yaml": SERVICE });
    const uri = ws.uri("service.yaml");
    await client.open(uri, SERVICE);
    const diagnostic = (await client.diagnostics(uri, has("sts-service-not-headless"))).find((candidate) => candidate.code === "sts-service-not-headless") as Diagnostic;
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const disable = editsOf(actions.find((action) => action.title === "Disable sts-service-not-headless for this line") as CodeAction);
    expect(disable.edits).toEqual([{ range: range(5, 0, 5, 0), newText: "  # statelint-disable-next-line sts-service-not-headless -- \n" }]);
    await client.change(uri, applyEdits(SERVICE, disable.edits));
    const after = await client.diagnostics(uri, lacks("sts-service-not-headless"));
    expect(codes(after)).not.toContain("unused-suppression");
  });

  it("ignores a rule for one object with an annotation, creating metadata.annotations when needed", async () => {
    const { ws, client } = await start({ "statefulset.yaml": STATEFULSET, "service.yaml": SERVICE });
    const uri = ws.uri("service.yaml");
    await client.open(uri, SERVICE);
    const diagnostic = (await client.diagnostics(uri, has("sts-service-not-headless"))).find((candidate) => candidate.code === "sts-service-not-headless") as Diagnostic;
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const ignore = editsOf(actions.find((action) => action.title === "Ignore sts-service-not-headless for this object") as CodeAction);
    const annotated = applyEdits(SERVICE, ignore.edits);
    expect(annotated).toBe(SERVICE.replace(
      "  name: postgres\n",
      '  name: postgres\n  annotations:\n    ignore.statelint.io/sts-service-not-headless: "reason"\n',
    ));
    await client.change(uri, annotated);
    await client.diagnostics(uri, lacks("sts-service-not-headless"));

    // With annotations already there, the new one joins them.
    const withAnnotations = SERVICE.replace("  name: postgres\n", "  name: postgres\n  annotations:\n    team: data\n");
    await client.change(uri, withAnnotations);
    const again = (await client.diagnostics(uri, has("sts-service-not-headless"))).find((candidate) => candidate.code === "sts-service-not-headless") as Diagnostic;
    const second = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: again.range, context: { diagnostics: [again] } });
    const added = editsOf(second.find((action) => action.title === "Ignore sts-service-not-headless for this object") as CodeAction);
    expect(applyEdits(withAnnotations, added.edits)).toBe(withAnnotations.replace("    team: data\n", '    team: data\n    ignore.statelint.io/sts-service-not-headless: "reason"\n'));
  });

  it("fixes every fixable problem of a file with source.fixAll.statelint", async () => {
    const { ws, client } = await start({ "statefulset.yaml": STATEFULSET, "service.yaml": SERVICE });
    const uri = ws.uri("service.yaml");
    await client.open(uri, SERVICE);
    await client.diagnostics(uri, has("sts-service-not-headless"));
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: range(0, 0, 0, 0), context: { diagnostics: [], only: ["source.fixAll"] } });
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ title: "Fix all statelint problems", kind: "source.fixAll.statelint" });
    expect(applyEdits(SERVICE, editsOf(actions[0] as CodeAction).edits)).toBe(SERVICE.replace("clusterIP: 10.0.0.12", "clusterIP: None"));
  });

  it("explains a finding on hover: what, why it matters, how to fix, and the docs link", async () => {
    const { ws, client } = await start({ "statefulset.yaml": STATEFULSET, "service.yaml": SERVICE });
    const uri = ws.uri("service.yaml");
    await client.open(uri, SERVICE);
    await client.diagnostics(uri, has("sts-service-not-headless"));
    const hover = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 5, character: 16 } });
    expect(hover.range).toEqual(range(5, 13, 5, 22));
    const value = (hover.contents as { kind: string; value: string }).value;
    expect((hover.contents as { kind: string }).kind).toBe("markdown");
    expect(value).toContain("**sts-service-not-headless**");
    expect(value).toContain("The governing Service of a StatefulSet must be headless (`clusterIP: None`).");
    expect(value).toContain("**Why it matters.** A StatefulSet's pods get their stable DNS names");
    expect(value).toContain("**How to fix.** Set `spec.clusterIP: None` on the governing Service.");
    expect(value).toContain("[Documentation](https://github.com/statelint/statelint/blob/main/docs/rules/sts-service-not-headless.md)");
    // The field's schema description follows the finding.
    expect(value).toContain("**spec.clusterIP** (Service)");
    expect(value).toContain("clusterIP is the IP address of the service");
    // A label name in a map has no finding and no description of its own.
    const nothing = await client.request<Hover | null>("textDocument/hover", { textDocument: { uri }, position: { line: 7, character: 5 } });
    expect(nothing).toBeNull();
  });

  it("shows a field's Kubernetes API description on hover over its key or value", async () => {
    const { ws, client } = await start({ "statefulset.yaml": STATEFULSET, "service.yaml": SERVICE });
    const uri = ws.uri("statefulset.yaml");
    await client.open(uri, STATEFULSET);
    await client.diagnostics(uri, has("backup-missing"));
    const onKey = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 5, character: 6 } });
    expect(onKey.contents).toEqual({
      kind: "markdown",
      value: expect.stringContaining("**spec.serviceName** (StatefulSet)\n\n`string`\n\nserviceName is the name of the service that governs this StatefulSet. This service must exist before the StatefulSet, and is responsible for the network identity of the set."),
    });
    expect(onKey.range).toEqual(range(5, 2, 5, 13));
    const onValue = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 5, character: 17 } });
    expect(onValue.contents).toEqual(onKey.contents);
    // Inside a list item: containers[0].image.
    const image = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 17, character: 12 } });
    expect((image.contents as { value: string }).value).toContain("Container image name.");
  });

  it("shows an unshipped kubernetesVersion on its value, lints with the newest schema and describes its fields", async () => {
    // Pod-level resources (1.32), an image volume (1.31) and lifecycle.stopSignal (1.33).
    const text = readFileSync(new URL("../../../fixtures/kubernetes-versions/statefulset-1.33.yaml", import.meta.url), "utf8");
    const { ws, client } = await start({ "statefulset.yaml": text, ".statelint.yaml": 'kubernetesVersion: "1.27"\n' });
    const uri = ws.uri("statefulset.yaml");
    await client.open(uri, text);
    const config = await client.diagnostics(ws.uri(".statelint.yaml"), (diagnostics) => diagnostics.length > 0);
    expect(config).toEqual([{
      range: range(0, 19, 0, 25),
      severity: 1,
      code: "invalid-config",
      source: "statelint",
      message:
        '"kubernetesVersion": statelint has no schemas for Kubernetes 1.27; it ships 1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35 and 1.36. ' +
        "Set one of them (the nearest is 1.29), or leave kubernetesVersion unset for the newest, 1.36.",
    }]);
    const diagnostics = await client.diagnostics(uri, has("backup-missing"));
    expect(codes(diagnostics).filter((code) => String(code).startsWith("schema-"))).toEqual([]);
    const stopSignal = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 28, character: 14 } });
    expect((stopSignal.contents as { value: string }).value).toContain("**spec.template.spec.containers[0].lifecycle.stopSignal** (StatefulSet)\n\n`string`\n\nStopSignal defines which signal will be sent to a container when it is being stopped.");
  });

  it("tags unused suppressions as unnecessary", async () => {
    const text = SERVICE.replace("clusterIP: 10.0.0.12", "clusterIP: None").replace("  selector:\n", "  # statelint-disable-next-line image-tag-mutable\n  selector:\n");
    const { ws, client } = await start({ "statefulset.yaml": STATEFULSET, "service.yaml": text });
    const uri = ws.uri("service.yaml");
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, has("unused-suppression"));
    expect(diagnostics.find((diagnostic) => diagnostic.code === "unused-suppression")).toMatchObject({ range: range(6, 2, 6, 49), severity: 3, tags: [1] });
  });

  it("survives malformed, half-typed, binary and huge documents and keeps answering", async () => {
    const { ws, client } = await start({ "statefulset.yaml": STATEFULSET });
    const uri = ws.uri("broken.yaml");
    await client.open(uri, "apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n");
    const syntax = await client.diagnostics(uri, has("yaml-syntax"));
    expect(syntax.find((diagnostic) => diagnostic.code === "yaml-syntax")?.severity).toBe(1);
    await client.change(uri, "apiVersion: v1\nkind: Serv");
    await client.diagnostics(uri, lacks("yaml-syntax"));
    await client.change(uri, "\u0000\u0001\u0002binary\u0000");
    await client.diagnostics(uri, (diagnostics) => diagnostics.length === 1);
    const huge = Array.from({ length: 4000 }, (_, index) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${index}\ndata:\n  k: "${"x".repeat(200)}"\n`).join("");
    await client.change(uri, huge);
    await client.nextPublish(uri, 30_000);
    // A key of the ConfigMap's data: no finding, no description.
    const hover = await client.request<Hover | null>("textDocument/hover", { textDocument: { uri }, position: { line: 6, character: 2 } });
    expect(hover).toBeNull();
    await client.close(uri);
    expect(await client.diagnostics(uri, (diagnostics) => diagnostics.length === 0)).toEqual([]);
    // Still alive and correct afterwards.
    await client.open(ws.uri("statefulset.yaml"), STATEFULSET);
    await client.diagnostics(ws.uri("statefulset.yaml"), has("sts-service-not-found"));
  });

  it("clears diagnostics on close and exits cleanly on shutdown/exit", async () => {
    const ws = workspace({ "statefulset.yaml": STATEFULSET });
    cleanup.push(() => ws.dispose());
    const client = new LspClient();
    await client.initialize(ws.root, { debounceMs: 0 });
    await client.open(ws.uri("statefulset.yaml"), STATEFULSET);
    await client.diagnostics(ws.uri("statefulset.yaml"), has("sts-service-not-found"));
    await client.close(ws.uri("statefulset.yaml"));
    expect(await client.diagnostics(ws.uri("statefulset.yaml"), (diagnostics) => diagnostics.length === 0)).toEqual([]);
    expect(await client.stop()).toBe(0);
  });
});
