import { Bundle, clusterOf, DEFAULT_SETTINGS, objectsOf, parseSource, type StatefulClusterView } from "@statelint/core";
import { describe, expect, it } from "vitest";

/** The view of the first object of a bundle read from YAML documents. */
function viewOf(text: string, settings = DEFAULT_SETTINGS): StatefulClusterView | undefined {
  const objects = objectsOf(parseSource("bundle.yaml", text));
  return clusterOf(objects[0]!, new Bundle(objects), settings);
}

const CNPG = "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\n";

describe("the CloudNativePG adapter", () => {
  it("applies the operator's documented defaults: 1 instance, its own PDB, preferred anti-affinity, asynchronous replicas", () => {
    const view = viewOf(`${CNPG}spec:\n  storage:\n    size: 1Gi\n`)!;
    expect(view.members.map((group) => [group.replicas, group.replicasDeclared, group.replicasAt.path])).toEqual([[1, false, ["spec"]]]);
    expect(view.disruptionBudget).toEqual({ managedByOperator: true });
    expect(view.spread).toMatchObject({ nodeAntiAffinity: "preferred", managedByOperator: true });
    expect(view.replication).toMatchObject({ synchronous: false });
    expect(view.backup).toMatchObject({ configured: false, destinations: [], standbyElsewhere: false });
  });

  it("links ScheduledBackups and Poolers by spec.cluster.name in the cluster's namespace only", () => {
    const linked = (namespace: string) => `---
apiVersion: postgresql.cnpg.io/v1
kind: ScheduledBackup
metadata: { name: daily, namespace: ${namespace} }
spec: { schedule: "0 0 0 * * *", method: volumeSnapshot, cluster: { name: pg } }
---
apiVersion: postgresql.cnpg.io/v1
kind: Pooler
metadata: { name: pg-rw, namespace: ${namespace} }
spec: { cluster: { name: pg }, instances: 2, type: rw }
`;
    const here = viewOf(`${CNPG}  namespace: db\nspec:\n  instances: 3\n${linked("db")}`)!;
    expect(here.backup).toMatchObject({ configured: true, destinations: [{ kind: "snapshot", offsite: false }] });
    expect(here.proxies).toMatchObject([{ name: 'PgBouncer Pooler "pg-rw"', instances: 2, instancesDeclared: true }]);
    const elsewhere = viewOf(`${CNPG}  namespace: db\nspec:\n  instances: 3\n${linked("other")}`)!;
    expect(elsewhere.backup?.configured).toBe(false);
    expect(elsewhere.proxies).toEqual([]);
  });

  it("reads backup credentials, the superuser Secret and storage classes as references", () => {
    const view = viewOf(`${CNPG}spec:
  superuserSecret: { name: pg-superuser }
  storage: { storageClass: fast }
  backup:
    barmanObjectStore:
      destinationPath: s3://pg/
      s3Credentials:
        accessKeyId: { name: aws, key: ID }
`)!;
    expect(view.references.map((reference) => `${reference.kind} ${reference.name}${reference.key ? `/${reference.key}` : ""} (${reference.purpose})`)).toEqual([
      "Secret pg-superuser (superuser credentials)",
      "Secret aws/ID (backup credentials)",
      "StorageClass fast (data volumes)",
    ]);
    expect(view.backup?.destinations).toMatchObject([{ kind: "object-store", offsite: true }]);
  });
});

describe("the Crunchy PGO adapter", () => {
  it("reads one member group per instance set and tells volume repos from object-store repos", () => {
    const view = viewOf(`apiVersion: postgres-operator.crunchydata.com/v1beta1
kind: PostgresCluster
metadata: { name: hippo }
spec:
  instances:
    - { name: a, replicas: 2 }
    - { name: b }
  backups:
    pgbackrest:
      repos:
        - { name: repo1, volume: { volumeClaimSpec: {} } }
        - { name: repo2, gcs: { bucket: hippo } }
`)!;
    expect(view.members.map((group) => `${group.name}:${group.replicas}`)).toEqual(["a:2", "b:1"]);
    expect(view.members[0]?.spread).toMatchObject({ nodeAntiAffinity: "preferred", managedByOperator: true });
    expect(view.backup?.destinations.map((destination) => `${destination.kind}:${destination.offsite}`)).toEqual(["volume:false", "object-store:true"]);
  });
});

describe("the Zalando adapter", () => {
  it("counts WAL archiving in env as an off-site backup and defaults the pooler to 2 instances", () => {
    const view = viewOf(`apiVersion: acid.zalan.do/v1
kind: postgresql
metadata: { name: acid-x }
spec:
  numberOfInstances: 2
  enableConnectionPooler: true
  env:
    - { name: WALG_S3_PREFIX, value: "s3://acid-wal" }
`)!;
    expect(view.backup).toMatchObject({ configured: true, destinations: [{ kind: "object-store", offsite: true, at: { path: ["spec", "env", 0] } }] });
    expect(view.proxies).toMatchObject([{ instances: 2, instancesDeclared: false }]);
    expect(view.resources).toEqual([]);
  });
});

describe("the StatefulSet adapter", () => {
  const statefulSet = (metadata: string, image: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
${metadata}spec:
  replicas: 3
  template:
    spec:
      containers: [{ name: db, image: "${image}" }]
`;

  it("takes the engine and its role from the DB image lists of the settings", () => {
    expect(viewOf(statefulSet("", "etcd:3.5"))).toMatchObject({ engine: "etcd", members: [{ roles: ["voter"], replicas: 3 }], operator: undefined });
    const settings = { ...DEFAULT_SETTINGS, databaseImages: [...DEFAULT_SETTINGS.databaseImages, "tigerbeetle"], quorumImages: ["tigerbeetle"] };
    expect(viewOf(statefulSet("", "ghcr.io/tigerbeetle/tigerbeetle:0.16"), settings)).toMatchObject({ engine: "tigerbeetle", members: [{ roles: ["voter"] }] });
  });

  it("leaves a StatefulSet an operator generated to the operator's resource", () => {
    expect(viewOf(statefulSet("  ownerReferences: [{ apiVersion: acid.zalan.do/v1, kind: postgresql, name: acid-x, uid: 1 }]\n", "ghcr.io/zalando/spilo-16:3.3-p1"))).toBeUndefined();
  });
});
