import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderMermaid, renderText, type BundleGraph, type GraphNode } from "@statelint/graph";
import type { LintSource } from "@statelint/core";
import { graphOf, REPO_ROOT } from "./support.js";

function operatorFixture(operator: string, file = "good.yaml"): LintSource {
  const path = `fixtures/operators/${operator}/${file}`;
  return { path, text: readFileSync(join(REPO_ROOT, path), "utf8") };
}

function names(graph: BundleGraph, kind: GraphNode["kind"]): string[] {
  return graph.nodes.filter((node) => node.kind === kind && node.created).map((node) => node.name);
}

function node(graph: BundleGraph, kind: GraphNode["kind"], name: string): GraphNode {
  const found = graph.nodes.find((candidate) => candidate.kind === kind && candidate.name === name);
  if (!found) throw new Error(`no ${kind} node "${name}"; nodes: ${graph.nodes.map((candidate) => `${candidate.kind} ${candidate.name}`).join(", ")}`);
  return found;
}

function edgeLabels(graph: BundleGraph, kind: string, from: GraphNode, to: GraphNode): string[] {
  return graph.edges.filter((edge) => edge.kind === kind && edge.from === from.id && edge.to === to.id).map((edge) => edge.label);
}

function clientOf(namespace: string, name: string, container: string): LintSource {
  return {
    path: `${name}.yaml`,
    text: `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name}, namespace: ${namespace} }\nspec:\n  selector: { matchLabels: { app: ${name} } }\n  template:\n    metadata: { labels: { app: ${name} } }\n    spec:\n      containers:\n${container}`,
  };
}

