import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { Bundle, objectsOf, parseSource } from "@statelint/core";
import { describe, expect, it } from "vitest";
import { validateInBundle } from "./bundle.js";
import { DEFAULT_VERSION, documentFor } from "./catalog.js";
import { javascriptPattern } from "./crd.js";
import { operatorKinds, operatorSchema } from "./operator-crds.js";
import { OperatorDefinitions, operatorKindJsonSchema, type OperatorDataFile } from "./operator-json-schema.js";

const SUPPORTED = [
  "postgresql.cnpg.io/v1 Cluster",
  "postgresql.cnpg.io/v1 ScheduledBackup",
  "postgresql.cnpg.io/v1 Backup",
  "postgresql.cnpg.io/v1 Pooler",
  "postgres-operator.crunchydata.com/v1beta1 PostgresCluster",
  "postgres-operator.crunchydata.com/v1 PostgresCluster",
  "acid.zalan.do/v1 postgresql",
  "mysql.oracle.com/v2 InnoDBCluster",
  "kafka.strimzi.io/v1beta2 Kafka",
  "kafka.strimzi.io/v1beta2 KafkaNodePool",
  "kafka.strimzi.io/v1 Kafka",
  "kafka.strimzi.io/v1 KafkaNodePool",
  "elasticsearch.k8s.elastic.co/v1 Elasticsearch",
  "mongodbcommunity.mongodb.com/v1 MongoDBCommunity",
];

function bundleOf(text: string): Bundle {
  return new Bundle(objectsOf(parseSource("bundle.yaml", text)));
}

