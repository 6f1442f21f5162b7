import { formatFieldPath, type Finding, type RuleRegistry } from "@statelint/core";
import { ruleDocsUrl } from "@statelint/rules";
import { MarkupKind, type Hover, type Position } from "vscode-languageserver";
import { fieldAt } from "../../service/field-at.js";
import type { FieldDescriber } from "../../service/schema-docs.js";
import type { FileReport } from "../../service/workspace-lint.js";
import { offsetAt, positionAt, toRange } from "../to-lsp.js";

function explainFinding(finding: Finding, registry: RuleRegistry): string {
  const meta = registry.byId.get(finding.ruleId)?.meta;
  const lines = [`**${finding.ruleId}**: ${finding.message}`];
  if (meta) {
    lines.push(meta.description, `**Why it matters.** ${meta.rationale}`, `**How to fix.** ${meta.remediation}`, `[Documentation](${ruleDocsUrl(finding.ruleId)})`);
  }
  return lines.join("\n\n");
}

export interface HoverContext {
  readonly registry: RuleRegistry;
  readonly describer: FieldDescriber;
  readonly kubernetesVersion: string | undefined;
}

/**
 * What the rule that flagged the text under the cursor is about, why it matters and how to fix it;
 * on a field key, the field's schema description when one is known.
 */
export function hover(report: FileReport, position: Position, context: HoverContext): Hover | null {
  const offset = offsetAt(report.file, position);
  const findings = report.findings.filter((finding) => finding.range.start.offset <= offset && offset <= finding.range.end.offset);
  const sections = [...new Map(findings.map((finding) => [`${finding.ruleId}\u0000${finding.message}`, finding])).values()].map((finding) => explainFinding(finding, context.registry));
  const field = fieldAt(report.file, offset);
  const description = field && context.describer.describe({ apiVersion: field.apiVersion, kind: field.kind, path: field.path, kubernetesVersion: context.kubernetesVersion });
  if (field && description) sections.push(`**${formatFieldPath(field.path)}** (${field.kind})\n\n${description}`);
  if (sections.length === 0) return null;
  const first = findings[0];
  const range = first ? toRange(first.range) : field ? { start: positionAt(report.file, field.start), end: positionAt(report.file, field.end) } : undefined;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join("\n\n---\n\n") }, ...(range ? { range } : {}) };
}
