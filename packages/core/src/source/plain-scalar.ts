import { isScalar, Schema } from "yaml";

interface ScalarTagLike {
  readonly default?: boolean | "key";
  readonly test?: RegExp;
  resolve(source: string, onError: (message: string) => void, options: { intAsBigInt: boolean }): unknown;
}

/**
 * The tags of `yaml`'s YAML 1.2 core schema that recognise plain scalars (null, bool, int, float),
 * in the order `yaml` tries them: resolving through them keeps a value exactly what `yaml` gives.
 */
const RESOLVING_TAGS = (new Schema({}).tags as unknown as ScalarTagLike[]).filter((tag) => tag.default === true && tag.test !== undefined);
const RESOLVE_OPTIONS = { intAsBigInt: false };

function ignoreError(): void {}

/** True when some core-schema tag may recognise the text: it starts like a null, bool or number. */
function mayBeTyped(source: string): boolean {
  const first = source.charCodeAt(0);
  if ((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46 || first === 126) return true;
  // null, Null, NULL, true, True, TRUE, false, False, FALSE
  return source.length <= 5 && (first === 110 || first === 78 || first === 116 || first === 84 || first === 102 || first === 70);
}

/** The value of a plain (unquoted) scalar under the core schema: a string unless it reads as null, bool or number. */
export function resolvePlainScalar(source: string): unknown {
  if (!mayBeTyped(source)) return source;
  for (const tag of RESOLVING_TAGS) {
    if (!tag.test!.test(source)) continue;
    const resolved = tag.resolve(source, ignoreError, RESOLVE_OPTIONS);
    return isScalar(resolved) ? resolved.value : resolved;
  }
  return source;
}
