import type { SourceProblem } from "./parse.js";
import type { LineIndex } from "./position.js";

/** Sets a key on plain data; a key named "__proto__" stays a key instead of replacing the prototype. */
export function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** The problem for a key written twice in one mapping, pointing at both places. */
export function duplicateKeyProblem(lines: LineIndex, docIndex: number, key: string, start: number, end: number, firstStart: number, firstEnd: number): SourceProblem {
  return {
    kind: "duplicate-key",
    message: `Duplicate key "${key}"`,
    range: lines.range(start, end),
    firstRange: lines.range(firstStart, firstEnd),
    docIndex,
  };
}
