import { isMap, isScalar, isSeq, stringify, type Document } from "yaml";
import { locateField } from "../source/locate.js";
import type { FieldPath } from "../source/path.js";
import type { LineIndex } from "../source/position.js";

/** Replace `[start, end)` of the file text with `text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Fix {
  readonly edits: readonly TextEdit[];
}

/** Builds text edits against an object's source; paths are relative to the object. */
export interface Fixer {
  /** Replace the value at `path` with `value`, written as YAML (or JSON in a flow/JSON document). */
  replaceValue(path: FieldPath, value: unknown): TextEdit | null;
  /** Add `key: value` to the mapping at `mapPath`, matching its indentation and style. */
  insertKey(mapPath: FieldPath, key: string, value: unknown): TextEdit | null;
}

function isFlowContext(text: string, offset: number): boolean {
  const char = text[offset];
  return char === "{" || char === "[";
}

function renderFlow(value: unknown): string {
  return JSON.stringify(value);
}

function renderBlockValue(value: unknown, indent: number): string {
  if (value === null || typeof value !== "object") return renderFlow(value).replace(/^"([A-Za-z][\w.-]*)"$/, "$1");
  const body = stringify(value, { indent: 2, lineWidth: 0 }).trimEnd();
  const pad = " ".repeat(indent + 2);
  return "\n" + body.split("\n").map((line) => pad + line).join("\n");
}

export function createFixer(doc: Document, text: string, lines: LineIndex, basePath: FieldPath): Fixer {
  const resolve = (path: FieldPath) => locateField(doc, [...basePath, ...path]);
  return {
    replaceValue(path, value) {
      const field = resolve(path);
      if (!field.exact || !field.value) return null;
      const flow = isFlowContext(text, field.value.start) || text[field.value.start] === '"';
      const rendered = typeof value === "string" && !flow ? value : renderFlow(value);
      return { start: field.value.start, end: field.value.end, text: rendered };
    },
    insertKey(mapPath, key, value) {
      const field = resolve(mapPath);
      if (!field.exact || !field.value) return null;
      const node = doc.getIn([...basePath, ...mapPath], true);
      if (!isMap(node)) return null;
      if (node.flow || isFlowContext(text, field.value.start)) {
        const close = field.value.end - 1;
        if (text[close] !== "}") return null;
        const empty = node.items.length === 0;
        let insertAt = close;
        while (insertAt > field.value.start && /\s/.test(text[insertAt - 1] ?? "")) insertAt--;
        return { start: insertAt, end: insertAt, text: `${empty ? "" : ", "}${JSON.stringify(key)}: ${renderFlow(value)}` };
      }
      const firstKey = node.items[0]?.key;
      if (!isScalar(firstKey) || !firstKey.range) return null;
      const keyStart = lines.position(firstKey.range[0]);
      const indent = keyStart.column - 1;
      const lastLine = lines.position(Math.max(field.value.start, field.value.end - 1)).line;
      const insertAt = lines.lineEnd(lastLine);
      const rendered = renderBlockValue(value, indent);
      const separator = rendered.startsWith("\n") ? "" : " ";
      return { start: insertAt, end: insertAt, text: `\n${" ".repeat(indent)}${key}:${separator}${rendered}` };
    },
  };
}

/** Whether a sequence or map node is written in flow style (used by rules choosing how to fix). */
export function isFlowCollection(doc: Document, path: FieldPath): boolean {
  const node = doc.getIn(path, true);
  return (isMap(node) || isSeq(node)) && node.flow === true;
}

/**
 * Applies non-overlapping fixes in order; a fix that overlaps an earlier one is left for a later
 * pass (as ESLint does), so every applied edit sees the text it was computed against.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number; remaining: number } {
  const sorted = fixes
    .map((fix) => ({ fix, start: Math.min(...fix.edits.map((edit) => edit.start)), end: Math.max(...fix.edits.map((edit) => edit.end)) }))
    .filter((entry) => entry.fix.edits.length > 0)
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
