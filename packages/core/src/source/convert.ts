import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from "yaml";
import type { SourceProblem } from "./parse.js";
import type { LineIndex } from "./position.js";
import { duplicateKeyProblem, setKey } from "./map-keys.js";
import type { CollectionSpans, NodeSpan } from "./spans.js";

/** A document as plain data, with the spans of its collections. */
export interface ConvertedDocument {
  readonly value: unknown;
  readonly spans: CollectionSpans | undefined;
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
  aliasNodes: number;
}

/**
 * Where the node just converted sits and the spans of its collection. The converter returns the
 * value and leaves these here, so a scalar (most nodes) costs no allocation beyond its value.
 */
interface Cursor {
  start: number;
  end: number;
  spans: CollectionSpans | undefined;
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
    cursor.spans = undefined;
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
    const offsets: number[] = new Array<number>(items.length * 2);
    const children: (CollectionSpans | undefined)[] = new Array<CollectionSpans | undefined>(items.length);
    for (let i = 0; i < items.length; i++) {
      value[i] = convertNode(items[i], doc, state, cursor, viaAlias, depth + 1);
      offsets[i * 2] = cursor.start;
      offsets[i * 2 + 1] = cursor.end;
      children[i] = cursor.spans;
    }
    cursor.start = start;
    cursor.end = end;
    cursor.spans = { kind: "seq", start, end, flow: node.flow === true, offsets, children };
    return value;
  }
  if (isMap(node)) {
    if (depth >= state.maxDepth) throw new NestingLimitError(start, end);
    const value: Record<string, unknown> = {};
    const keys: string[] = [];
    let lastIndexOfKey: Map<string, number> | undefined;
    const offsets: number[] = [];
    const children: (CollectionSpans | undefined)[] = [];
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
        lastIndexOfKey ??= new Map(keys.map((key, index) => [key, index]));
        const previous = lastIndexOfKey.get(keyText)! * 4;
        state.problems.push(duplicateKeyProblem(state.lines, state.docIndex, keyText, keyStart, keyEnd, offsets[previous]!, offsets[previous + 1]!));
      }
      lastIndexOfKey?.set(keyText, keys.length);
      keys.push(keyText);
      const empty = pair.value === null || (isScalar(pair.value) && pair.value.value === null && pair.value.source === "");
      offsets.push(keyStart, keyEnd, cursor.start, empty ? cursor.start : cursor.end);
      children.push(cursor.spans);
      setKey(value, keyText, item);
    }
    if (merges) mergeInto(value, merges);
    cursor.start = start;
    cursor.end = end;
    cursor.spans = { kind: "map", start, end, flow: node.flow === true, keys, offsets, children };
    return value;
  }
  cursor.start = start;
  cursor.end = end;
  cursor.spans = undefined;
  return node ?? null;
}

export function convertYamlDocument(doc: Document, state: ConvertState): ConvertedDocument {
  if (doc.contents === null) return { value: null, spans: undefined, span: undefined };
  const cursor: Cursor = { start: 0, end: 0, spans: undefined };
  const value = convertNode(doc.contents, doc, state, cursor, false, 0);
  return { value, spans: cursor.spans, span: { start: cursor.start, end: cursor.end } };
}
