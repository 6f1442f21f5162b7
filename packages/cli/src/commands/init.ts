import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_FILE_NAMES } from "@statelint/core";
import { FatalError } from "../exit-codes.js";

export const STARTER_CONFIG = `# statelint configuration. Every file below this folder is linted with it.
# Reference: https://github.com/statelint/statelint/blob/main/docs/cli.md

# Presets: recommended (every rule at its default severity) or strict (info rules become warnings).
extends: recommended

# Kubernetes minor version your manifests target: API deprecations follow it.
# kubernetesVersion: "1.31"

# Namespace of objects that declare none (what \`kubectl apply\` would use).
# namespace: default

# Rule levels: off | info | warning | error, or [level, { options }].
# \`statelint rules\` lists every rule; \`statelint explain <rule-id>\` explains one.
rules: {}
#   replicas-single: off
#   secret-ref-unresolved: info   # Secrets come from an external secret store

# Files not to lint, as globs relative to this file.
ignore: []
#   - charts/**/templates/**

# Rego policies compiled with \`opa build -t wasm\`, relative to this file.
# policies:
#   - path: policy/bundle.tar.gz
`;

/** `statelint init`: writes a commented starter config, never over an existing one. */
export function initConfig(cwd: string): string {
  const existing = CONFIG_FILE_NAMES.find((name) => existsSync(join(cwd, name)));
  if (existing) throw new FatalError(`${existing} already exists in ${cwd}; statelint init never overwrites a configuration. Edit it, or delete it first.`);
  const path = join(cwd, ".statelint.yaml");
  writeFileSync(path, STARTER_CONFIG, { flag: "wx" });
  return `Wrote .statelint.yaml. Run \`statelint .\` to lint this folder.\n`;
}
