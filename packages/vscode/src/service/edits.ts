import { applyFixes, locateField, type Finding, type K8sObject, type MapSpans, type SourceFile, type TextEdit } from "@statelint/core";

const ANNOTATION_PREFIX = "ignore.statelint.io/";
const REASON_PLACEHOLDER = '"reason"';

function newline(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/** Comment directives are YAML comments; in a `.json` file they would break every other JSON tool. */
export function acceptsComments(file: SourceFile): boolean {
  return !file.path.toLowerCase().endsWith(".json");
}

/** `# statelint-disable-next-line <rule> -- ` above the finding's first line, indented like it. */
export function disableNextLineEdit(file: SourceFile, finding: Finding): TextEdit {
  const line = finding.range.start.line;
  const indent = /^[ \t]*/.exec(file.lines.lineText(line))?.[0] ?? "";
  const start = file.lines.lineStart(line);
  return { start, end: start, text: `${indent}# statelint-disable-next-line ${finding.ruleId} -- ${newline(file.text)}` };
}

/** Annotation keys allow one slash, so `policy/<id>` is written `policy.<id>` (as core reads it back). */
export function annotationKey(ruleId: string): string {
  return ANNOTATION_PREFIX + (ruleId.startsWith("policy/") ? `policy.${ruleId.slice("policy/".length)}` : ruleId);
}

/** Inserts `entry` before the closing brace of a flow mapping. */
function insertIntoFlowMap(file: SourceFile, map: MapSpans, entry: string): TextEdit | undefined {
  const close = file.text.lastIndexOf("}", map.end - 1);
  if (close < map.start) return undefined;
  let at = close;
  while (at > map.start && /\s/.test(file.text[at - 1] ?? "")) at--;
  return { start: at, end: at, text: `${map.keys.length === 0 ? "" : ", "}${entry}` };
}

/** Column (0-based) of the first key of a block mapping, and the offset its last line ends at. */
function blockMapShape(file: SourceFile, map: MapSpans): { indent: number; insertAt: number } {
  const indent = file.lines.position(map.offsets[0] ?? map.start).column - 1;
  const lastLine = file.lines.position(Math.max(map.start, map.end - 1)).line;
  return { indent, insertAt: file.lines.lineEnd(lastLine) };
}

/**
 * Adds `ignore.statelint.io/<rule>: "reason"` under the object's `metadata.annotations`, creating
 * `annotations:` when it is missing. Returns `undefined` when the object has no `metadata` mapping
 * to put it in.
 */
export function ignoreObjectEdit(file: SourceFile, object: K8sObject, ruleId: string): TextEdit | undefined {
  const key = annotationKey(ruleId);
  const eol = newline(file.text);
  const locate = (path: readonly string[]) => locateField(object.document.spans, object.document.span, [...object.basePath, ...path]);
  const annotations = locate(["metadata", "annotations"]);
  if (annotations.exact && annotations.collection?.kind === "map") {
    const map = annotations.collection;
    if (map.flow) return insertIntoFlowMap(file, map, `${JSON.stringify(key)}: ${REASON_PLACEHOLDER}`);
    const { indent, insertAt } = blockMapShape(file, map);
    return { start: insertAt, end: insertAt, text: `${eol}${" ".repeat(indent)}${key}: ${REASON_PLACEHOLDER}` };
  }
  if (annotations.exact && annotations.key && !annotations.value) {
    // `annotations:` written with nothing after it.
    const keyAt = file.lines.position(annotations.key.start);
    const insertAt = file.lines.lineEnd(keyAt.line);
    return { start: insertAt, end: insertAt, text: `${eol}${" ".repeat(keyAt.column - 1 + 2)}${key}: ${REASON_PLACEHOLDER}` };
  }
  if (annotations.exact) return undefined;
  const metadata = locate(["metadata"]);
  const map = metadata.collection;
  if (!metadata.exact || map?.kind !== "map" || !metadata.key) return undefined;
  if (map.flow) return insertIntoFlowMap(file, map, `"annotations": {${JSON.stringify(key)}: ${REASON_PLACEHOLDER}}`);
  const { indent, insertAt } = blockMapShape(file, map);
  const step = Math.max(1, indent - (file.lines.position(metadata.key.start).column - 1));
  const pad = " ".repeat(indent);
  return { start: insertAt, end: insertAt, text: `${eol}${pad}annotations:${eol}${pad}${" ".repeat(step)}${key}: ${REASON_PLACEHOLDER}` };
}

/**
 * Every safe fix of a file as one edit covering only the changed span. Core's `applyFixes` picks
 * the non-overlapping fixes, so the editor applies exactly what `statelint --fix` would.
 */
export function fixAllEdit(file: SourceFile, findings: readonly Finding[]): TextEdit | undefined {
  const fixes = findings.flatMap((finding) => (finding.fix ? [finding.fix] : []));
  if (fixes.length === 0) return undefined;
  const before = file.text;
  const after = applyFixes(before, fixes).text;
  if (after === before) return undefined;
  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start: prefix, end: before.length - suffix, text: after.slice(prefix, after.length - suffix) };
}
