import type { Finding } from "@statelint/core";
import { findingsByFile, type Formatter } from "./report.js";

function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
      // Characters XML 1.0 cannot carry at all, even escaped.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "\uFFFD")
  );
}

function testCase(finding: Finding): string {
  const where = `${finding.file}:${finding.range.start.line}:${finding.range.start.column}`;
  const name = `${finding.ruleId} ${where}`;
  const body = [`${finding.severity}: ${finding.message}`, `at ${where}`, ...(finding.object ? [`object ${finding.object.id}`] : [])].join("\n");
  return (
    `    <testcase classname="${escapeXml(finding.file)}" name="${escapeXml(name)}">\n` +
    `      <failure type="${escapeXml(finding.ruleId)}" message="${escapeXml(finding.message)}">${escapeXml(body)}</failure>\n` +
    `    </testcase>\n`
  );
}

/** JUnit XML: one test suite per linted file, one failing test case per finding, a passing case for clean files. */
export const junit: Formatter = (report) => {
  const byFile = findingsByFile(report.findings);
  const suites = report.files.map((file) => {
    const findings = byFile.get(file) ?? [];
    const cases = findings.length ? findings.map(testCase).join("") : `    <testcase classname="${escapeXml(file)}" name="statelint"/>\n`;
    return `  <testsuite name="${escapeXml(file)}" tests="${Math.max(1, findings.length)}" failures="${findings.length}" errors="0" skipped="0">\n${cases}  </testsuite>\n`;
  });
  const tests = report.files.reduce((sum, file) => sum + Math.max(1, (byFile.get(file)?.length ?? 0)), 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="statelint" tests="${tests}" failures="${report.findings.length}" errors="0">\n${suites.join("")}</testsuites>\n`;
};
