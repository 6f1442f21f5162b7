/** Narrowing helpers for plain YAML data, which can be anything a user typed. */
export type Plain = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * What a missing or mistyped field reads as. One frozen instance each: rules and derived views ask
 * for absent fields hundreds of thousands of times in a large run, and views keep what they got
 * (a heap snapshot of the bench corpus held 65,000 empty objects).
 */
const NO_RECORD: Plain = Object.freeze({});
const NO_ITEMS: readonly unknown[] = Object.freeze([]);

export function asRecord(value: unknown): Plain {
  return isRecord(value) ? value : NO_RECORD;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : NO_ITEMS;
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A value of a string-valued map as statelint reads it: a string, or a number or boolean as text; anything else is no value. */
export function asMapString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  return typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

/** Reads a string-valued map such as labels or a selector; other values are dropped. */
export function asStringMap(value: unknown): Readonly<Record<string, string>> {
  const result: Record<string, string> = {};
  const record = asRecord(value);
  // `for…in`, not Object.entries: no pair array per key of every workload's labels and selectors
  // (parsed maps have no inherited enumerable keys, and own keys come in the same order).
  for (const key in record) {
    const text = asMapString(record[key]);
    if (text !== undefined) result[key] = text;
  }
  return result;
}

/** An integer field that may be written as a number or a numeric string. */
export function asInteger(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && !startsWithLetter(value) && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** An ASCII letter first: no integer, however trimmed (named ports, `auto`), so no pattern is run. */
function startsWithLetter(text: string): boolean {
  const code = text.charCodeAt(0) | 0x20;
  return code >= 0x61 && code <= 0x7a;
}
