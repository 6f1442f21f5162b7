import { createRegistry, lintTextsSync, parseConfig, resolveConfig } from "@statelint/core";
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
      name: "fixture: PodDisruptionBudget and CronJob betas removed in 1.25 are errors, v1 Endpoints deprecated in 1.33 a warning",
      code: readFixture("deprecated-api", "fires.yaml"),
      errors: [
        {
          messageId: "removed",
          severity: "error",
          line: 1,
          column: 13,
          endLine: 1,
          endColumn: 27,
          message: 'PodDisruptionBudget "postgres" uses apiVersion policy/v1beta1, which Kubernetes stopped serving in 1.25; use policy/v1.',
        },
        { messageId: "removed", severity: "error", line: 11, column: 13, data: { kind: "CronJob", name: "postgres-backup", apiVersion: "batch/v1beta1", removedIn: "1.25", replacement: "batch/v1" } },
        {
          messageId: "deprecatedKind",
          severity: "warning",
          line: 29,
          column: 7,
          endLine: 29,
          endColumn: 16,
          message:
            'Endpoints "postgres-external" uses the v1 Endpoints API, deprecated since Kubernetes 1.33 (the API server warns on every write); use EndpointSlice (discovery.k8s.io/v1).',
        },
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

describe("deprecated-api follows the shipped Kubernetes versions", () => {
  const registry = createRegistry([rule]);
  const lint = (text: string, kubernetesVersion: string | undefined) => {
    const config = { ...resolveConfig(registry).config, kubernetesVersion };
    return lintTextsSync([{ path: "apf.yaml", text }], { registry, config }).findings.map((finding) => `${finding.severity} ${finding.message}`);
  };
  const flowSchema = `apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata:
  name: backups
spec:
  priorityLevelConfiguration:
    name: workload-low
`;
  const endpoints = "apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: postgres-external\n";

  it("warns about flowcontrol v1beta3 while 1.29 to 1.31 serve it, and is an error from 1.32 on and by default", () => {
    for (const version of ["1.29", "1.31"]) {
      expect(lint(flowSchema, version)).toEqual([
        'warning FlowSchema "backups" uses apiVersion flowcontrol.apiserver.k8s.io/v1beta3, deprecated since Kubernetes 1.29 and removed in 1.32; use flowcontrol.apiserver.k8s.io/v1.',
      ]);
    }
    for (const version of ["1.32", "1.36", undefined]) {
      expect(lint(flowSchema, version)).toEqual(['error FlowSchema "backups" uses apiVersion flowcontrol.apiserver.k8s.io/v1beta3, which Kubernetes stopped serving in 1.32; use flowcontrol.apiserver.k8s.io/v1.']);
    }
  });

  it("says nothing of v1 Endpoints before 1.33, and warns from 1.33 on and by default", () => {
    expect(lint(endpoints, "1.32")).toEqual([]);
    const warning = 'warning Endpoints "postgres-external" uses the v1 Endpoints API, deprecated since Kubernetes 1.33 (the API server warns on every write); use EndpointSlice (discovery.k8s.io/v1).';
    expect(lint(endpoints, "1.33")).toEqual([warning]);
    expect(lint(endpoints, undefined)).toEqual([warning]);
  });

  it("reports alpha and beta versions a shipped release dropped, from the schemas, as removed", () => {
    const policy = "apiVersion: admissionregistration.k8s.io/v1beta1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: replicas\n";
    expect(lint(policy, "1.33")).toEqual([]);
    const removed = 'error ValidatingAdmissionPolicy "replicas" uses apiVersion admissionregistration.k8s.io/v1beta1, which Kubernetes stopped serving in 1.34; use admissionregistration.k8s.io/v1.';
    expect(lint(policy, "1.34")).toEqual([removed]);
    expect(lint(policy, undefined)).toEqual([removed]);
    expect(lint("apiVersion: example.com/v1beta1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: custom\n", undefined)).toEqual([]);
  });

  it("a level the user sets applies to both removed and deprecated APIs", () => {
    const config = { ...resolveConfig(registry, parseConfig(".statelint.yaml", "rules:\n  deprecated-api: warning\n")).config, kubernetesVersion: "1.36" };
    const findings = lintTextsSync([{ path: "apf.yaml", text: `${flowSchema}---\n${endpoints}` }], { registry, config }).findings;
    expect(findings.map((finding) => finding.severity)).toEqual(["warning", "warning"]);
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
