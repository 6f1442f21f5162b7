import type { Finding, ObjectIdentity, RelatedLocation } from "@statelint/core";
import { ruleDocsUrl } from "@statelint/rules";
import { jsonPieces, mapped, streamedList } from "./json-pieces.js";
import { countBySeverity, findingsByFile, isFixable, type Formatter } from "./report.js";

/** Version of the JSON report structure (docs/json-format.md); bumped only on breaking changes. */
export const JSON_FORMAT_VERSION = 1;

function object(identity: ObjectIdentity | undefined) {
  if (!identity) return null;
  return { apiVersion: identity.apiVersion, kind: identity.kind, namespace: identity.namespace, name: identity.name, id: identity.id };
}

// Literals of one shape each, the range's fields written out: a spread copies them one by one.
function jsonRelated(related: RelatedLocation) {
  const { start, end } = related.range;
  return { file: related.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, message: related.message, object: object(related.object) };
}

export const jsonFinding = (finding: Finding, builtin: boolean) => {
  const { start, end } = finding.range;
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    path: finding.path ?? null,
    object: object(finding.object),
    template: finding.template ?? null,
    related: finding.related.map(jsonRelated),
    fixable: isFixable(finding),
    docsUrl: builtin ? ruleDocsUrl(finding.ruleId) : null,
  };
};

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
    findings: streamedList("findings"),
    suppressed: streamedList("suppressed"),
    summary: {
      files: report.files.length,
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      fixable: report.findings.filter(isFixable).length,
      suppressed: report.suppressed.length,
    },
  };
  const lists = new Map<string, Iterable<unknown>>([
    ["findings", mapped(report.findings, (finding) => jsonFinding(finding, builtin(finding.ruleId)))],
    [
      "suppressed",
      mapped(report.suppressed, (finding) => ({
        ...jsonFinding(finding, builtin(finding.ruleId)),
        suppression: { kind: finding.suppression?.kind ?? "comment", reason: finding.suppression?.reason ?? null },
      })),
    ],
  ]);
  return jsonPieces(output, lists);
};
