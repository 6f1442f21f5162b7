import { duplicateKeyProblem, setKey } from "./map-keys.js";
import type { SourceDocument, SourceProblem } from "./parse.js";
import { resolvePlainScalar } from "./plain-scalar.js";
import type { LineIndex } from "./position.js";
import { keyHashStep, sharedKey, sharedSlice } from "./shared-strings.js";
import { NO_CHILD, sharedSpanTableWriter } from "./span-table.js";

/**
 * A fast parser for the YAML that Kubernetes manifests are written in: block mappings and
 * sequences, plain and quoted one-line scalars, literal and folded block scalars, flow
 * collections (JSON documents included), comments, `---` and `...`. It goes straight from the
 * text to what the engine needs (plain values and the spans of their collections), where `yaml`
 * builds a token stream, a syntax tree and Document nodes first.
 *
 * It must give exactly what the `yaml` path gives, positions included, so on anything outside
 * that subset (anchors, tags, multi-line plain or quoted scalars, keep chomping, tabs, CR line
 * ends, directives, explicit keys, every error) it gives up and `yaml` parses the file. The
 * differential test in packages/core/test holds the two paths equal.
 */

/** Thrown to leave the fast path; never escapes {@link parseCommonYaml}. */
const GIVE_UP: unique symbol = Symbol("outside the common subset");

/** Characters that make the whole file leave the fast path: tabs, CR, BOM, C0 and C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNCOMMON_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff]/;
/** `yaml` rejects implicit keys longer than this. */
const MAX_KEY_LENGTH = 1024;
/** Deeper documents go to the `yaml` path, which reports the nesting limit. */
const MAX_COMMON_DEPTH = 100;

const NEWLINE = 10;
const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const COMMA = 44;
const SINGLE_QUOTE = 39;
const DOUBLE_QUOTE = 34;
const BRACKET_OPEN = 91;
const BRACKET_CLOSE = 93;
const BRACE_OPEN = 123;
const BRACE_CLOSE = 125;
const PIPE = 124;
const GREATER = 62;
const BACKSLASH = 92;

function giveUp(): never {
  throw GIVE_UP;
}

/** A character that cannot start a plain scalar (c-indicator), apart from `-`, `?` and `:` before a safe character. */
function isIndicator(code: number): boolean {
  switch (code) {
    case COMMA:
    case BRACKET_OPEN:
    case BRACKET_CLOSE:
    case BRACE_OPEN:
    case BRACE_CLOSE:
    case HASH:
    case 38: // &
    case 42: // *
    case 33: // !
    case PIPE:
    case GREATER:
    case SINGLE_QUOTE:
    case DOUBLE_QUOTE:
    case 37: // %
    case 64: // @
    case 96: // `
      return true;
    default:
      return false;
  }
}

function isFlowIndicator(code: number): boolean {
  return code === COMMA || code === BRACKET_OPEN || code === BRACKET_CLOSE || code === BRACE_OPEN || code === BRACE_CLOSE;
}

const DOUBLE_QUOTED_ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
};
const HEX_ESCAPE_LENGTHS: Record<string, number> = { x: 2, u: 4, U: 8 };

class CommonYamlParser {
  private pos = 0;
  private readonly length: number;
  private readonly problems: SourceProblem[] = [];
  private docIndex = 0;

  // The node just parsed: where it starts, its end (range[1] in `yaml`), its end with trailing
  // comments and line break (range[2]), and where its collection begins in the span table.
  private nodeStart = 0;
  private nodeEnd = 0;
  private nodeTrailingEnd = 0;
  private nodeSpans = NO_CHILD;
  // The hash of the plain key just scanned, for sharing it.
  private keyHash = 0;
  // The plain key isKeyLine last found: where it starts and ends, and its hash.
  private scannedKeyStart = -1;
  private scannedKeyEnd = -1;
  private scannedKeyHash = 0;

  // The next line with content, found after a node: where it starts and its indentation
  // (-1 for a document marker or the end of the file).
  private nextIndent = -1;
  // Comment and blank lines after the last item of the innermost collection, not attached to
  // its value: they move outwards as collections close, as `yaml` moves them (end offset, and
  // the largest column of a comment among them; -1 when none).
  private pendingEnd = -1;
  private pendingCommentColumn = -1;

