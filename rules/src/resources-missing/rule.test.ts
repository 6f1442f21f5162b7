import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (resources: string, image = "bitnami/postgresql:16.4.0") => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
  namespace: db
spec:
  serviceName: postgres
  template:
    spec:
      containers:
        - name: postgresql
          image: ${image}${resources}
`;

const limitRange = `apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
  namespace: db
spec:
  limits:
    - type: Container
      default:
        memory: 1Gi
      defaultRequest:
        memory: 512Mi
---
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: memory request and limit", code: readFixture("resources-missing", "quiet.yaml") },
    { name: "a limit alone: the request defaults to it", code: statefulSet("\n          resources:\n            limits: { memory: 2Gi }") },
    { name: "the namespace's LimitRange supplies a default limit", code: limitRange + statefulSet("") },
    { name: "not a database image", code: statefulSet("", "ghcr.io/example/api-server:2.1.0") },
    { name: "a database companion image (exporter)", code: statefulSet("", "quay.io/prometheuscommunity/postgres-exporter:v0.15.0") },
    {
      name: "a CronJob using the postgres image as a client",
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: pg-dump
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: dump
              image: postgres:16.4
`,
    },
  ],
  invalid: [
    {
      name: "fixture: a request without a limit",
      code: readFixture("resources-missing", "fires.yaml"),
      errors: [
        {
          messageId: "memoryMissing",
          line: 17,
          column: 17,
          endLine: 17,
          endColumn: 25,
          message:
            'Database container "postgres" (postgres) sets no memory limit; set resources.requests.memory and resources.limits.memory so it is not the first pod the OOM killer picks.',
        },
      ],
    },
    {
      name: "no resources at all",
      code: statefulSet(""),
      errors: [{ messageId: "memoryMissing", line: 11, column: 17, data: { container: "postgresql", engine: "postgres", missing: "memory request or limit" } }],
    },
    {
      name: "only CPU is set, and a LimitRange in another namespace does not count",
      code: limitRange.replace("namespace: db", "namespace: staging") + statefulSet("\n          resources:\n            requests: { cpu: 500m }\n            limits: { cpu: '2' }"),
      errors: [{ messageId: "memoryMissing", line: 24, column: 17, data: { container: "postgresql", engine: "postgres", missing: "memory request or limit" } }],
    },
    {
      name: "a Redis Deployment",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
spec:
  template:
    spec:
      containers:
        - name: redis
          image: redis:7.2.5
          resources:
            requests:
              memory: 256Mi
`,
      errors: [{ messageId: "memoryMissing", line: 9, column: 17, data: { container: "redis", engine: "redis", missing: "memory limit" } }],
    },
  ],
});
