// Seeded generators of YAML mutations for the differential parse test: random edits that mostly
// break the YAML (to exercise error paths) and layout edits that mostly keep it valid.

const PIECES = [":", ": ", "- ", " ", "  ", "\n", "\t", "#", "[", "]", "{", "}", ",", "'", '"', "&a ", "*a", "<<: *a\n", "---\n", "...\n", "? ", "!!str ", "|\n", ">-\n", "__proto__: 1\n", "\\", "%YAML 1.1\n", "key: value\n", "{{ .Values.x }}", "0x", "~"];

export function mutate(text: string, next: () => number): string {
  const pick = (n: number) => Math.floor(next() * n);
  // A window of the file keeps inputs small; several edits make structural mistakes likely.
  const lines = text.split("\n");
  const from = pick(lines.length);
  let result = lines.slice(from, from + 3 + pick(30)).join("\n");
  for (let edits = 1 + pick(3); edits > 0; edits--) {
    const at = pick(result.length + 1);
    switch (pick(5)) {
      case 0:
        result = result.slice(0, at) + PIECES[pick(PIECES.length)] + result.slice(at);
        break;
      case 1:
        result = result.slice(0, at) + result.slice(at + 1 + pick(12));
        break;
      case 2: {
        const rows = result.split("\n");
        const row = pick(rows.length);
        rows.splice(pick(rows.length), 0, rows[row] ?? "");
        result = rows.join("\n");
        break;
      }
      case 3: {
        const rows = result.split("\n");
        const row = pick(rows.length);
        rows[row] = next() < 0.5 ? ` ${rows[row]}` : (rows[row] ?? "").replace(/^ {1,2}/, "");
        result = rows.join("\n");
        break;
      }
      default:
        result = result.slice(0, at) + String.fromCharCode(32 + pick(95)) + result.slice(at);
    }
  }
  return result;
}

const LAYOUT_PIECES = [
  "# note",
  "#",
  "# - a: b",
  "",
  "   ",
  "---",
  "key: value",
  "k: |\n  line one\n\n  line two",
  "k: >-\n  folded\n  text\n\n  more",
  "list:\n- a\n- b",
  "e:",
  "q: 'it''s'",
  'd: "a\\tb\\u00e9\\x41"',
  "f: [a, 'b', {c: d}, []]",
  'j: {"x":1, "y": [true, null]}',
  "g: {}",
  "n: ~",
  "x: 0x1F",
  "y: -.5e3",
  "t: True",
  "z: null",
  "1: one",
  "...",
  "m: [\n  a, # c\n  'b',\n  {c: -1}\n  ]",
  '---\n{\n  "kind": "ConfigMap",\n  "data": {"k": "v", "n": [1, -2.5e3, true, null]}\n}',
];

/** Edits that keep YAML valid more often than not: comment and blank lines at any indentation, trailing comments and spaces, documents, scalar styles. */
export function layoutMutate(text: string, next: () => number): string {
  const pick = (n: number) => Math.floor(next() * n);
  const lines = text.split("\n");
  const from = pick(lines.length);
  const rows = lines.slice(from, from + 5 + pick(60));
  for (let edits = 1 + pick(4); edits > 0; edits--) {
    const row = pick(rows.length + 1);
    const indent = " ".repeat(pick(14));
    switch (pick(6)) {
      case 0:
        rows.splice(row, 0, `${indent}# comment ${pick(100)}`);
        break;
      case 1:
        rows.splice(row, 0, indent.slice(0, pick(indent.length + 1)));
        break;
      case 2:
        if (rows[row] !== undefined && !rows[row]!.includes("#")) rows[row] += " # trailing";
        break;
      case 3:
        if (rows[row] !== undefined) rows[row] += " ".repeat(1 + pick(3));
        break;
      case 4: {
        const base = rows[row] ?? "";
        const lead = " ".repeat(base.length - base.trimStart().length);
        rows.splice(row, 0, ...LAYOUT_PIECES[pick(LAYOUT_PIECES.length)]!.split("\n").map((piece) => lead + piece));
        break;
      }
      default:
        rows.splice(row, 0, "---");
    }
  }
  return rows.join("\n") + (next() < 0.5 ? "\n" : "");
}
