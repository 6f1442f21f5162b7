import { INTERNAL_ERROR, objectsOf, UNUSED_SUPPRESSION, type Finding, type TextEdit as CoreTextEdit } from "@statelint/core";
import { CodeActionKind, TextDocumentEdit, type CodeAction, type CodeActionParams } from "vscode-languageserver";
import { acceptsComments, disableNextLineEdit, fixAllEdit, ignoreObjectEdit } from "../../service/edits.js";
import type { FileReport } from "../../service/workspace-lint.js";
import { offsetAt, toDiagnostic, toTextEdit } from "../to-lsp.js";

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.statelint`;

/** Findings that are about statelint's own machinery, which no suppression should hide. */
const NOT_SUPPRESSIBLE = new Set([UNUSED_SUPPRESSION, INTERNAL_ERROR]);

function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

/** Quick fixes for the findings under the cursor, suppressions, and `source.fixAll.statelint`. */
export function codeActions(report: FileReport, params: CodeActionParams, uriOf: (path: string) => string): CodeAction[] {
  const uri = params.textDocument.uri;
  // Versioned edits: a client applying them to a newer text rejects them instead of corrupting it.
  const action = (title: string, kind: string, edits: readonly CoreTextEdit[], finding?: Finding): CodeAction => ({
    title,
    kind,
    ...(finding ? { diagnostics: [toDiagnostic(finding, uriOf)] } : {}),
    edit: { documentChanges: [TextDocumentEdit.create({ uri, version: report.version ?? null }, edits.map((edit) => toTextEdit(report.file, edit)))] },
  });
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const start = offsetAt(report.file, params.range.start);
  const end = offsetAt(report.file, params.range.end);
  if (wants(only, CodeActionKind.QuickFix)) {
    const here = report.findings.filter((finding) => finding.range.start.offset <= end && start <= finding.range.end.offset);
    const objects = here.some((finding) => finding.object) ? objectsOf(report.file, report.namespace) : [];
    for (const finding of here) {
      if (finding.fix) {
        actions.push({ ...action(finding.fix.title, CodeActionKind.QuickFix, finding.fix.edits, finding), isPreferred: true });
      }
    }
    for (const finding of here) {
      if (NOT_SUPPRESSIBLE.has(finding.ruleId)) continue;
      if (acceptsComments(report.file)) {
        actions.push(action(`Disable ${finding.ruleId} for this line`, CodeActionKind.QuickFix, [disableNextLineEdit(report.file, finding)], finding));
      }
      const object = finding.object && objects.find((candidate) => candidate.id === finding.object?.id);
      const edit = object && ignoreObjectEdit(report.file, object, finding.ruleId);
      if (edit) actions.push(action(`Ignore ${finding.ruleId} for this object`, CodeActionKind.QuickFix, [edit], finding));
    }
  }
  // `source.fixAll` is asked for explicitly (on save, or from the command palette), never by default.
  if (only && wants(only, FIX_ALL_KIND)) {
    const edit = fixAllEdit(report.file, report.findings);
    if (edit) actions.push(action("Fix all statelint problems", FIX_ALL_KIND, [edit]));
  }
  return actions;
}
