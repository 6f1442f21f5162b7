/** A field path into a Kubernetes object: `["spec", "template", "spec", "containers", 0, "name"]`. */
export type FieldPath = readonly (string | number)[];

const SEGMENT = /([^.[\]]+)|\[(\d+)\]/g;

/** Parses `spec.template.spec.containers[0].env[2].value` (the form OPA policies and users write). */
export function parseFieldPath(text: string): FieldPath {
  const path: (string | number)[] = [];
  for (const match of text.matchAll(SEGMENT)) {
    if (match[2] !== undefined) path.push(Number(match[2]));
    else if (match[1] !== undefined) path.push(match[1]);
  }
  return path;
}

/** The inverse of {@link parseFieldPath}; keys that are not plain identifiers are quoted in brackets. */
export function formatFieldPath(path: FieldPath): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}
