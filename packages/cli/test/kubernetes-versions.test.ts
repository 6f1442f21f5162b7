import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli, workspace } from "./helpers.js";

// Pod-level resources (1.32), an image volume (1.31) and lifecycle.stopSignal (1.33).
const NEW_FIELDS = readFileSync(join(REPO_ROOT, "fixtures", "kubernetes-versions", "statefulset-1.33.yaml"), "utf8");
const SCHEMA_RULES = "extends: []\nrules:\n  schema-invalid: error\n  schema-unknown-field: error\n";

function schemaFindings(stdout: string): string[] {
  const { findings } = JSON.parse(stdout) as { findings: { ruleId: string; line: number; column: number; message: string }[] };
  return findings.map((finding) => `${finding.ruleId} ${finding.line}:${finding.column} ${finding.message}`);
}

describe("kubernetesVersion picks the schema", () => {
  it.each([[[]], [["--kubernetes-version", "1.33"]], [["--kubernetes-version", "1.36"]]])("a StatefulSet with 1.31–1.33 fields is clean with %j", (flags) => {
    const cwd = workspace({ ".statelint.yaml": SCHEMA_RULES, "sts.yaml": NEW_FIELDS });
    const result = runCli(["sts.yaml", "-f", "json", ...flags], { cwd });
    expect(result.stderr).toBe("");
    expect(schemaFindings(result.stdout)).toEqual([]);
    expect(result.status).toBe(0);
  });

  it("reports exactly the three newer fields against Kubernetes 1.30, from the flag or the config file", () => {
    const expected = [
      "schema-unknown-field 21:7 `resources` is not a field of PodSpec (at `spec.template.spec`); Kubernetes drops it silently. Remove it or fix its name.",
      "schema-unknown-field 29:13 `stopSignal` is not a field of Lifecycle (at `spec.template.spec.containers[0].lifecycle`); Kubernetes drops it silently. Remove it or fix its name.",
      "schema-unknown-field 37:11 `image` is not a field of Volume (at `spec.template.spec.volumes[0]`); Kubernetes drops it silently. Remove it or fix its name.",
    ];
    const flag = runCli(["sts.yaml", "-f", "json", "--kubernetes-version", "1.30"], { cwd: workspace({ ".statelint.yaml": SCHEMA_RULES, "sts.yaml": NEW_FIELDS }) });
    expect(flag.status).toBe(1);
    expect(schemaFindings(flag.stdout)).toEqual(expected);
    const config = runCli(["sts.yaml", "-f", "json"], { cwd: workspace({ ".statelint.yaml": `${SCHEMA_RULES}kubernetesVersion: "1.30"\n`, "sts.yaml": NEW_FIELDS }) });
    expect(schemaFindings(config.stdout)).toEqual(expected);
  });

  it("the flag replaces the config file's version", () => {
    const cwd = workspace({ ".statelint.yaml": `${SCHEMA_RULES}kubernetesVersion: "1.30"\n`, "sts.yaml": NEW_FIELDS });
    expect(schemaFindings(runCli(["sts.yaml", "-f", "json", "--kubernetes-version", "1.35"], { cwd }).stdout)).toEqual([]);
  });
});

describe("a Kubernetes version statelint ships no schema for", () => {
  const shipped = "it ships 1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35 and 1.36.";

  it("is a usage error from the flag, naming the shipped versions and the nearest", () => {
    const result = runCli(["sts.yaml", "--kubernetes-version", "1.28"], { cwd: workspace({ "sts.yaml": NEW_FIELDS }) });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `statelint: --kubernetes-version 1.28: statelint has no schemas for Kubernetes 1.28; ${shipped} Set one of them (the nearest is 1.29), or leave kubernetesVersion unset for the newest, 1.36.\n` +
        "Run `statelint --help` for usage.\n",
    );
  });

  it("is a configuration error at the config file's value, and nothing is linted", () => {
    const result = runCli(["sts.yaml"], { cwd: workspace({ ".statelint.yaml": 'kubernetesVersion: "1.37"\n', "sts.yaml": NEW_FIELDS }) });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `.statelint.yaml:1:20 error "kubernetesVersion": statelint has no schemas for Kubernetes 1.37; ${shipped} Set one of them (the nearest is 1.36), or leave kubernetesVersion unset for the newest, 1.36.\n` +
        "statelint: fix the configuration above; nothing was linted.\n",
    );
  });
});