describe("what each operator creates, named as its documentation names it", () => {
  it("CloudNativePG: instances from 1 with data and WAL PVCs, the rw/ro/r Services, and the Pooler's Deployment and Service", () => {
    const graph = graphOf([operatorFixture("cloudnative-pg")]);
    expect(names(graph, "Pod")).toEqual(["orders-db-1", "orders-db-2", "orders-db-3"]);
    expect(names(graph, "PersistentVolumeClaim")).toEqual(["orders-db-1", "orders-db-1-wal", "orders-db-2", "orders-db-2-wal", "orders-db-3", "orders-db-3-wal"]);
    expect(names(graph, "Service")).toEqual(["orders-db-rw", "orders-db-ro", "orders-db-r", "orders-db-pooler-rw"]);
    const pooler = graph.nodes.find((candidate) => candidate.created && candidate.attributes["objectKind"] === "Deployment" && candidate.name === "orders-db-pooler-rw")!;
    expect(pooler.attributes).toMatchObject({ replicas: 2, purpose: "PgBouncer" });
    const poolerObject = graph.nodes.find((candidate) => candidate.attributes["objectKind"] === "Pooler")!;
    expect(edgeLabels(graph, "creates", poolerObject, pooler)).toEqual(["creates"]);
    expect(edgeLabels(graph, "selects", node(graph, "Service", "orders-db-pooler-rw"), pooler)).toEqual(["PgBouncer (rw)"]);
    expect(edgeLabels(graph, "selects", node(graph, "Service", "orders-db-rw"), node(graph, "Pod", "orders-db-2"))).toEqual(["primary"]);
    expect(node(graph, "PersistentVolumeClaim", "orders-db-1-wal").details).toEqual(["5Gi · db-retain", "deleted with the cluster"]);
    expect(edgeLabels(graph, "references", node(graph, "PersistentVolumeClaim", "orders-db-3"), node(graph, "StorageClass", "db-retain"))).toEqual(["storageClassName"]);
  });

  it("Zalando: pods and pgdata PVCs of the StatefulSet, the master and -repl Services and the pooler", () => {
    const graph = graphOf([operatorFixture("zalando")]);
    expect(names(graph, "Pod")).toEqual(["acid-orders-0", "acid-orders-1", "acid-orders-2"]);
    expect(names(graph, "PersistentVolumeClaim")).toEqual(["pgdata-acid-orders-0", "pgdata-acid-orders-1", "pgdata-acid-orders-2"]);
    expect(names(graph, "Service")).toEqual(["acid-orders", "acid-orders-repl", "acid-orders-pooler"]);
    expect(names(graph, "Object")).toEqual(["acid-orders-pooler"]);
    expect(edgeLabels(graph, "creates", node(graph, "Cluster", "acid-orders"), node(graph, "Object", "acid-orders-pooler"))).toEqual(["creates"]);
    expect(node(graph, "Cluster", "acid-orders").details).toContain("StatefulSet acid-orders");
  });

  it("InnoDBCluster: pods with DNS names under <name>-instances, datadir PVCs, the Router Service and Deployment", () => {
    const graph = graphOf([operatorFixture("mysql-operator")]);
    expect(names(graph, "Pod")).toEqual(["orders-0", "orders-1", "orders-2"]);
    expect(node(graph, "Pod", "orders-1").attributes["dnsName"]).toBe("orders-1.orders-instances.shop.svc.cluster.local");
    expect(names(graph, "PersistentVolumeClaim")).toEqual(["datadir-orders-0", "datadir-orders-1", "datadir-orders-2"]);
    expect(names(graph, "Service")).toEqual(["orders", "orders-instances"]);
    expect(edgeLabels(graph, "selects", node(graph, "Service", "orders"), node(graph, "Object", "orders-router"))).toEqual(["MySQL Router"]);
  });

  it("Strimzi: node-pool pods with node IDs across pools, JBOD PVCs, the bootstrap and brokers Services", () => {
    const graph = graphOf([operatorFixture("strimzi")]);
    expect(names(graph, "Pod")).toEqual(["events-controller-0", "events-controller-1", "events-controller-2", "events-broker-3", "events-broker-4", "events-broker-5"]);
    expect(names(graph, "PersistentVolumeClaim")).toEqual([
      "data-0-events-controller-0", "data-0-events-controller-1", "data-0-events-controller-2", "data-0-events-broker-3", "data-0-events-broker-4", "data-0-events-broker-5",
    ]);
    expect(names(graph, "Service")).toEqual(["events-kafka-bootstrap", "events-kafka-brokers"]);
    const bootstrap = node(graph, "Service", "events-kafka-bootstrap");
    expect(edgeLabels(graph, "selects", bootstrap, node(graph, "Pod", "events-broker-4"))).toEqual(["brokers (bootstrap)"]);
    expect(edgeLabels(graph, "selects", bootstrap, node(graph, "Pod", "events-controller-0"))).toEqual([]);
    expect(node(graph, "Pod", "events-broker-3").attributes["dnsName"]).toBe("events-broker-3.events-kafka-brokers.streaming.svc.cluster.local");
    expect(node(graph, "PersistentVolumeClaim", "data-0-events-broker-5").attributes["keptOnDelete"]).toBe(true);
  });

  it("ECK: one pod run per nodeSet, elasticsearch-data PVCs, the http and transport Services", () => {
    const graph = graphOf([operatorFixture("eck")]);
    expect(names(graph, "Pod")).toEqual(["logs-es-masters-0", "logs-es-masters-1", "logs-es-masters-2", "logs-es-data-0", "logs-es-data-1", "logs-es-data-2"]);
    expect(names(graph, "PersistentVolumeClaim")).toContain("elasticsearch-data-logs-es-data-2");
    expect(names(graph, "PersistentVolumeClaim")).toHaveLength(6);
    expect(names(graph, "Service")).toEqual(["logs-es-http", "logs-es-transport"]);
  });

  it("MongoDBCommunity: pods with DNS names under <name>-svc, data-volume and logs-volume PVCs", () => {
    const graph = graphOf([operatorFixture("mongodb-community")]);
    expect(names(graph, "Pod")).toEqual(["catalog-0", "catalog-1", "catalog-2"]);
    expect(names(graph, "PersistentVolumeClaim")).toEqual([
      "data-volume-catalog-0", "logs-volume-catalog-0", "data-volume-catalog-1", "logs-volume-catalog-1", "data-volume-catalog-2", "logs-volume-catalog-2",
    ]);
    expect(names(graph, "Service")).toEqual(["catalog-svc"]);
    expect(node(graph, "Pod", "catalog-0").attributes["dnsName"]).toBe("catalog-0.catalog-svc.shop.svc.cluster.local");
  });

  it("Crunchy PGO: the instance set as a count of generated pod names, the primary, replicas and pgbouncer Services", () => {
    const graph = graphOf([operatorFixture("crunchy-pgo")]);
    const pods = node(graph, "Pod", "hippo-ha-pgha1-<random>-0");
    expect(pods.count).toBe(2);
    expect(pods.details).toEqual(["2 pods, names generated by the operator"]);
    expect(names(graph, "PersistentVolumeClaim")).toEqual([]);
    expect(names(graph, "Service")).toEqual(["hippo-ha-primary", "hippo-ha-replicas", "hippo-ha-pgbouncer"]);
  });
});

