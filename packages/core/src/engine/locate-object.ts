import type { K8sObject } from "../model/object.js";
import { NO_CHILD } from "../source/span-table.js";
import { walkFieldUnder } from "../source/spans.js";
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
  // Read straight off the walk: a located field's objects, made for every finding, were garbage at once.
  const field = walkFieldUnder(object.document, object.basePath, target);
  const isCollection = field.collection !== NO_CHILD;
  const wantKey = at === "key" || (at === "auto" && (isCollection || !field.hasValue || !field.exact));
  const useKey = field.hasKey && (wantKey || !field.hasValue);
  if (!useKey && !field.hasValue) {
    const start = object.document.start;
    return lines.range(start, lines.lineEnd(lines.position(start).line));
  }
  const start = useKey ? field.keyStart : field.valueStart;
  const end = useKey ? field.keyEnd : field.valueEnd;
  if (!field.hasKey && isCollection) return lines.range(start, Math.min(end, lines.lineEnd(lines.position(start).line)));
  return lines.range(start, end);
}
