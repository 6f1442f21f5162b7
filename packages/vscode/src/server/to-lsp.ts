import type { ConfigProblem, Finding, Position as CorePosition, SourceFile, SourceRange, TextEdit as CoreTextEdit } from "@statelint/core";
import { UNUSED_SUPPRESSION } from "@statelint/core";
import { ruleDocsUrl } from "@statelint/rules";
import { DiagnosticSeverity, DiagnosticTag, type CodeDescription, type Diagnostic, type Position, type Range, type TextEdit } from "vscode-languageserver";

/*
 * The one place where statelint positions become LSP positions and back. Core positions are
 * 1-based with UTF-16 columns and exclusive ends, so LSP positions are the same numbers minus one;
 * offsets (fix edits, cursor positions) go through the file's own line index.
 */

export const SOURCE = "statelint";

const SEVERITY: Readonly<Record<Finding["severity"], DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** `lines` moves the position down that many lines: where its document has moved since it was computed. */
export function toPosition(position: CorePosition, lines = 0): Position {
  return { line: position.line - 1 + lines, character: position.column - 1 };
}

export function toRange(range: SourceRange, lines = 0): Range {
  return { start: toPosition(range.start, lines), end: toPosition(range.end, lines) };
}

export function positionAt(file: SourceFile, offset: number): Position {
  return toPosition(file.lines.position(offset));
}

/** The offset of an LSP position; characters past the end of a line clamp to it, as LSP requires. */
export function offsetAt(file: SourceFile, position: Position): number {
  const line = Math.max(0, Math.min(position.line, file.lines.lineCount - 1)) + 1;
  const start = file.lines.lineStart(line);
  return Math.min(start + Math.max(0, position.character), file.lines.lineEnd(line));
}

export function toTextEdit(file: SourceFile, edit: CoreTextEdit): TextEdit {
  return { range: { start: positionAt(file, edit.start), end: positionAt(file, edit.end) }, newText: edit.text };
}

/** Rules with a page in docs/rules; policy findings have none. */
function hasDocs(ruleId: string): boolean {
  return !ruleId.startsWith("policy/") && ruleId !== "policy-error";
}

/** One per rule, shared by its diagnostics: a file re-published per keystroke holds hundreds of them. */
const docsLinks = new Map<string, CodeDescription>();

function docsLink(ruleId: string): CodeDescription {
  let link = docsLinks.get(ruleId);
  if (!link) docsLinks.set(ruleId, (link = { href: ruleDocsUrl(ruleId) }));
  return link;
}

/** `lines`: how far the finding's document has moved down since the finding was computed (see core's FindingRun). */
export function toDiagnostic(finding: Finding, uriOf: (path: string) => string, lines = 0): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(finding.range, lines),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    source: SOURCE,
    message: finding.message,
  };
  if (hasDocs(finding.ruleId)) diagnostic.codeDescription = docsLink(finding.ruleId);
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri: uriOf(related.file), range: toRange(related.range, lines) },
      message: related.message,
    }));
  }
  if (finding.ruleId === UNUSED_SUPPRESSION) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** `lines` is how far `b` is to be moved down relative to `a`. */
function sameLinesAndColumns(a: SourceRange, b: SourceRange, lines: number): boolean {
  return a.start.line === b.start.line + lines && a.start.column === b.start.column && a.end.line === b.end.line + lines && a.end.column === b.end.column;
}

/**
 * Whether two findings make equal diagnostics, each moved down by its own number of lines:
 * everything `toDiagnostic` reads, positions by line and column only. A finding an edit moved
 * along its line keeps its diagnostic this way.
 */
export function sameDiagnostic(a: Finding, b: Finding, aLines = 0, bLines = 0): boolean {
  const lines = bLines - aLines;
  if (a.ruleId !== b.ruleId || a.severity !== b.severity || a.message !== b.message || !sameLinesAndColumns(a.range, b.range, lines)) return false;
  if (a.related === b.related && lines === 0) return true;
  if (a.related.length !== b.related.length) return false;
  return a.related.every((related, index) => {
    const other = b.related[index] as Finding["related"][number];
    return related.file === other.file && related.message === other.message && sameLinesAndColumns(related.range, other.range, lines);
  });
}

export function configProblemToDiagnostic(problem: ConfigProblem): Diagnostic {
  return { range: toRange(problem.range), severity: DiagnosticSeverity.Error, code: "invalid-config", source: SOURCE, message: problem.message };
}

/** A failure of the whole lint run (a statelint bug): one diagnostic on the first line, never a dead server. */
export function internalErrorDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    code: "internal-error",
    source: SOURCE,
    message: `statelint failed on this workspace: ${message}. This is a statelint bug; please report it with the manifests.`,
  };
}
