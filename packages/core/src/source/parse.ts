import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from "yaml";
import { LineIndex, type SourceRange } from "./position.js";

export type SourceProblemKind =
  | "syntax"
  | "duplicate-key"
  | "helm-template"
  | "alias-limit"
  | "binary"
  | "too-large";

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
  readonly doc: Document;
  /** Offsets of the document within the file, directives included. */
  readonly start: number;
  readonly end: number;
  /** The document as plain data; `undefined` when it failed to parse. */
  readonly value: unknown;
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

class AliasLimitError extends Error {
  constructor(readonly node: YamlNode | undefined) {
    super("alias expansion limit exceeded");
  }
}

interface ConvertState {
  readonly doc: Document;
  readonly lines: LineIndex;
  readonly docIndex: number;
  readonly problems: SourceProblem[];
  readonly maxAliasNodes: number;
  aliasNodes: number;
  aliasDepth: number;
}

function nodeRange(state: ConvertState, node: YamlNode | null | undefined): SourceRange {
  const range = node?.range;
  return range ? state.lines.range(range[0], range[1]) : state.lines.range(0, 0);
}

function keyString(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function convert(node: unknown, state: ConvertState): unknown {
  if (state.aliasDepth > 0 && ++state.aliasNodes > state.maxAliasNodes) {
    throw new AliasLimitError(node as YamlNode);
  }
  if (isAlias(node)) {
    const target = node.resolve(state.doc);
    state.aliasDepth++;
    try {
      return convert(target, state);
    } catch (error) {
      if (error instanceof AliasLimitError && state.aliasDepth === 1) throw new AliasLimitError(node);
      throw error;
    } finally {
      state.aliasDepth--;
    }
  }
  if (isScalar(node)) return node.value;
  if (isSeq(node)) return node.items.map((item) => convert(item, state));
  if (isMap(node)) return convertMap(node.items, state);
  return node ?? null;
}

function convertMap(items: readonly unknown[], state: ConvertState): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const seen = new Map<string, YamlNode | undefined>();
  const merged: unknown[] = [];
  for (const pair of items) {
    if (!isPair(pair)) continue;
    const key = keyString(pair.key);
    if (key === "<<" && (isAlias(pair.value) || isSeq(pair.value))) {
      merged.push(pair.value);
      continue;
    }
    const keyNode = pair.key as YamlNode | undefined;
    const first = seen.get(key);
    if (seen.has(key) && state.aliasDepth === 0) {
      state.problems.push({
        kind: "duplicate-key",
        message: `Duplicate key "${key}"`,
        range: nodeRange(state, keyNode),
        firstRange: nodeRange(state, first),
        docIndex: state.docIndex,
      });
    }
    seen.set(key, keyNode);
    Object.defineProperty(result, key, { value: convert(pair.value, state), enumerable: true, writable: true, configurable: true });
  }
  // YAML 1.1 merge keys (`<<: *defaults`), which Kubernetes' YAML decoder honours: explicit keys win.
  for (const source of merged) {
    const sources = isSeq(source) ? source.items : [source];
    for (const item of sources) {
      const value = convert(item, state);
      if (value && typeof value === "object" && !Array.isArray(value)) {
        for (const [key, inner] of Object.entries(value)) if (!(key in result)) result[key] = inner;
      }
    }
  }
  return result;
}

function looksLikeHelmTemplate(text: string): boolean {
  const open = text.indexOf("{{");
  return open !== -1 && HELM_ACTION.test(text);
}

function wholeFileProblem(path: string, text: string, lines: LineIndex, kind: SourceProblemKind, message: string): SourceFile {
  return { path, text, lines, documents: [], problems: [{ kind, message, range: lines.range(0, Math.min(text.length, lines.lineEnd(1))) }] };
}

function firstHelmActionRange(text: string, lines: LineIndex): SourceRange {
  const start = text.indexOf("{{");
  const end = text.indexOf("}}", start);
  return lines.range(start, end === -1 ? start + 2 : end + 2);
}

/**
 * Parses a YAML or JSON file (JSON is YAML 1.2) into documents with plain values and keeps the
 * syntax tree for positions. Problems become data, never exceptions, so one broken document
 * leaves the others of the file to be linted.
 */
export function parseSource(path: string, text: string, options: ParseOptions = {}): SourceFile {
  const lines = new LineIndex(text);
  if (text.length > (options.maxLength ?? DEFAULT_MAX_LENGTH)) {
    return wholeFileProblem(path, text, lines, "too-large", `File is ${text.length} characters long, over the limit of ${options.maxLength ?? DEFAULT_MAX_LENGTH}`);
  }
  if (text.includes("\u0000")) {
    return wholeFileProblem(path, text, lines, "binary", "File contains NUL bytes and looks binary, not YAML or JSON");
  }
  if (looksLikeHelmTemplate(text)) {
    return {
      path, text, lines, documents: [],
      problems: [{ kind: "helm-template", message: "File is an unrendered Helm template ({{ … }} actions)", range: firstHelmActionRange(text, lines) }],
    };
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
      documents.push({ index, doc, start, end, value: undefined });
      return;
    }
    const state: ConvertState = { doc, lines, docIndex: index, problems, maxAliasNodes: options.maxAliasNodes ?? DEFAULT_MAX_ALIAS_NODES, aliasNodes: 0, aliasDepth: 0 };
    try {
      documents.push({ index, doc, start, end, value: convert(doc.contents, state) });
    } catch (error) {
      if (!(error instanceof AliasLimitError)) throw error;
      problems.push({
        kind: "alias-limit",
        message: `YAML aliases expand to more than ${state.maxAliasNodes} nodes (a "billion laughs" document); the document is skipped`,
        range: nodeRange(state, error.node),
        docIndex: index,
      });
      documents.push({ index, doc, start, end, value: undefined });
    }
  });
  return { path, text, lines, documents, problems };
}
