// The parse path statelint used up to 0.1: `yaml`'s parseAllDocuments builds full Document
// trees, which are then converted to plain values and spans. Frozen here as the oracle of the
// differential test; production code parses without it.
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from "yaml";
import { LineIndex, rootCollection, type NodeSpan, type SourceDocument, type SourceFile, type SourceProblem, type SourceProblemKind, type SourceRange, type SpanCollection } from "@statelint/core";

/**
 * Spans as statelint 0.1 kept them: objects per collection, offsets into the file. The oracle
 * builds them; {@link spanTree} reads a parsed document's span table into the same shape.
 */
export type CollectionSpans = MapSpans | SeqSpans;

interface MapSpans {
  readonly kind: "map";
  readonly start: number;
  readonly end: number;
  readonly flow: boolean;
  /** Keys in source order, repeats included. */
  readonly keys: string[];
  /** Four offsets per key: key start, key end, value start, value end. */
  readonly offsets: number[];
  readonly children: (CollectionSpans | undefined)[];
}

interface SeqSpans {
  readonly kind: "seq";
  readonly start: number;
  readonly end: number;
  readonly flow: boolean;
  /** Two offsets per item: start, end. */
  readonly offsets: number[];
  readonly children: (CollectionSpans | undefined)[];
}

export interface OracleDocument extends Omit<SourceDocument, "spans"> {
  readonly spans: CollectionSpans | undefined;
}

export interface OracleFile extends Omit<SourceFile, "documents"> {
  readonly documents: readonly OracleDocument[];
}

function treeOf(collection: SpanCollection): CollectionSpans {
  const offsets: number[] = [];
  const children: (CollectionSpans | undefined)[] = [];
  const keys: string[] = [];
  for (let index = 0; index < collection.size; index++) {
    if (collection.kind === "map") {
      keys.push(collection.key(index));
      offsets.push(collection.entryStart(index), collection.keyEnd(index));
    }
    offsets.push(collection.valueStart(index), collection.valueEnd(index));
    const child = collection.child(index);
    children.push(child && treeOf(child));
  }
  const { start, end, flow } = collection;
  return collection.kind === "map" ? { kind: "map", start, end, flow, keys, offsets, children } : { kind: "seq", start, end, flow, offsets, children };
}

/** A parsed document's spans in the layout of statelint 0.1, to compare with the oracle's. */
export function spanTree(document: SourceDocument): CollectionSpans | undefined {
  const root = rootCollection(document);
  return root && treeOf(root);
}

/** A document as plain data, with the spans of its collections. */
interface ConvertedDocument {
  readonly value: unknown;
  readonly spans: CollectionSpans | undefined;
  readonly span: NodeSpan | undefined;
}

/** `*name` with no `&name` before it: YAML says the document is invalid. */
class UnresolvedAliasError extends Error {
  constructor(readonly alias: string, readonly start: number, readonly end: number) {
    super(`Unresolved alias "*${alias}": no anchor "&${alias}" is defined before it`);
  }
}

class AliasLimitError extends Error {
  constructor(readonly start: number, readonly end: number) {
    super("alias expansion limit exceeded");
  }
}

interface Converted {
  readonly value: unknown;
  readonly spans: CollectionSpans | undefined;
  readonly start: number;
  readonly end: number;
}

interface ConvertState {
  readonly lines: LineIndex;
  readonly docIndex: number;
  readonly problems: SourceProblem[];
  readonly maxAliasNodes: number;
  aliasNodes: number;
}

function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, not assignment: a key named "__proto__" must stay a key.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function duplicateKey(state: ConvertState, key: string, start: number, end: number, firstStart: number, firstEnd: number): void {
  state.problems.push({
    kind: "duplicate-key",
    message: `Duplicate key "${key}"`,
    range: state.lines.range(start, end),
    firstRange: state.lines.range(firstStart, firstEnd),
    docIndex: state.docIndex,
  });
}

