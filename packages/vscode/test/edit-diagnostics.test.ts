import { lintTextsSync, resolveConfig } from "@statelint/core";
import { seededRandom } from "@statelint/core/testing";
import { builtinRegistry } from "@statelint/rules";
import { afterEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver";
import { toDiagnostic } from "../src/server/to-lsp.js";
import { LspClient, uriOf, workspace } from "./support/lsp-client.js";
import { IN_DOCUMENT_EDITS, replaceOne, type Edit } from "./support/edits.js";
import { statefulSetPair } from "./support/manifests.js";

const EDITS: Readonly<Record<string, Edit>> = {
  ...IN_DOCUMENT_EDITS,
  image: (text, pick) => replaceOne(text, /^ +image: .*$/, pick, () => `          image: ${pick(["postgres:16.2", "postgres:latest", "postgres"])}`),
};

let cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** What a fresh lint of the text shows as diagnostics, in a stable order. */
function freshDiagnostics(path: string, text: string): Diagnostic[] {
  const registry = builtinRegistry();
  const result = lintTextsSync([{ path, text }], { registry, config: resolveConfig(registry).config });
  return sorted(result.findings.filter((finding) => !finding.suppression).map((finding) => toDiagnostic(finding, uriOf)));
}

function sorted(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((diagnostic) => [JSON.stringify(diagnostic), diagnostic] as const).sort(([a], [b]) => (a < b ? -1 : 1)).map(([, diagnostic]) => diagnostic);
}

describe("diagnostics published after edits that move documents", () => {
  for (const seed of [11, 12]) {
    it(`equal a fresh lint of each version of a 40-document file (seed ${seed})`, async () => {
      let text = Array.from({ length: 20 }, (_, index) => statefulSetPair(index)).join("---\n");
      const ws = workspace({ "bundle.yaml": text });
      const client = new LspClient();
      cleanup.push(() => ws.dispose(), () => client.stop());
      await client.initialize(ws.root, { debounceMs: 0 });
      const uri = ws.uri("bundle.yaml");
      const publishOf = (version: number) => client.diagnostics(uri, () => client.published.at(-1)?.uri === uri && client.published.at(-1)?.version === version);

      await client.open(uri, text);
      expect(sorted(await publishOf(1))).toEqual(freshDiagnostics(ws.path("bundle.yaml"), text));
      const next = seededRandom(seed);
      const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
      for (let step = 0; step < 40; step++) {
        const kind = pick(Object.keys(EDITS));
        text = (EDITS[kind] as Edit)(text, pick);
        await client.change(uri, text);
        const published = await publishOf(client.version(uri));
        expect(sorted(published), `seed ${seed}, step ${step}: ${kind}`).toEqual(freshDiagnostics(ws.path("bundle.yaml"), text));
      }
    });
  }
});
