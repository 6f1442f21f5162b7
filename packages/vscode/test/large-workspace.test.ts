import { lintTextsSync, resolveConfig } from "@statelint/core";
import { builtinRegistry } from "@statelint/rules";
import { afterEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver";
import { LspClient, workspace } from "./support/lsp-client.js";
import { SERVICE, STATEFULSET } from "./support/manifests.js";

/** 60 files: a StatefulSet, its governing Service (not headless) in another file, and 58 ConfigMaps. */
function files(statefulSet: string): Record<string, string> {
  const result: Record<string, string> = { "statefulset.yaml": statefulSet, "service.yaml": SERVICE };
  for (let index = 0; index < 58; index++) result[`config-${index}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${index}\ndata:\n  mode: fast\n`;
  return result;
}

/** What a whole lint of the folder (core, no cache) reports on statefulset.yaml, as rule@line:column. */
function wholeLint(texts: Record<string, string>, root: string): string[] {
  const registry = builtinRegistry();
  const sources = Object.entries(texts).map(([name, text]) => ({ path: `${root}/${name}`, text }));
  const result = lintTextsSync(sources, { registry, config: resolveConfig(registry).config });
  return result.findings.filter((finding) => !finding.suppression && finding.file === `${root}/statefulset.yaml`).map((finding) => `${finding.ruleId}@${finding.range.start.line}:${finding.range.start.column}`);
}

function shown(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => `${String(diagnostic.code)}@${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`);
}

let stop: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of stop) await step();
  stop = [];
});

describe("a workspace of 50 files or more", () => {
  it("shows what the opened file says on its own first, then the whole bundle's findings; edits match a whole lint", async () => {
    const texts = files(STATEFULSET);
    const ws = workspace(texts);
    const client = new LspClient();
    stop.push(() => client.stop(), async () => ws.dispose());
    await client.initialize(ws.root, { debounceMs: 0 });
    const uri = ws.uri("statefulset.yaml");
    const first = client.nextPublish(uri);
    await client.open(uri, STATEFULSET);
    const local = shown(await first);
    const whole = wholeLint(texts, ws.root);
    const complete = await client.diagnostics(uri, (diagnostics) => shown(diagnostics).length === whole.length);
    expect(shown(complete).sort()).toEqual([...whole].sort());
    // The first pass holds no finding that needed another file, and the whole pass adds some.
    for (const finding of local) expect(whole).toContain(finding);
    expect(local.length).toBeLessThan(whole.length);

    // Edits re-check the edited file against the cached rest: the result is a whole lint's.
    for (const replicas of ["1", "5", "3"]) {
      const text = STATEFULSET.replace("replicas: 3", `replicas: ${replicas}`);
      await client.change(uri, text);
      const expected = wholeLint({ ...texts, "statefulset.yaml": text }, ws.root).sort();
      // Times out, naming the last diagnostics, unless the server converges on exactly these.
      const published = await client.diagnostics(uri, (diagnostics) => shown(diagnostics).sort().join() === expected.join());
      expect(shown(published).sort()).toEqual(expected);
    }
  });
});
