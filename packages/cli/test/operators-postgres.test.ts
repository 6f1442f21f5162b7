import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli, workspace } from "./helpers.js";

interface JsonFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly object?: { readonly id: string };
}

/** Lints a fixture with the built CLI. Schema findings are left out: the operators' CRD schemas are another feature's concern. */
function lint(path: string): { status: number | null; findings: JsonFinding[] } {
  const result = runCli([path, "--format", "json"], { cwd: REPO_ROOT });
  const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings.filter((finding) => !finding.ruleId.startsWith("schema-"));
  return { status: result.status, findings };
}

const located = (findings: readonly JsonFinding[]) => findings.map((finding) => `${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId}`);

describe("CloudNativePG (fixtures/operators/cloudnative-pg)", () => {
  const bad = lint("fixtures/operators/cloudnative-pg/bad.yaml");

  it("reports each mistake at its field", () => {
    expect(located(bad.findings)).toEqual([
      "9:1 info backup-missing",
      "10:14 info replicas-single",
      "11:14 warning image-tag-mutable",
      "24:1 warning resources-missing",
      "27:20 info replication-async-only",
      "28:14 warning pdb-missing",
      "30:28 warning anti-affinity-missing",
      "32:11 warning secret-ref-unresolved",
      "35:19 warning vct-storage-class-unknown",
      "37:5 info dr-offsite-missing",
      "59:14 warning db-proxy-single",
    ]);
    expect(bad.status).toBe(0);
  });

  it("explains the issue's opening example in the operator's terms", () => {
    const messages = bad.findings.filter((finding) => finding.object?.id === "postgresql.cnpg.io/v1 Cluster shop/cluster-example").map((finding) => finding.message);
    expect(messages).toEqual([
      'CloudNativePG Cluster "cluster-example" configures no backups, so CloudNativePG keeps no copy of its postgres data to restore from; configure spec.backup.barmanObjectStore (or the Barman Cloud plugin) and a ScheduledBackup.',
      'CloudNativePG Cluster "cluster-example" runs a single instance (spec.instances: 1), so CloudNativePG has no replica to fail over to when its node fails or it is restarted; set spec.instances to 3 if it must stay available.',
      'CloudNativePG Cluster "cluster-example" runs postgres from image "ghcr.io/cloudnative-pg/postgresql:latest" (spec.imageName) with the mutable tag "latest", so each new pod the operator starts may run another version; pin a version tag or a digest.',
    ]);
  });

  it("reports the single-instance Pooler on the Pooler itself", () => {
    expect(bad.findings.find((finding) => finding.ruleId === "db-proxy-single")?.object?.id).toBe("postgresql.cnpg.io/v1 Pooler shop/orders-db-pooler-rw");
  });

  it("finds nothing in the good bundle", () => {
    const good = lint("fixtures/operators/cloudnative-pg/good.yaml");
    expect(located(good.findings)).toEqual([]);
    expect(good.status).toBe(0);
  });

  it("--fix turns enablePDB and enablePodAntiAffinity back on", () => {
    const cluster = "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  instances: 3\n  enablePDB: false # maintenance window\n  affinity:\n    enablePodAntiAffinity: false\n";
    const cwd = workspace({ ".statelint.yaml": "rules:\n  pdb-missing: error\n  anti-affinity-missing: error\n", "pg.yaml": cluster });
    const result = runCli(["pg.yaml", "--fix", "--format", "json"], { cwd });
    expect(result.stderr).toBe("statelint: applied 2 fixes.\n");
    expect(readFileSync(join(cwd, "pg.yaml"), "utf8")).toBe(cluster.replace("enablePDB: false", "enablePDB: true").replace("enablePodAntiAffinity: false", "enablePodAntiAffinity: true"));
  });
});

describe("Crunchy PGO (fixtures/operators/crunchy-pgo)", () => {
  it("reports each mistake at its field", () => {
    const bad = lint("fixtures/operators/crunchy-pgo/bad.yaml");
    expect(located(bad.findings)).toEqual([
      "9:1 info backup-missing",
      "10:10 warning image-tag-mutable",
      "13:7 info replicas-single",
      "13:7 warning resources-missing",
      "26:1 info replication-async-only",
      "34:7 warning anti-affinity-missing",
      "51:11 info dr-offsite-missing",
      "61:17 warning db-proxy-single",
      "64:7 warning storageclass-reclaim-delete",
    ]);
    expect(bad.status).toBe(0);
  });

  it("finds nothing in the good bundle", () => {
    const good = lint("fixtures/operators/crunchy-pgo/good.yaml");
    expect(located(good.findings)).toEqual([]);
    expect(good.status).toBe(0);
  });
});

describe("Zalando (fixtures/operators/zalando)", () => {
  it("reports each mistake at its field", () => {
    const bad = lint("fixtures/operators/zalando/bad.yaml");
    expect(located(bad.findings)).toEqual([
      "9:1 info backup-missing",
      "13:22 info replicas-single",
      "30:16 warning image-tag-mutable",
      "34:24 info backup-missing",
      "37:24 warning db-proxy-single",
      "40:17 warning secret-ref-unresolved",
      "43:3 info replication-async-only",
    ]);
    expect(bad.status).toBe(0);
  });

  it("finds nothing in the good bundle", () => {
    const good = lint("fixtures/operators/zalando/good.yaml");
    expect(located(good.findings)).toEqual([]);
    expect(good.status).toBe(0);
  });
});