function mergeInto(result: Record<string, unknown>, sources: readonly unknown[]): void {
  // YAML 1.1 merge keys (`<<: *defaults`), which Kubernetes' decoder honours: explicit keys win.
  for (const source of sources) {
    for (const item of Array.isArray(source) ? source : [source]) {
      if (!item || typeof item !== "object" || Array.isArray(item)) continue;
      for (const [key, value] of Object.entries(item)) if (!Object.prototype.hasOwnProperty.call(result, key)) setKey(result, key, value);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// From a composed `yaml` Document to plain data and spans; the Document can then be dropped.

function nodeSpan(node: unknown): { start: number; end: number } | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

function convertYamlNode(node: unknown, doc: Document, state: ConvertState, viaAlias: boolean): Converted {
  const span = nodeSpan(node) ?? { start: 0, end: 0 };
  // Every node produced by expanding an alias counts, so a "billion laughs" stops after the budget, not after the laughs.
  if (viaAlias && ++state.aliasNodes > state.maxAliasNodes) throw new AliasLimitError(span.start, span.end);
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (target === undefined) throw new UnresolvedAliasError(node.source, span.start, span.end);
    try {
      const converted = convertYamlNode(target, doc, state, true);
      return { ...converted, start: span.start, end: span.end };
    } catch (error) {
      // Point at the alias written in the document's own content, not at one deep inside an anchor.
      if (error instanceof AliasLimitError && !viaAlias) throw new AliasLimitError(span.start, span.end);
      throw error;
    }
  }
  if (isScalar(node)) return { value: node.value, spans: undefined, start: span.start, end: span.end };
  if (isSeq(node)) {
    const value: unknown[] = [];
    const offsets: number[] = [];
    const children: (CollectionSpans | undefined)[] = [];
    for (const item of node.items) {
      const converted = convertYamlNode(item, doc, state, viaAlias);
      value.push(converted.value);
      offsets.push(converted.start, converted.end);
      children.push(converted.spans);
    }
    return { value, spans: { kind: "seq", start: span.start, end: span.end, flow: node.flow === true, offsets, children }, start: span.start, end: span.end };
  }
  if (isMap(node)) {
    const value: Record<string, unknown> = {};
    const keys: string[] = [];
    const offsets: number[] = [];
    const children: (CollectionSpans | undefined)[] = [];
    const seen = new Map<string, number>();
    const merges: unknown[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyText = String(isScalar(pair.key) ? pair.key.value : pair.key);
      const keySpan = nodeSpan(pair.key) ?? span;
      const converted = convertYamlNode(pair.value, doc, state, viaAlias);
      if (keyText === "<<" && (isAlias(pair.value) || isSeq(pair.value))) {
        merges.push(converted.value);
        continue;
      }
      const previous = seen.get(keyText);
      if (previous !== undefined && !viaAlias) duplicateKey(state, keyText, keySpan.start, keySpan.end, offsets[previous * 4]!, offsets[previous * 4 + 1]!);
      seen.set(keyText, keys.length);
      keys.push(keyText);
      const empty = isScalar(pair.value) && pair.value.value === null && pair.value.source === "";
      offsets.push(keySpan.start, keySpan.end, converted.start, empty || pair.value === null ? converted.start : converted.end);
      children.push(converted.spans);
      setKey(value, keyText, converted.value);
    }
    if (merges.length) mergeInto(value, merges);
    return { value, spans: { kind: "map", start: span.start, end: span.end, flow: node.flow === true, keys, offsets, children }, start: span.start, end: span.end };
  }
  return { value: node ?? null, spans: undefined, start: span.start, end: span.end };
}

function convertYamlDocument(doc: Document, state: ConvertState): ConvertedDocument {
  if (doc.contents === null) return { value: null, spans: undefined, span: undefined };
  const converted = convertYamlNode(doc.contents, doc, state, false);
  return { value: converted.value, spans: converted.spans, span: { start: converted.start, end: converted.end } };
}

interface ParseOptions {
  readonly maxLength?: number;
  readonly maxAliasNodes?: number;
}
const DEFAULT_MAX_LENGTH = 16 * 1024 * 1024;
const DEFAULT_MAX_ALIAS_NODES = 10_000;
const HELM_ACTION = /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|include\b|template\b|if\b|range\b|with\b|end\b|toYaml\b|tpl\b|define\b|else\b)/;

function firstLineRange(text: string, lines: LineIndex): SourceRange {
  return lines.range(0, Math.min(text.length, lines.lineEnd(1)));
}

function fileProblem(path: string, text: string, lines: LineIndex, kind: SourceProblemKind, message: string, range = firstLineRange(text, lines)): OracleFile {
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
export function parseWithYamlDocuments(path: string, text: string, options: ParseOptions = {}): OracleFile {
  const lines = new LineIndex(text);
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) return fileProblem(path, text, lines, "too-large", `File is ${text.length} characters long, over the limit of ${maxLength}`);
  if (text.includes("\u0000")) return fileProblem(path, text, lines, "binary", "File contains NUL bytes and looks binary, not YAML or JSON");
  if (text.includes("{{") && HELM_ACTION.test(text)) {
    return fileProblem(path, text, lines, "helm-template", "File is an unrendered Helm template ({{ … }} actions)", helmActionRange(text, lines));
  }
  const problems: SourceProblem[] = [];
  const documents: OracleDocument[] = [];
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
