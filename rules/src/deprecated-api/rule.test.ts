import { createRegistry, lintTextsSync, resolveConfig } from "@statelint/core";
import { RuleTester } from "@statelint/core/testing";
import { describe, expect, it } from "vitest";
import { readFixture } from "../test-support.js";
import { DEPRECATIONS } from "./deprecations.js";
import rule from "./rule.js";

const pdb = (apiVersion: string) => `apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata:
  name: postgres
spec:
  maxUnavailable: 1
  selector:
    matchLabels: { app: postgres }
`;

const statefulSet = `apiVersion: apps/v1beta2
kind: StatefulSet
metadata:
  name: postgres
spec:
  serviceName: postgres
  template:
    spec:
      containers: [{ name: postgres, image: "postgres:9.6" }]
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: policy/v1 and batch/v1", code: readFixture("deprecated-api", "quiet.yaml") },
    {
      name: "a group version deprecated for one kind only",
      code: `apiVersion: storage.k8s.io/v1beta1
kind: VolumeAttributesClass
metadata:
  name: gold
driverName: ebs.csi.aws.com
`,
    },
  ],
  invalid: [
    {
      name: "fixture: PodDisruptionBudget and CronJob betas removed in 1.25",
      code: readFixture("deprecated-api", "fires.yaml"),
      errors: [
        {
          messageId: "removed",
          line: 1,
          column: 13,
          endLine: 1,
          endColumn: 27,
          message: 'PodDisruptionBudget "postgres" uses apiVersion policy/v1beta1, which Kubernetes stopped serving in 1.25; use policy/v1.',
        },
        { messageId: "removed", line: 11, column: 13, data: { kind: "CronJob", name: "postgres-backup", apiVersion: "batch/v1beta1", removedIn: "1.25", replacement: "batch/v1" } },
      ],
      output: readFixture("deprecated-api", "fires.yaml").replace("batch/v1beta1", "batch/v1"),
    },
    {
      name: "apps/v1beta2 StatefulSet: not fixed, since apps/v1 requires a selector",
      code: statefulSet,
      errors: [{ messageId: "removed", line: 1, column: 13, message: 'StatefulSet "postgres" uses apiVersion apps/v1beta2, which Kubernetes stopped serving in 1.16; use apps/v1.' }],
      output: null,
    },
    {
      name: "snapshot v1beta1 is deprecated without a Kubernetes removal version, and quoted values stay quoted",
      code: `apiVersion: "snapshot.storage.k8s.io/v1beta1"
kind: VolumeSnapshotClass
metadata:
  name: csi-snapclass
driver: ebs.csi.aws.com
deletionPolicy: Retain
`,
      errors: [
        {
          messageId: "deprecated",
          line: 1,
          column: 13,
          message: 'VolumeSnapshotClass "csi-snapclass" uses apiVersion snapshot.storage.k8s.io/v1beta1, deprecated since Kubernetes 1.20; use snapshot.storage.k8s.io/v1.',
        },
      ],
      output: `apiVersion: "snapshot.storage.k8s.io/v1"
kind: VolumeSnapshotClass
metadata:
  name: csi-snapclass
driver: ebs.csi.aws.com
deletionPolicy: Retain
`,
    },
    {
      name: "PodSecurityPolicy has no successor",
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: restricted
`,
      errors: [
        {
          messageId: "removed",
          line: 1,
          column: 13,
          message:
            'PodSecurityPolicy "restricted" uses apiVersion policy/v1beta1, which Kubernetes stopped serving in 1.25; use Pod Security Admission (pod-security.kubernetes.io labels on the Namespace); the API has no successor.',
        },
      ],
    },
    {
      name: "items of a List",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: autoscaling/v2beta2
    kind: HorizontalPodAutoscaler
    metadata:
      name: web
`,
      errors: [{ messageId: "removed", line: 4, column: 17, data: { kind: "HorizontalPodAutoscaler", name: "web", apiVersion: "autoscaling/v2beta2", removedIn: "1.26", replacement: "autoscaling/v2" } }],
    },
  ],
});

describe("deprecated-api and kubernetesVersion", () => {
  const registry = createRegistry([rule]);
  const lint = (text: string, kubernetesVersion: string | undefined) => {
    const config = { ...resolveConfig(registry).config, kubernetesVersion };
    return lintTextsSync([{ path: "pdb.yaml", text }], { registry, config }).findings.map((finding) => finding.message);
  };

  it("says deprecated, with the removal version, for a cluster that still serves the API", () => {
    expect(lint(pdb("policy/v1beta1"), "1.23")).toEqual([
      'PodDisruptionBudget "postgres" uses apiVersion policy/v1beta1, deprecated since Kubernetes 1.21 and removed in 1.25; use policy/v1.',
    ]);
  });

  it("says removed from the removal version on, and for a patch-level version", () => {
    expect(lint(pdb("policy/v1beta1"), "1.25")).toEqual(['PodDisruptionBudget "postgres" uses apiVersion policy/v1beta1, which Kubernetes stopped serving in 1.25; use policy/v1.']);
    expect(lint(pdb("policy/v1beta1"), "v1.30.2")).toHaveLength(1);
  });

  it("is quiet for a cluster older than the deprecation", () => {
    expect(lint(pdb("policy/v1beta1"), "1.20")).toEqual([]);
  });

  it("treats an unreadable version as the newest cluster", () => {
    expect(lint(pdb("policy/v1beta1"), "latest")).toEqual(['PodDisruptionBudget "postgres" uses apiVersion policy/v1beta1, which Kubernetes stopped serving in 1.25; use policy/v1.']);
  });
});

describe("the deprecation table", () => {
  it("lists each apiVersion and kind once, deprecations before removals", () => {
    const keys = DEPRECATIONS.flatMap((entry) => entry.kinds.map((kind) => `${entry.apiVersion} ${kind}`));
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
    for (const entry of DEPRECATIONS) {
      if (!entry.removedIn) continue;
      const [deprecated, removed] = [entry.deprecatedIn, entry.removedIn].map((version) => Number(version.split(".")[1]));
      expect(deprecated, `${entry.apiVersion}`).toBeLessThan(removed!);
    }
  });
});
