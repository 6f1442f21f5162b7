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

/**
 * One copy of each formatted path, for the findings that keep theirs: a large run reports the same
 * few fields thousands of times. Bounded, since a language server formats paths as long as it runs.
 */
const formattedPaths = new Map<string, string>();
const FORMATTED_PATHS_KEPT = 4096;

/** The inverse of {@link parseFieldPath}; keys that are not plain identifiers are quoted in brackets. */
export function formatFieldPath(path: FieldPath): string {
  // Joined, not concatenated: findings keep their path, and `+=` would keep every prefix too.
  const pieces: string[] = [];
  for (const segment of path) {
    if (typeof segment === "number") pieces.push(`[${segment}]`);
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) pieces.push(pieces.length === 0 ? segment : `.${segment}`);
    else pieces.push(`[${JSON.stringify(segment)}]`);
  }
  const formatted = pieces.join("");
  const known = formattedPaths.get(formatted);
  if (known !== undefined) return known;
  if (formattedPaths.size < FORMATTED_PATHS_KEPT) formattedPaths.set(formatted, formatted);
  return formatted;
}
