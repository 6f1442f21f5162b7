import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli, workspace } from "./helpers.js";

// The operators' own samples (fixtures/operators/upstream/*/SOURCE.md says where each comes from),
// linted by the built CLI with the operator CRD schemas statelint ships: no CRD is in the corpus.
const CORPUS = join(REPO_ROOT, "fixtures", "operators", "upstream");
const OPERATORS = ["cloudnative-pg", "crunchy-pgo", "zalando-postgres-operator", "mysql-operator", "strimzi", "eck", "mongodb-community"];
const SHIPPED_KINDS = Object.keys((JSON.parse(readFileSync(join(REPO_ROOT, "packages/schemas/data/operators/index.json"), "utf8")) as { kinds: Record<string, string> }).kinds);

interface JsonFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly object?: { readonly apiVersion: string; readonly kind: string };
}

function lint(cwd: string, paths: readonly string[]): JsonFinding[] {
  const result = runCli(["--format", "json", ...paths], { cwd });
  expect(result.stderr).toBe("");
  return (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
}

const describeFinding = (finding: JsonFinding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`;

function yamlFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((name) => /\.ya?ml$/.test(name));
}

describe("upstream operator samples", () => {
  it("are vendored for every supported operator, each folder with its SOURCE.md", () => {
    for (const operator of OPERATORS) {
      expect(readFileSync(join(CORPUS, operator, "SOURCE.md"), "utf8")).toMatch(/commit: `[0-9a-f]{40}`/);
      expect(yamlFiles(join(CORPUS, operator)).length, operator).toBeGreaterThanOrEqual(5);
    }
  });

  it(
    "lint without a schema error, and every operator kind in them has a schema",
    () => {
      const findings = lint(CORPUS, ["."]);
      expect(findings.filter((finding) => finding.ruleId === "internal-error").map(describeFinding)).toEqual([]);
      expect(findings.filter((finding) => finding.ruleId === "schema-unknown-field").map(describeFinding)).toEqual([]);
      const invalid = findings.filter((finding) => finding.ruleId === "schema-invalid");
      // What is left is the "no schema" hint for kinds statelint does not ship (cert-manager, Kibana, KafkaUser…).
      expect(invalid.filter((finding) => !finding.message.startsWith("statelint has no schema for")).map(describeFinding)).toEqual([]);
      expect(invalid.filter((finding) => SHIPPED_KINDS.some((kind) => finding.message.includes(`schema for ${kind},`))).map(describeFinding)).toEqual([]);
      expect(SHIPPED_KINDS).toHaveLength(14);
    },
    180_000,
  );
});

/** One upstream sample per operator, with one field name mistyped, and where the key then is. */
const TYPOS = [
  { sample: "cloudnative-pg/cluster-example.yaml", from: "  storage:\n", to: "  storag:\n", line: 8, column: 3, field: "storag", type: "Cluster spec", suggestion: "storage" },
  { sample: "crunchy-pgo/examples-v1beta1/postgres/postgres.yaml", from: "  backups:\n", to: "  backup:\n", line: 21, column: 3, field: "backup", type: "PostgresCluster spec", suggestion: "backups" },
  { sample: "zalando-postgres-operator/minimal-postgres-manifest.yaml", from: "  preparedDatabases:\n", to: "  preparedDatabase:\n", line: 17, column: 3, field: "preparedDatabase", type: "postgresql spec", suggestion: "preparedDatabases" },
  { sample: "mysql-operator/sample-cluster.yaml", from: "  instances: 3\n", to: "  instance: 3\n", line: 20, column: 3, field: "instance", type: "InnoDBCluster spec", suggestion: "instances" },
  { sample: "strimzi/1.2.0/kafka/kafka-persistent.yaml", from: "  roles:\n    - controller\n  storage:\n", to: "  roles:\n    - controller\n  storag:\n", line: 11, column: 3, field: "storag", type: "KafkaNodePool spec", suggestion: "storage" },
  { sample: "strimzi/0.45.0/kafka-persistent.yaml", from: "  zookeeper:\n    replicas: 3\n", to: "  zookeeper:\n    replica: 3\n", line: 33, column: 5, field: "replica", type: "Kafka spec.zookeeper", suggestion: "replicas" },
  { sample: "eck/samples/elasticsearch/elasticsearch.yaml", from: "    podTemplate:\n", to: "    podTemplat:\n", line: 20, column: 5, field: "podTemplat", type: "Elasticsearch spec.nodeSets[]", suggestion: "podTemplate" },
  { sample: "mongodb-community/mongodb.com_v1_mongodbcommunity_cr.yaml", from: "  members: 3\n", to: "  member: 3\n", line: 7, column: 3, field: "member", type: "MongoDBCommunity spec", suggestion: "members" },
];

describe("a typo slipped into an upstream sample", () => {
  it(
    "is reported as an unknown field at its key, with the field it was meant to be",
    () => {
      const files: Record<string, string> = {};
      for (const typo of TYPOS) {
        const text = readFileSync(join(CORPUS, typo.sample), "utf8");
        // The sample must still read as this test expects: exactly one place to put the typo.
        expect(text.split(typo.from).length - 1, typo.sample).toBe(1);
        files[typo.sample] = text.replace(typo.from, typo.to);
      }
      const findings = lint(workspace(files), TYPOS.map((typo) => typo.sample));
      for (const typo of TYPOS) {
        const unknown = findings.filter((finding) => finding.ruleId === "schema-unknown-field" && finding.file === typo.sample);
        expect(unknown.map(describeFinding), typo.sample).toEqual([
          `${typo.sample}:${typo.line}:${typo.column} schema-unknown-field \`${typo.field}\` is not a field of ${typo.type} (per its CustomResourceDefinition); did you mean \`${typo.suggestion}\`? Kubernetes drops unknown fields silently.`,
        ]);
        expect(unknown[0]?.severity).toBe("error");
      }
    },
    180_000,
  );
});
