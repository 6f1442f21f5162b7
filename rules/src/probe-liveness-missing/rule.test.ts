import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(containers: string, initContainers = ""): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: zk
spec:
  serviceName: zk-hs
  replicas: 3
  selector:
    matchLabels: { app: zk }
  template:
    metadata:
      labels: { app: zk }
    spec:
${initContainers}      containers:
${containers}`;
}

const zookeeper = `        - name: kubernetes-zookeeper
          image: registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10
          ports: [{ name: client, containerPort: 2181 }]
          livenessProbe:
            tcpSocket: { port: client }
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: postgres and its exporter both have liveness probes", code: readFixture("probe-liveness-missing", "quiet.yaml") },
    { name: "zookeeper with a liveness probe", code: statefulSet(zookeeper) },
    {
      name: "a native sidecar without probes is not a main container",
      code: statefulSet(
        zookeeper,
        `      initContainers:
        - name: log-shipper
          image: fluent/fluent-bit:3.1.9
          restartPolicy: Always
`,
      ),
    },
  ],
  invalid: [
    {
      name: "fixture: postgres with readiness but no liveness",
      code: readFixture("probe-liveness-missing", "fires.yaml"),
      errors: [
        {
          messageId: "missing",
          line: 29,
          column: 17,
          endLine: 29,
          endColumn: 25,
          message: 'Container "postgres" of StatefulSet "postgres" has no livenessProbe, so a hung process is never restarted; add a tolerant livenessProbe.',
        },
      ],
    },
    {
      name: "each main container is checked: the server (warning) and a helper without ports (info)",
      code: statefulSet(`        - name: kubernetes-zookeeper
          image: registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10
          ports: [{ name: client, containerPort: 2181 }]
        - name: backup-agent
          image: ghcr.io/example/backup-agent:2.0.1
`),
      errors: [
        { messageId: "missing", line: 15, column: 17, severity: "warning", data: { container: "kubernetes-zookeeper", statefulSet: "zk" } },
        { messageId: "missingHelper", line: 18, column: 17, severity: "info" },
      ],
    },
  ],
});
