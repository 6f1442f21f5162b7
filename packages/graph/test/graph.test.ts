import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { Graphviz } from "@hpcc-js/wasm-graphviz";
import { describe, expect, it } from "vitest";
import { Bundle, objectsOf, parseSource } from "@statelint/core";
import { buildGraph, renderDot, renderJson, renderMermaid, renderText, type BundleGraph, type GraphNode } from "@statelint/graph";
import { graphOf, prodSource, seedFixedSources, seedSource } from "./support.js";

function node(graph: BundleGraph, kind: GraphNode["kind"], name: string): GraphNode {
  const found = graph.nodes.find((candidate) => candidate.kind === kind && candidate.name === name);
  if (!found) throw new Error(`no ${kind} node "${name}"; nodes: ${graph.nodes.map((candidate) => `${candidate.kind} ${candidate.name}`).join(", ")}`);
  return found;
}

function rulesOn(graph: BundleGraph, ids: readonly string[]): string[] {
  return ids.map((id) => graph.findings.find((finding) => finding.id === id)!.ruleId).sort();
}

function edgesBetween(graph: BundleGraph, from: GraphNode, to: GraphNode) {
  return graph.edges.filter((edge) => edge.from === from.id && edge.to === to.id);
}

describe("the seed's picture", () => {
  const graph = graphOf([seedSource()]);

  it("names every object kubectl apply creates, and what the StatefulSet controller creates from them", () => {
    expect(node(graph, "Service", "postgres").details).toEqual(["headless (clusterIP None)", "postgres 5432/TCP"]);
    expect(node(graph, "Service", "postgres-lb").details).toEqual(["ClusterIP", "postgres 5432/TCP"]);
    node(graph, "ConfigMap", "postgres-config");
    expect(node(graph, "Secret", "postgres-secret").details).toContain("keys: POSTGRES_PASSWORD");
    expect(node(graph, "StatefulSet", "postgres").attributes).toMatchObject({ replicas: 3, podManagementPolicy: "OrderedReady", updateStrategy: "RollingUpdate" });
    for (const ordinal of [0, 1, 2]) {
      const pod = node(graph, "Pod", `postgres-${ordinal}`);
      expect(pod.created).toBe(true);
      expect(pod.attributes).toMatchObject({ dnsName: `postgres-${ordinal}.postgres.default.svc.cluster.local`, dnsResolves: true });
      const pvc = node(graph, "PersistentVolumeClaim", `postgres-storage-postgres-${ordinal}`);
      expect(pvc.attributes).toMatchObject({ storage: "2Gi", storageClassName: "", accessModes: "ReadWriteOnce", whenDeleted: "Retain" });
      expect(edgesBetween(graph, pod, pvc).map((edge) => [edge.kind, edge.label])).toEqual([["mounts", "/var/lib/postgresql/data"]]);
    }
    expect(graph.nodes).toHaveLength(11);
    expect(graph.namespaces.map((namespace) => [namespace.name, namespace.nodes.length])).toEqual([["default", 11]]);
  });

  it("draws governs, selects and references edges", () => {
    const statefulSet = node(graph, "StatefulSet", "postgres");
    expect(edgesBetween(graph, node(graph, "Service", "postgres"), statefulSet).map((edge) => edge.kind)).toEqual(["governs"]);
    expect(edgesBetween(graph, node(graph, "Service", "postgres"), node(graph, "Pod", "postgres-1")).map((edge) => edge.label)).toEqual(["DNS"]);
    expect(edgesBetween(graph, node(graph, "Service", "postgres-lb"), node(graph, "Pod", "postgres-2")).map((edge) => edge.label)).toEqual(["load-balances"]);
    expect(edgesBetween(graph, statefulSet, node(graph, "Secret", "postgres-secret")).map((edge) => edge.label)).toEqual(["env POSTGRES_PASSWORD"]);
    expect(edgesBetween(graph, statefulSet, node(graph, "ConfigMap", "postgres-config")).map((edge) => edge.label)).toEqual(["envFrom"]);
  });

  it("puts each finding on the node and edges it concerns", () => {
    const balanced = node(graph, "Service", "postgres-lb");
    expect(rulesOn(graph, balanced.findings)).toEqual(["db-write-service-load-balanced"]);
    for (const ordinal of [0, 1, 2]) {
      const [edge] = edgesBetween(graph, balanced, node(graph, "Pod", `postgres-${ordinal}`));
      expect(rulesOn(graph, edge!.findings)).toEqual(["db-write-service-load-balanced"]);
    }
    expect(rulesOn(graph, node(graph, "Secret", "postgres-secret").findings)).toEqual(["secret-plaintext-manifest"]);
    expect(rulesOn(graph, node(graph, "StatefulSet", "postgres").findings)).toEqual(expect.arrayContaining(["replication-unconfigured", "pdb-missing", "anti-affinity-missing"]));
    // A finding on a volumeClaimTemplate belongs to the PVCs made from it.
    expect(rulesOn(graph, node(graph, "PersistentVolumeClaim", "postgres-storage-postgres-0").findings)).toEqual(["vct-storage-class-unset"]);
    expect(node(graph, "Service", "postgres").findings).toEqual([]);
    expect(graph.findings.map((finding) => finding.ruleId)).toContain("db-write-service-load-balanced");
  });

  it("marks warnings amber in Mermaid, with the rule id on the node and the edges", () => {
    const mermaid = renderMermaid(graph);
    expect(mermaid).toMatch(/^flowchart TB\n/);
    expect(mermaid).toContain('(["Service: postgres-lb<br/>ClusterIP<br/>postgres 5432/TCP<br/>⚠ db-write-service-load-balanced"])');
    expect(mermaid).toContain('-->|"load-balances<br/>⚠ db-write-service-load-balanced"|');
    expect(mermaid).toMatch(/linkStyle \d+ stroke:#ff8f00/);
    expect(mermaid).toContain('subgraph ns1["namespace default"]');
  });

  it("tells the seed's story: ordered start, DNS names, clients, what kubectl delete keeps", () => {
    const text = renderText(graph);
    expect(text).toContain("1. PVC postgres-storage-postgres-0 (2Gi · default class · ReadWriteOnce) is created and bound, then pod postgres-0 starts. postgres-1 waits until postgres-0 is Ready (readiness probe).");
    expect(text).toContain("postgres-0.postgres.default.svc.cluster.local → pod postgres-0");
    expect(text).toContain("postgres-lb.default.svc.cluster.local → one virtual IP, load-balanced over postgres-0, postgres-1 and postgres-2   ⚠ db-write-service-load-balanced");
    expect(text).toContain("NOT deleted: PVCs postgres-storage-postgres-0, postgres-storage-postgres-1 and postgres-storage-postgres-2 (whenDeleted: Retain)");
    expect(text).toContain("kubectl delete pvc -n default -l app=postgres");
  });
});

const PROD = prodSource();

describe("a larger bundle", () => {
  const graph = graphOf([PROD]);

  it("summarises 50 replicas in one pod node and one PVC node per claim", () => {
    const pods = node(graph, "Pod", "db-0 … db-49");
    expect(pods.count).toBe(50);
    expect(pods.attributes["dnsName"]).toBe("db-{0..49}.db.prod.svc.cluster.local");
    const claims = node(graph, "PersistentVolumeClaim", "data-db-0 … data-db-49");
    expect(claims.attributes).toMatchObject({ storage: "10Gi", storageClassName: "fast", whenDeleted: "Delete" });
    expect(graph.nodes.filter((candidate) => candidate.kind === "Pod")).toHaveLength(1);
    expect(edgesBetween(graph, claims, node(graph, "StorageClass", "fast")).map((edge) => edge.kind)).toEqual(["references"]);
  });

  it("draws clients that reach the database, a dump CronJob as a backup, and leaves unrelated workloads out", () => {
    const pods = node(graph, "Pod", "db-0 … db-49");
    const api = node(graph, "Client", "api");
    expect(edgesBetween(graph, api, pods).map((edge) => [edge.kind, edge.label])).toEqual([["connects", "db-0.db.prod.svc.cluster.local:5432"]]);
    // POSTGRES_USER=db names no host: its variable name is not a host setting.
    expect(graph.edges.filter((edge) => edge.from === api.id)).toHaveLength(1);
    const dump = node(graph, "Backup", "nightly-dump");
    expect(edgesBetween(graph, dump, node(graph, "Service", "db")).map((edge) => edge.kind)).toEqual(["backs-up"]);
    expect(graph.nodes.some((candidate) => candidate.name === "web")).toBe(false);
    // DB_HOST in a ConfigMap the worker reads with envFrom; DB_USER=db is not a host setting.
    expect(edgesBetween(graph, node(graph, "Client", "worker"), node(graph, "Service", "db")).map((edge) => edge.label)).toEqual(["db.prod.svc.cluster.local"]);
    expect(edgesBetween(graph, node(graph, "PodDisruptionBudget", "db"), node(graph, "StatefulSet", "db")).map((edge) => [edge.kind, edge.label])).toEqual([["protects", "maxUnavailable 1"]]);
    expect(edgesBetween(graph, node(graph, "Backup", "data-db-7-snap"), node(graph, "PersistentVolumeClaim", "data-db-0 … data-db-49")).map((edge) => edge.kind)).toEqual(["backs-up"]);
  });

  it("draws a Secret missing from the bundle, with the reference rule on the broken edge", () => {
    const missing = node(graph, "Secret", "db-credentials");
    expect(missing.attributes["missing"]).toBe(true);
    const [edge] = edgesBetween(graph, node(graph, "StatefulSet", "db"), missing);
    expect(rulesOn(graph, edge!.findings)).toEqual(["secret-ref-unresolved"]);
  });

  it("groups by namespace and keeps cluster-scoped nodes out of the groups", () => {
    expect(graph.namespaces.map((namespace) => namespace.name)).toEqual(["prod"]);
    expect(graph.namespaces[0]!.nodes).not.toContain(node(graph, "StorageClass", "fast").id);
    expect(renderMermaid(graph)).toMatch(/\n {2}n\d+\["StorageClass: fast/);
  });

  it("says that the PVCs go with the StatefulSet", () => {
    expect(renderText(graph)).toContain("PVCs data-db-0 … data-db-49 (whenDeleted: Delete: the data is gone)");
  });
});

describe("the corrected seed", () => {
  const graph = graphOf(seedFixedSources());

  it("draws the Secret its ExternalSecret makes, the PDB, the StorageClass and the backup CronJob", () => {
    const secret = node(graph, "Secret", "postgres-secret");
    expect(secret).toMatchObject({ created: true, details: ["from ExternalSecret postgres-secret", "keys: POSTGRES_PASSWORD, REPLICATION_PASSWORD"] });
    expect(edgesBetween(graph, node(graph, "Object", "postgres-secret"), secret).map((edge) => edge.kind)).toEqual(["creates"]);
    const statefulSet = node(graph, "StatefulSet", "postgres");
    expect(edgesBetween(graph, node(graph, "PodDisruptionBudget", "postgres"), statefulSet).map((edge) => edge.kind)).toEqual(["protects"]);
    expect(edgesBetween(graph, node(graph, "PersistentVolumeClaim", "postgres-storage-postgres-0"), node(graph, "StorageClass", "ssd-retain")).map((edge) => edge.kind)).toEqual(["references"]);
    expect(graph.edges.filter((edge) => edge.from === node(graph, "Backup", "postgres-backup").id).map((edge) => edge.kind)).toEqual(expect.arrayContaining(["backs-up"]));
    expect(graph.findings.filter((finding) => finding.severity !== "info")).toEqual([]);
  });
});

describe("formats a program reads", () => {
  const schema = JSON.parse(readFileSync(new URL("../graph-format.schema.json", import.meta.url), "utf8")) as object;
  const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

  it("JSON validates against the published schema", () => {
    for (const graph of [graphOf([seedSource()]), graphOf([PROD])]) {
      const document = JSON.parse(renderJson(graph)) as unknown;
      expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validate({ version: 1, nodes: [{ id: "x" }], edges: [], namespaces: [], findings: [] })).toBe(false);
  });

  it("DOT is laid out by Graphviz, with the findings in the labels", async () => {
    const graphviz = await Graphviz.load();
    const svg = graphviz.dot(renderDot(graphOf([seedSource()]))).replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    expect(svg).toContain("<svg");
    for (const label of ["Service: postgres-lb", "PVC: postgres-storage-postgres-2", "⚠ db-write-service-load-balanced", "namespace default"]) expect(svg).toContain(label);
  });
});

describe("operator clusters through core's cluster view", () => {
  it("draws any object with a cluster view as a cluster with its member groups, backups and references", () => {
    const file = parseSource("pg.yaml", `apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata: { name: pg, namespace: data }\nspec:\n  instances: 3\n  enableSuperuserAccess: true\n  superuserSecret: { name: pg-superuser }\n  storage: { size: 20Gi, storageClass: fast }\n  backup:\n    barmanObjectStore: { destinationPath: "s3://backups/pg" }\n---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: { name: fast }\nprovisioner: x\n`);
    const graph = buildGraph(new Bundle(objectsOf(file)), []);
    const cluster = node(graph, "Cluster", "pg");
    expect(cluster.details).toEqual(['CloudNativePG Cluster "pg"', "pg: 3 × database · 20Gi · fast"]);
    const members = node(graph, "MemberGroup", "pg");
    expect(edgesBetween(graph, cluster, members).map((edge) => edge.label)).toEqual(["creates 3"]);
    expect(edgesBetween(graph, members, node(graph, "StorageClass", "fast")).map((edge) => edge.kind)).toEqual(["references"]);
    expect(edgesBetween(graph, node(graph, "Backup", "pg backups"), cluster).map((edge) => edge.kind)).toEqual(["backs-up"]);
    expect(edgesBetween(graph, cluster, node(graph, "Secret", "pg-superuser")).map((edge) => edge.label)).toEqual(["superuser credentials"]);
  });
});
