import type { Finding, ObjectIdentity, SourceRange } from "@statelint/core";
import { ruleDocsUrl } from "@statelint/rules";
import { countBySeverity, findingsByFile, isFixable, type Formatter } from "./report.js";

/** Version of the JSON report structure (docs/json-format.md); bumped only on breaking changes. */
export const JSON_FORMAT_VERSION = 1;

function region(range: SourceRange) {
  return { line: range.start.line, column: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

function object(identity: ObjectIdentity | undefined) {
  if (!identity) return null;
  return { apiVersion: identity.apiVersion, kind: identity.kind, namespace: identity.namespace, name: identity.name, id: identity.id };
}

export const jsonFinding = (finding: Finding, builtin: boolean) => ({
  ruleId: finding.ruleId,
  severity: finding.severity,
  message: finding.message,
  file: finding.file,
  ...region(finding.range),
  path: finding.path ?? null,
  object: object(finding.object),
  template: finding.template ?? null,
  related: finding.related.map((related) => ({ file: related.file, ...region(related.range), message: related.message, object: object(related.object) })),
  fixable: isFixable(finding),
  docsUrl: builtin ? ruleDocsUrl(finding.ruleId) : null,
});

export const json: Formatter = (report) => {
  const builtin = (id: string) => report.registry.byId.has(id);
  const counts = countBySeverity(report.findings);
  const byFile = findingsByFile(report.findings);
  const output = {
    version: JSON_FORMAT_VERSION,
    tool: { name: "statelint", version: report.toolVersion },
    files: report.files.map((file) => {
      const own = byFile.get(file) ?? [];
      const perFile = countBySeverity(own);
      return { file, errors: perFile.error, warnings: perFile.warning, infos: perFile.info, fixable: own.filter(isFixable).length };
    }),
    findings: report.findings.map((finding) => jsonFinding(finding, builtin(finding.ruleId))),
    suppressed: report.suppressed.map((finding) => ({
      ...jsonFinding(finding, builtin(finding.ruleId)),
      suppression: { kind: finding.suppression?.kind ?? "comment", reason: finding.suppression?.reason ?? null },
    })),
    summary: {
      files: report.files.length,
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      fixable: report.findings.filter(isFixable).length,
      suppressed: report.suppressed.length,
    },
  };
  return JSON.stringify(output, null, 2) + "\n";
};
