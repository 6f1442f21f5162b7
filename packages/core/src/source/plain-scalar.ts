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
let resolvingTags: ScalarTagLike[] | undefined;
const RESOLVE_OPTIONS = { intAsBigInt: false };

function ignoreError(): void {}

/** Longest run of digits whose value a double holds exactly, so adding them up equals `parseInt`. */
const MAX_EXACT_DIGITS = 15;

/**
 * A character that some number form of the core schema may contain: digits, signs, the point,
 * exponents, `0x` and `0o` prefixes with hexadecimal digits, and `.inf` and `.nan` in their
 * spellings. Text that starts like a number and has any other character (`2Gi`, `500m`, `10s`)
 * is a string, found without trying the tags' regular expressions.
 */
function isNumberCharacter(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    code === 43 || // +
    code === 45 || // -
    code === 46 || // .
    (code >= 65 && code <= 70) || // A-F
    (code >= 97 && code <= 102) || // a-f
    code === 120 || // x
    code === 111 || // o
    code === 105 || // i
    code === 110 || // n
    code === 73 || // I
    code === 78 // N
  );
}

/**
 * The words the core schema reads as null or bool, with their values (the empty text is null too,
 * decided before); `name` or `none` are strings. Its null and bool tags resolve nothing else.
 */
const NULL_AND_BOOL_WORDS = new Map<string, null | boolean>([
  ["null", null], ["Null", null], ["NULL", null], ["~", null],
  ["true", true], ["True", true], ["TRUE", true], ["false", false], ["False", false], ["FALSE", false],
]);

function resolveThroughTags(source: string): unknown {
  // Built on first use: a run whose files hold no float or exotic number never loads `yaml`'s schemas.
  resolvingTags ??= (new Schema({}).tags as unknown as ScalarTagLike[]).filter((tag) => tag.default === true && tag.test !== undefined);
  for (const tag of resolvingTags) {
    if (!tag.test!.test(source)) continue;
    const resolved = tag.resolve(source, ignoreError, RESOLVE_OPTIONS);
    return isScalar(resolved) ? resolved.value : resolved;
  }
  return source;
}

/**
 * Text that starts like a number: its value, or the text when it is not one. Plain digits (ports,
 * replicas) are added up here. No number form of the core schema has two points, so addresses
 * and versions (`10.96.0.1`, `8.15.0`) are strings without the tags: on the bench corpus they
 * were the only values that reached them, and a run that never reaches them never loads `yaml`.
 */
function resolveNumberLike(source: string): unknown {
  let value = 0;
  let digitsOnly = true;
  let points = 0;
  for (let at = 0; at < source.length; at++) {
    const code = source.charCodeAt(at);
    if (code >= 48 && code <= 57) value = value * 10 + (code - 48);
    else if (code === 46 && ++points > 1) return source;
    else if (isNumberCharacter(code)) digitsOnly = false;
    else return source;
  }
  return digitsOnly && source.length <= MAX_EXACT_DIGITS ? value : resolveThroughTags(source);
}

/** The value of a plain (unquoted) scalar under the core schema: a string unless it reads as null, bool or number. */
export function resolvePlainScalar(source: string): unknown {
  const first = source.charCodeAt(0);
  if ((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46) return resolveNumberLike(source);
  const mayBeWord = source.length <= 5 && (first === 110 || first === 78 || first === 116 || first === 84 || first === 102 || first === 70 || first === 126);
  if (!mayBeWord) return source;
  const word = NULL_AND_BOOL_WORDS.get(source);
  return word === undefined ? source : word;
}
