/**
 * Short scalars are shared: manifests repeat the same values thousands of times (`v1`, `Service`,
 * port names, quantities), and each occurrence copied out of the text was a string of its own
 * (2.6 MB of the bench corpus's parse, in 2,136 distinct strings). A direct-mapped cache: a hit
 * costs a comparison with the text and allocates nothing, a miss takes the slot over, so it stays
 * this small whatever a language server parses. Longer strings are slices of their text, which
 * sharing would keep alive after an edit, and rarely repeat.
 */
const SLOT_COUNT = 4096;
const MAX_SHARED_LENGTH = 12;
const slots = new Array<string>(SLOT_COUNT).fill("");

/** `text.slice(start, end)`, the same string as the last time these characters met its slot. */
export function sharedSlice(text: string, start: number, end: number): string {
  const length = end - start;
  if (length > MAX_SHARED_LENGTH || length <= 0) return text.slice(start, end);
  let hash = length;
  for (let at = start; at < end; at++) hash = (hash * 31 + text.charCodeAt(at)) | 0;
  const slot = hash & (SLOT_COUNT - 1);
  const known = slots[slot]!;
  if (known.length === length && text.startsWith(known, start)) return known;
  const fresh = text.slice(start, end);
  slots[slot] = fresh;
  return fresh;
}

/**
 * Mapping keys are shared too, up to a longer length: a few dozen names (`metadata`,
 * `containerPort`, `app.kubernetes.io/name`) make nearly all of a manifest's keys, and a repeated
 * key then costs no string of its own.
 */
const KEY_SLOT_COUNT = 2048;
const MAX_SHARED_KEY_LENGTH = 64;
const keySlots = new Array<string>(KEY_SLOT_COUNT).fill("");

/**
 * Folds a key's next character into its hash, which starts at 0. The parser hashes a key in the
 * scan that finds its end, so the characters are not read once more to choose its slot.
 */
export function keyHashStep(hash: number, code: number): number {
  return (hash * 31 + code) | 0;
}

/**
 * `text.slice(start, end)` for a mapping key, the same string as the last time these characters
 * met its slot; `hash` is theirs, by {@link keyHashStep}.
 */
export function sharedKey(text: string, start: number, end: number, hash: number): string {
  const length = end - start;
  if (length > MAX_SHARED_KEY_LENGTH || length <= 0) return text.slice(start, end);
  const slot = hash & (KEY_SLOT_COUNT - 1);
  const known = keySlots[slot]!;
  if (known.length === length && text.startsWith(known, start)) return known;
  const fresh = copyOf(text, start, end);
  keySlots[slot] = fresh;
  return fresh;
}

/**
 * The characters as a flat string of their own: V8 makes a slice of 13 or more characters a view
 * of its text, and a shared key must not keep an edited file's old text alive.
 */
function copyOf(text: string, start: number, end: number): string {
  const codes = new Array<number>(end - start);
  for (let at = start; at < end; at++) codes[at - start] = text.charCodeAt(at);
  return String.fromCharCode(...codes);
}
