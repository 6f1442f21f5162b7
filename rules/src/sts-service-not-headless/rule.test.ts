import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
spec:
  serviceName: postgres
  selector:
    matchLabels: { app: postgres }
  template:
    metadata:
      labels: { app: postgres }
    spec:
      containers:
        - name: postgres
          image: postgres:16
`;

new RuleTester().run(rule, {
  valid: [
    { name: "headless governing Service", code: readFixture("sts-service-not-headless", "quiet.yaml") },
    {
      name: "a ClusterIP Service that governs no StatefulSet",
      code: `apiVersion: v1
kind: Service
metadata:
  name: postgres-lb
spec:
  selector: { app: postgres }
  ports: [{ port: 5432 }]
---
${statefulSet}`,
    },
  ],
  invalid: [
    {
      name: "fixture: governing Service with a cluster IP",
      code: readFixture("sts-service-not-headless", "fires.yaml"),
      errors: [{ messageId: "notHeadless", line: 6, column: 14, endLine: 6, endColumn: 24, related: ["manifest.yaml:17:16"] }],
    },
    {
      name: "clusterIP absent is fixed by inserting None",
      code: `apiVersion: v1
kind: Service
metadata:
  name: postgres
spec:
  selector:
    app: postgres
---
${statefulSet}`,
      errors: [{ messageId: "clusterIPMissing", line: 5, column: 1, endLine: 5, endColumn: 5 }],
      output: `apiVersion: v1
kind: Service
metadata:
  name: postgres
spec:
  selector:
    app: postgres
  clusterIP: None
---
${statefulSet}`,
    },
    {
      name: "JSON manifest is fixed in JSON",
      filename: "svc.json",
      code: `{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "postgres"}, "spec": {"clusterIP": "10.0.0.7"}}
---
${statefulSet}`,
      errors: [{ messageId: "notHeadless", line: 1, column: 97, data: { service: "postgres", statefulSet: "postgres", clusterIP: "10.0.0.7" } }],
      output: `{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "postgres"}, "spec": {"clusterIP": "None"}}
---
${statefulSet}`,
    },
  ],
});
