import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const service = (ports: string) => `apiVersion: v1
kind: Service
metadata:
  name: redis
spec:
  clusterIP: None
  selector: { app: redis }
  ports:
${ports}
`;

const statefulSet = (ports: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
spec:
  serviceName: redis
  replicas: 3
  selector:
    matchLabels: { app: redis }
  template:
    metadata:
      labels: { app: redis }
    spec:
      containers:
        - name: redis
          image: redis:7.4
${ports}`;

const declared = "          ports:\n            - { name: redis, containerPort: 6379 }\n";

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: named and numeric targets that are declared", code: readFixture("sts-service-port-mismatch", "quiet.yaml") },
    { name: "targetPort defaults to port", code: `${service("    - port: 6379")}---\n${statefulSet(declared)}` },
    { name: "numeric target and no declared ports", code: `${service("    - port: 6379")}---\n${statefulSet("")}` },
    { name: "numeric string target", code: `${service('    - { port: 6379, targetPort: "6379" }')}---\n${statefulSet(declared)}` },
    { name: "a Service that governs nothing", code: `${service("    - { port: 80, targetPort: http }").replace("name: redis", "name: web")}---\n${statefulSet(declared)}` },
    {
      name: "a port served by a restartable init container",
      code: `${service("    - { port: 9121, targetPort: metrics }")}---\n${statefulSet(declared)}      initContainers:\n        - name: exporter\n          image: oliver006/redis_exporter:v1.62.0\n          restartPolicy: Always\n          ports: [{ name: metrics, containerPort: 9121 }]\n`,
    },
  ],
  invalid: [
    {
      name: "fixture: a misspelled port name and a transposed number",
      code: readFixture("sts-service-port-mismatch", "fires.yaml"),
      errors: [
        {
          messageId: "unknownName",
          line: 14,
          column: 19,
          endLine: 14,
          endColumn: 29,
          related: ["manifest.yaml:37:11"],
          message:
            'Service "postgres" port 5432 targets port name "postgresql", but no container of StatefulSet "postgres" declares a port of that name (declared: "tcp-postgresql", "http-metrics", 5432, 9187); use a declared name or add it to the container.',
        },
        {
          messageId: "unknownNumber",
          line: 17,
          column: 19,
          related: ["manifest.yaml:37:11"],
          message:
            'Service "postgres" port 9187 targets port 9178, but the containers of StatefulSet "postgres" declare only "tcp-postgresql", "http-metrics", 5432, 9187; target the port the database listens on.',
        },
      ],
    },
    {
      name: "port without targetPort is reported at port",
      code: `${service("    - name: redis\n      port: 6380")}---\n${statefulSet(declared)}`,
      errors: [{ messageId: "unknownNumber", line: 10, column: 13, endLine: 10, endColumn: 17, data: { service: "redis", statefulSet: "redis", port: 6380, target: 6380, declared: '"redis", 6379' } }],
    },
    {
      name: "a named target with no declared ports at all",
      files: { "svc.yaml": service("    - { port: 6379, targetPort: redis }"), "sts.yaml": statefulSet("") },
      errors: [{ messageId: "unknownName", line: 9, column: 33, file: "svc.yaml", related: ["sts.yaml:14:7"], data: { service: "redis", statefulSet: "redis", port: 6379, target: "redis", declared: "none" } }],
    },
  ],
});
