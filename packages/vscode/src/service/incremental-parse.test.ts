import { parseSource, type SourceFile } from "@statelint/core";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IncrementalParser } from "./incremental-parse.js";

const doc = (index: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${index} # comment\n  labels: {app: a${index}, tier: [x, y]}\ndata:\n  script: |\n    echo ${index}\n    --- not a marker inside indentation\n`;
const many = (count: number, separator = "---\n") => Array.from({ length: count }, (_, index) => doc(index)).join(separator);

/** What lint rules and the editor read from a parsed file. */
function shape(file: SourceFile) {
  return { text: file.text, lineCount: file.lines.lineCount, documents: file.documents, problems: file.problems };
}

const cases: Record<string, string> = {
  "plain multi-document": many(12),
  "leading comment and marker": `# header\n---\n${many(10)}`,
  "leading marker": `---\n${many(10)}`,
  "trailing marker and empty documents": `${many(9)}---\n---\n# only a comment\n---\n`,
  "CRLF line endings": many(10).replace(/\n/g, "\r\n"),
  "a syntax error in one document": many(5) + "---\nkind: [unclosed\n---\n" + many(5),
  "duplicate keys": many(5) + "---\nkind: A\nkind: B\n---\n" + many(5),
  "unicode": many(5) + '---\nmetadata:\n  name: "😀 café"\n  x: y\n---\n' + many(5),
  "markers with trailing text": many(10, "--- # next\n"),
  "too few documents": many(3),
  "directives": `%YAML 1.2\n---\n${many(10)}`,
  "document end markers": many(10, "...\n---\n"),
};

describe("IncrementalParser", () => {
  for (const [name, text] of Object.entries(cases)) {
    it(`matches core's whole-file parse: ${name}`, () => {
      expect(shape(new IncrementalParser().parse("f.yaml", text))).toEqual(shape(parseSource("f.yaml", text)));
    });
  }

  it("matches core's parse on the repository's seed manifests", () => {
    const seed = readFileSync(new URL("../../../../fixtures/seed/statefulset-postgresql.yaml", import.meta.url), "utf8");
    const text = Array.from({ length: 8 }, () => seed).join("\n---\n");
    expect(shape(new IncrementalParser().parse("seed.yaml", text))).toEqual(shape(parseSource("seed.yaml", text)));
  });

  it("stays equal to a whole parse across a sequence of edits, reusing untouched documents", () => {
    const parser = new IncrementalParser();
    let text = many(20);
    const first = parser.parse("f.yaml", text);
    for (const edit of [
      (t: string) => t.replace("name: c3 ", "name: renamed "),
      (t: string) => t.replace("echo 7\n", "echo 7\n    echo more\n"),
      (t: string) => t.replace("kind: ConfigMap\nmetadata:\n  name: c11", "kind: ConfigMap\nmetadata:\n  name: [c11"),
      (t: string) => t.replace("name: [c11", "name: c11"),
      (t: string) => t.replace("---\n", ""),
    ]) {
      text = edit(text);
      expect(shape(parser.parse("f.yaml", text))).toEqual(shape(parseSource("f.yaml", text)));
    }
    const again = parser.parse("f.yaml", text);
    // Unchanged documents keep their parsed values.
    expect(again.documents.at(-1)?.value).toBe(parser.parse("f.yaml", text).documents.at(-1)?.value);
    expect(first.documents).toHaveLength(20);
  });
});
