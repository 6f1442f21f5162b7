import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(container: string, initContainers = ""): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: kafka
spec:
  serviceName: kafka-headless
  replicas: 3
  selector:
    matchLabels: { app: kafka }
  template:
    metadata:
      labels: { app: kafka }
    spec:
${initContainers}      containers:
        - name: kafka
          image: bitnami/kafka:3.8.0
${container}`;
}

const ports = `          ports:
            - { name: client, containerPort: 9092 }
            - { name: controller, containerPort: 9093 }
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: the probe names the declared port", code: readFixture("probe-port-unknown", "quiet.yaml") },
    {
      name: "numeric ports are not checked by default",
      code: statefulSet(`${ports}          readinessProbe:
            tcpSocket: { port: 9999 }
`),
    },
    {
      name: "checkNumericPorts: a container that declares no ports is not checked",
      options: { checkNumericPorts: true },
      code: statefulSet(`          livenessProbe:
            tcpSocket: { port: 9092 }
`),
    },
    {
      name: "checkNumericPorts: a declared number (written as a string) is fine",
      options: { checkNumericPorts: true },
      code: statefulSet(`${ports}          startupProbe:
            httpGet: { path: /, port: "9093" }
`),
    },
    {
      name: "exec probes have no port",
      code: statefulSet(`${ports}          readinessProbe:
            exec: { command: ["kafka-broker-api-versions.sh", "--bootstrap-server", "localhost:9092"] }
`),
    },
  ],
  invalid: [
    {
      name: "fixture: liveness names postgres, the container declares postgresql",
      code: readFixture("probe-port-unknown", "fires.yaml"),
      errors: [
        {
          messageId: "unknownNameSuggest",
          line: 27,
          column: 21,
          endLine: 27,
          endColumn: 29,
          message:
            'The livenessProbe of container "postgres" in StatefulSet "postgres" uses port "postgres", which the container does not declare; the probe always fails; did you mean "postgresql"?',
        },
      ],
    },
    {
      name: "a name far from every declared one lists them",
      code: statefulSet(`${ports}          readinessProbe:
            httpGet: { path: /health, port: metrics }
`),
      errors: [
        {
          messageId: "unknownName",
          line: 21,
          column: 45,
          data: { probe: "readinessProbe", container: "kafka", kind: "StatefulSet", object: "kafka", port: "metrics", declared: '"client", "controller"' },
        },
      ],
    },
    {
      name: "a named port on a container without ports",
      code: statefulSet(`          startupProbe:
            tcpSocket: { port: client }
`),
      errors: [{ messageId: "noNamedPorts", line: 18, column: 32 }],
    },
    {
      name: "a named port when the container declares only numbers",
      code: statefulSet(`          ports: [{ containerPort: 9092 }]
          readinessProbe:
            tcpSocket: { port: client }
`),
      errors: [{ messageId: "noNamedPorts", line: 19, column: 32 }],
    },
    {
      name: "checkNumericPorts reports an undeclared number",
      options: { checkNumericPorts: true },
      code: statefulSet(`${ports}          livenessProbe:
            tcpSocket: { port: 9094 }
`),
      errors: [{ messageId: "unknownNumber", line: 21, column: 32, data: { probe: "livenessProbe", container: "kafka", kind: "StatefulSet", object: "kafka", port: 9094, declared: "9092, 9093" } }],
    },
    {
      name: "a native sidecar's probe resolves against its own ports",
      code: statefulSet(
        ports,
        `      initContainers:
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
          restartPolicy: Always
          ports: [{ name: admin, containerPort: 9901 }]
          readinessProbe:
            httpGet: { path: /ready, port: client }
`,
      ),
      errors: [{ messageId: "unknownName", line: 20, column: 44 }],
    },
    {
      name: "any workload kind: a Deployment",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: pgbouncer
spec:
  selector:
    matchLabels: { app: pgbouncer }
  template:
    metadata:
      labels: { app: pgbouncer }
    spec:
      containers:
        - name: pgbouncer
          image: bitnami/pgbouncer:1.23.1
          ports: [{ name: pgbouncer, containerPort: 6432 }]
          readinessProbe:
            tcpSocket: { port: PgBouncer }
`,
      errors: [{ messageId: "unknownNameSuggest", line: 17, column: 32, data: { probe: "readinessProbe", container: "pgbouncer", kind: "Deployment", object: "pgbouncer", port: "PgBouncer", suggestion: "pgbouncer" } }],
    },
  ],
});
