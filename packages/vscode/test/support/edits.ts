/** Picks one of the items with the test's seeded random numbers. */
export type Pick = <T>(items: readonly T[]) => T;

/** An edit of a manifest's text, its choices made by `pick`. */
export type Edit = (text: string, pick: Pick) => string;

/** Replaces one line that matches `pattern` (a picked one); the text as it is when none does. */
export function replaceOne(text: string, pattern: RegExp, pick: Pick, replacement: (line: string) => string): string {
  const matches = [...text.matchAll(new RegExp(pattern.source, "gm"))];
  if (matches.length === 0) return text;
  const match = pick(matches);
  return text.slice(0, match.index) + replacement(match[0]) + text.slice(match.index + match[0].length);
}

/**
 * Edits inside one document of `statefulSetPair`s: the documents after it move by characters on
 * their lines, or by whole lines. A Service made not headless is related to its StatefulSet's
 * finding, which then spans two documents.
 */
export const IN_DOCUMENT_EDITS: Readonly<Record<string, Edit>> = {
  headless: (text, pick) => replaceOne(text, /^ {2}clusterIP: .*$/, pick, () => `  clusterIP: ${pick(["None", "10.0.0.1", "10.100.200.1"])}`),
  replicas: (text, pick) => replaceOne(text, /^ {2}replicas: .*$/, pick, () => `  replicas: ${pick(["1", "3", "12"])}`),
  serviceName: (text, pick) => replaceOne(text, /^ {2}serviceName: .*$/, pick, () => `  serviceName: db-${pick(["0", "1", "2", "x"])}`),
  comment: (text, pick) => replaceOne(text, /^ {2}replicas: .*$/, pick, (line) => `${line}\n  # scaled by hand`),
  uncomment: (text, pick) => replaceOne(text, /^ {2}# scaled by hand\n/, pick, () => ""),
};
