// The differential guard of the parse path: on every fixture, every real-world manifest, a set of
// YAML corner cases and 10,000 seeded mutations of them, parseSource must give exactly what the
// `yaml` Document path gave (values, spans, syntax and duplicate-key problems with their ranges).
// Most manifests take the fast common-YAML parser, so a further 10,000 mutations keep the YAML
// valid and move comments, blank lines, documents and scalar styles around, where that parser's
// positions are hardest to get right; the test also checks that the fast parser really ran.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { fileURLToPath } from "node:url";
import { parseSource, type SourceFile } from "@statelint/core";
import { seededRandom } from "@statelint/core/testing";
import { describe, expect, it } from "vitest";
import { parseCommonYaml } from "../src/source/common-yaml.js";
import { LineIndex } from "../src/source/position.js";
import { parseWithYamlDocuments, spanTree, type OracleFile } from "./support/yaml-document-oracle.js";
import { layoutMutate, mutate } from "./support/yaml-mutations.js";

const FIXTURES = fileURLToPath(new URL("../../../fixtures/", import.meta.url));
const MUTATIONS = 10_000;

function manifestFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return manifestFiles(path);
    return /\.(ya?ml|json)$/.test(entry.name) ? [path] : [];
  });
}

const CORNER_CASES: readonly string[] = [
  "base: &b { a: 1, b: 2 }\nderived:\n  <<: *b\n  b: 3\n",
  "x: &a [1, 2]\n<<: [*a]\ny: *a\n",
  "__proto__: { polluted: true }\nconstructor: 1\n",
  "a: 1\na: 2\nb: { c: 1, c: 2 }\n",
  '{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}}]}',
  "%YAML 1.1\n---\non: yes\noff: no\noctal: 0777\ntime: 2001-12-14t21:59:43.10-05:00\n",
  "%YAML 1.2\n---\na: b\n...\n---\nc: d\n",
  "a: *missing\n",
  "a: &a [x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: &d [*c, *c, *c, *c]\ne: &e [*d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
  "key: |\n  literal\n  text\nfolded: >-\n  one\n  two\nempty:\n? complex\n: value\n",
  "- !!str 123\n- !!int '7'\n- ~\n- .inf\n- -.NaN\n- 0x1F\n- 1e3\n- 'it''s'\n- \"tab\\tx\"\n",
  "---\n---\n# only a comment\n---\na: [1, {b: 2}, [3]]\n",
  "a:\n  - b: 1\n    c: 2\n  -\n  - - nested\n",
  "a: b: c\n",
  "a: 'unterminated\n",
  "{ a: 1, b\n",
  "\t- tab\n",
  "? [a, b]\n: c\n{x: 1}: y\n",
  "\ufeffapiVersion: v1\nkind: ConfigMap\n",
  "a: 1\r\nb:\r\n  - 2\r\n",
];

function takesFastPath(text: string): boolean {
  return parseCommonYaml(text, new LineIndex(text), 512) !== undefined;
}

/** A parse with its span tables read into the oracle's layout of spans. */
function comparable(file: SourceFile) {
  return { documents: file.documents.map((document) => ({ ...document, spans: spanTree(document) })), problems: file.problems };
}

function comparableOracle(file: OracleFile) {
  return { documents: file.documents, problems: file.problems };
}

/** Returns how many problems the input has, so the test can check that errors were exercised. */
function expectSameParse(path: string, text: string): number {
  const actual = comparable(parseSource(path, text));
  const expected = comparableOracle(parseWithYamlDocuments(path, text));
  // isDeepStrictEqual first: expect().toEqual over 10,000 inputs would be slow; it explains a difference.
  if (!isDeepStrictEqual(actual, expected)) expect({ text, ...actual }).toStrictEqual({ text, ...expected });
  return actual.problems.length;
}

const files = manifestFiles(FIXTURES).map((path) => ({ path, text: readFileSync(path, "utf8") }));
/** The real-world manifests written as JSON, as kubectl, jsonnet or kustomize may print them. */
const jsonRenderings = files
  .filter((file) => file.path.includes("real-world"))
  .flatMap((file) => parseWithYamlDocuments(file.path, file.text).documents.filter((doc) => doc.value !== null && doc.value !== undefined))
  .map((doc, index) => JSON.stringify(doc.value, null, index % 2 === 0 ? 2 : undefined));

