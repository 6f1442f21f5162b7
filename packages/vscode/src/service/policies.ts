import type { FindingProvider } from "@statelint/core";
import { loadPolicies, type LoadedPolicies, type PolicySpec } from "@statelint/policy";
import { dirname, isAbsolute, resolve } from "node:path";
import type { LoadedConfig } from "./configs.js";

export type PolicyLoader = (specs: readonly PolicySpec[]) => Promise<LoadedPolicies>;

/**
 * User policies per config file. A policy is code the workspace brings along, so nothing is loaded
 * unless the client has said the workspace is trusted.
 */
export class PolicyStore {
  private readonly loaded = new Map<string, Promise<LoadedPolicies>>();

  constructor(
    private readonly trusted: boolean,
    private readonly loader: PolicyLoader = loadPolicies,
  ) {}

  async providersFor(configs: Iterable<LoadedConfig>): Promise<FindingProvider[]> {
    if (!this.trusted) return [];
    const providers: FindingProvider[] = [];
    for (const config of configs) {
      const file = config.file;
      if (file === undefined || config.resolved.policies.length === 0) continue;
      let pending = this.loaded.get(file);
      if (!pending) {
        const specs: PolicySpec[] = config.resolved.policies.map((policy) => ({
          ...policy,
          path: isAbsolute(policy.path) ? policy.path : resolve(dirname(file), policy.path),
          declaredIn: file,
        }));
        pending = this.loader(specs);
        this.loaded.set(file, pending);
      }
      providers.push(...(await pending).providers);
    }
    return providers;
  }

  /** Forgets (and stops) every loaded policy, e.g. after a config file changed. */
  async invalidate(): Promise<void> {
    const all = [...this.loaded.values()];
    this.loaded.clear();
    await Promise.allSettled(all.map(async (pending) => (await pending).close()));
  }
}
