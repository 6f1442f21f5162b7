import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (image: string, affinity: string, replicas = 3) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: zk
spec:
  serviceName: zk-hs
  replicas: ${replicas}
  selector:
    matchLabels: { app: zk }
  template:
    metadata:
      labels: { app: zk }
    spec:
${affinity}      containers:
        - name: zk
          image: ${image}
`;

const preferred = `      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                labelSelector: { matchLabels: { app: zk } }
                topologyKey: kubernetes.io/hostname
`;

const required = `          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector: { matchLabels: { app: zk } }
              topologyKey: kubernetes.io/hostname
`;

const spread = (whenUnsatisfiable: string) => `      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ${whenUnsatisfiable}, labelSelector: { matchLabels: { app: zk } } }
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: preferred plus a DoNotSchedule spread constraint", code: readFixture("anti-affinity-preferred-only", "quiet.yaml") },
    { name: "preferred plus required", code: statefulSet("zookeeper:3.9", preferred + required) },
    { name: "a primary/replica database is not a quorum", code: statefulSet("postgres:16.4", preferred) },
    { name: "a single member", code: statefulSet("zookeeper:3.9", preferred, 1) },
    { name: "no anti-affinity at all is anti-affinity-missing's finding", code: statefulSet("zookeeper:3.9", "") },
    { name: "preferred on zones only", code: statefulSet("zookeeper:3.9", preferred.replace("kubernetes.io/hostname", "topology.kubernetes.io/zone")) },
  ],
  invalid: [
    {
      name: "fixture: Bitnami etcd with the soft preset",
      code: readFixture("anti-affinity-preferred-only", "fires.yaml"),
      errors: [
        {
          messageId: "preferredOnly",
          line: 20,
          column: 11,
          endLine: 20,
          endColumn: 58,
          severity: "info",
          message:
            'StatefulSet "etcd" runs 3 etcd quorum members but only prefers spreading them over nodes, so two can share a node and one node failure can lose the majority; make the anti-affinity required.',
        },
      ],
    },
    {
      name: "a ScheduleAnyway spread constraint does not enforce",
      code: statefulSet("zookeeper:3.9", preferred + spread("ScheduleAnyway"), 5),
      errors: [{ messageId: "preferredOnly", line: 16, column: 11, data: { statefulSet: "zk", engine: "zookeeper", replicas: 5 } }],
    },
  ],
});
