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
 * {@link locateField} of `[...base, ...path]`, without building that path: the engine locates
 * every finding of an object in a List under its item's path. Called once per finding and
 * related location, so it reads the table in place and allocates only its answer.
 */
export function locateFieldUnder(document: LocatableDocument | undefined, base: FieldPath, path: FieldPath): LocatedField {
  const table = document?.spans;
  const origin = document?.start ?? 0;
  const rootSpan = document?.span;
  let at = table ? table.root : NO_CHILD;
  let hasKey = false;
  let keyStart = 0;
  let keyEnd = 0;
  let hasValue = rootSpan !== undefined;
  let valueStart = rootSpan?.start ?? 0;
  let valueEnd = rootSpan?.end ?? 0;
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
      hasKey = true;
      keyStart = origin + nodes[entry]!;
      keyEnd = origin + nodes[entry + 1]!;
      valueStart = origin + nodes[entry + 2]!;
      valueEnd = origin + nodes[entry + 3]!;
      hasValue = valueStart !== valueEnd;
      at = nodes[entry + 4]!;
    } else {
      if (typeof segment !== "number" || segment < 0 || segment >= count) break;
      const item = at + HEADER + segment * SEQ_ITEM;
      hasKey = false;
      hasValue = true;
      valueStart = origin + nodes[item]!;
      valueEnd = origin + nodes[item + 1]!;
      at = nodes[item + 2]!;
    }
  }
  const located: { key?: NodeSpan; value?: NodeSpan; collection?: SpanCollection; exact: boolean; depth: number } = { exact: depth === length, depth };
  if (hasKey) located.key = { start: keyStart, end: keyEnd };
  if (hasValue) located.value = { start: valueStart, end: valueEnd };
  if (at !== NO_CHILD) located.collection = new SpanCollection(table!, at, origin);
  return located;
}
