import { parseAllDocuments } from "yaml";
import { AliasLimitError, convertYamlDocument, UnresolvedAliasError, type ConvertState } from "./convert.js";
import { LineIndex, type SourceRange } from "./position.js";
import type { CollectionSpans, NodeSpan } from "./spans.js";

export type SourceProblemKind = "syntax" | "duplicate-key" | "helm-template" | "alias-limit" | "binary" | "too-large";

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
  /** Where the document's collections sit in the text. */
  readonly spans: CollectionSpans | undefined;
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
}

const DEFAULT_MAX_LENGTH = 16 * 1024 * 1024;
const DEFAULT_MAX_ALIAS_NODES = 10_000;
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

/**
 * Parses a YAML or JSON file (JSON is YAML 1.2) into documents of plain data plus the spans of
 * their nodes; the syntax tree is not kept. Problems become data, never exceptions, so one
 * broken document leaves the others of the file to be linted.
 */
export function parseSource(path: string, text: string, options: ParseOptions = {}): SourceFile {
  const lines = new LineIndex(text);
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) return fileProblem(path, text, lines, "too-large", `File is ${text.length} characters long, over the limit of ${maxLength}`);
  if (text.includes("\u0000")) return fileProblem(path, text, lines, "binary", "File contains NUL bytes and looks binary, not YAML or JSON");
  if (text.includes("{{") && HELM_ACTION.test(text)) {
    return fileProblem(path, text, lines, "helm-template", "File is an unrendered Helm template ({{ … }} actions)", helmActionRange(text, lines));
  }
  const problems: SourceProblem[] = [];
  const documents: SourceDocument[] = [];
  const parsed = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, merge: false, keepSourceTokens: false });
  const list = Array.isArray(parsed) ? parsed : [];
  list.forEach((doc, index) => {
    const start = doc.range[0];
    const end = doc.range[2];
    const error = doc.errors[0];
    if (error) {
      problems.push({ kind: "syntax", message: error.message.split("\n")[0] ?? error.message, range: lines.range(error.pos[0], error.pos[1]), docIndex: index });
      documents.push({ index, start, end, value: undefined, spans: undefined, span: undefined });
      return;
    }
    const state: ConvertState = { lines, docIndex: index, problems, maxAliasNodes: options.maxAliasNodes ?? DEFAULT_MAX_ALIAS_NODES, aliasNodes: 0 };
    try {
      documents.push({ index, start, end, ...convertYamlDocument(doc, state) });
    } catch (error) {
      if (error instanceof UnresolvedAliasError) {
        problems.push({ kind: "syntax", message: error.message, range: lines.range(error.start, error.end), docIndex: index });
        documents.push({ index, start, end, value: undefined, spans: undefined, span: undefined });
        return;
      }
      if (!(error instanceof AliasLimitError)) throw error;
      problems.push({
        kind: "alias-limit",
        message: `YAML aliases expand to more than ${state.maxAliasNodes} nodes (a "billion laughs" document); the document is skipped`,
        range: lines.range(error.start, error.end),
        docIndex: index,
      });
      documents.push({ index, start, end, value: undefined, spans: undefined, span: undefined });
    }
  });
  return { path, text, lines, documents, problems };
}
