import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { lintTextsSync, type LintSource } from "@statelint/core";
import { builtinRegistry } from "@statelint/rules";
import { buildGraph, type BundleGraph, type GraphOptions } from "@statelint/graph";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const SEED_PATH = "fixtures/seed/statefulset-postgresql.yaml";

export function seedSource(): LintSource {
  return { path: SEED_PATH, text: readFileSync(new URL(SEED_PATH, `file://${REPO_ROOT}`), "utf8") };
}

const registry = builtinRegistry();

/** Lints the manifests with every built-in rule, as the CLI does, and draws the reported findings. */
export function graphOf(sources: readonly LintSource[], options?: GraphOptions): BundleGraph {
  const result = lintTextsSync(sources, { registry });
  return buildGraph(result.bundle, result.findings.filter((finding) => !finding.suppression), options);
}

/** The prod fixture of these tests: clients, backups, 50 replicas, a missing Secret. */
export function prodSource(): LintSource {
  return { path: "prod.yaml", text: readFileSync(new URL("fixtures/prod.yaml", import.meta.url), "utf8") };
}

/** The seed's bundle corrected (fixtures/seed-fixed): ExternalSecret, PDB, backup CronJob, StorageClass. */
export function seedFixedSources(): LintSource[] {
  const folder = join(REPO_ROOT, "fixtures", "seed-fixed");
  return readdirSync(folder).filter((name) => name.endsWith(".yaml")).sort().map((name) => ({ path: `fixtures/seed-fixed/${name}`, text: readFileSync(join(folder, name), "utf8") }));
}

/** The 30-odd StatefulSet bundles written by others (fixtures/real-world), as one bundle. */
export function realWorldSources(): LintSource[] {
  const folder = join(REPO_ROOT, "fixtures", "real-world");
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => ({ path: `fixtures/real-world/${name}`, text: readFileSync(join(folder, name), "utf8") }));
}
