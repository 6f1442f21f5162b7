import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "./helpers.js";

/** The rules that read operator clusters through the stateful-cluster view and are checked here. */
const OPERATOR_RULES = new Set(["storage-ephemeral", "replication-factor-low"]);

interface JsonFinding {
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly object?: { readonly id: string };
}

/** Lints one bundle of fixtures/operators with the built CLI, as a user would. */
function lint(path: string): JsonFinding[] {
  const result = runCli([`fixtures/operators/${path}`, "--format", "json"], { cwd: REPO_ROOT });
  expect(result.status, result.stderr).not.toBe(2);
  const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
  expect(findings.filter((finding) => finding.ruleId === "internal-error")).toEqual([]);
  return findings;
}

function operatorFindings(path: string): string[] {
  return lint(path)
    .filter((finding) => OPERATOR_RULES.has(finding.ruleId))
    .map((finding) => `${finding.line}:${finding.column} ${finding.ruleId} ${finding.object?.id ?? ""}`);
}

describe("operator bundles (fixtures/operators)", () => {
  it.each(["mysql-operator", "strimzi", "eck", "mongodb-community"])("%s/good.yaml gets no storage or replication-factor finding", (operator) => {
    expect(operatorFindings(`${operator}/good.yaml`)).toEqual([]);
  });

  it("strimzi/bad.yaml: the ephemeral broker pool is reported on the pool, the lowered settings on the Kafka", () => {
    expect(operatorFindings("strimzi/bad.yaml")).toEqual([
      "32:15 storage-ephemeral kafka.strimzi.io/v1beta2 KafkaNodePool default/broker",
      "53:41 replication-factor-low kafka.strimzi.io/v1beta2 Kafka default/my-cluster",
      "54:35 replication-factor-low kafka.strimzi.io/v1beta2 Kafka default/my-cluster",
      "55:28 replication-factor-low kafka.strimzi.io/v1beta2 Kafka default/my-cluster",
    ]);
  });

  it("eck/bad.yaml: the emptyDir that replaces elasticsearch-data is reported at emptyDir", () => {
    const findings = lint("eck/bad.yaml").filter((finding) => OPERATOR_RULES.has(finding.ruleId));
    expect(findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`)).toEqual(["28:15 storage-ephemeral"]);
    expect(findings[0]!.message).toBe(
      'Elasticsearch "quickstart": the 2 members of "default" (voter, data) keep their data on ephemeral storage at spec.nodeSets[0].podTemplate.spec.volumes[0].emptyDir, which is lost when a pod is evicted, rescheduled or its node fails; use persistent storage.',
    );
  });

  it.each(["mysql-operator", "mongodb-community"])("%s/bad.yaml has nothing for these rules: its data is always on claims, and it is no Kafka", (operator) => {
    expect(operatorFindings(`${operator}/bad.yaml`)).toEqual([]);
  });
});
