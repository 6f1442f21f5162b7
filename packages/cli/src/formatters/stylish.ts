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

/** Offsets where each line of a text starts (split at "\n"), so a file with many findings is scanned once. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let next = text.indexOf("\n"); next !== -1; next = text.indexOf("\n", next + 1)) starts.push(next + 1);
  return starts;
}

function lineOf(text: string, starts: readonly number[], line: number): string {
  const index = Math.max(line, 1) - 1;
  const start = starts[index];
  if (start === undefined) return "";
  const next = starts[index + 1];
  return text.slice(start, next === undefined ? text.length : next - 1).replace(/\r$/, "");
}

/** The offending line with carets under the reported columns (to the line's end when the range spans lines). */
function codeFrame(text: string | undefined, starts: readonly number[], finding: Finding, c: Colors): string[] {
  if (text === undefined) return [];
  const { start, end } = finding.range;
  const source = lineOf(text, starts, start.line);
  const number = String(start.line);
  const gutter = " ".repeat(number.length);
  const from = Math.min(start.column - 1, source.length);
  const to = end.line === start.line ? Math.min(end.column - 1, source.length) : source.length;
  // Tabs stay tabs under the line so the carets line up whatever the terminal's tab width.
  const lead = source.slice(0, from).replace(/[^\t]/g, " ");
  const carets = "^".repeat(Math.max(1, to - from));
  return [`    ${c.dim(`${number} |`)} ${source}`, `    ${c.dim(`${gutter} |`)} ${lead}${c.red(carets)}`];
}

/**
 * Human output: findings grouped by file, each with its object and a code frame, then a summary.
 * Written a file at a time: the whole text of a large run was a third of its peak memory.
 */
export const stylish: Formatter = function* (report) {
  const c = colors(report.color);
  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  for (const [file, findings] of byFile) {
    const out = [c.underline(file)];
    const text = report.texts.get(file);
    const starts = text === undefined ? [] : lineStarts(text);
    for (const finding of findings) {
      const where = `${finding.range.start.line}:${finding.range.start.column}`;
      out.push(`  ${c.dim(where)}  ${severityLabel(finding.severity, c)}  ${finding.message}  ${c.dim(finding.ruleId)}${isFixable(finding) ? c.dim(" (fixable)") : ""}`);
      if (finding.object) out.push(`    ${c.dim(`in ${finding.object.id}`)}`);
      out.push(...codeFrame(text, starts, finding, c));
      for (const related of finding.related) {
        out.push(`    ${c.dim(`related: ${related.file}:${related.range.start.line}:${related.range.start.column} ${related.message}`)}`);
      }
    }
    yield `${out.join("\n")}\n\n`;
  }
  const counts = countBySeverity(report.findings);
  const fixable = report.findings.filter(isFixable).length;
  const suppressed = report.suppressed.length ? `, ${report.suppressed.length} suppressed` : "";
  if (report.findings.length === 0) {
    yield `${c.green(`✔ No problems in ${plural(report.files.length, "file")}${suppressed}.`)}\n`;
  } else {
    const summary = `✖ ${plural(report.findings.length, "problem")} (${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.info, "info")})`;
    const paint = counts.error ? c.red : counts.warning ? c.yellow : c.blue;
    yield `${paint(c.bold(summary))}${fixable ? `, ${fixable} fixable with --fix` : ""}${suppressed}.\n`;
  }
};
