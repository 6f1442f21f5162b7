import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from "yaml";
import type { SourceProblem } from "./parse.js";
import type { LineIndex } from "./position.js";
import { duplicateKeyProblem, setKey } from "./map-keys.js";
import { NO_CHILD, type SpanTable, type SpanTableWriter } from "./span-table.js";
import type { NodeSpan } from "./spans.js";

/** A document as plain data, with the spans of its collections. */
export interface ConvertedDocument {
  readonly value: unknown;
  readonly spans: SpanTable | undefined;
  readonly span: NodeSpan | undefined;
}

/** `*name` with no `&name` before it: YAML says the document is invalid. */
export class UnresolvedAliasError extends Error {
  constructor(readonly alias: string, readonly start: number, readonly end: number) {
    super(`Unresolved alias "*${alias}": no anchor "&${alias}" is defined before it`);
  }
}

export class AliasLimitError extends Error {
  constructor(readonly start: number, readonly end: number) {
    super("alias expansion limit exceeded");
  }
}

/** Collections nested deeper than the limit (aliases can nest an anchor inside itself many times over). */
export class NestingLimitError extends Error {
  constructor(readonly start: number, readonly end: number) {
    super("nesting limit exceeded");
  }
}

export interface ConvertState {
  readonly lines: LineIndex;
  readonly docIndex: number;
  readonly problems: SourceProblem[];
  readonly maxAliasNodes: number;
  readonly maxDepth: number;
  /** Builds the span tables of the file's documents. */
  readonly spans: SpanTableWriter;
  aliasNodes: number;
}

/**
 * Where the node just converted sits and the spans of its collection. The converter returns the
 * value and leaves these here, so a scalar (most nodes) costs no allocation beyond its value.
 */
interface Cursor {
  start: number;
  end: number;
  /** Where the node's collection begins in the span table, or NO_CHILD. */
  spans: number;
}

const hasOwn = Object.prototype.hasOwnProperty;

function mergeInto(result: Record<string, unknown>, sources: readonly unknown[]): void {
  // YAML 1.1 merge keys (`<<: *defaults`), which Kubernetes' decoder honours: explicit keys win.
  for (const source of sources) {
    for (const item of Array.isArray(source) ? source : [source]) {
      if (!item || typeof item !== "object" || Array.isArray(item)) continue;
      for (const [key, value] of Object.entries(item)) if (!hasOwn.call(result, key)) setKey(result, key, value);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// From a composed `yaml` Document to plain data and spans; the Document can then be dropped.

function convertNode(node: unknown, doc: Document, state: ConvertState, cursor: Cursor, viaAlias: boolean, depth: number): unknown {
  const range = (node as YamlNode | null | undefined)?.range;
  const start = range ? range[0] : 0;
  const end = range ? range[1] : 0;
  // Every node produced by expanding an alias counts, so a "billion laughs" stops after the budget, not after the laughs.
  if (viaAlias && ++state.aliasNodes > state.maxAliasNodes) throw new AliasLimitError(start, end);
  if (isScalar(node)) {
    cursor.start = start;
    cursor.end = end;
    cursor.spans = NO_CHILD;
    return node.value;
  }
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (target === undefined) throw new UnresolvedAliasError(node.source, start, end);
    let value: unknown;
    try {
      value = convertNode(target, doc, state, cursor, true, depth);
    } catch (error) {
      // Point at the alias written in the document's own content, not at one deep inside an anchor.
      if (error instanceof AliasLimitError && !viaAlias) throw new AliasLimitError(start, end);
      if (error instanceof NestingLimitError && !viaAlias) throw new NestingLimitError(start, end);
      throw error;
    }
    cursor.start = start;
    cursor.end = end;
    return value;
  }
  if (isSeq(node)) {
    if (depth >= state.maxDepth) throw new NestingLimitError(start, end);
    const items = node.items;
    const value: unknown[] = new Array<unknown>(items.length);
    const entryMark = state.spans.entryMark;
    for (let i = 0; i < items.length; i++) {
      value[i] = convertNode(items[i], doc, state, cursor, viaAlias, depth + 1);
      state.spans.addSeqItem(cursor.start, cursor.end, cursor.spans);
    }
    cursor.start = start;
    cursor.end = end;
    cursor.spans = state.spans.closeSeq(entryMark, start, end, node.flow === true);
    return value;
  }
  if (isMap(node)) {
    if (depth >= state.maxDepth) throw new NestingLimitError(start, end);
    const value: Record<string, unknown> = {};
    const entryMark = state.spans.entryMark;
    const keyMark = state.spans.keyMark;
    let lastIndexOfKey: Map<string, number> | undefined;
    let merges: unknown[] | undefined;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as YamlNode | null;
      const keyText = String(isScalar(key) ? key.value : key);
      const keyStart = key?.range ? key.range[0] : start;
      const keyEnd = key?.range ? key.range[1] : end;
      const item = convertNode(pair.value, doc, state, cursor, viaAlias, depth + 1);
      if (keyText === "<<" && (isAlias(pair.value) || isSeq(pair.value))) {
        (merges ??= []).push(item);
        continue;
      }
      if (!viaAlias && hasOwn.call(value, keyText)) {
        // A key index built at the first repeat keeps a file of repeated keys linear.
        lastIndexOfKey ??= state.spans.indexPendingKeys(keyMark);
        const previous = state.spans.pendingKeyRange(entryMark, keyMark, lastIndexOfKey.get(keyText)!);
        state.problems.push(duplicateKeyProblem(state.lines, state.docIndex, keyText, keyStart, keyEnd, previous.start, previous.end));
      }
      lastIndexOfKey?.set(keyText, state.spans.keyMark);
      const empty = pair.value === null || (isScalar(pair.value) && pair.value.value === null && pair.value.source === "");
      state.spans.addMapEntry(keyText, keyStart, keyEnd, cursor.start, empty ? cursor.start : cursor.end, cursor.spans);
      setKey(value, keyText, item);
    }
    if (merges) mergeInto(value, merges);
    cursor.start = start;
    cursor.end = end;
    cursor.spans = state.spans.closeMap(entryMark, keyMark, start, end, node.flow === true);
    return value;
  }
  cursor.start = start;
  cursor.end = end;
  cursor.spans = NO_CHILD;
  return node ?? null;
}

/** Converts a document that starts at `start` in its file (the span table's offsets are relative to it). */
export function convertYamlDocument(doc: Document, start: number, state: ConvertState): ConvertedDocument {
  if (doc.contents === null) return { value: null, spans: undefined, span: undefined };
  state.spans.beginDocument(start);
  const cursor: Cursor = { start: 0, end: 0, spans: NO_CHILD };
  const value = convertNode(doc.contents, doc, state, cursor, false, 0);
  return { value, spans: state.spans.finishDocument(cursor.spans), span: { start: cursor.start, end: cursor.end } };
}
