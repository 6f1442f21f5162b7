import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (serviceNameLine: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
spec:
${serviceNameLine}  replicas: 3
  selector:
    matchLabels: { app: postgres }
  template:
    metadata:
      labels: { app: postgres }
    spec:
      containers:
        - name: postgres
          image: postgres:16.4
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: serviceName names the headless Service", code: readFixture("sts-service-name-missing", "quiet.yaml") },
    { name: "63-character label", code: statefulSet(`  serviceName: ${"a".repeat(62)}9\n`) },
    { name: "label with digits and dashes", code: statefulSet("  serviceName: pg-16-headless\n") },
    { name: "a Deployment has no serviceName", code: statefulSet("").replace("StatefulSet", "Deployment") },
    { name: "a StatefulSet CloudNativePG labels as its own", code: statefulSet("").replace("  name: postgres\n", "  name: postgres\n  labels: { cnpg.io/cluster: pg }\n") },
  ],
  invalid: [
    {
      name: "fixture: serviceName absent",
      code: readFixture("sts-service-name-missing", "fires.yaml"),
      errors: [{ messageId: "missing", line: 19, column: 1, endLine: 19, endColumn: 5, severity: "warning", message: 'StatefulSet "postgres" sets no spec.serviceName, so its pods get no stable DNS names; name its headless governing Service there.' }],
    },
    {
      name: "empty string",
      code: statefulSet('  serviceName: ""\n'),
      errors: [{ messageId: "empty", line: 6, column: 16, endLine: 6, endColumn: 18, severity: "warning" }],
    },
    {
      name: "null value",
      code: statefulSet("  serviceName:\n"),
      errors: [{ messageId: "empty", line: 6, column: 3, severity: "warning" }],
    },
    {
      name: "upper-case letters are an error",
      code: statefulSet("  serviceName: Postgres\n"),
      errors: [
        {
          messageId: "invalidLabel",
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 24,
          severity: "error",
          message:
            "spec.serviceName \"Postgres\" of StatefulSet \"postgres\" is not a valid DNS-1123 label (a DNS-1123 label has only lower-case letters, digits and '-', and starts and ends with a letter or digit); pods cannot be created with it as their subdomain.",
        },
      ],
    },
    {
      name: "underscore is an error",
      code: statefulSet("  serviceName: postgres_headless\n"),
      errors: [{ messageId: "invalidLabel", line: 6, column: 16, severity: "error" }],
    },
    {
      name: "a dotted subdomain is not a label",
      code: statefulSet("  serviceName: postgres.db\n"),
      errors: [{ messageId: "invalidLabel", line: 6, column: 16, severity: "error" }],
    },
    {
      name: "64 characters is too long",
      code: statefulSet(`  serviceName: ${"a".repeat(64)}\n`),
      errors: [{ messageId: "invalidLabel", line: 6, column: 16, severity: "error", data: { statefulSet: "postgres", serviceName: "a".repeat(64), problem: "it is 64 characters long, more than 63" } }],
    },
    {
      name: "the user's level overrides the error",
      code: statefulSet("  serviceName: -postgres\n"),
      level: "warning",
      errors: [{ messageId: "invalidLabel", line: 6, column: 16, severity: "warning" }],
    },
  ],
});
