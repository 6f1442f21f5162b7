import type { RuleRegistry } from "@statelint/core";

export type Phase = "read" | "parse" | "schema" | "rules" | "other" | "report";

const PHASES: readonly Phase[] = ["read", "parse", "schema", "rules", "other", "report"];

const SLOWEST_RULES = 10;

/**
 * Milliseconds on a monotonic clock. Not `performance.now()`: the `performance` global loads
 * Node's perf_hooks (about 3 ms), which a run without --stats has no use for.
 */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Where a run's time goes (`--stats` or TIMING=1): wall time per phase, and the rules that took
 * longest. Schema is the time of the schema rules; "other" is building the bundle graph,
 * suppressions and user policies.
 */
export class RunStats {
  readonly ruleTimings = new Map<string, number>();
  private readonly phases = new Map<Phase, number>();
  private readonly started = now();

  add(phase: Phase, milliseconds: number): void {
    this.phases.set(phase, (this.phases.get(phase) ?? 0) + milliseconds);
  }

  async time<T>(phase: Phase, work: () => T | Promise<T>): Promise<T> {
    const started = now();
    try {
      return await work();
    } finally {
      this.add(phase, now() - started);
    }
  }

  /** Splits the lint time into schema rules, other rules and the rest. */
  addLint(milliseconds: number, registry: RuleRegistry): void {
    let schema = 0;
    let rules = 0;
    for (const [id, time] of this.ruleTimings) {
      if (registry.byId.get(id)?.meta.category === "schema") schema += time;
      else rules += time;
    }
    const before = (this.phases.get("schema") ?? 0) + (this.phases.get("rules") ?? 0);
    this.phases.set("schema", schema);
    this.phases.set("rules", rules);
    this.add("other", Math.max(0, milliseconds - (schema + rules - before)));
  }

  format(files: number, objects: number): string {
    const total = now() - this.started;
    const row = (name: string, ms: number) => `  ${name.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%`;
    const lines = [`statelint --stats: ${files} file${files === 1 ? "" : "s"}, ${objects} object${objects === 1 ? "" : "s"}`, "phase"];
    for (const phase of PHASES) lines.push(row(phase, this.phases.get(phase) ?? 0));
    lines.push(row("total (process start not included)", total), "slowest rules");
    const slowest = [...this.ruleTimings].sort((a, b) => b[1] - a[1]).slice(0, SLOWEST_RULES);
    for (const [id, ms] of slowest) lines.push(row(id, ms));
    return `${lines.join("\n")}\n`;
  }
}

/** `--stats`, or TIMING set to anything but 0 or empty as ESLint reads it. */
export function statsWanted(flag: boolean, env: NodeJS.ProcessEnv): boolean {
  return flag || (env["TIMING"] !== undefined && env["TIMING"] !== "" && env["TIMING"] !== "0");
}
