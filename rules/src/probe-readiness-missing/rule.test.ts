import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(containers: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: etcd
spec:
  serviceName: etcd
  replicas: 3
  selector:
    matchLabels: { app: etcd }
  template:
    metadata:
      labels: { app: etcd }
    spec:
      containers:
${containers}`;
}

const etcd = `        - name: etcd
          image: quay.io/coreos/etcd:v3.5.15
          ports: [{ name: client, containerPort: 2379 }]
          readinessProbe:
            httpGet: { path: /readyz, port: 2379 }
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: readiness probe set, native sidecar without one", code: readFixture("probe-readiness-missing", "quiet.yaml") },
    { name: "every main container has a readiness probe", code: statefulSet(etcd) },
    {
      name: "a StatefulSet an operator generated is the operator's to configure",
      code: statefulSet("        - name: postgres\n          image: ghcr.io/zalando/spilo-16:3.3-p1\n").replace("  name: etcd\n", "  name: etcd\n  ownerReferences: [{ apiVersion: acid.zalan.do/v1, kind: postgresql, name: acid-x, uid: 1, controller: true }]\n"),
    },
    {
      name: "a Deployment is not a StatefulSet",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{ containerPort: 80 }]
`,
    },
  ],
  invalid: [
    {
      name: "fixture: postgres with liveness but no readiness",
      code: readFixture("probe-readiness-missing", "fires.yaml"),
      errors: [
        {
          messageId: "missing",
          line: 29,
          column: 17,
          endLine: 29,
          endColumn: 25,
          message:
            'Container "postgres" of StatefulSet "postgres" has no readinessProbe, so Services send it traffic and the next pod starts before it can serve; add a readinessProbe.',
        },
      ],
    },
    {
      name: "a DB container without ports is still a server",
      code: statefulSet(`        - name: etcd
          image: quay.io/coreos/etcd:v3.5.15
`),
      errors: [{ messageId: "missing", line: 15, column: 17, severity: "error", data: { container: "etcd", statefulSet: "etcd" } }],
    },
    {
      name: "a helper that declares no port is reported as info",
      code: statefulSet(`${etcd}        - name: config-reloader
          image: ghcr.io/example/config-reloader:1.2.0
`),
      errors: [{ messageId: "missingHelper", line: 20, column: 17, severity: "info" }],
    },
    {
      name: "readinessProbe: null counts as missing; the user's level wins over info",
      code: statefulSet(`        - name: metrics
          image: prom/statsd-exporter:v0.27.1
          readinessProbe: null
`),
      level: "warning",
      errors: [{ messageId: "missingHelper", line: 15, column: 17, severity: "warning" }],
    },
  ],
});
