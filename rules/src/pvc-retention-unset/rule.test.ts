import { createRegistry, lintTextsSync, resolveConfig } from "@statelint/core";
import { RuleTester } from "@statelint/core/testing";
import { describe, expect, it } from "vitest";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const withoutClaims = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

const json = `{"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "redis"}, "spec": {"serviceName": "redis", "volumeClaimTemplates": [{"metadata": {"name": "data"}}]}}
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: Retain for both, written out", code: readFixture("pvc-retention-unset", "quiet.yaml") },
    { name: "no volumeClaimTemplates, nothing to retain", code: withoutClaims },
  ],
  invalid: [
    {
      name: "fixture: the seed's StatefulSet; the fix states Retain for both",
      code: readFixture("pvc-retention-unset", "fires.yaml"),
      errors: [
        {
          messageId: "unset",
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 5,
          message:
            'StatefulSet "postgres" has volumeClaimTemplates but no persistentVolumeClaimRetentionPolicy, so its PVCs silently outlive deletion and scale-down; set whenDeleted and whenScaled explicitly (Retain keeps the data).',
        },
      ],
      output: `${readFixture("pvc-retention-unset", "fires.yaml")}  persistentVolumeClaimRetentionPolicy:
    whenDeleted: Retain
    whenScaled: Retain
`,
    },
    {
      name: "JSON manifest is fixed in JSON",
      filename: "redis.json",
      code: json,
      errors: [{ messageId: "unset", line: 1, column: 81, data: { statefulSet: "redis" } }],
      output: `{"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "redis"}, "spec": {"serviceName": "redis", "volumeClaimTemplates": [{"metadata": {"name": "data"}}], "persistentVolumeClaimRetentionPolicy": {"whenDeleted":"Retain","whenScaled":"Retain"}}}
`,
    },
    {
      name: "an explicit null is reported without a fix that would duplicate the key",
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: etcd
spec:
  persistentVolumeClaimRetentionPolicy: null
  volumeClaimTemplates:
    - metadata: { name: data }
`,
      errors: [{ messageId: "unset", line: 5, column: 1 }],
      output: null,
    },
  ],
});

describe("pvc-retention-unset and kubernetesVersion", () => {
  const registry = createRegistry([rule]);
  const lint = (kubernetesVersion: string) =>
    lintTextsSync([{ path: "sts.yaml", text: readFixture("pvc-retention-unset", "fires.yaml") }], {
      registry,
      config: { ...resolveConfig(registry).config, kubernetesVersion },
    }).findings.filter((finding) => finding.ruleId === rule.id);

  it("stays quiet before 1.27, where the field is dropped unless an alpha gate is on", () => {
    expect(lint("1.26")).toEqual([]);
  });

  it("reports from 1.27 on", () => {
    expect(lint("1.27").map((finding) => `${finding.range.start.line}:${finding.range.start.column}`)).toEqual(["5:1"]);
  });
});
