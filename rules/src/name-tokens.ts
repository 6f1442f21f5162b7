const DASH = "-".charCodeAt(0);
const UNDERSCORE = "_".charCodeAt(0);
const DOT = ".".charCodeAt(0);

/**
 * Whether a name split at `-`, `_` and `.` (empty pieces skipped) has a token that passes the
 * test: `name.split(/[-_.]/).some(test)` without the array, as rules ask it of every object's
 * name and image.
 */
export function someNameToken(name: string, test: (token: string) => boolean): boolean {
  let start = 0;
  for (let at = 0; at <= name.length; at++) {
    const char = at < name.length ? name.charCodeAt(at) : DASH;
    if (char !== DASH && char !== UNDERSCORE && char !== DOT) continue;
    if (at > start && test(name.slice(start, at))) return true;
    start = at + 1;
  }
  return false;
}

/** Whether `name.slice(start, end)` is one of the tokens, compared in place. */
function isTokenAt(name: string, start: number, end: number, tokens: readonly string[]): boolean {
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.length === end - start && name.startsWith(token, start)) return true;
  }
  return false;
}

/**
 * `someNameToken(name, (token) => tokens.includes(token))` without a piece or a closure per call:
 * each piece is compared where it is written.
 */
export function hasNameTokenIn(name: string, tokens: readonly string[]): boolean {
  let start = 0;
  for (let at = 0; at <= name.length; at++) {
    const char = at < name.length ? name.charCodeAt(at) : DASH;
    if (char !== DASH && char !== UNDERSCORE && char !== DOT) continue;
    if (at > start && isTokenAt(name, start, at, tokens)) return true;
    start = at + 1;
  }
  return false;
}
