import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const service = (spec: string) => `apiVersion: v1
kind: Service
metadata:
  name: postgres
spec:
  clusterIP: None
${spec}
`;

const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
spec:
  serviceName: postgres
  replicas: 3
  selector:
    matchLabels: { app: postgres }
  template:
    metadata:
      labels: { app: postgres, tier: db }
    spec:
      containers:
        - name: postgres
          image: postgres:16.4
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: selector selects the pod labels", code: readFixture("sts-service-selector-mismatch", "quiet.yaml") },
    { name: "a selector on all template labels", code: `${service("  selector: { app: postgres, tier: db }")}---\n${statefulSet}` },
    { name: "a Service that governs nothing", code: `${service("  selector: { app: redis }").replace("name: postgres", "name: redis")}---\n${statefulSet}` },
    { name: "an ExternalName Service is not judged", code: `${service("  type: ExternalName\n  externalName: db.example.com")}---\n${statefulSet}` },
    {
      name: "controller labels in the selector are not template labels",
      code: `${service("  selector: { app: postgres, controller-revision-hash: postgres-7d9f }")}---\n${statefulSet}`,
    },
  ],
  invalid: [
    {
      name: "fixture: selector copied from the Service's name",
      code: readFixture("sts-service-selector-mismatch", "fires.yaml"),
      errors: [
        {
          messageId: "mismatch",
          line: 13,
          column: 3,
          endLine: 13,
          endColumn: 11,
          related: ["manifest.yaml:35:7"],
          message:
            'Service "mysql-headless" governs StatefulSet "mysql" but its selector (app.kubernetes.io/name=mysql-headless,app.kubernetes.io/instance=shop) does not select the pod labels (app.kubernetes.io/name=mysql,app.kubernetes.io/instance=shop,app.kubernetes.io/component=primary), so no pod gets a DNS name; select the pod template labels.',
        },
      ],
    },
    {
      name: "a selector key the template lacks, across files",
      files: { "svc.yaml": service("  selector: { app: postgres, role: primary }"), "sts.yaml": statefulSet },
      errors: [{ messageId: "mismatch", line: 7, column: 3, file: "svc.yaml", related: ["sts.yaml:12:7"], severity: "error" }],
    },
    {
      name: "no selector at all: hand-managed endpoints",
      code: `${service("  ports: [{ port: 5432 }]")}---\n${statefulSet}`,
      errors: [{ messageId: "noSelector", line: 5, column: 1, endLine: 5, endColumn: 5, severity: "warning", related: ["manifest.yaml:20:7"] }],
    },
    {
      name: "empty selector",
      code: `${service("  selector: {}")}---\n${statefulSet}`,
      errors: [{ messageId: "noSelector", line: 5, column: 1, severity: "warning" }],
    },
  ],
});
