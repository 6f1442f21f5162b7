import { lintTextsSync, resolveConfig } from "@statelint/core";
import { seededRandom } from "@statelint/core/testing";
import { builtinRegistry } from "@statelint/rules";
import { afterEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver";
import { toDiagnostic } from "../src/server/to-lsp.js";
import { LspClient, uriOf, workspace } from "./support/lsp-client.js";
import { statefulSetPair } from "./support/manifests.js";

type Edit = (text: string, pick: <T>(items: readonly T[]) => T) => string;

function replaceOne(text: string, pattern: RegExp, pick: <T>(items: readonly T[]) => T, replacement: (line: string) => string): string {
  const matches = [...text.matchAll(new RegExp(pattern.source, "gm"))];
  if (matches.length === 0) return text;
  const match = pick(matches);
  return text.slice(0, match.index) + replacement(match[0]) + text.slice(match.index + match[0].length);
}

/** Edits inside one document: the documents after it move by characters on their lines, or by whole lines. */
const EDITS: Readonly<Record<string, Edit>> = {
  headless: (text, pick) => replaceOne(text, /^ {2}clusterIP: .*$/, pick, () => `  clusterIP: ${pick(["None", "10.0.0.1", "10.100.200.1"])}`),
  replicas: (text, pick) => replaceOne(text, /^ {2}replicas: .*$/, pick, () => `  replicas: ${pick(["1", "3", "12"])}`),
  serviceName: (text, pick) => replaceOne(text, /^ {2}serviceName: .*$/, pick, () => `  serviceName: db-${pick(["0", "1", "2", "x"])}`),
  comment: (text, pick) => replaceOne(text, /^ {2}replicas: .*$/, pick, (line) => `${line}\n  # scaled by hand`),
  uncomment: (text, pick) => replaceOne(text, /^ {2}# scaled by hand\n/, pick, () => ""),
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
