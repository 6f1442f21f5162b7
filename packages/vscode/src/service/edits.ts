import { applyFixes, createFixer, locateField, type Finding, type K8sObject, type SourceFile, type TextEdit } from "@statelint/core";

const ANNOTATION_PREFIX = "ignore.statelint.io/";
const REASON_PLACEHOLDER = "reason";

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

/**
 * Adds `ignore.statelint.io/<rule>: "reason"` under the object's `metadata.annotations`, creating
 * `annotations:` when it is missing. Returns `undefined` when the object has no `metadata` mapping
 * to put it in.
 */
export function ignoreObjectEdit(file: SourceFile, object: K8sObject, ruleId: string): TextEdit | undefined {
  const key = annotationKey(ruleId);
  const fixer = createFixer(object.document, file.text, file.lines, object.basePath);
  const quoted = { quoteStrings: true };
  const annotations = locateField(object.document, [...object.basePath, "metadata", "annotations"]);
  const edit = annotations.exact
    ? fixer.insertKey(["metadata", "annotations"], key, REASON_PLACEHOLDER, quoted)
    : fixer.insertKey(["metadata"], "annotations", { [key]: REASON_PLACEHOLDER }, quoted);
  return edit ?? undefined;
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
