import type { SourceFile } from "../source/parse.js";
import type { SourceRange } from "../source/position.js";
import { rootCollection, type SpanCollection } from "../source/span-table.js";

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

/**
 * End offset of the largest mapping entry or sequence item that starts in [from, to), or -1. Only
 * collections that overlap the range are entered, so this costs the depth of the tree, not its size.
 */
function endOfEntriesStartingIn(collection: SpanCollection, from: number, to: number): number {
  let end = -1;
  for (let index = 0; index < collection.size; index++) {
    const start = collection.entryStart(index);
    if (start >= to) break;
    if (start >= from) end = Math.max(end, collection.valueEnd(index));
    const child = collection.child(index);
    if (child && child.start < to && child.end > from) end = Math.max(end, endOfEntriesStartingIn(child, from, to));
  }
  return end;
}

/**
 * The last line of what a `disable-next-line` comment covers: the YAML node that starts on the next
 * line with everything under it, so a comment above `- name: PASSWORD` also covers that item's
 * `value:` below. A scalar, a comment or a blank line covers that one line.
 */
function nextNodeEndLine(file: SourceFile, line: number): number {
  if (line > file.lines.lineCount) return line;
  const from = file.lines.lineStart(line);
  const to = file.lines.lineEnd(line);
  const document = file.documents.find((candidate) => candidate.start <= from && candidate.end > from);
  const root = document && rootCollection(document);
  if (!root) return line;
  const end = endOfEntriesStartingIn(root, from, to);
  return end > from ? Math.max(line, file.lines.position(end - 1).line) : line;
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
    const toLine = kind === "disable-next-line" ? nextNodeEndLine(file, line + 1) : documentEndLine(file, lineStart + hash);
    directives.push({ kind, ruleIds, ...(reason ? { reason } : {}), range, fromLine, toLine });
  }
  return directives;
}

export function directiveCovers(directive: CommentDirective, ruleId: string, line: number): boolean {
  return line >= directive.fromLine && line <= directive.toLine && (directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId));
}
