import { Composer, Parser, type CST, type Document } from "yaml";
import { parseCommonYaml } from "./common-yaml.js";
import { AliasLimitError, convertYamlDocument, NestingLimitError, UnresolvedAliasError, type ConvertState } from "./convert.js";
import { nestingOf } from "./nesting.js";
import { LineIndex, type SourceRange } from "./position.js";
import { sharedSpanTableWriter, type SpanTable } from "./span-table.js";
import type { NodeSpan } from "./spans.js";

export type SourceProblemKind = "syntax" | "duplicate-key" | "helm-template" | "alias-limit" | "too-deep" | "binary" | "too-large" | "parse-failed";

/** Something wrong with the text itself, before any object is looked at. */
export interface SourceProblem {
  readonly kind: SourceProblemKind;
  readonly message: string;
  readonly range: SourceRange;
  /** Index of the document within the file; absent for whole-file problems. */
  readonly docIndex?: number;
  /** For duplicate keys: where the key first appeared. */
  readonly firstRange?: SourceRange;
}

export interface SourceDocument {
  readonly index: number;
  /** Offsets of the document within the file. */
  readonly start: number;
  readonly end: number;
  /** The document as plain data; `undefined` when it failed to parse. */
  readonly value: unknown;
  /** Where the document's collections sit in the text, relative to `start`. */
  readonly spans: SpanTable | undefined;
  /** Where the document's root node sits. */
  readonly span: NodeSpan | undefined;
}

export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly documents: readonly SourceDocument[];
  readonly problems: readonly SourceProblem[];
}

export interface ParseOptions {
  /** Files longer than this many characters are not parsed (default 16 MiB). */
  readonly maxLength?: number;
  /** How many nodes alias expansion may produce in one document (default 10,000). */
  readonly maxAliasNodes?: number;
  /** How deep mappings and sequences may nest (default 512); deeper documents are skipped. */
  readonly maxDepth?: number;
}

const DEFAULT_MAX_LENGTH = 16 * 1024 * 1024;
const DEFAULT_MAX_ALIAS_NODES = 10_000;
/**
 * Kubernetes objects nest a few dozen levels (a CRD's schema perhaps a hundred). Every stage after
 * the parser recurses once per level, so a deeper document would overflow the stack.
 */
const DEFAULT_MAX_DEPTH = 512;
const COMPOSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, merge: false, keepSourceTokens: false } as const;
const HELM_ACTION = /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|include\b|template\b|if\b|range\b|with\b|end\b|toYaml\b|tpl\b|define\b|else\b)/;

function firstLineRange(text: string, lines: LineIndex): SourceRange {
  return lines.range(0, Math.min(text.length, lines.lineEnd(1)));
}

function fileProblem(path: string, text: string, lines: LineIndex, kind: SourceProblemKind, message: string, range = firstLineRange(text, lines)): SourceFile {
  return { path, text, lines, documents: [], problems: [{ kind, message, range }] };
}

function helmActionRange(text: string, lines: LineIndex): SourceRange {
  const match = HELM_ACTION.exec(text);
  const start = match?.index ?? text.indexOf("{{");
  const end = text.indexOf("}}", start);
  return lines.range(start, end === -1 ? start + 2 : end + 2);
}

function tooDeepMessage(depth: string, limit: number): string {
  return `Mappings and sequences nest ${depth} deep, over the limit of ${limit}; the document is skipped`;
}

/**
 * `yaml`'s parser and composer, as parseAllDocuments runs them, with one check in between: a
 * document nested beyond the limit is composed empty (the composer recurses per level) and noted.
 * Each Document is handed on as soon as it is composed, so only one syntax tree is alive at a
 * time, not one per document of the file.
 */
function composeDocuments(text: string, maxDepth: number, tooDeep: Map<number, { depth: number; at: number }>, onDocument: (doc: Document.Parsed, index: number) => void): void {
  const composer = new Composer(COMPOSE_OPTIONS);
  let composed = 0;
  // Each document token becomes one Document, in order (the composer yields it when the next begins).
  let documentTokens = 0;
  for (const token of new Parser().parse(text)) {
    let next: CST.Token = token;
    if (token.type === "document") {
      const nesting = nestingOf(token, maxDepth);
      if (nesting.beyondLimitAt !== -1) {
        tooDeep.set(documentTokens, { depth: nesting.depth, at: nesting.beyondLimitAt });
        next = { type: "document", offset: token.offset, start: token.start, ...(token.end ? { end: token.end } : {}) };
      }
      documentTokens++;
    }
    for (const doc of composer.next(next)) onDocument(doc as Document.Parsed, composed++);
  }
  for (const doc of composer.end()) onDocument(doc as Document.Parsed, composed++);
}

