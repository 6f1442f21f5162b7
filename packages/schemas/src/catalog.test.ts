import { describe, expect, it } from "vitest";
import { builtinKinds, builtinSchema, chooseVersion, matchesFormat } from "./catalog.js";
import { suggestQuantity } from "./formats.js";

describe("chooseVersion", () => {
  it.each([
    [undefined, "1.30", false],
    ["1.30", "1.30", false],
    ["v1.29.4", "1.29", false],
    ["1.27", "1.29", false],
    ["1.32", "1.30", true],
    ["latest", "1.30", false],
  ] as const)("%s → %s (newer than shipped: %s)", (requested, version, newer) => {
    expect(chooseVersion(requested)).toEqual({ version, newerThanShipped: newer });
  });
});

describe("shipped schemas", () => {
  it("cover the groups of a StatefulSet bundle in every shipped version", () => {
    for (const version of ["1.29", "1.30"] as const) {
      const kinds = new Set(builtinKinds(version).map(({ apiVersion, kind }) => `${apiVersion} ${kind}`));
      for (const expected of ["apps/v1 StatefulSet", "v1 Service", "v1 ConfigMap", "v1 Secret", "v1 PersistentVolumeClaim", "policy/v1 PodDisruptionBudget", "storage.k8s.io/v1 StorageClass", "batch/v1 CronJob", "networking.k8s.io/v1 NetworkPolicy", "rbac.authorization.k8s.io/v1 Role", "autoscaling/v2 HorizontalPodAutoscaler"]) {
        expect(kinds, `${expected} in ${version}`).toContain(expected);
      }
    }
  });

  it("has no schema for a kind of another group", () => {
    expect(builtinSchema("1.30", "example.com/v1", "StatefulSet")).toBeUndefined();
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