describe("shipped operator schemas", () => {
  it("cover the supported kinds, each with its upstream repo, commit, paths and licence", () => {
    const kinds = operatorKinds();
    expect(kinds.map(({ apiVersion, kind }) => `${apiVersion} ${kind}`).sort()).toEqual([...SUPPORTED].sort());
    for (const { origin } of kinds) {
      expect(origin.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(origin.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(origin.paths.length).toBeGreaterThan(0);
      expect(origin.licence).toMatch(/^(Apache-2\.0|MIT|UPL-1\.0|Elastic-2\.0)$/);
      expect(existsSync(new URL(`../data/operators/${origin.licenceFile}`, import.meta.url)), origin.licenceFile).toBe(true);
    }
  });

  // Every upstream pattern must compile (after the Go-to-JavaScript rewrite): one that does not would disable the whole schema.
  it.each(SUPPORTED)("%s compiles and names the fields of its spec", (key) => {
    const [apiVersion = "", kind = ""] = key.split(" ");
    const shipped = operatorSchema(apiVersion, kind);
    expect(shipped?.schema.unusable).toBeUndefined();
    const problems = shipped?.schema.validate({ apiVersion, kind, metadata: { name: "x" }, spec: { notAField: 1 } }) ?? [];
    const unknown = problems.find((problem) => problem.kind === "unknown-field");
    expect(unknown).toMatchObject({ path: ["spec", "notAField"], typeName: `${kind} spec` });
    expect(unknown?.kind === "unknown-field" && unknown.known.length).toBeGreaterThan(0);
  });

  // Affinity terms and resource lists are shared definitions: the message still names the place, not the first use.
  it("names the object of an unknown field by its path, also inside a shared definition", () => {
    const problems = operatorSchema("postgresql.cnpg.io/v1", "Cluster")?.schema.validate({
      apiVersion: "postgresql.cnpg.io/v1",
      kind: "Cluster",
      metadata: { name: "pg", labls: {} },
      spec: { instances: 3, affinity: { additionalPodAntiAffinity: { preferredDuringScheduling: [] } }, resources: { request: {} }, postgresql: { parameters: { max_connections: 100 } } },
    });
    expect(problems).toEqual([
      expect.objectContaining({ kind: "unknown-field", path: ["metadata", "labls"], typeName: "ObjectMeta", known: expect.arrayContaining(["labels"]) }),
      expect.objectContaining({ kind: "unknown-field", path: ["spec", "affinity", "additionalPodAntiAffinity", "preferredDuringScheduling"], typeName: "Cluster spec.affinity.additionalPodAntiAffinity", known: expect.arrayContaining(["preferredDuringSchedulingIgnoredDuringExecution"]) }),
      { kind: "type", path: ["spec", "postgresql", "parameters", "max_connections"], expected: ["string"], value: 100 },
      expect.objectContaining({ kind: "unknown-field", path: ["spec", "resources", "request"], typeName: "Cluster spec.resources", known: ["claims", "limits", "requests"] }),
    ]);
  });

  it("knows no other kind", () => {
    expect(operatorSchema("postgresql.cnpg.io/v1", "ImageCatalog")).toBeUndefined();
    expect(operatorSchema("kafka.strimzi.io/v1beta1", "Kafka")).toBeUndefined();
  });
});

describe("validateInBundle with operator kinds", () => {
  const cluster = `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
spec:
  instances: 3
  storage:
    sise: 1Gi
`;

  // Whatever Kubernetes version the run validates against: the operator's schema does not depend on it.
  it.each([undefined, "1.29", "1.30"])("uses the shipped schema when the bundle has no CRD for the kind (kubernetesVersion %s)", (kubernetesVersion) => {
    const bundle = bundleOf(cluster);
    const validation = validateInBundle(bundle.objects[0]!, bundle, kubernetesVersion);
    expect(validation.schema?.unusable).toBeUndefined();
    expect(validation.custom).toBe(true);
    expect(validation.operator).toMatchObject({ operator: "CloudNativePG", repo: "cloudnative-pg/cloudnative-pg" });
    expect(validation.problems).toEqual([expect.objectContaining({ kind: "unknown-field", path: ["spec", "storage", "sise"], typeName: "Cluster spec.storage", known: expect.arrayContaining(["size"]) })]);
  });

  it("prefers a CRD in the bundle: the cluster runs that one", () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: clusters.postgresql.cnpg.io
spec:
  group: postgresql.cnpg.io
  scope: Namespaced
  names: { kind: Cluster, plural: clusters }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              x-kubernetes-preserve-unknown-fields: true
---
`;
    const bundle = bundleOf(crd + cluster);
    const object = bundle.objects.find((candidate) => candidate.kind === "Cluster")!;
    const validation = validateInBundle(object, bundle, undefined);
    expect(validation.custom).toBe(true);
    expect(validation.operator).toBeUndefined();
    expect(validation.schema?.description).toContain("CustomResourceDefinition clusters.postgresql.cnpg.io");
    expect(validation.problems).toEqual([]);
  });

  it("leaves built-in kinds to the Kubernetes schemas", () => {
    const bundle = bundleOf("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata: {}\n");
    expect(validateInBundle(bundle.objects[0]!, bundle, undefined).operator).toBeUndefined();
  });
});

describe("javascriptPattern", () => {
  it.each([
    ["^[a-z]+$", "^[a-z]+$"],
    ["^[[:print:]]+$", "^[ -~]+$"],
    ["^\\ *(Mon|Tue):\\d\\d\\ *$", "^ *(Mon|Tue):\\d\\d *$"],
  ])("%s → %s", (pattern, expected) => {
    expect(javascriptPattern(pattern)).toBe(expected);
  });

  it("gives up on a pattern JavaScript cannot express, so that only that check is skipped", () => {
    expect(javascriptPattern("^\\Aabc\\z")).toBeUndefined();
  });
});

describe("precompiled operator validators", () => {
  const data = (name: string) => JSON.parse(readFileSync(new URL(`../data/operators/${name}`, import.meta.url), "utf8")) as Record<string, never>;
  const index = data("index.json") as { kinds: Record<string, { source: string; validators: string; jsonSchemaSha256: string }> };

  // The modules hold ajv code compiled from the JSON Schema src/ derives from the data files: after a
  // change to that derivation (crd.ts, operator-json-schema.ts) or to the default Kubernetes version, they are stale.
  it.each(SUPPORTED)("%s was compiled from the JSON Schema src/ derives today", (key) => {
    const entry = index.kinds[key]!;
    const file = data(`${entry.source}.json`) as unknown as OperatorDataFile;
    const definitions = new OperatorDefinitions(file.definitions, () => (data("shared.json") as { definitions: Record<string, Record<string, unknown>> }).definitions);
    const schema = operatorKindJsonSchema(key.slice(key.indexOf(" ") + 1), file.kinds[key]!.schema, definitions, `${documentFor(DEFAULT_VERSION).$id}#/definitions/meta.v1.ObjectMeta`);
    expect(createHash("sha256").update(JSON.stringify(schema)).digest("hex"), "stale: run node packages/schemas/scripts/generate-operator-crds.mjs --validators-only").toBe(entry.jsonSchemaSha256);
    expect(existsSync(new URL(`../data/operators/${entry.validators}`, import.meta.url)), entry.validators).toBe(true);
  });

  // Run against the built package in a fresh process: what a one-file run loads, and nothing more.
  // ajv itself is imported statically (core validates configuration with it, and bundles must carry it for
  // CRDs in a bundle); what matters is that no other kind's module is loaded and nothing is compiled.
  it("validate a kind loading its one module: no other kind's code", () => {
    const script = `
      const { operatorSchema } = await import(${JSON.stringify(new URL("../dist/index.js", import.meta.url).href)});
      const { createRequire } = await import("node:module");
      const cache = createRequire(import.meta.url).cache;
      const cluster = { apiVersion: "postgresql.cnpg.io/v1", kind: "Cluster", metadata: { name: "pg" }, spec: { instances: 3, storage: { sise: "1Gi" } } };
      const problems = operatorSchema("postgresql.cnpg.io/v1", "Cluster").schema.validate(cluster);
      const loaded = Object.keys(cache).filter((path) => path.includes("validators.cjs")).map((path) => path.slice(path.lastIndexOf("/") + 1)).sort();
      process.stdout.write(JSON.stringify({ problems: problems.map((problem) => problem.path.join(".")), loaded }));`;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ problems: ["spec.storage.sise"], loaded: ["cloudnative-pg.v1.Cluster.validators.cjs"] });
  });
});
