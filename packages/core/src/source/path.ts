/** A field path into a Kubernetes object: `["spec", "template", "spec", "containers", 0, "name"]`. */
export type FieldPath = readonly (string | number)[];

const SEGMENT = /([^.[\]]+)|\[(\d+)\]/g;

/**
 * `[...parent, ...segments]` at its exact size. Views keep tens of thousands of paths for a large
 * run, and a spread leaves each array with spare room: more than twice the memory.
 */
export function childPath(parent: FieldPath, ...segments: (string | number)[]): FieldPath {
  const length = parent.length;
  const path = new Array<string | number>(length + segments.length);
  for (let index = 0; index < length; index++) path[index] = parent[index]!;
  for (let index = 0; index < segments.length; index++) path[length + index] = segments[index]!;
  return path;
}

/** Parses `spec.template.spec.containers[0].env[2].value` (the form OPA policies and users write). */
export function parseFieldPath(text: string): FieldPath {
  const path: (string | number)[] = [];
  for (const match of text.matchAll(SEGMENT)) {
    if (match[2] !== undefined) path.push(Number(match[2]));
    else if (match[1] !== undefined) path.push(match[1]);
  }
  return path;
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** How one segment reads in a formatted path, `first` when nothing precedes it. */
function formatSegment(segment: string | number, first: boolean): string {
  if (typeof segment === "number") return `[${segment}]`;
  if (IDENTIFIER.test(segment)) return first ? segment : `.${segment}`;
  return `[${JSON.stringify(segment)}]`;
}

/** A formatted path, and the paths that extend it by one segment. */
interface FormattedPrefix {
  readonly text: string;
  readonly next: Map<string | number, FormattedPrefix>;
}

/**
 * Every path formatted so far, segment by segment: a large run reports the same few fields
 * thousands of times, each time through a new path array, and a hit allocates nothing and
 * shares one string among the findings that keep it. Bounded, since a language server formats
 * paths as long as it runs.
 */
const formattedPrefixes = new Map<string | number, FormattedPrefix>();
let prefixesKept = 0;
const PREFIXES_KEPT = 8192;

/** The inverse of {@link parseFieldPath}; keys that are not plain identifiers are quoted in brackets. */
export function formatFieldPath(path: FieldPath): string {
  let level = formattedPrefixes;
  let text = "";
  for (let index = 0; index < path.length; index++) {
    const segment = path[index]!;
    let prefix = level.get(segment);
    if (prefix === undefined) {
      if (prefixesKept >= PREFIXES_KEPT) return formatRest(text, path, index);
      // Joined, not concatenated: findings keep their path, and `+` would keep every prefix too.
      prefix = { text: [text, formatSegment(segment, index === 0)].join(""), next: new Map() };
      level.set(segment, prefix);
      prefixesKept++;
    }
    text = prefix.text;
    level = prefix.next;
  }
  return text;
}

/** `formatted` (the path's first `from` segments) followed by the rest of the path, when the cache is full. */
function formatRest(formatted: string, path: FieldPath, from: number): string {
  const pieces = [formatted];
  for (let index = from; index < path.length; index++) pieces.push(formatSegment(path[index]!, index === 0));
  return pieces.join("");
}
