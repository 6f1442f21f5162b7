import type { SourceFile } from "../source/parse.js";
import type { SourceRange } from "../source/position.js";

/** A `# statelint-disable…` comment and the lines it covers. */
export interface CommentDirective {
  readonly kind: "disable-next-line" | "disable";
  /** Rule ids; empty means every rule. */
  readonly ruleIds: readonly string[];
  readonly reason?: string;
  /** The comment itself, for unused-directive reports. */
  readonly range: SourceRange;
  readonly fromLine: number;
  readonly toLine: number;
}

const DIRECTIVE = /(?:^|\s)#\s*statelint-(disable-next-line|disable)\b([^\n]*)$/;

function parseBody(body: string): { ruleIds: string[]; reason?: string } {
  const separator = body.indexOf("--");
  const idsText = separator === -1 ? body : body.slice(0, separator);
  const reason = separator === -1 ? undefined : body.slice(separator + 2).trim();
  const ruleIds = idsText.split(/[\s,]+/).filter(Boolean);
  return reason ? { ruleIds, reason } : { ruleIds };
}

/** Last line of the document holding `offset`: `statelint-disable` lasts until the document ends. */
function documentEndLine(file: SourceFile, offset: number): number {
  for (const document of file.documents) {
    if (document.end > offset) return file.lines.position(Math.max(document.start, document.end - 1)).line;
  }
  return file.lines.lineCount;
}

/** Reads the suppression comments of a file. Cheap for the common file that has none. */
export function commentDirectives(file: SourceFile): CommentDirective[] {
  if (!file.text.includes("statelint-disable")) return [];
  const directives: CommentDirective[] = [];
  for (let line = 1; line <= file.lines.lineCount; line++) {
    const text = file.lines.lineText(line);
    if (!text.includes("statelint-disable")) continue;
    const match = DIRECTIVE.exec(text);
    if (!match) continue;
    const kind = match[1] as CommentDirective["kind"];
    const hash = text.indexOf("#", match.index);
    const lineStart = file.lines.lineStart(line);
    const range = file.lines.range(lineStart + hash, lineStart + text.trimEnd().length);
    const { ruleIds, reason } = parseBody(match[2] ?? "");
    const fromLine = kind === "disable-next-line" ? line + 1 : line;
    const toLine = kind === "disable-next-line" ? line + 1 : documentEndLine(file, lineStart + hash);
    directives.push({ kind, ruleIds, ...(reason ? { reason } : {}), range, fromLine, toLine });
  }
  return directives;
}

export function directiveCovers(directive: CommentDirective, ruleId: string, line: number): boolean {
  return line >= directive.fromLine && line <= directive.toLine && (directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId));
}
