import type { FieldPath } from "./path.js";

/**
 * Where the parts of a mapping or sequence sit in the source, kept beside the plain value so
 * the syntax tree can be dropped after parsing. Offsets are into the file text; ends are
 * exclusive. Plain data only, so it can cross a worker-thread boundary.
 */
export interface MapSpans {
  readonly kind: "map";
  readonly start: number;
  readonly end: number;
  readonly flow: boolean;
  /** Keys in source order, repeats included. */
  readonly keys: string[];
  /** Four offsets per key: key start, key end, value start, value end (equal when there is no value). */
  readonly offsets: number[];
  /** Spans of values that are collections, by key index. */
  readonly children: (CollectionSpans | undefined)[];
}

export interface SeqSpans {
  readonly kind: "seq";
  readonly start: number;
  readonly end: number;
  readonly flow: boolean;
  /** Two offsets per item: start, end. */
  readonly offsets: number[];
  readonly children: (CollectionSpans | undefined)[];
}

export type CollectionSpans = MapSpans | SeqSpans;

export interface NodeSpan {
  readonly start: number;
  readonly end: number;
}

export interface LocatedField {
  /** The key of the last segment when it is a mapping key. */
  readonly key?: NodeSpan;
  /** The value; absent when the key exists with no value. */
  readonly value?: NodeSpan;
  /** Spans of the value when it is a mapping or a sequence. */
  readonly collection?: CollectionSpans;
  /** True when the whole path exists; otherwise this describes the deepest existing ancestor. */
  readonly exact: boolean;
  /** How many segments of the path were found. */
  readonly depth: number;
}

/**
 * Finds a field path in a document's spans. When a key repeats, the last one wins, matching what
 * the Kubernetes API keeps.
 */
export function locateField(root: CollectionSpans | undefined, rootSpan: NodeSpan | undefined, path: FieldPath): LocatedField {
  let collection = root;
  let value: NodeSpan | undefined = rootSpan;
  let key: NodeSpan | undefined;
  let depth = 0;
  for (const segment of path) {
    if (!collection) break;
    if (collection.kind === "map") {
      const wanted = String(segment);
      const index = collection.keys.lastIndexOf(wanted);
      if (index === -1) break;
      const at = index * 4;
      const offsets = collection.offsets;
      key = { start: offsets[at]!, end: offsets[at + 1]! };
      value = offsets[at + 2]! === offsets[at + 3]! ? undefined : { start: offsets[at + 2]!, end: offsets[at + 3]! };
      collection = collection.children[index];
    } else {
      if (typeof segment !== "number" || segment < 0 || segment * 2 >= collection.offsets.length) break;
      key = undefined;
      value = { start: collection.offsets[segment * 2]!, end: collection.offsets[segment * 2 + 1]! };
      collection = collection.children[segment];
    }
    depth++;
  }
  return {
    ...(key ? { key } : {}),
    ...(value ? { value } : {}),
    ...(collection ? { collection } : {}),
    exact: depth === path.length,
    depth,
  };
}
