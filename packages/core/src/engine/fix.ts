import type { SourceDocument } from "../source/parse.js";
import type { FieldPath } from "../source/path.js";
import type { LineIndex } from "../source/position.js";
import { locateFieldUnder } from "../source/spans.js";

/** Replace `[start, end)` of the file text with `text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Fix {
  /** What the fix does, short and imperative (`Set clusterIP: None`): the editor's quick-fix title. */
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/** Builds text edits against an object's source; paths are relative to the object. */
export interface Fixer {
  /** Replace the value at `path` with `value`, written as YAML (or JSON in a flow/JSON context). */
  replaceValue(path: FieldPath, value: unknown): TextEdit | null;
  /**
   * Add `key: value` to the mapping at `mapPath` (or under a key written with no value), matching
   * its indentation, style and line endings. `quoteStrings` writes strings quoted: for
   * placeholders the user will type free text into.
   */
  insertKey(mapPath: FieldPath, key: string, value: unknown, options?: { readonly quoteStrings?: boolean }): TextEdit | null;
}

function renderFlow(value: unknown): string {
  return JSON.stringify(value);
}

/** Strings YAML reads back as the same string without quotes (not a number, bool, null or indicator). */
const PLAIN_SAFE = /^(?![-?:,[\]{}#&*!|>'"%@`\s])(?!(?:true|false|null|yes|no|on|off|~)$)(?![-+]?(?:\d|\.\d))[^:#\n]*(?<!\s)$/i;

function renderScalar(value: unknown, quoteStrings = false): string {
  return typeof value === "string" && !quoteStrings && PLAIN_SAFE.test(value) ? value : renderFlow(value);
}

/**
 * Fix values are small plain data (`{ whenDeleted: Retain }`, `[ReadWriteOnce]`), so they are
 * written directly rather than through a full YAML stringifier on every finding.
 */
function renderBlockValue(value: unknown, indent: number, quoteStrings = false): string {
  if (value === null || typeof value !== "object") return renderScalar(value, quoteStrings);
  const pad = " ".repeat(indent + 2);
  if (Array.isArray(value)) {
    return value.map((item) => `\n${pad}- ${renderBlockValue(item, indent + 2, quoteStrings).replace(/^\n\s*/, "")}`).join("");
  }
  return Object.entries(value)
    .map(([key, inner]) => {
      const rendered = renderBlockValue(inner, indent + 2, quoteStrings);
      return `\n${pad}${renderScalar(key)}:${rendered.startsWith("\n") ? "" : " "}${rendered}`;
    })
    .join("");
}

/** The last file's line ending: fixes come object by object, so a file with many of them is scanned once. */
let lastEnding: { readonly text: string; readonly eol: string } | undefined;

function lineEndingOf(text: string): string {
  if (lastEnding?.text !== text) lastEnding = { text, eol: text.includes("\r\n") ? "\r\n" : "\n" };
  return lastEnding.eol;
}

/**
 * An edit whose text is written when first read. Where an edit goes decides whether a finding is
 * fixable, which every report shows; its text is read only by `--fix` and the editor's quick fixes,
 * and writing it for each of a large run's findings was a good part of their cost.
 */
function editWrittenOnDemand(start: number, end: number, write: () => string): TextEdit {
  let written: string | undefined;
  return {
    start,
    end,
    get text() {
      return (written ??= write());
    },
  };
}

export function createFixer(document: SourceDocument, text: string, lines: LineIndex, basePath: FieldPath): Fixer {
  const resolve = (path: FieldPath) => locateFieldUnder(document, basePath, path);
  const blockEntry = (at: number, indent: number, key: string, value: unknown, quoteStrings: boolean) =>
    editWrittenOnDemand(at, at, () => {
      // Inserted lines follow the file's own line endings, so a fix never mixes CRLF and LF.
      const eol = lineEndingOf(text);
      const rendered = renderBlockValue(value, indent, quoteStrings);
      const separator = rendered.startsWith("\n") ? "" : " ";
      return `${eol}${" ".repeat(indent)}${key}:${separator}${rendered}`.replace(/\r?\n/g, eol);
    });
  return {
    replaceValue(path, value) {
      const field = resolve(path);
      if (!field.exact || !field.value) return null;
      const first = text[field.value.start];
      const quotedOrFlow = first === '"' || first === "{" || first === "[";
      const rendered = typeof value === "string" && !quotedOrFlow ? value : renderFlow(value);
      return { start: field.value.start, end: field.value.end, text: rendered };
    },
    insertKey(mapPath, key, value, options = {}) {
      const quoteStrings = options.quoteStrings === true;
      const field = resolve(mapPath);
      if (!field.exact) return null;
      const map = field.collection;
      if (!map && field.key && !field.value) {
        // `annotations:` written with nothing after it: the new key becomes its first entry.
        const keyAt = lines.position(field.key.start);
        return blockEntry(lines.lineEnd(keyAt.line), keyAt.column - 1 + 2, key, value, quoteStrings);
      }
      if (!map || map.kind !== "map") return null;
      if (map.flow) {
        const close = map.end - 1;
        if (text[close] !== "}") return null;
        let insertAt = close;
        while (insertAt > map.start && /\s/.test(text[insertAt - 1] ?? "")) insertAt--;
        const separator = map.size === 0 ? "" : ", ";
        return { start: insertAt, end: insertAt, text: `${separator}${JSON.stringify(key)}: ${renderFlow(value)}` };
      }
      if (map.size === 0) return null;
      const indent = lines.position(map.entryStart(0)).column - 1;
      const insertAt = lines.lineEnd(lines.position(Math.max(map.start, map.end - 1)).line);
      return blockEntry(insertAt, indent, key, value, quoteStrings);
    },
  };
}

/**
 * Applies non-overlapping fixes in order; a fix that overlaps an earlier one is left for a later
 * pass (as ESLint does), so every applied edit sees the text it was computed against.
 */
export function applyFixes(text: string, fixes: readonly Pick<Fix, "edits">[]): { text: string; applied: number; remaining: number } {
  const sorted = fixes
    .filter((fix) => fix.edits.length > 0)
    .map((fix) => ({ fix, start: Math.min(...fix.edits.map((edit) => edit.start)), end: Math.max(...fix.edits.map((edit) => edit.end)) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const chosen: TextEdit[] = [];
  let lastEnd = -1;
  let applied = 0;
  for (const entry of sorted) {
    // Two edits touching the same offset have no defined order; the later one waits for a next pass.
    if (entry.start <= lastEnd) continue;
    chosen.push(...entry.fix.edits);
    lastEnd = entry.end;
    applied++;
  }
  chosen.sort((a, b) => b.start - a.start || b.end - a.end);
  let output = text;
  for (const edit of chosen) output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
  return { text: output, applied, remaining: sorted.length - applied };
}
