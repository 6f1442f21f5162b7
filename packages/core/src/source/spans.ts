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
  return locateFieldUnder(root, rootSpan, [], path);
}

/**
 * {@link locateField} of `[...base, ...path]`, without building that path: the engine locates
 * every finding of an object in a List under its item's path. Called once per finding and
 * related location, so it allocates only its answer.
 */
export function locateFieldUnder(root: CollectionSpans | undefined, rootSpan: NodeSpan | undefined, base: FieldPath, path: FieldPath): LocatedField {
  let collection = root;
  let hasKey = false;
  let keyStart = 0;
  let keyEnd = 0;
  let hasValue = rootSpan !== undefined;
  let valueStart = rootSpan?.start ?? 0;
  let valueEnd = rootSpan?.end ?? 0;
  let depth = 0;
  const length = base.length + path.length;
  for (; depth < length; depth++) {
    if (!collection) break;
    const segment = depth < base.length ? base[depth]! : path[depth - base.length]!;
    const offsets = collection.offsets;
    if (collection.kind === "map") {
      const index = collection.keys.lastIndexOf(String(segment));
      if (index === -1) break;
      const at = index * 4;
      hasKey = true;
      keyStart = offsets[at]!;
      keyEnd = offsets[at + 1]!;
      valueStart = offsets[at + 2]!;
      valueEnd = offsets[at + 3]!;
      hasValue = valueStart !== valueEnd;
      collection = collection.children[index];
    } else {
      if (typeof segment !== "number" || segment < 0 || segment * 2 >= offsets.length) break;
      hasKey = false;
      hasValue = true;
      valueStart = offsets[segment * 2]!;
      valueEnd = offsets[segment * 2 + 1]!;
      collection = collection.children[segment];
    }
  }
  const located: { key?: NodeSpan; value?: NodeSpan; collection?: CollectionSpans; exact: boolean; depth: number } = { exact: depth === length, depth };
  if (hasKey) located.key = { start: keyStart, end: keyEnd };
  if (hasValue) located.value = { start: valueStart, end: valueEnd };
  if (collection) located.collection = collection;
  return located;
}
