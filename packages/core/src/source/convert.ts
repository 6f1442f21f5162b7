import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from "yaml";
import type { SourceProblem } from "./parse.js";
import type { LineIndex } from "./position.js";
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

interface Converted {
  readonly value: unknown;
  readonly spans: CollectionSpans | undefined;
  readonly start: number;
  readonly end: number;
}

export interface ConvertState {
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

export function convertYamlDocument(doc: Document, state: ConvertState): ConvertedDocument {
  if (doc.contents === null) return { value: null, spans: undefined, span: undefined };
  const converted = convertYamlNode(doc.contents, doc, state, false);
  return { value: converted.value, spans: converted.spans, span: { start: converted.start, end: converted.end } };
}
