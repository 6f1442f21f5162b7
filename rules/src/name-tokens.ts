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
