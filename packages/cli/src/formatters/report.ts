import type { Finding, RuleRegistry, Severity } from "@statelint/core";

/** Everything a formatter needs; formatters only turn it into text. */
export interface Report {
  readonly toolVersion: string;
  readonly registry: RuleRegistry;
  /** Linted files, as shown to users (relative to the working directory, `/`-separated). */
  readonly files: readonly string[];
  /** The text of each linted file, for code frames and fingerprints. */
  readonly texts: ReadonlyMap<string, string>;
  /** Absolute path of the working directory that `files` are relative to. */
  readonly cwd: string;
  /** Findings to report, suppressed ones excluded. */
  readonly findings: readonly Finding[];
  /** Findings silenced by an annotation or a comment, with their reason. */
  readonly suppressed: readonly Finding[];
  readonly color: boolean;
}

/** The report's text, whole or in pieces written one after another (a large report need not be held whole). */
export type Formatter = (report: Report) => string | Iterable<string>;

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

export function isFixable(finding: Finding): boolean {
  return (finding.fix?.edits.length ?? 0) > 0;
}

/** Findings grouped by file, in one pass (formatters that loop over files must not rescan every finding). */
export function findingsByFile(findings: readonly Finding[]): ReadonlyMap<string, readonly Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file);
    if (group) group.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return groups;
}
