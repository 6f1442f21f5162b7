import type { FindingProvider, PolicyConfig } from "@statelint/core";
import { chooseEntrypoints, FailedPolicyProvider, loadErrorMessage, policyError, PolicyProvider, type PolicySource } from "./provider.js";
import { readPolicyFile } from "./read.js";
import { PolicyLoadError, PolicyRunner } from "./runner.js";

export { POLICY_ERROR } from "./provider.js";

/** A policy to load: a config entry with its path made absolute. */
export interface PolicySpec extends PolicyConfig {
  /** Where it was declared (a config file path, or "--policy"), for error messages. */
  readonly declaredIn: string;
}

export interface LoadedPolicies {
  readonly providers: readonly FindingProvider[];
  /** Stops worker threads; call once the run is over (a later run starts them again). */
  close(): Promise<void>;
}

/** Time limit of one evaluation when the config does not set `timeoutMs`. */
export const DEFAULT_TIMEOUT_MS = 2000;

async function loadOne(spec: PolicySpec): Promise<{ provider: FindingProvider; runner?: PolicyRunner }> {
  const source: PolicySource = { path: spec.path, declaredIn: spec.declaredIn, timeoutMs: spec.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  const failed = (reason: string) => ({ provider: new FailedPolicyProvider(policyError(source, loadErrorMessage(source, reason))) });
  let runner: PolicyRunner;
  try {
    runner = new PolicyRunner(await readPolicyFile(spec.path), source.timeoutMs);
  } catch (error) {
    return failed((error as Error).message);
  }
  try {
    const chosen = chooseEntrypoints(await runner.load(), spec.entrypoints, spec.bundleEntrypoints ?? []);
    if ("problem" in chosen) {
      await runner.close();
      return failed(chosen.problem);
    }
    return { provider: new PolicyProvider(source, runner, chosen.perObject, chosen.perBundle), runner };
  } catch (error) {
    if (!(error instanceof PolicyLoadError)) throw error;
    await runner.close();
    return failed(error.message);
  }
}

/**
 * Loads user policies (OPA WebAssembly) as finding providers, one per spec, each with its own
 * worker thread. Failures never throw: they surface as `policy-error` findings from the returned
 * providers.
 */
export async function loadPolicies(specs: readonly PolicySpec[]): Promise<LoadedPolicies> {
  const loaded = await Promise.all(specs.map(loadOne));
  const runners = loaded.flatMap((entry) => (entry.runner ? [entry.runner] : []));
  return {
    providers: loaded.map((entry) => entry.provider),
    close: async () => {
      await Promise.all(runners.map((runner) => runner.close()));
    },
  };
}

/** What `statelint policy inspect` prints about a policy: its entrypoints and the builtins it needs. */
export interface PolicyInspection {
  readonly path: string;
  /** Whether it is a bare module or a bundle (whose data.json documents are listed in `dataKeys`). */
  readonly format: "wasm" | "bundle";
  readonly entrypoints: readonly string[];
  readonly builtins: readonly string[];
  /** Builtins the policy needs that the SDK cannot provide. */
  readonly unsupportedBuiltins: readonly string[];
  /** Top-level keys of the bundle's data document. */
  readonly dataKeys: readonly string[];
}

/** Reads a policy's metadata without evaluating it; throws an Error with a user-facing message when the file is not a policy. */
export async function inspectPolicy(path: string): Promise<PolicyInspection> {
  let runner: PolicyRunner | undefined;
  try {
    const file = await readPolicyFile(path);
    runner = new PolicyRunner(file, DEFAULT_TIMEOUT_MS);
    const metadata = await runner.load();
    return { path, format: file.bundle ? "bundle" : "wasm", ...metadata, dataKeys: Object.keys(file.data) };
  } catch (error) {
    throw new Error(`Cannot inspect policy "${path}": ${(error as Error).message}.`);
  } finally {
    await runner?.close();
  }
}
