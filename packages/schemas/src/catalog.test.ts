import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { builtinKinds, builtinSchema, chooseVersion, documentFor, indexFor, kubernetesVersionProblem, matchesFormat, mergeChunks, removalOf, schemaSource, SHIPPED_VERSIONS } from "./catalog.js";
import { customResourceSchema } from "./crd.js";
import { suggestQuantity } from "./formats.js";

describe("chooseVersion", () => {
  it.each([
    [undefined, "1.36", false],
    ["1.30", "1.30", false],
    ["1.33", "1.33", false],
    ["v1.29.4", "1.29", false],
    ["1.27", "1.29", false],
    ["1.37", "1.36", true],
    ["latest", "1.36", false],
  ] as const)("%s → %s (newer than shipped: %s)", (requested, version, newer) => {
    expect(chooseVersion(requested)).toEqual({ version, newerThanShipped: newer });
  });
});

describe("documentFor", () => {
  it.each(SHIPPED_VERSIONS)("%s: the definitions, read one at a time, are those of the whole chunks", (version) => {
    const whole = mergeChunks("kubernetes-definitions", indexFor(version).definitionChunks, "definitions");
    const { definitions } = documentFor(version);
    expect(definitions["core.v1.PodSpec"]).toEqual(whole["core.v1.PodSpec"]);
    expect(Object.keys(definitions)).toEqual(Object.keys(whole));
    expect("apps.v1.StatefulSet" in definitions && !("apps.v1.NoSuchKind" in definitions)).toBe(true);
    expect(definitions["apps.v1.NoSuchKind"]).toBeUndefined();
    expect(JSON.parse(JSON.stringify(definitions))).toEqual(whole);
  });
});

describe("kubernetesVersionProblem", () => {
  it.each([undefined, "1.29", "1.33", "1.36", "v1.36.1"])("accepts %s", (version) => {
    expect(kubernetesVersionProblem(version)).toBeUndefined();
  });

  it("names the shipped versions and the nearest one for a release statelint does not ship", () => {
    expect(kubernetesVersionProblem("1.28")).toBe(
      "statelint has no schemas for Kubernetes 1.28; it ships 1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35 and 1.36. " +
        "Set one of them (the nearest is 1.29), or leave kubernetesVersion unset for the newest, 1.36.",
    );
    expect(kubernetesVersionProblem("1.40")).toContain("(the nearest is 1.36)");
  });

  it("lists the same versions as the generator", () => {
    const generator = readFileSync(new URL("../scripts/versions.mjs", import.meta.url), "utf8");
    expect(JSON.parse(/KUBERNETES_VERSIONS = (\[[^\]]*\])/.exec(generator)![1]!)).toEqual(SHIPPED_VERSIONS);
  });
});

describe("shipped schemas", () => {
  it("cover the groups of a StatefulSet bundle in every shipped version", () => {
    for (const version of SHIPPED_VERSIONS) {
      const kinds = new Set(builtinKinds(version).map(({ apiVersion, kind }) => `${apiVersion} ${kind}`));
      for (const expected of ["apps/v1 StatefulSet", "v1 Service", "v1 ConfigMap", "v1 Secret", "v1 PersistentVolumeClaim", "policy/v1 PodDisruptionBudget", "storage.k8s.io/v1 StorageClass", "batch/v1 CronJob", "networking.k8s.io/v1 NetworkPolicy", "rbac.authorization.k8s.io/v1 Role", "autoscaling/v2 HorizontalPodAutoscaler"]) {
        expect(kinds, `${expected} in ${version}`).toContain(expected);
      }
    }
  });

  it("record where each version comes from and under which licence", () => {
    for (const version of SHIPPED_VERSIONS) {
      expect(schemaSource(version)).toMatchObject({
        repository: "https://github.com/cdk8s-team/cdk8s",
        commit: expect.stringMatching(/^[0-9a-f]{40}$/),
        path: `kubernetes-schemas/v${version}.0/_definitions.json`,
        license: "Apache-2.0",
        upstream: `https://github.com/kubernetes/kubernetes/blob/v${version}.0/api/openapi-spec/swagger.json`,
      });
    }
  });

  it("validate the same object differently where releases differ", () => {
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "busybox", lifecycle: { stopSignal: "SIGTERM" } }] } };
    expect(builtinSchema("1.33", "v1", "Pod")!.validate(pod)).toEqual([]);
    expect(builtinSchema("1.32", "v1", "Pod")!.validate(pod)).toEqual([
      { kind: "unknown-field", path: ["spec", "containers", 0, "lifecycle", "stopSignal"], field: "stopSignal", typeName: "Lifecycle", known: ["postStart", "preStop"] },
    ]);
  });

  it("check a custom resource's metadata as the ObjectMeta of the requested release", () => {
    const source = { apiVersion: "example.com/v1", kind: "Backup", crdName: "backups.example.com", openAPIV3Schema: { type: "object", properties: { spec: { type: "object" } } } };
    for (const version of ["1.29", "1.36"] as const) {
      expect(customResourceSchema(source, version).validate({ apiVersion: "example.com/v1", kind: "Backup", metadata: { name: "b", labels: "app" } })).toEqual([
        { kind: "type", path: ["metadata", "labels"], expected: ["object"], value: "app" },
      ]);
    }
  });

  it("has no schema for a kind of another group", () => {
    expect(builtinSchema("1.30", "example.com/v1", "StatefulSet")).toBeUndefined();
  });
});

describe("removalOf", () => {
  it("names the first release without an apiVersion and the most stable one serving the kind instead", () => {
    expect(removalOf("1.36", "resource.k8s.io/v1alpha3", "ResourceClaim")).toEqual({ removedIn: "1.34", replacement: "resource.k8s.io/v1" });
    expect(removalOf("1.36", "storage.k8s.io/v1alpha1", "VolumeAttributesClass")).toEqual({ removedIn: "1.35", replacement: "storage.k8s.io/v1" });
    expect(removalOf("1.32", "flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema")).toEqual({ removedIn: "1.32", replacement: "flowcontrol.apiserver.k8s.io/v1" });
  });

  it("says nothing while the release serves it, for other groups' kinds, and before any shipped release served it", () => {
    expect(removalOf("1.33", "resource.k8s.io/v1alpha3", "ResourceClaim")).toBeUndefined();
    expect(removalOf("1.36", "apps/v1", "StatefulSet")).toBeUndefined();
    expect(removalOf("1.36", "example.com/v1", "StatefulSet")).toBeUndefined();
    expect(removalOf("1.36", "apps/v1beta2", "StatefulSet")).toBeUndefined();
    expect(removalOf("1.32", "resource.k8s.io/v1", "ResourceClaim")).toBeUndefined();
  });
});

describe("formats", () => {
  it.each([
    ["quantity", "2Gi", true],
    ["quantity", "500m", true],
    ["quantity", "1e3", true],
    ["quantity", "2GB", false],
    ["dns1123-label", "postgres-0", true],
    ["dns1123-label", "Postgres", false],
    ["dns1035-label", "1db", false],
    ["iana-svc-name", "postgres", true],
    ["iana-svc-name", "5432", false],
  ] as const)("%s %s → %s", (format, value, valid) => {
    expect(matchesFormat(format, value)).toBe(valid);
  });

  it.each([
    ["2GB", "2Gi"],
    ["512mb", "512Mi"],
    ["1.5 GiB", "1.5Gi"],
    ["10K", "10Ki"],
    ["lots", undefined],
  ])("suggests %s → %s", (value, suggestion) => {
    expect(suggestQuantity(value)).toBe(suggestion);
  });
});
