import type { K8sObject } from "../model/object.js";
import { locateFieldUnder } from "../source/spans.js";
import type { FieldPath } from "../source/path.js";
import type { SourceRange } from "../source/position.js";

const KIND: FieldPath = ["kind"];

export type Anchor = "key" | "value" | "auto";

/**
 * The source range of a field of an object. Scalars are covered by their value, blocks by their
 * key (so a finding on `spec.template` does not paint fifty lines); a sequence item without a key
 * is covered by its first line. A path that does not exist falls back to its deepest ancestor,
 * and an empty path to the object's `kind`.
 */
export function rangeOfField(object: K8sObject, path: FieldPath | undefined, at: Anchor = "auto"): SourceRange {
  const lines = object.file.lines;
  const target = path && path.length > 0 ? path : KIND;
  const field = locateFieldUnder(object.document, object.basePath, target);
  const wantKey = at === "key" || (at === "auto" && (field.collection !== undefined || !field.value || !field.exact));
  const span = wantKey ? (field.key ?? field.value) : (field.value ?? field.key);
  if (!span) {
    const start = object.document.start;
    return lines.range(start, lines.lineEnd(lines.position(start).line));
  }
  if (!field.key && field.collection) {
    const startLine = lines.position(span.start).line;
    return lines.range(span.start, Math.min(span.end, lines.lineEnd(startLine)));
  }
  return lines.range(span.start, span.end);
}
