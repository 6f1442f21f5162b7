import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from "yaml";
import type { FieldPath } from "./path.js";

/** Offsets of a key and of its value; `end` is exclusive. */
export interface NodeSpan {
  readonly start: number;
  readonly end: number;
}

export interface LocatedField {
  /** The key of the last segment when it is a mapping key. */
  readonly key?: NodeSpan;
  /** The value node; absent when the key exists with no value. */
  readonly value?: NodeSpan;
  /** Whether the value is a mapping or a sequence (findings then point at the key, not the block). */
  readonly valueIsCollection: boolean;
  /** True when the whole path exists; otherwise this describes the deepest existing ancestor. */
  readonly exact: boolean;
  /** How many segments of the path were found. */
  readonly depth: number;
}

function span(node: YamlNode | null | undefined): NodeSpan | undefined {
  const range = node?.range;
  if (!range) return undefined;
  return { start: range[0], end: range[1] };
}

function deref(node: unknown, doc: Document): unknown {
  let current = node;
  for (let hops = 0; isAlias(current) && hops < 32; hops++) current = current.resolve(doc);
  return current;
}

/**
 * Finds the source span of a field path inside a parsed document. When a key repeats, the last
 * one wins, matching what the Kubernetes API keeps.
 */
export function locateField(doc: Document, path: FieldPath): LocatedField {
  let node: unknown = deref(doc.contents, doc);
  let key: NodeSpan | undefined;
  let depth = 0;
  for (const segment of path) {
    let next: unknown;
    let nextKey: NodeSpan | undefined;
    let found = false;
    if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        if (!isPair(pair)) continue;
        const pairKey = pair.key;
        const keyValue = isScalar(pairKey) ? pairKey.value : pairKey;
        if (keyValue !== null && keyValue !== undefined && String(keyValue) === String(segment)) {
          next = pair.value;
          nextKey = span(pairKey as YamlNode);
          found = true;
          break;
        }
      }
    } else if (isSeq(node) && typeof segment === "number") {
      if (segment >= 0 && segment < node.items.length) {
        next = node.items[segment];
        nextKey = undefined;
        found = true;
      }
    }
    if (!found) break;
    node = deref(next, doc);
    key = nextKey;
    depth++;
  }
  const valueNode = node as YamlNode | null | undefined;
  const value = isScalar(valueNode) && valueNode.value === null && valueNode.source === "" ? undefined : span(valueNode);
  return {
    ...(key ? { key } : {}),
    ...(value ? { value } : {}),
    valueIsCollection: isMap(valueNode) || isSeq(valueNode),
    exact: depth === path.length,
    depth,
  };
}