  // The items open sequences have gathered so far, innermost on top. Each sequence takes its part
  // off with slice() when it closes, so its array is allocated once at its exact size: arrays
  // grown by push() keep room for more, and that room was a third of a parse's memory.
  private readonly itemStack: unknown[] = [];
  // Its size, kept apart: setting an array's length is a call into the runtime.
  private itemCount = 0;
  private readonly spans = sharedSpanTableWriter();

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly maxDepth: number,
  ) {
    this.length = text.length;
  }

  parse(): { documents: SourceDocument[]; problems: SourceProblem[] } {
    const documents: SourceDocument[] = [];
    for (this.skipStreamComments(); this.pos < this.length; this.skipStreamComments()) {
      documents.push(this.parseDocument());
      this.docIndex++;
    }
    return { documents, problems: this.problems };
  }

  // ---------------------------------------------------------------------------------------------
  // Lines

  private code(at: number): number {
    return this.text.charCodeAt(at);
  }

  private lineEndFrom(at: number): number {
    const end = this.text.indexOf("\n", at);
    return end === -1 ? this.length : end;
  }

  /** Offset just past the line break of the line holding `at`, or the end of the text. */
  private nextLineStart(at: number): number {
    const end = this.text.indexOf("\n", at);
    return end === -1 ? this.length : end + 1;
  }

  private spacesFrom(at: number): number {
    let end = at;
    while (this.code(end) === SPACE) end++;
    return end;
  }

  /** `---` or `...` at the start of a line, followed by a space, a line break or the end. */
  private isDocumentMarker(lineStart: number): boolean {
    const first = this.code(lineStart);
    if (first !== DASH && first !== 46) return false;
    if (this.code(lineStart + 1) !== first || this.code(lineStart + 2) !== first) return false;
    const after = this.code(lineStart + 3);
    return after === SPACE || after === NEWLINE || lineStart + 3 >= this.length;
  }

  /** `...` on a line of its own. */
  private isDocumentEnd(lineStart: number): boolean {
    return this.code(lineStart) === 46 && this.isLineBreakOrEnd(this.spacesFrom(lineStart + 3));
  }

  private isLineBreakOrEnd(at: number): boolean {
    return at >= this.length || this.code(at) === NEWLINE;
  }

  /** After a node on its line: spaces, perhaps a comment, then the line break. Returns the offset past it. */
  private lineEnd(at: number): number {
    const afterSpaces = this.spacesFrom(at);
    if (afterSpaces >= this.length) return this.length;
    const code = this.code(afterSpaces);
    if (code === NEWLINE) return afterSpaces + 1;
    if (code === HASH && afterSpaces > at) return this.nextLineStart(afterSpaces);
    giveUp();
  }

  /** Skips comments and blank lines before the first document; a directive leaves the fast path. */
  private skipStreamComments(): void {
    for (;;) {
      if (this.pos >= this.length) return;
      const content = this.spacesFrom(this.pos);
      if (content >= this.length) {
        this.pos = this.length;
        return;
      }
      const code = this.code(content);
      if (code !== NEWLINE && code !== HASH) {
        if (this.code(this.pos) === 37) giveUp();
        return;
      }
      this.pos = this.nextLineStart(content);
    }
  }

  /**
   * From the start of a line, skips blank and comment lines up to the next line with content.
   * A comment indented deeper than the collection right after a value that keeps its own
   * trailing comments joins that value, as in `yaml`; the rest become pending.
   */
  private skipGap(collectionIndent: number, valueTakesComments: boolean): void {
    let onlyBlankSoFar = true;
    this.startNextItem();
    while (this.pos < this.length) {
      const lineStart = this.pos;
      const content = this.spacesFrom(lineStart);
      const code = content < this.length ? this.code(content) : NEWLINE;
      if (code === NEWLINE) {
        this.pos = content < this.length ? content + 1 : this.length;
        this.pendingEnd = this.pos;
        continue;
      }
      if (code !== HASH) {
        this.nextIndent = content === lineStart && this.isDocumentMarker(lineStart) ? -1 : content - lineStart;
        return;
      }
      const column = content - lineStart;
      this.pos = this.nextLineStart(content);
      if (valueTakesComments && onlyBlankSoFar && column > collectionIndent) {
        this.nodeTrailingEnd = this.pos;
        this.pendingEnd = -1;
        continue;
      }
      onlyBlankSoFar = false;
      this.pendingEnd = this.pos;
      if (column > this.pendingCommentColumn) this.pendingCommentColumn = column;
    }
    this.nextIndent = -1;
  }

  /** The comment and blank lines pending after an item become the next item's start: nothing to keep. */
  private startNextItem(): void {
    this.pendingEnd = -1;
    this.pendingCommentColumn = -1;
  }

  /**
   * A block collection at `indent` closes after its last item, which ended at `lastEnd`. Its
   * trailing comment lines stay with it when one of them is indented at least as deep as the
   * collection (not at the top level), taking the indentation of the line that closed it along;
   * else they move outwards.
   */
  private closeBlockCollection(start: number, indent: number, lastEnd: number): void {
    this.nodeStart = start;
    this.nodeEnd = lastEnd;
    this.nodeTrailingEnd = lastEnd;
    if (this.pendingEnd !== -1 && indent !== 0 && this.pendingCommentColumn >= indent) {
      this.nodeTrailingEnd = this.pendingEnd + Math.max(0, this.nextIndent);
      this.startNextItem();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Documents

  private parseDocument(): SourceDocument {
    const lineStart = this.pos;
    this.spans.beginDocument(lineStart);
    if (this.isDocumentMarker(lineStart)) {
      if (this.code(lineStart) !== DASH) giveUp();
      const afterMarker = this.spacesFrom(lineStart + 3);
      let hasComment = false;
      if (!this.isLineBreakOrEnd(afterMarker)) {
        if (this.code(afterMarker) !== HASH || afterMarker === lineStart + 3) giveUp();
        hasComment = true;
      }
      this.pos = this.nextLineStart(afterMarker);
      this.skipGap(-1, false);
      if (this.pendingCommentColumn !== -1) hasComment = true;
      if (this.nextIndent === -1) {
        if (this.code(this.pos) === 46) giveUp();
        // An empty document: `yaml` composes an empty scalar just after the marker and its spaces.
        const end = hasComment ? this.pos : afterMarker;
        return { index: this.docIndex, start: lineStart, end, value: null, spans: undefined, span: { start: afterMarker, end: afterMarker } };
      }
    }
    const contentStart = this.pos + this.nextIndentOfLine(this.pos);
    const flow = this.code(contentStart) === BRACKET_OPEN || this.code(contentStart) === BRACE_OPEN;
    const value = flow ? this.parseFlowDocument(contentStart) : this.parseBlockCollection(contentStart - this.pos, 0);
    if (this.nextIndent !== -1) giveUp();
    const span = { start: this.nodeStart, end: this.nodeEnd };
    const spans = this.spans.finishDocument(this.nodeSpans);
    const atDocumentEnd = this.pos < this.length && this.code(this.pos) === 46;
    if (flow) {
      // After a flow collection `yaml` ends the document at the next line break: the lines after
      // its own belong to no document.
      if (atDocumentEnd) giveUp();
      const contentEnd = this.nodeTrailingEnd;
      const end = contentEnd < this.length && !this.isDocumentMarker(contentEnd) ? this.nextLineStart(contentEnd) : contentEnd;
      return { index: this.docIndex, start: lineStart, end, value, spans, span };
    }
    if (atDocumentEnd) {
      // `...` ends the document, its line included; what follows up to the next document is not in any.
      if (!this.isDocumentEnd(this.pos)) giveUp();
      this.pos = this.nextLineStart(this.pos);
      return { index: this.docIndex, start: lineStart, end: this.pos, value, spans, span };
    }
    // Lines after the content belong to the document, unless an empty last value took them.
    const end = this.pendingEnd === -1 ? this.nodeTrailingEnd : this.pos;
    return { index: this.docIndex, start: lineStart, end, value, spans, span };
  }

  /** A flow collection as a document's top node, as in JSON. */
  private parseFlowDocument(at: number): unknown {
    const value = this.parseFlowCollection(at, 1, -1);
    this.nodeStart = at;
    this.pos = this.lineEnd(this.nodeEnd);
    this.nodeTrailingEnd = this.pos;
    this.skipGap(-1, false);
    return value;
  }

  private nextIndentOfLine(lineStart: number): number {
    return this.spacesFrom(lineStart) - lineStart;
  }

  // ---------------------------------------------------------------------------------------------
  // Collections under construction

  /**
   * Adds a mapping entry and reports a key written twice. Returns the mapping's key index, built
   * at its first repeated key so that later repeats cost no scan (a file of repeated keys stays
   * linear).
   */
  private addMapEntry(
    value: Record<string, unknown>,
    key: string,
    item: unknown,
    keyMark: number,
    entryMark: number,
    keyIndex: Map<string, number> | undefined,
    keyStart: number,
    keyEnd: number,
    valueStart: number,
    valueEnd: number,
  ): Map<string, number> | undefined {
    if (this.spans.hasPendingKey(keyMark, key, value)) {
      keyIndex ??= this.spans.indexPendingKeys(keyMark);
      const previous = this.spans.pendingKeyRange(entryMark, keyMark, keyIndex.get(key)!);
      this.problems.push(duplicateKeyProblem(this.lines, this.docIndex, key, keyStart, keyEnd, previous.start, previous.end));
    }
    keyIndex?.set(key, this.spans.keyMark);
    this.spans.addMapEntry(key, keyStart, keyEnd, valueStart, valueEnd, this.nodeSpans);
    setKey(value, key, item);
    return keyIndex;
  }

  private addSequenceEntry(item: unknown, start: number, end: number): void {
    this.itemStack[this.itemCount++] = item;
    this.spans.addSeqItem(start, end, this.nodeSpans);
  }

  private takeItems(mark: number): unknown[] {
    const taken = this.itemStack.slice(mark, this.itemCount);
    this.itemCount = mark;
    return taken;
  }

  // ---------------------------------------------------------------------------------------------
  // Block collections

  /** A block mapping or sequence whose first line starts at `this.pos + indent`. */
  private parseBlockCollection(indent: number, depth: number): unknown {
    const at = this.pos + indent;
    if (this.isSequenceEntry(at)) return this.parseBlockSequence(at, indent, depth);
    const first = this.code(at);
    // parseKey gives up on a line that is not `key:` for a plain key, but takes `"key":value`.
    if ((first === DOUBLE_QUOTE || first === SINGLE_QUOTE) && !this.isKeyLine(at)) giveUp();
    return this.parseBlockMap(at, indent, depth);
  }

  private isSequenceEntry(at: number): boolean {
    return this.code(at) === DASH && (this.code(at + 1) === SPACE || this.isLineBreakOrEnd(at + 1));
  }

  /** True when the line from `at` is `key:` followed by a space, a line break or the end. */
  private isKeyLine(at: number): boolean {
    const first = this.code(at);
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      const close = this.quotedEnd(at);
      if (close === -1) return false;
      const colon = this.spacesFrom(close);
      return this.code(colon) === COLON && (this.code(colon + 1) === SPACE || this.isLineBreakOrEnd(colon + 1));
    }
    // A flow collection or block scalar here is a value, never an implicit key in manifests.
    if (isIndicator(first)) return false;
    const end = this.plainKeyEnd(at);
    if (end === -1) return false;
    // parseKey, called next at the same place, takes the key from here instead of scanning it again.
    this.scannedKeyStart = at;
    this.scannedKeyEnd = end;
    this.scannedKeyHash = this.keyHash;
    return true;
  }

  private parseBlockMap(start: number, indent: number, depth: number): Record<string, unknown> {
    if (depth > this.maxDepth) giveUp();
    const value: Record<string, unknown> = {};
    const keyMark = this.spans.keyMark;
    const entryMark = this.spans.entryMark;
    let keyIndex: Map<string, number> | undefined;
    this.pos = start;
    let lastEnd = start;
    for (;;) {
      const keyStart = this.pos;
      const key = this.parseKey();
      const keyEnd = this.nodeEnd;
      // parseKey leaves pos just past the colon.
      const item = this.parseMapValue(indent, depth);
      if (key === "<<") giveUp();
      keyIndex = this.addMapEntry(value, key, item, keyMark, entryMark, keyIndex, keyStart, keyEnd, this.nodeStart, this.nodeEnd);
      lastEnd = this.nodeTrailingEnd;
      if (this.nextIndent > indent) giveUp();
      if (this.nextIndent < indent) break;
      const lineStart = this.pos;
      if (this.isSequenceEntry(lineStart + indent)) giveUp();
      this.pos = lineStart + indent;
      this.startNextItem();
    }
    this.closeBlockCollection(start, indent, lastEnd);
    this.nodeSpans = this.spans.closeMap(entryMark, keyMark, start, lastEnd, false);
    return value;
  }

  /** A mapping key at `this.pos`, as the string it is stored under; leaves `pos` past the colon. */
  private parseKey(): string {
    const start = this.pos;
    const first = this.code(start);
    let key: string;
    let end: number;
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      key = this.parseQuoted(start);
      end = this.nodeEnd;
    } else {
      if (isIndicator(first) || ((first === DASH || first === 63 || first === COLON) && this.code(start + 1) === SPACE)) giveUp();
      let hash = this.scannedKeyHash;
      end = this.scannedKeyEnd;
      if (start !== this.scannedKeyStart) {
        end = this.plainKeyEnd(start);
        hash = this.keyHash;
      }
      // Nothing before the colon, no colon on the line, or a comment before it.
      if (end === -1 || end === start) giveUp();
      const resolved = resolvePlainScalar(sharedKey(this.text, start, end, hash));
      key = typeof resolved === "string" ? resolved : String(resolved);
    }
    if (end - start > MAX_KEY_LENGTH) giveUp();
    const colon = this.spacesFrom(end);
    if (this.code(colon) !== COLON) giveUp();
    this.nodeEnd = end;
    this.pos = colon + 1;
    return key;
  }

  /**
   * Where the plain key at `start` ends: before the first `:` on its line that a space, a line
   * break or the end follows, and the spaces before that; -1 when the line has no such colon or a
   * comment comes first. Sets `keyHash` to the key's hash.
   */
  private plainKeyEnd(start: number): number {
    const text = this.text;
    const length = this.length;
    let hash = 0;
    let keyHash = 0;
    let end = start;
    for (let at = start; ; at++) {
      if (at >= length) return -1;
      const code = text.charCodeAt(at);
      if (code === COLON) {
        const next = text.charCodeAt(at + 1);
        if (next === SPACE || next === NEWLINE || at + 1 >= length) break;
      } else if (code === NEWLINE || (code === HASH && at > start && text.charCodeAt(at - 1) === SPACE)) {
        return -1;
      }
      hash = keyHashStep(hash, code);
      if (code !== SPACE) {
        keyHash = hash;
        end = at + 1;
      }
    }
    this.keyHash = keyHash;
    return end;
  }

  /** The value after `key:`, on the same line or on the lines below. */
  private parseMapValue(indent: number, depth: number): unknown {
    const afterColon = this.pos;
    const at = this.spacesFrom(afterColon);
    const code = at < this.length ? this.code(at) : NEWLINE;
    if (code === NEWLINE || (code === HASH && at > afterColon)) {
      const hasComment = code === HASH;
      this.pos = this.nextLineStart(at);
      this.skipGap(indent, false);
      const lineStart = this.pos;
      if (this.nextIndent > indent || (this.nextIndent === indent && this.isSequenceEntry(lineStart + indent))) {
        return this.parseBlockCollection(this.nextIndent, depth + 1);
      }
      // An empty value; `yaml` places it after the colon and its spaces.
      if (hasComment || this.pendingCommentColumn !== -1) giveUp();
      this.nodeStart = at;
      this.nodeEnd = at;
      this.nodeTrailingEnd = at;
      this.nodeSpans = NO_CHILD;
      this.pendingEnd = -1;
      return null;
    }
    if (code === DASH && (this.code(at + 1) === SPACE || this.isLineBreakOrEnd(at + 1))) giveUp();
    return this.parseInlineValue(at, indent, depth);
  }

  private parseBlockSequence(start: number, indent: number, depth: number): unknown[] {
    if (depth > this.maxDepth) giveUp();
    const itemMark = this.itemCount;
    const entryMark = this.spans.entryMark;
    let lastEnd = start;
    let dash = start;
    for (;;) {
      const at = this.spacesFrom(dash + 1);
      if (at === dash + 1 || this.isLineBreakOrEnd(at) || this.code(at) === HASH) giveUp();
      let item: unknown;
      if (this.isSequenceEntry(at)) giveUp();
      else if (this.isKeyLine(at)) {
        item = this.parseBlockMap(at, at - (dash - indent), depth + 1);
      } else {
        item = this.parseInlineValue(at, indent, depth);
      }
      this.addSequenceEntry(item, this.nodeStart, this.nodeEnd);
      lastEnd = this.nodeTrailingEnd;
      if (this.nextIndent > indent) giveUp();
      if (this.nextIndent < indent || !this.isSequenceEntry(this.pos + indent)) break;
      dash = this.pos + indent;
      this.startNextItem();
    }
    this.closeBlockCollection(start, indent, lastEnd);
    this.nodeSpans = this.spans.closeSeq(entryMark, start, lastEnd, false);
    return this.takeItems(itemMark);
  }

  /**
   * A value that starts on the current line: a block scalar, a quoted or plain scalar, or a flow
   * collection. Leaves `pos` at the next line with content.
   */
  private parseInlineValue(at: number, indent: number, depth: number): unknown {
    const code = this.code(at);
    if (code === PIPE || code === GREATER) {
      const value = this.parseBlockScalar(at, indent);
      this.skipGap(indent, false);
      return value;
    }
    let value: unknown;
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      value = this.parseQuoted(at);
      this.nodeSpans = NO_CHILD;
    } else if (code === BRACKET_OPEN || code === BRACE_OPEN) {
      value = this.parseFlowCollection(at, depth + 1, indent);
    } else {
      value = this.parseBlockPlain(at);
      this.nodeSpans = NO_CHILD;
    }
    this.nodeStart = at;
    this.pos = this.lineEnd(this.nodeEnd);
    this.nodeTrailingEnd = this.pos;
    this.skipGap(indent, true);
    return value;
  }

  // ---------------------------------------------------------------------------------------------
  // Scalars

  /** A one-line plain scalar in block context; sets `nodeEnd`. */
  private parseBlockPlain(at: number): unknown {
    const first = this.code(at);
    if (isIndicator(first) || ((first === DASH || first === 63 || first === COLON) && this.code(at + 1) === SPACE)) giveUp();
    const text = this.text;
    const length = this.length;
    let end = at;
    for (; end < length; end++) {
      const code = text.charCodeAt(end);
      if (code === NEWLINE || (code === HASH && text.charCodeAt(end - 1) === SPACE)) break;
      if (code === COLON) {
        const next = text.charCodeAt(end + 1);
        if (next === SPACE || next === NEWLINE || end + 1 >= length) giveUp();
      }
    }
    while (text.charCodeAt(end - 1) === SPACE) end--;
    this.nodeEnd = end;
    return resolvePlainScalar(sharedSlice(this.text, at, end));
  }

  /** Offset just past the closing quote of a one-line quoted scalar at `at`, or -1. */
  private quotedEnd(at: number): number {
    const quote = this.code(at);
    for (let i = at + 1; i < this.length; i++) {
      const code = this.code(i);
      if (code === NEWLINE) return -1;
      if (code === BACKSLASH && quote === DOUBLE_QUOTE) {
        if (this.code(++i) === NEWLINE) return -1;
      }
      else if (code === quote) {
        if (quote === SINGLE_QUOTE && this.code(i + 1) === SINGLE_QUOTE) i++;
        else return i + 1;
      }
    }
    return -1;
  }

  /** A one-line single- or double-quoted scalar; sets `nodeEnd`. */
  private parseQuoted(at: number): string {
    const end = this.quotedEnd(at);
    if (end === -1) giveUp();
    this.nodeEnd = end;
    const inner = this.text.slice(at + 1, end - 1);
    if (this.code(at) === SINGLE_QUOTE) return inner.includes("''") ? inner.replaceAll("''", "'") : inner;
    return inner.includes("\\") ? unescapeDoubleQuoted(inner) : inner;
  }

  /**
   * A literal or folded block scalar without an indentation indicator or keep chomping, whose
   * lines are all indented alike (folding of more-indented lines is left to `yaml`).
   */
  private parseBlockScalar(at: number, parentIndent: number): string {
    const folded = this.code(at) === GREATER;
    let headerEnd = at + 1;
    let strip = false;
    if (this.code(headerEnd) === DASH) {
      strip = true;
      headerEnd++;
    }
    const afterHeader = this.spacesFrom(headerEnd);
    if (!this.isLineBreakOrEnd(afterHeader) && !(this.code(afterHeader) === HASH && afterHeader > headerEnd)) giveUp();
    const contentStart = this.nextLineStart(afterHeader);
    // The first line with content sets the indentation; blank lines before it count as line breaks.
    let leadingBlankLines = 0;
    let lineStart = contentStart;
    let contentIndent = -1;
    while (lineStart < this.length) {
      const content = this.spacesFrom(lineStart);
      if (!this.isLineBreakOrEnd(content)) {
        contentIndent = content - lineStart;
        break;
      }
      leadingBlankLines++;
      lineStart = this.nextLineStart(content);
    }
    if (contentIndent <= parentIndent || (parentIndent === -1 && contentIndent === 0)) giveUp();
    let value = "\n".repeat(leadingBlankLines);
    let separator = "";
    let pendingBreaks = 0;
    let sourceEnd = lineStart;
    // Leading blank lines must not be longer than the content's indentation.
    for (let blank = contentStart; blank < lineStart; blank = this.nextLineStart(blank)) {
      if (this.spacesFrom(blank) - blank > contentIndent) giveUp();
    }
    while (lineStart < this.length) {
      const content = this.spacesFrom(lineStart);
      const spaces = content - lineStart;
      const next = this.nextLineStart(content);
      if (this.isLineBreakOrEnd(content)) {
        if (spaces > contentIndent) giveUp();
        pendingBreaks++;
        lineStart = next;
        continue;
      }
      if (spaces < contentIndent) break;
      if (folded && spaces > contentIndent) giveUp();
      const line = this.text.slice(lineStart + contentIndent, this.lineEndFrom(content));
      if (folded) {
        if (pendingBreaks > 0) value += "\n".repeat(pendingBreaks);
        else value += separator;
        separator = " ";
      } else {
        value += separator + "\n".repeat(pendingBreaks);
        separator = "\n";
      }
      value += line;
      pendingBreaks = 0;
      lineStart = next;
      sourceEnd = next;
    }
    if (sourceEnd === contentStart) giveUp();
    if (!strip) value += "\n";
    this.nodeStart = at;
    this.nodeEnd = sourceEnd;
    this.nodeTrailingEnd = sourceEnd;
    this.nodeSpans = NO_CHILD;
    this.pos = sourceEnd;
    return value;
  }

  // ---------------------------------------------------------------------------------------------
  // Flow collections on one line

  /**
   * Spaces, line breaks and comments between the tokens of a flow collection. Every line it
   * continues on must be indented deeper than the block collection around (`parentIndent`, -1 at
   * the top of a document) and must not be a document marker.
   */
  private flowSpaceFrom(from: number, parentIndent: number): number {
    let position = this.spacesFrom(from);
    for (;;) {
      const code = this.code(position);
      if (code === HASH) {
        // `yaml` rejects some comments at the start of a line inside flow collections.
        if (this.code(position - 1) !== SPACE) giveUp();
        position = this.lineEndFrom(position);
        continue;
      }
      if (code !== NEWLINE) {
        if (position >= this.length) giveUp();
        return position;
      }
      const lineStart = position + 1;
      position = this.spacesFrom(lineStart);
      if (position < this.length && this.code(position) !== NEWLINE) {
        if (position - lineStart <= parentIndent || (position === lineStart && this.isDocumentMarker(lineStart))) giveUp();
      }
    }
  }

  /** A `[…]` or `{…}`, on one line or several; sets `nodeEnd` and `nodeSpans`. */
  private parseFlowCollection(start: number, depth: number, parentIndent: number): unknown {
    if (depth > this.maxDepth) giveUp();
    const isMap = this.code(start) === BRACE_OPEN;
    const close = isMap ? BRACE_CLOSE : BRACKET_CLOSE;
    const entryMark = this.spans.entryMark;
    const itemMark = this.itemCount;
    const keyMark = this.spans.keyMark;
    let keyIndex: Map<string, number> | undefined;
    const map: Record<string, unknown> = {};
    let at = this.flowSpaceFrom(start + 1, parentIndent);
    while (this.code(at) !== close) {
      if (isMap) {
        const keyStart = at;
        const key = this.parseFlowScalar(at);
        if (this.nodeSpans !== NO_CHILD) giveUp();
        const keyEnd = this.nodeEnd;
        const colon = this.spacesFrom(keyEnd);
        if (this.code(colon) !== COLON || key === "<<") giveUp();
        const next = this.code(colon + 1);
        if (next !== SPACE && next !== NEWLINE && this.code(keyStart) !== DOUBLE_QUOTE && this.code(keyStart) !== SINGLE_QUOTE) giveUp();
        const valueStart = this.flowSpaceFrom(colon + 1, parentIndent);
        if (this.code(valueStart) === COMMA || this.code(valueStart) === close) giveUp();
        const item = this.parseFlowNode(valueStart, depth, parentIndent);
        keyIndex = this.addMapEntry(map, String(key), item, keyMark, entryMark, keyIndex, keyStart, keyEnd, valueStart, this.nodeEnd);
      } else {
        const item = this.parseFlowNode(at, depth, parentIndent);
        this.addSequenceEntry(item, at, this.nodeEnd);
      }
      at = this.flowSpaceFrom(this.nodeEnd, parentIndent);
      const code = this.code(at);
      if (code === COMMA) at = this.flowSpaceFrom(at + 1, parentIndent);
      else if (code !== close) giveUp();
    }
    const end = at + 1;
    this.nodeEnd = end;
    if (isMap) {
      this.nodeSpans = this.spans.closeMap(entryMark, keyMark, start, end, true);
      return map;
    }
    this.nodeSpans = this.spans.closeSeq(entryMark, start, end, true);
    return this.takeItems(itemMark);
  }

  private parseFlowNode(at: number, depth: number, parentIndent: number): unknown {
    const code = this.code(at);
    if (code === BRACKET_OPEN || code === BRACE_OPEN) return this.parseFlowCollection(at, depth + 1, parentIndent);
    return this.parseFlowScalar(at);
  }

  /** A quoted or plain scalar inside a flow collection, on one line; sets `nodeEnd`. */
  private parseFlowScalar(at: number): unknown {
    this.nodeSpans = NO_CHILD;
    const first = this.code(at);
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) return this.parseQuoted(at);
    if (isIndicator(first) || first === 63 || first === COLON || first === NEWLINE || at >= this.length) giveUp();
    if (first === DASH) {
      const next = this.code(at + 1);
      if (next === SPACE || next === NEWLINE || isFlowIndicator(next) || at + 1 >= this.length) giveUp();
    }
    let end = at;
    for (;;) {
      const code = this.code(end);
      if (end >= this.length || code === NEWLINE || isFlowIndicator(code)) break;
      if (code === HASH && this.code(end - 1) === SPACE) break;
      if (code === COLON) {
        const next = this.code(end + 1);
        if (next === SPACE || next === NEWLINE || isFlowIndicator(next) || end + 1 >= this.length) break;
      }
      end++;
    }
    if (this.code(end) === BRACKET_OPEN || this.code(end) === BRACE_OPEN) giveUp();
    while (this.code(end - 1) === SPACE) end--;
    this.nodeEnd = end;
    return resolvePlainScalar(sharedSlice(this.text, at, end));
  }
}

