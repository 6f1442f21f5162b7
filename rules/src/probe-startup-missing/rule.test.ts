import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(image: string, probes: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels: { app: db }
  template:
    metadata:
      labels: { app: db }
    spec:
      containers:
        - name: db
          image: ${image}
          ports: [{ name: db, containerPort: 5432 }]
${probes}`;
}

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: a startupProbe covers the slow start", code: readFixture("probe-startup-missing", "quiet.yaml") },
    {
      name: "liveness waits 30 seconds (Bitnami's default)",
      code: statefulSet(
        "bitnami/postgresql:16.4.0",
        `          livenessProbe:
            tcpSocket: { port: db }
            initialDelaySeconds: 30
`,
      ),
    },
    {
      name: "no livenessProbe at all: nothing restarts a slow start",
      code: statefulSet(
        "postgres:16.4",
        `          readinessProbe:
            tcpSocket: { port: db }
`,
      ),
    },
    {
      name: "not a DB image",
      code: statefulSet(
        "nginx:1.27",
        `          livenessProbe:
            httpGet: { path: /, port: db }
`,
      ),
    },
    {
      name: "a templated delay is unknown",
      code: statefulSet(
        "postgres:16.4",
        `          livenessProbe:
            tcpSocket: { port: db }
            initialDelaySeconds: "{{ .Values.delay }}"
`,
      ),
    },
  ],
  invalid: [
    {
      name: "fixture: liveness after 10 seconds, no startupProbe",
      code: readFixture("probe-startup-missing", "fires.yaml"),
      errors: [
        {
          messageId: "missing",
          line: 26,
          column: 11,
          endLine: 26,
          endColumn: 24,
          message:
            'Container "postgres" of StatefulSet "postgres" (postgres) starts its livenessProbe after 10s and has no startupProbe, so a slow recovery is killed and restarted; add a startupProbe.',
        },
      ],
    },
    {
      name: "no initialDelaySeconds at all",
      code: statefulSet(
        "mongo:7.0",
        `          livenessProbe:
            exec: { command: ["mongosh", "--eval", "db.adminCommand('ping')"] }
`,
      ),
      errors: [{ messageId: "missingNoDelay", line: 18, column: 11, data: { container: "db", statefulSet: "db", engine: "mongo" } }],
    },
    {
      name: "29 seconds is still short; startupProbe: null counts as missing",
      code: statefulSet(
        "redis:7.4",
        `          startupProbe: null
          livenessProbe:
            tcpSocket: { port: db }
            initialDelaySeconds: 29
`,
      ),
      errors: [{ messageId: "missing", line: 19, column: 11, data: { container: "db", statefulSet: "db", engine: "redis", delay: 29 } }],
    },
  ],
});