describe("parseSource matches the yaml Document path", () => {
  it("on every fixture and real-world manifest", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((file) => file.path.includes("real-world"))).toBe(true);
    for (const file of files) expectSameParse(file.path, file.text);
    // The fast parser must take nearly all real manifests, or this test would only prove the fallback.
    expect(files.filter((file) => takesFastPath(file.text)).length).toBeGreaterThan(files.length * 0.95);
  });

  it("on YAML corner cases: merge keys, aliases, __proto__, JSON, directives, tags, errors", () => {
    for (const text of CORNER_CASES) expectSameParse("corner.yaml", text);
  });

  it("on plain scalars that read as numbers or nearly do, as values and as keys", () => {
    const scalars = ["10.96.0.1", "8.15.0", "1.2.3e4", "1.5", "-1.", ".5", "+.5e-3", "..5", ".inf", "-.Inf", ".inf.", ".nan", "1.e5", "0x1F", "0x1.F", "0o17", "0o1.7", "1e3", "1.2e3.4", "-0", "007", "123456789012345678", "2Gi", "1.5Gi"];
    const values = scalars.map((scalar) => `- ${scalar}\n`).join("");
    const keys = scalars.map((scalar, index) => `${scalar}: ${index}\n`).join("");
    for (const text of [values, keys]) {
      expectSameParse("numbers.yaml", text);
      expect(takesFastPath(text)).toBe(true);
    }
  });

  it("on documents that outgrow the rest of their span slab, or a slab's share", () => {
    const small = (index: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: small-${index}\ndata:\n  key: value\n`;
    const large = (keys: number) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: large\ndata:\n${Array.from({ length: keys }, (_, index) => `  key-${index}: value-${index}\n`).join("")}` +
      `items:\n${Array.from({ length: keys / 4 }, (_, index) => `  - name: item-${index}\n    ports: [${index}, ${index + 1}]\n`).join("")}`;
    // Small documents fill slabs, so some start near a slab's end; large ones grow the buffer of large documents twice.
    const documents = [...Array.from({ length: 400 }, (_, index) => small(index)), large(1_000), small(400), large(4_000), large(600), small(401)];
    const text = documents.join("---\n");
    expect(takesFastPath(text)).toBe(true);
    expectSameParse("slabs.yaml", text);
  });

  it("on keys repeated in short and long mappings, block and flow", () => {
    const keys = (count: number, repeat: number) => Array.from({ length: count }, (_, index) => `k${index === repeat ? 0 : index}`);
    const texts = [3, 8, 9, 12].flatMap((count) =>
      [1, count - 1].map((repeat) => {
        const block = keys(count, repeat).map((key, index) => `  ${key}: ${index}\n`).join("");
        const flow = keys(count, repeat).map((key, index) => `${key}: ${index}`).join(", ");
        return `block:\n${block}flow: {${flow}}\nlast: 1\nlast: 2\n`;
      }),
    );
    for (const text of texts) {
      expect(takesFastPath(text)).toBe(true);
      expect(expectSameParse("repeats.yaml", text)).toBe(3);
    }
  });

  it("on the real-world manifests written as JSON, all of which the fast parser takes", () => {
    expect(jsonRenderings.length).toBeGreaterThan(50);
    for (const text of jsonRenderings) {
      expectSameParse("rendered.json", text);
      expect(takesFastPath(text)).toBe(true);
    }
  });

  // Four slices of one seeded sequence, each within a test's time limit on a busy machine.
  const SLICES = 4;
  const next = seededRandom(20261130);
  const inputs = [...files.map((file) => file.text), ...CORNER_CASES, ...jsonRenderings];
  for (let slice = 0; slice < SLICES; slice++) {
    it(`on seeded mutations of them (${slice + 1} of ${SLICES}, ${MUTATIONS / SLICES} each)`, () => {
      let withProblems = 0;
      for (let i = 0; i < MUTATIONS / SLICES; i++) {
        const text = mutate(inputs[Math.floor(next() * inputs.length)]!, next);
        if (expectSameParse(`mutated-${slice}-${i}.yaml`, text) > 0) withProblems++;
      }
      // The mutations must exercise the error paths, not only clean YAML.
      expect(withProblems).toBeGreaterThan(MUTATIONS / SLICES / 10);
    }, 120_000);
  }

  const nextLayout = seededRandom(20261201);
  for (let slice = 0; slice < SLICES; slice++) {
    it(`on seeded layout mutations that mostly stay valid YAML (${slice + 1} of ${SLICES}, ${MUTATIONS / SLICES} each)`, () => {
      let fast = 0;
      for (let i = 0; i < MUTATIONS / SLICES; i++) {
        const text = layoutMutate(inputs[Math.floor(nextLayout() * inputs.length)]!, nextLayout);
        expectSameParse(`layout-${slice}-${i}.yaml`, text);
        if (takesFastPath(text)) fast++;
      }
      expect(fast).toBeGreaterThan(MUTATIONS / SLICES / 4);
    }, 120_000);
  }
});