/**
 * Parses a file when that is quick and cheap: a file that cannot be YAML (too large, binary, an
 * unrendered Helm template) or YAML of the common subset manifests are written in. Returns
 * undefined when the file needs `yaml`'s parser, whose time and memory unusual input can blow
 * up (aliases, deep nesting), so a caller may run that part where a failure is contained.
 */
export function parseSourceQuickly(path: string, text: string, options: ParseOptions = {}): SourceFile | undefined {
  return parseQuickly(path, text, new LineIndex(text), options);
}

function parseQuickly(path: string, text: string, lines: LineIndex, options: ParseOptions): SourceFile | undefined {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) return fileProblem(path, text, lines, "too-large", `File is ${text.length} characters long, over the limit of ${maxLength}`);
  if (text.includes("\u0000")) return fileProblem(path, text, lines, "binary", "File contains NUL bytes and looks binary, not YAML or JSON");
  if (text.includes("{{") && HELM_ACTION.test(text)) {
    return fileProblem(path, text, lines, "helm-template", "File is an unrendered Helm template ({{ … }} actions)", helmActionRange(text, lines));
  }
  const common = parseCommonYaml(text, lines, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  return common ? { path, text, lines, ...common } : undefined;
}

/**
 * Parses a YAML or JSON file (JSON is YAML 1.2) into documents of plain data plus the spans of
 * their nodes; the syntax tree is not kept. Problems become data, never exceptions, so one
 * broken document leaves the others of the file to be linted.
 */
export function parseSource(path: string, text: string, options: ParseOptions = {}): SourceFile {
  const lines = new LineIndex(text);
  return parseQuickly(path, text, lines, options) ?? parseWithYaml(path, text, lines, options);
}

/**
 * `yaml`'s parser alone, for the files {@link parseSourceQuickly} left to it: parsing them again
 * with the common-YAML parser would only find again that it cannot.
 */
export function parseSourceWithYaml(path: string, text: string, options: ParseOptions = {}): SourceFile {
  return parseWithYaml(path, text, new LineIndex(text), options);
}

function parseWithYaml(path: string, text: string, lines: LineIndex, options: ParseOptions): SourceFile {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const problems: SourceProblem[] = [];
  const documents: SourceDocument[] = [];
  const tooDeep = new Map<number, { depth: number; at: number }>();
  const spans = sharedSpanTableWriter();
  composeDocuments(text, maxDepth, tooDeep, (doc, index) => {
    const start = doc.range[0];
    const end = doc.range[2];
    const skip = (kind: SourceProblemKind, message: string, from: number, to: number) => {
      problems.push({ kind, message, range: lines.range(from, to), docIndex: index });
      documents.push({ index, start, end, value: undefined, spans: undefined, span: undefined });
    };
    const deep = tooDeep.get(index);
    if (deep) return skip("too-deep", tooDeepMessage(`${deep.depth} levels`, maxDepth), deep.at, deep.at + 1);
    const error = doc.errors[0];
    if (error) return skip("syntax", error.message.split("\n")[0] ?? error.message, error.pos[0], error.pos[1]);
    const state: ConvertState = { lines, docIndex: index, problems, maxAliasNodes: options.maxAliasNodes ?? DEFAULT_MAX_ALIAS_NODES, maxDepth, spans, aliasNodes: 0 };
    try {
      documents.push({ index, start, end, ...convertYamlDocument(doc, start, state) });
    } catch (error) {
      if (error instanceof UnresolvedAliasError) return skip("syntax", error.message, error.start, error.end);
      if (error instanceof NestingLimitError) return skip("too-deep", tooDeepMessage("more levels", maxDepth), error.start, error.end);
      if (!(error instanceof AliasLimitError)) throw error;
      skip("alias-limit", `YAML aliases expand to more than ${state.maxAliasNodes} nodes (a "billion laughs" document); the document is skipped`, error.start, error.end);
    }
  });
  return { path, text, lines, documents, problems };
}
