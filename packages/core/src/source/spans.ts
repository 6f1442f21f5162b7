import type { FieldPath } from "./path.js";
import { HEADER, MAP_ENTRY, NO_CHILD, SEQ_ITEM, SEQUENCE, SpanCollection, type SpanTable } from "./span-table.js";

export interface NodeSpan {
  readonly start: number;
  readonly end: number;
}

/** What locating a field needs of a document: its table, its root node and its start. */
export interface LocatableDocument {
  readonly spans: SpanTable | undefined;
  readonly span: NodeSpan | undefined;
  readonly start: number;
}

export interface LocatedField {
  /** The key of the last segment when it is a mapping key. */
  readonly key?: NodeSpan;
  /** The value; absent when the key exists with no value. */
  readonly value?: NodeSpan;
  /** The value when it is a mapping or a sequence. */
  readonly collection?: SpanCollection;
  /** True when the whole path exists; otherwise this describes the deepest existing ancestor. */
  readonly exact: boolean;
  /** How many segments of the path were found. */
  readonly depth: number;
}

/**
 * Finds a field path in a document. When a key repeats, the last one wins, matching what the
 * Kubernetes API keeps.
 */
export function locateField(document: LocatableDocument | undefined, path: FieldPath): LocatedField {
  return locateFieldUnder(document, [], path);
}

/**
 * Where a walk down a field path stopped: the last key and value found (offsets in the file), the
 * collection node there, and how deep it got. {@link walkFieldUnder} fills one shared instance.
 */
export class FieldWalk {
  hasKey = false;
  keyStart = 0;
  keyEnd = 0;
  hasValue = false;
  valueStart = 0;
  valueEnd = 0;
  /** The collection node of the value, or NO_CHILD for a scalar or a missing table. */
  collection = NO_CHILD;
  depth = 0;
  exact = false;
}

const sharedWalk = new FieldWalk();

/**
 * Walks `[...base, ...path]` through a document's table without building that path: the engine
 * locates every finding of an object in a List under its item's path. Called once per finding and
 * related location, so it allocates nothing: the answer is a shared instance, good until the next
 * walk.
 */
export function walkFieldUnder(document: LocatableDocument | undefined, base: FieldPath, path: FieldPath): FieldWalk {
  const walk = sharedWalk;
  const table = document?.spans;
  const origin = document?.start ?? 0;
  const rootSpan = document?.span;
  let at = table ? table.root : NO_CHILD;
  walk.hasKey = false;
  walk.keyStart = 0;
  walk.keyEnd = 0;
  walk.hasValue = rootSpan !== undefined;
  walk.valueStart = rootSpan?.start ?? 0;
  walk.valueEnd = rootSpan?.end ?? 0;
  let depth = 0;
  const length = base.length + path.length;
  for (; depth < length; depth++) {
    if (at === NO_CHILD) break;
    const { nodes, keys } = table!;
    const segment = depth < base.length ? base[depth]! : path[depth - base.length]!;
    const count = nodes[at + 3]!;
    if ((nodes[at]! & SEQUENCE) === 0) {
      const key = String(segment);
      const firstKey = nodes[at + 4]!;
      let index = count - 1;
      while (index >= 0 && keys[firstKey + index] !== key) index--;
      if (index === -1) break;
      const entry = at + HEADER + index * MAP_ENTRY;
      walk.hasKey = true;
      walk.keyStart = origin + nodes[entry]!;
      walk.keyEnd = origin + nodes[entry + 1]!;
      walk.valueStart = origin + nodes[entry + 2]!;
      walk.valueEnd = origin + nodes[entry + 3]!;
      walk.hasValue = walk.valueStart !== walk.valueEnd;
      at = nodes[entry + 4]!;
    } else {
      if (typeof segment !== "number" || segment < 0 || segment >= count) break;
      const item = at + HEADER + segment * SEQ_ITEM;
      walk.hasKey = false;
      walk.hasValue = true;
      walk.valueStart = origin + nodes[item]!;
      walk.valueEnd = origin + nodes[item + 1]!;
      at = nodes[item + 2]!;
    }
  }
  walk.collection = at;
  walk.depth = depth;
  walk.exact = depth === length;
  return walk;
}

/** {@link locateField} of `[...base, ...path]`, without building that path. */
export function locateFieldUnder(document: LocatableDocument | undefined, base: FieldPath, path: FieldPath): LocatedField {
  const walk = walkFieldUnder(document, base, path);
  const located: { key?: NodeSpan; value?: NodeSpan; collection?: SpanCollection; exact: boolean; depth: number } = { exact: walk.exact, depth: walk.depth };
  if (walk.hasKey) located.key = { start: walk.keyStart, end: walk.keyEnd };
  if (walk.hasValue) located.value = { start: walk.valueStart, end: walk.valueEnd };
  if (walk.collection !== NO_CHILD) located.collection = new SpanCollection(document!.spans!, walk.collection, document!.start);
  return located;
}
