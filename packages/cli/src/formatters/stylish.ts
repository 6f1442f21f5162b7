import type { Finding, Severity } from "@statelint/core";
import { colors, type Colors } from "../color.js";
import { countBySeverity, isFixable, type Formatter } from "./report.js";

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 || word === "info" ? "" : "s"}`;
}

function severityLabel(severity: Severity, c: Colors): string {
  const padded = severity.padEnd(7);
  return severity === "error" ? c.red(padded) : severity === "warning" ? c.yellow(padded) : c.blue(padded);
}

function lineOf(text: string, line: number): string {
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf("\n", start);
    if (next === -1) return "";
    start = next + 1;
  }
  const end = text.indexOf("\n", start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, "");
}

/** The offending line with carets under the reported columns (to the line's end when the range spans lines). */
function codeFrame(text: string | undefined, finding: Finding, c: Colors): string[] {
  if (text === undefined) return [];
  const { start, end } = finding.range;
  const source = lineOf(text, start.line);
  const number = String(start.line);
  const gutter = " ".repeat(number.length);
  const from = Math.min(start.column - 1, source.length);
  const to = end.line === start.line ? Math.min(end.column - 1, source.length) : source.length;
  // Tabs stay tabs under the line so the carets line up whatever the terminal's tab width.
  const lead = source.slice(0, from).replace(/[^\t]/g, " ");
  const carets = "^".repeat(Math.max(1, to - from));
  return [`    ${c.dim(`${number} |`)} ${source}`, `    ${c.dim(`${gutter} |`)} ${lead}${c.red(carets)}`];
}

/** Human output: findings grouped by file, each with its object and a code frame, then a summary. */
export const stylish: Formatter = (report) => {
  const c = colors(report.color);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  for (const [file, findings] of byFile) {
    out.push(c.underline(file));
    for (const finding of findings) {
      const where = `${finding.range.start.line}:${finding.range.start.column}`;
      out.push(`  ${c.dim(where)}  ${severityLabel(finding.severity, c)}  ${finding.message}  ${c.dim(finding.ruleId)}${isFixable(finding) ? c.dim(" (fixable)") : ""}`);
      if (finding.object) out.push(`    ${c.dim(`in ${finding.object.id}`)}`);
      out.push(...codeFrame(report.texts.get(file), finding, c));
      for (const related of finding.related) {
        out.push(`    ${c.dim(`related: ${related.file}:${related.range.start.line}:${related.range.start.column} ${related.message}`)}`);
      }
    }
    out.push("");
  }
  const counts = countBySeverity(report.findings);
  const fixable = report.findings.filter(isFixable).length;
  const suppressed = report.suppressed.length ? `, ${report.suppressed.length} suppressed` : "";
  if (report.findings.length === 0) {
    out.push(c.green(`✔ No problems in ${plural(report.files.length, "file")}${suppressed}.`));
  } else {
    const summary = `✖ ${plural(report.findings.length, "problem")} (${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.info, "info")})`;
    const paint = counts.error ? c.red : counts.warning ? c.yellow : c.blue;
    out.push(paint(c.bold(summary)) + `${fixable ? `, ${fixable} fixable with --fix` : ""}${suppressed}.`);
  }
  return out.join("\n") + "\n";
};