describe("clients of operator Services", () => {
  it("connects a client naming <cluster>-rw in its env to the operator's Service", () => {
    const client = clientOf("shop", "orders-api", "        - name: api\n          image: example/orders-api:1.4.2\n          env:\n            - name: DATABASE_URL\n              value: postgresql://app@orders-db-rw.shop.svc:5432/app\n");
    const graph = graphOf([operatorFixture("cloudnative-pg"), client]);
    expect(edgeLabels(graph, "connects", node(graph, "Client", "orders-api"), node(graph, "Service", "orders-db-rw"))).toEqual(["orders-db-rw.shop.svc:5432"]);
    expect(renderText(graph)).toContain("Deployment orders-api connects to Service orders-db-rw (orders-db-rw.shop.svc:5432)");
  });

  it("connects a Kafka client naming the bootstrap Service in its args", () => {
    const client = clientOf("streaming", "ingest", "        - name: ingest\n          image: example/ingest:2.0.1\n          args: [\"--bootstrap-server\", \"kafka://events-kafka-bootstrap:9092\"]\n");
    const graph = graphOf([operatorFixture("strimzi"), client]);
    expect(edgeLabels(graph, "connects", node(graph, "Client", "ingest"), node(graph, "Service", "events-kafka-bootstrap"))).toEqual(["events-kafka-bootstrap:9092"]);
  });
});

describe("findings and large clusters", () => {
  it("marks the created PVCs with a storage finding and the pods with a replica-count finding", () => {
    const graph = graphOf([operatorFixture("cloudnative-pg", "bad.yaml")]);
    const ruleOf = (id: string) => graph.findings.find((finding) => finding.id === id)!.ruleId;
    expect(node(graph, "PersistentVolumeClaim", "orders-db-2").findings.map(ruleOf)).toEqual(["vct-storage-class-unknown"]);
    expect(node(graph, "Cluster", "orders-db").findings.map(ruleOf)).toContain("vct-storage-class-unknown");
    expect(node(graph, "Pod", "cluster-example-1").findings.map(ruleOf)).toEqual(["replicas-single"]);
  });

  it("summarises more than 5 members in one pod node and one PVC node per volume", () => {
    const text = readFileSync(join(REPO_ROOT, "fixtures/operators/mongodb-community/good.yaml"), "utf8").replace("members: 3", "members: 7");
    const graph = graphOf([{ path: "mongo.yaml", text }]);
    const pods = node(graph, "Pod", "catalog-0 … catalog-6");
    expect(pods.count).toBe(7);
    expect(pods.attributes["dnsName"]).toBe("catalog-{0..6}.catalog-svc.shop.svc.cluster.local");
    expect(names(graph, "PersistentVolumeClaim")).toEqual(["data-volume-catalog-0 … data-volume-catalog-6", "logs-volume-catalog-0 … logs-volume-catalog-6"]);
  });

  it("tells what the operator creates and what survives kubectl delete", () => {
    const text = renderText(graphOf([operatorFixture("cloudnative-pg")]));
    expect(text).toContain("Service orders-db-rw → primary");
    expect(text).toContain("On delete: the operator deletes the PVCs with the Cluster");
    expect(text).toContain("PVCs orders-db-1, orders-db-1-wal, orders-db-2, orders-db-2-wal, orders-db-3 and orders-db-3-wal (deleted by their operator with the cluster: the data is gone)");
    const kafka = renderText(graphOf([operatorFixture("strimzi")]));
    expect(kafka).toContain("NOT deleted: PVCs data-0-events-controller-0");
    expect(renderMermaid(graphOf([operatorFixture("strimzi")]))).toContain("events-kafka-bootstrap");
  });
});
