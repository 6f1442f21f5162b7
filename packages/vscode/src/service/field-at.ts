import { rootCollection, type FieldPath, type SourceFile, type SpanCollection } from "@statelint/core";

export interface FieldAt {
  /** apiVersion and kind of the object the field belongs to (the item, inside a List). */
  readonly apiVersion: string;
  readonly kind: string;
  /** Path from the object's root. */
  readonly path: FieldPath;
  /** Offsets of the field's key. */
  readonly start: number;
  readonly end: number;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The mapping field whose key or scalar value is under `offset`, for schema hovers. */
export function fieldAt(file: SourceFile, offset: number): FieldAt | undefined {
  const document = file.documents.find((doc) => offset >= doc.start && offset < doc.end);
  if (!document || document.value === undefined) return undefined;
  const path: (string | number)[] = [];
  let key: { start: number; end: number } | undefined;
  let collection: SpanCollection | undefined = rootCollection(document);
  while (collection) {
    let next: SpanCollection | undefined;
    const isMap = collection.kind === "map";
    for (let index = 0; index < collection.size; index++) {
      const onKey = isMap && offset >= collection.entryStart(index) && offset < collection.keyEnd(index);
      if (!onKey && !(offset >= collection.valueStart(index) && offset < collection.valueEnd(index))) continue;
      if (isMap) {
        path.push(collection.key(index));
        key = { start: collection.entryStart(index), end: collection.keyEnd(index) };
      } else {
        path.push(index);
      }
      next = onKey ? undefined : collection.child(index);
      break;
    }
    collection = next;
  }
  if (!key || typeof path[path.length - 1] !== "string") return undefined;
  const root = record(document.value);
  const inList = typeof root["kind"] === "string" && root["kind"].endsWith("List") && path[0] === "items" && typeof path[1] === "number";
  const object = inList ? record((root["items"] as unknown[])[path[1] as number]) : root;
  const apiVersion = object["apiVersion"];
  const kind = object["kind"];
  if (typeof apiVersion !== "string" || typeof kind !== "string") return undefined;
  return { apiVersion, kind, path: inList ? path.slice(2) : path, start: key.start, end: key.end };
}
