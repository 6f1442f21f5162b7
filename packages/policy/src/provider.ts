import { isAbsolute, relative } from "node:path";
import type { Bundle, ExternalReport, FindingProvider, K8sObject, SourceRange } from "@statelint/core";
import type { EvaluationJob, PolicyMetadata } from "./protocol.js";
import { resolveReference, resultsOf, ResultShapeError, severityOfEntrypoint } from "./results.js";
import type { RunnerFailure, PolicyRunner } from "./runner.js";

export const POLICY_ERROR = "policy-error";
/** Objects per worker message: large enough that 10,000 objects take a few dozen round trips. */
const BATCH_SIZE = 250;

const LINE_ONE: SourceRange = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/** Where a policy came from, for messages and for placing errors that concern no object. */
export interface PolicySource {
  readonly path: string;
  readonly declaredIn: string;
  readonly timeoutMs: number;
}

function displayPath(path: string): string {
  if (!isAbsolute(path)) return path;
  const fromHere = relative(process.cwd(), path);
  return fromHere && !fromHere.startsWith("..") && !isAbsolute(fromHere) ? fromHere : path;
}

/** Declared by a command-line flag (`--policy`) rather than in a config file. */
function fromFlag(source: PolicySource): boolean {
  return source.declaredIn.startsWith("--");
}

/** Where to fix a policy's declaration: the config file, or the command line. */
function declaration(source: PolicySource): string {
  return fromFlag(source) ? source.declaredIn : displayPath(source.declaredIn);
}

/** A `policy-error` about the policy as a whole, on line 1 of the config file that declares it (or of the policy). */
export function policyError(source: PolicySource, message: string): ExternalReport {
  return { ruleId: POLICY_ERROR, severity: "error", message, file: fromFlag(source) ? source.path : source.declaredIn, range: LINE_ONE };
}

export function loadErrorMessage(source: PolicySource, reason: string): string {
  return `Policy "${displayPath(source.path)}" could not be loaded: ${reason}. Fix the policy or its entry in ${declaration(source)}; the rest of the run went on without it.`;
}

/**
 * The entrypoints to evaluate per object and per bundle, or why the configuration does not fit
 * the module. Without `entrypoints`, every Conftest rule of the module not listed as a bundle
 * entrypoint runs per object.
 */
export function chooseEntrypoints(
  metadata: PolicyMetadata,
  configured: readonly string[] | undefined,
  bundle: readonly string[],
): { readonly perObject: readonly string[]; readonly perBundle: readonly string[] } | { readonly problem: string } {
  if (metadata.unsupportedBuiltins.length) {
    return { problem: `it needs builtins the OPA WebAssembly SDK does not provide (${metadata.unsupportedBuiltins.join(", ")}); rewrite the rules without them` };
  }
  const available = `it has ${metadata.entrypoints.length ? metadata.entrypoints.join(", ") : "none"}`;
  for (const entrypoint of [...(configured ?? []), ...bundle]) {
    if (!metadata.entrypoints.includes(entrypoint)) return { problem: `the module has no entrypoint "${entrypoint}" (${available}); build it with \`opa build -t wasm -e ${entrypoint}\` or fix the name` };
    if (!severityOfEntrypoint(entrypoint)) {
      return { problem: `entrypoint "${entrypoint}" is not a deny, violation or warn rule, so its results have no severity; rename the rule (deny, deny_<name>, violation…, warn…)` };
    }
  }
  const perObject = configured ?? metadata.entrypoints.filter((entrypoint) => severityOfEntrypoint(entrypoint) && !bundle.includes(entrypoint));
  if (perObject.length === 0 && bundle.length === 0) {
    return { problem: `the module has no deny, violation or warn entrypoint (${available}); build it with \`opa build -t wasm -e <package>/deny\`` };
  }
  return { perObject, perBundle: bundle };
}

/** Evaluates one loaded policy on every object and, for bundle entrypoints, on the whole bundle. */
export class PolicyProvider implements FindingProvider {
  readonly name: string;

  constructor(
    private readonly source: PolicySource,
    private readonly runner: PolicyRunner,
    private readonly perObject: readonly string[],
    private readonly perBundle: readonly string[],
  ) {
    this.name = `policy ${displayPath(source.path)}`;
  }

  async run(bundle: Bundle): Promise<readonly ExternalReport[]> {
    const reports: ExternalReport[] = [];
    const objects = bundle.objects;
    // The first failure ends the policy for this run: one policy-error, not one per object.
    if (this.perObject.length) {
      for (let start = 0; start < objects.length; start += BATCH_SIZE) {
        const batch = objects.slice(start, start + BATCH_SIZE);
        const jobs = batch.map((object) => ({ input: object.raw, entrypoints: this.perObject }));
        if (!(await this.evaluate(jobs, reports, (job) => batch[job], () => objects))) return reports;
      }
    }
    if (this.perBundle.length && objects.length) {
      const jobs = [{ input: { objects: objects.map((object) => object.raw) }, entrypoints: this.perBundle }];
      await this.evaluate(jobs, reports, () => undefined, () => objects);
    }
    return reports;
  }

  /** Runs a batch and turns its results into reports; false once the policy has failed. */
  private async evaluate(
    jobs: readonly EvaluationJob[],
    reports: ExternalReport[],
    objectOf: (job: number) => K8sObject | undefined,
    bundleObjects: () => readonly K8sObject[],
  ): Promise<boolean> {
    const { results, failure } = await this.runner.evaluate(jobs);
    for (const { job, entrypoint, resultSet } of results) {
      const about = objectOf(job);
      try {
        for (const result of resultsOf(resultSet, entrypoint, about === undefined)) {
          const object = result.object ? resolveReference(result.object, bundleObjects()) : about;
          if (!object) continue;
          reports.push({ ruleId: result.ruleId, severity: result.severity, message: result.message, object, ...(result.path ? { path: result.path } : {}) });
        }
      } catch (error) {
        if (!(error instanceof ResultShapeError)) throw error;
        reports.push(this.failureReport({ reason: error.message, job, entrypoint }, about, true));
        return false;
      }
    }
    if (!failure) return true;
    reports.push(this.failureReport(failure, failure.job !== undefined ? objectOf(failure.job) : undefined, false));
    return false;
  }

  private failureReport(failure: RunnerFailure, object: K8sObject | undefined, shape: boolean): ExternalReport {
    const policy = `Policy "${displayPath(this.source.path)}"`;
    const where = failure.entrypoint ? ` on entrypoint "${failure.entrypoint}"${object ? " for this object" : ""}` : "";
    const advice = failure.timedOut
      ? `Make the rule cheaper, or raise timeoutMs for this policy in ${declaration(this.source)}`
      : shape
        ? "See docs/policies.md for the result shapes statelint reads"
        : "Fix the policy";
    const what = shape ? `returned a result statelint does not understand${where}: ${failure.reason}` : `failed${where}: ${failure.reason}`;
    const message = `${policy} ${what}. ${advice}; statelint stopped evaluating this policy for this run, and the rest of the run went on.`;
    return object ? { ruleId: POLICY_ERROR, severity: "error", message, object } : policyError(this.source, message);
  }
}

/** A policy that could not be loaded: every run reports why. */
export class FailedPolicyProvider implements FindingProvider {
  readonly name: string;

  constructor(private readonly report: ExternalReport) {
    this.name = `policy ${report.file ?? ""}`;
  }

  run(): readonly ExternalReport[] {
    return [this.report];
  }
}