function unescapeDoubleQuoted(inner: string): string {
  let value = "";
  let from = 0;
  for (let i = inner.indexOf("\\"); i !== -1; i = inner.indexOf("\\", from)) {
    value += inner.slice(from, i);
    const escape = inner[i + 1] ?? "";
    const hexLength = HEX_ESCAPE_LENGTHS[escape];
    if (hexLength !== undefined) {
      const hex = inner.slice(i + 2, i + 2 + hexLength);
      if (hex.length !== hexLength || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
      value += String.fromCodePoint(parseInt(hex, 16));
      from = i + 2 + hexLength;
    } else {
      const replacement = DOUBLE_QUOTED_ESCAPES[escape];
      if (replacement === undefined) giveUp();
      value += replacement;
      from = i + 2;
    }
  }
  return value + inner.slice(from);
}

/**
 * Parses the common subset of YAML that manifests are written in, as the `yaml` path would, or
 * returns undefined when the text uses anything outside it.
 */
export function parseCommonYaml(text: string, lines: LineIndex, nestingLimit: number): { documents: SourceDocument[]; problems: SourceProblem[] } | undefined {
  if (UNCOMMON_CHARACTERS.test(text)) return undefined;
  try {
    // Well inside the limit, so the `yaml` path is the one to report a document nested too deep.
    return new CommonYamlParser(text, lines, Math.min(MAX_COMMON_DEPTH, nestingLimit / 2)).parse();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}
