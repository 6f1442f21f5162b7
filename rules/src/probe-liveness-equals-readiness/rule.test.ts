import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(probes: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: es
spec:
  serviceName: es
  replicas: 3
  selector:
    matchLabels: { app: es }
  template:
    metadata:
      labels: { app: es }
    spec:
      containers:
        - name: elasticsearch
          image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0
          ports:
            - { name: http, containerPort: 9200 }
            - { name: transport, containerPort: 9300 }
${probes}`;
}

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: readiness runs a query, liveness only pings", code: readFixture("probe-liveness-equals-readiness", "quiet.yaml") },
    {
      name: "same port, different HTTP paths",
      code: statefulSet(`          readinessProbe:
            httpGet: { path: "/_cluster/health?local=true", port: http }
          livenessProbe:
            httpGet: { path: /, port: http }
`),
    },
    {
      name: "different handler types",
      code: statefulSet(`          readinessProbe:
            httpGet: { path: /, port: http }
          livenessProbe:
            tcpSocket: { port: http }
`),
    },
    {
      name: "tcpSocket on different ports",
      code: statefulSet(`          readinessProbe:
            tcpSocket: { port: http }
          livenessProbe:
            tcpSocket: { port: transport }
`),
    },
    {
      name: "grpc with different services",
      code: statefulSet(`          readinessProbe:
            grpc: { port: 9300, service: readiness }
          livenessProbe:
            grpc: { port: 9300 }
`),
    },
    {
      name: "only one of the two probes",
      code: statefulSet(`          livenessProbe:
            tcpSocket: { port: http }
`),
    },
  ],
  invalid: [
    {
      name: "fixture: the same mysqladmin ping with different timings",
      code: readFixture("probe-liveness-equals-readiness", "fires.yaml"),
      errors: [
        {
          messageId: "sameCheck",
          line: 27,
          column: 11,
          endLine: 27,
          endColumn: 24,
          related: ["manifest.yaml:22:11"],
          message:
            'Container "mysql" of StatefulSet "mysql" runs the same exec check for liveness and readiness, so a busy server is restarted instead of taken out of rotation; make the livenessProbe a more tolerant check.',
        },
      ],
    },
    {
      name: "httpGet: a named port and its number are the same port, and path defaults to /",
      code: statefulSet(`          readinessProbe:
            httpGet: { port: http }
            periodSeconds: 5
          livenessProbe:
            httpGet: { path: /, port: 9200 }
            failureThreshold: 10
`),
      errors: [{ messageId: "sameCheck", line: 23, column: 11, related: ["manifest.yaml:20:11"], data: { container: "elasticsearch", statefulSet: "es", handler: "httpGet" } }],
    },
    {
      name: "tcpSocket on the same port",
      code: statefulSet(`          livenessProbe:
            tcpSocket: { port: transport }
          readinessProbe:
            tcpSocket: { port: 9300 }
`),
      errors: [{ messageId: "sameCheck", line: 20, column: 11, related: ["manifest.yaml:22:11"], data: { container: "elasticsearch", statefulSet: "es", handler: "tcpSocket" } }],
    },
    {
      name: "grpc on the same port and service",
      code: statefulSet(`          readinessProbe:
            grpc: { port: 9300 }
          livenessProbe:
            grpc: { port: 9300, service: "" }
`),
      errors: [{ messageId: "sameCheck", line: 22, column: 11, related: ["manifest.yaml:20:11"] }],
    },
  ],
});
