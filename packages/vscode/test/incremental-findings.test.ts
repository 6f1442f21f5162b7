import { IncrementalLinter, lintFilesSync, parseSource, placedFindings, resolveConfig } from "@statelint/core";
import { seededRandom } from "@statelint/core/testing";
import { builtinRegistry } from "@statelint/rules";
import { describe, expect, it } from "vitest";
import { IncrementalParser } from "../src/service/incremental-parse.js";
import { IN_DOCUMENT_EDITS, replaceOne, type Edit, type Pick } from "./support/edits.js";
import { statefulSetPair } from "./support/manifests.js";

/*
 * The incremental linter keeps each object's own findings as computed and moves them with their
 * document; a file's findings are those runs placed and merged with the findings that span
 * documents. Here every finding must equal a fresh lint's exactly: same order, every offset,
 * related location and fix, after edits that change how many documents there are, edit
 * suppressions, or make findings that point into other documents.
 */

/** Pairs in a namespace, with replicas varying so that replica rules fire on some. */
function pair(index: number, namespace: string): string {
  return statefulSetPair(index, { namespace, replicas: 1 + (index % 3) });
}

function documentsOf(text: string): string[] {
  return text.split(/^---\n/m);
}

const EDITS: Readonly<Record<string, Edit>> = {
  ...IN_DOCUMENT_EDITS,
  disableNextLine: (text, pick) => replaceOne(text, /^ {2}replicas: .*$/, pick, (line) => `  # statelint-disable-next-line ${pick(["replicas-single", "replication-unconfigured", "no-such-rule", ""])}\n${line}`),
  editDirective: (text, pick) => replaceOne(text, /^ {2}# statelint-disable-next-line.*$/, pick, () => `  # statelint-disable-next-line ${pick(["replicas-single", "zone-spread-missing", ""])}`),
  dropDirective: (text, pick) => replaceOne(text, /^ {2}# statelint-disable-next-line.*\n/, pick, () => ""),
  annotate: (text, pick) => replaceOne(text, /^ {2}name: db-.*$/, pick, (line) => `${line}\n  annotations:\n    ignore.statelint.io/${pick(["replicas-single", "sts-service-not-headless"])}: "known"`),
  deleteDocument: (text, pick) => {
    const documents = documentsOf(text);
    if (documents.length < 3) return text;
    documents.splice(pick(documents.map((_, index) => index)), 1);
    return documents.join("---\n");
  },
  addDocument: (text, pick) => {
    const documents = documentsOf(text);
    documents.splice(pick(documents.map((_, index) => index)), 0, ...documentsOf(pair(pick([0, 1, 2, 40]), pick(["bench", "other"]))).filter(Boolean));
    return documents.join("---\n");
  },
  // The same object twice: the second reports on itself and relates the first.
  duplicate: (text, pick) => {
    const documents = documentsOf(text);
    documents.splice(pick(documents.map((_, index) => index)), 0, pick(documents));
    return documents.join("---\n");
  },
  lineShift: (text) => `# edited above\n${text}`,
  // The other documents keep their text (and their parsed values), but fixes follow the file's line endings.
  lineEndings: (text) => {
    const last = text.lastIndexOf("---\n");
    if (last < 0) return text;
    const tail = text.slice(last + 4);
    return text.slice(0, last + 4) + (tail.includes("\r\n") ? tail.replaceAll("\r\n", "\n") : tail.replaceAll("\n", "\r\n"));
  },
  breakYaml: (text, pick) => replaceOne(text, /^ {2}replicas: .*$/, pick, () => "  replicas: [3"),
  image: (text, pick) => replaceOne(text, /^ +image: .*$/, pick, () => `          image: ${pick(["postgres:16.2", "postgres:latest", "postgres"])}`),
};

describe("the incremental linter's findings of one long open file", () => {
  for (const seed of [21, 22, 23]) {
    it(`equal a fresh lint's, in order and offset by offset, after each of 80 edits (seed ${seed})`, () => {
      const registry = builtinRegistry();
      const config = resolveConfig(registry).config;
      const path = "/workspace/bundle.yaml";
      let text = Array.from({ length: 20 }, (_, index) => pair(index, "bench")).join("---\n");
      const parser = new IncrementalParser();
      const linter = new IncrementalLinter(registry);
      const next = seededRandom(seed);
      const pick: Pick = (items) => items[Math.floor(next() * items.length)] as never;
      for (let step = -1; step < 80; step++) {
        const kind = step < 0 ? "open" : pick(Object.keys(EDITS));
        if (step >= 0) text = (EDITS[kind] as Edit)(text, pick);
        linter.update([parser.parse(path, text)], () => config);
        const expected = lintFilesSync([parseSource(path, text)], { registry, config }).findings;
        const message = `seed ${seed}, step ${step}: ${kind}`;
        expect(linter.findingsOf(path), message).toEqual(expected);
        expect(placedFindings(linter.runsOf(path)), message).toEqual(expected);
      }
    });
  }
});
