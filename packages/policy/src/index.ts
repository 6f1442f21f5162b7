import type { FindingProvider, PolicyConfig } from "@statelint/core";

/** A policy to load: a config entry with its path made absolute. */
export interface PolicySpec extends PolicyConfig {
  /** Where it was declared (a config file path, or "--policy"), for error messages. */
  readonly declaredIn: string;
}

export interface LoadedPolicies {
  readonly providers: readonly FindingProvider[];
  /** Stops worker threads; call once the run is over. */
  close(): Promise<void>;
}

/**
 * Loads user policies (OPA WebAssembly) as finding providers. Failures never throw: they surface
 * as `policy-error` findings from the returned providers.
 */
export async function loadPolicies(specs: readonly PolicySpec[]): Promise<LoadedPolicies> {
  void specs;
  return { providers: [], close: async () => {} };
}

/** What `statelint policy inspect` prints about a policy: its entrypoints and the builtins it needs. */
export interface PolicyInspection {
  readonly path: string;
  readonly entrypoints: readonly string[];
  readonly builtins: readonly string[];
  /** Builtins the policy needs that the SDK cannot provide. */
  readonly unsupportedBuiltins: readonly string[];
}

/** Reads a policy's metadata without evaluating it; throws an Error with a user-facing message when the file is not a policy. */
export async function inspectPolicy(path: string): Promise<PolicyInspection> {
  throw new Error(`${path}: policy support is not built yet`);
}
