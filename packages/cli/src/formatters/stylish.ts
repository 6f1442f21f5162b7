import type { Finding, Severity } from "@statelint/core";
import { colors, type Colors } from "../color.js";
import { countBySeverity, isFixable, type Formatter } from "./report.js";

/** A large run's report goes out in pieces of about this many characters: few writes, never the whole text at once. */
const PIECE_LENGTH = 1 << 16;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 || word === "info" ? "" : "s"}`;
}

function severityLabel(severity: Severity, c: Colors): string {
  const padded = severity.padEnd(7);
  return severity === "error" ? c.red(padded) : severity === "warning" ? c.yellow(padded) : c.blue(padded);
}

/** `text` repeated `count` times, each length made once: every code frame needs a run of spaces and one of carets. */
function repeater(text: string): (count: number) => string {
  const made: string[] = [];
  return (count) => (made[count] ??= text.repeat(count));
}

/**
 * The lines of one file, read forward: a file's findings come in line order, so its text is
 * scanned once without an index of every line start.
 */
class LineReader {
  private line = 1;
  private start = 0;

  constructor(private readonly text: string) {}

  /** The text of a 1-based line without its line break; empty past the last line. */
  lineText(line: number): string {
    const wanted = Math.max(line, 1);
    if (wanted < this.line) {
      this.line = 1;
      this.start = 0;
    }
    while (this.line < wanted && this.start !== -1) {
      const next = this.text.indexOf("\n", this.start);
      this.start = next === -1 ? -1 : next + 1;
      this.line++;
    }
    if (this.start === -1) return "";
    const next = this.text.indexOf("\n", this.start);
    let end = next === -1 ? this.text.length : next;
    if (end > this.start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(this.start, end);
  }
}

/**
 * Human output: findings grouped by file, each with its object and a code frame, then a summary.
 * Written a few files at a time: the whole text of a large run was a third of its peak memory.
 */
export const stylish: Formatter = function* (report) {
  const c = colors(report.color);
  const labels: Readonly<Record<Severity, string>> = { error: severityLabel("error", c), warning: severityLabel("warning", c), info: severityLabel("info", c) };
  const fixableMark = c.dim(" (fixable)");
  const spaces = repeater(" ");
  const carets = repeater("^");
  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }

  /** The offending line with carets under the reported columns (to the line's end when the range spans lines). */
  const codeFrame = (lines: LineReader, finding: Finding): string => {
    const { start, end } = finding.range;
    const source = lines.lineText(start.line);
    const number = String(start.line);
    const from = Math.min(start.column - 1, source.length);
    const to = end.line === start.line ? Math.min(end.column - 1, source.length) : source.length;
    // Tabs stay tabs under the line so the carets line up whatever the terminal's tab width.
    const tabbed = from < 0 || (from > 0 && source.lastIndexOf("\t", from - 1) !== -1);
    const lead = tabbed ? source.slice(0, from).replace(/[^\t]/g, " ") : spaces(from);
    return `\n    ${c.dim(`${number} |`)} ${source}\n    ${c.dim(`${spaces(number.length)} |`)} ${lead}${c.red(carets(Math.max(1, to - from)))}`;
  };

  let piece = "";
  for (const [file, findings] of byFile) {
    piece += c.underline(file);
    const text = report.texts.get(file);
    const lines = text === undefined ? undefined : new LineReader(text);
    for (const finding of findings) {
      const { start } = finding.range;
      piece += `\n  ${c.dim(`${start.line}:${start.column}`)}  ${labels[finding.severity]}  ${finding.message}  ${c.dim(finding.ruleId)}${isFixable(finding) ? fixableMark : ""}`;
      if (finding.object) piece += `\n    ${c.dim(`in ${finding.object.id}`)}`;
      if (lines) piece += codeFrame(lines, finding);
      for (const related of finding.related) {
        piece += `\n    ${c.dim(`related: ${related.file}:${related.range.start.line}:${related.range.start.column} ${related.message}`)}`;
      }
    }
    piece += "\n\n";
    if (piece.length >= PIECE_LENGTH) {
      yield piece;
      piece = "";
    }
  }
  const counts = countBySeverity(report.findings);
  const fixable = report.findings.filter(isFixable).length;
  const suppressed = report.suppressed.length ? `, ${report.suppressed.length} suppressed` : "";
  if (report.findings.length === 0) {
    piece += `${c.green(`✔ No problems in ${plural(report.files.length, "file")}${suppressed}.`)}\n`;
  } else {
    const summary = `✖ ${plural(report.findings.length, "problem")} (${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.info, "info")})`;
    const paint = counts.error ? c.red : counts.warning ? c.yellow : c.blue;
    piece += `${paint(c.bold(summary))}${fixable ? `, ${fixable} fixable with --fix` : ""}${suppressed}.\n`;
  }
  yield piece;
};
