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
  readonly severity: string;
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

/** Findings of every rule but the schema ones (their schemas ship separately), as `line:column ruleId`. */
function conceptFindings(path: string): string[] {
  return lint(path)
    .filter((finding) => !finding.ruleId.startsWith("schema-"))
    .map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`);
}

describe("the concept rules read these operators through the cluster view", () => {
  it("mysql-operator/bad.yaml: two Group Replication members, one Router, no backups, a missing root password key", () => {
    expect(conceptFindings("mysql-operator/bad.yaml")).toEqual([
      "7:1 secret-plaintext-manifest",
      "23:1 backup-missing",
      "24:15 secret-key-unresolved",
      "26:14 replicas-quorum",
      "28:16 db-proxy-single",
      "31:23 vct-storage-class-unknown",
      "35:3 anti-affinity-missing",
      "38:9 resources-missing",
      "43:12 image-tag-mutable",
    ]);
  });

  it("strimzi/bad.yaml: two KRaft controllers are reported on their pool; Strimzi's own PDBs keep pdb-missing quiet", () => {
    expect(conceptFindings("strimzi/bad.yaml")).toEqual([
      "9:1 anti-affinity-missing",
      "9:1 resources-missing",
      "10:13 replicas-quorum",
      "24:1 resources-missing",
      "32:15 storage-ephemeral",
      "45:12 image-tag-mutable",
      "53:41 replication-factor-low",
      "54:35 replication-factor-low",
      "55:28 replication-factor-low",
    ]);
  });

  it("eck/bad.yaml: two masters, the default budget overridden by {}, no anti-affinity, an unresolved secure setting", () => {
    expect(conceptFindings("eck/bad.yaml")).toEqual([
      "9:10 image-tag-mutable",
      "10:3 pdb-missing",
      "12:19 secret-ref-unresolved",
      "15:14 replicas-quorum",
      "20:11 anti-affinity-missing",
      "23:15 resources-missing",
      "28:15 storage-ephemeral",
    ]);
    const pdb = lint("eck/bad.yaml").find((finding) => finding.ruleId === "pdb-missing");
    expect(pdb?.message).toBe(
      'Elasticsearch "quickstart" runs 2 instances and spec.podDisruptionBudget: {} stops ECK from creating its PodDisruptionBudget, so a node drain may evict several at once; remove it to get the operator\'s default budget.',
    );
  });

  it("mongodb-community/bad.yaml: four members, no budget selecting them, the user's password under the wrong key", () => {
    expect(conceptFindings("mongodb-community/bad.yaml")).toEqual([
      "8:1 secret-plaintext-manifest",
      "23:12 pdb-missing",
      "23:12 replicas-quorum",
      "33:15 secret-key-unresolved",
      "43:9 anti-affinity-missing",
      "46:22 image-tag-mutable",
      "51:31 vct-storage-class-unknown",
    ]);
  });

  it.each(["mysql-operator", "strimzi", "eck", "mongodb-community"])("%s/good.yaml gets no error or warning", (operator) => {
    expect(lint(`${operator}/good.yaml`).filter((finding) => finding.severity !== "info")).toEqual([]);
  });
});
