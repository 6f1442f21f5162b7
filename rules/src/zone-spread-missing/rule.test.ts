import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (podSpec: string, replicas = "3") => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cassandra
spec:
  serviceName: cassandra
  replicas: ${replicas}
  selector:
    matchLabels: { app: cassandra }
  template:
    metadata:
      labels: { app: cassandra }
    spec:
${podSpec}      containers:
        - name: cassandra
          image: cassandra:5.0
`;

const antiAffinity = (key: string) => `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector: { matchLabels: { app: cassandra } }
              topologyKey: ${key}
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: a zone spread constraint", code: readFixture("zone-spread-missing", "quiet.yaml") },
    { name: "anti-affinity on zones", code: statefulSet(antiAffinity("topology.kubernetes.io/zone")) },
    { name: "the deprecated zone label", code: statefulSet(antiAffinity("failure-domain.beta.kubernetes.io/zone")) },
    { name: "a single replica", code: statefulSet("", "1") },
    { name: "pinned to one zone with a nodeSelector", code: statefulSet("      nodeSelector: { topology.kubernetes.io/zone: eu-west-1a }\n") },
    {
      name: "pinned to zones with required node affinity",
      code: statefulSet(`      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions: [{ key: topology.kubernetes.io/zone, operator: In, values: [eu-west-1a] }]
`),
    },
    { name: "a custom zone key as an option", code: statefulSet(antiAffinity("example.com/room")), options: { topologyKeys: ["example.com/room"] } },
  ],
  invalid: [
    {
      name: "fixture: spread over nodes only",
      code: readFixture("zone-spread-missing", "fires.yaml"),
      errors: [
        {
          messageId: "missing",
          line: 8,
          column: 13,
          endLine: 8,
          endColumn: 14,
          severity: "info",
          message:
            'StatefulSet "redis" runs 3 replicas but nothing spreads them over topology.kubernetes.io/zone, so one zone outage can take them all down; add a zone topology spread constraint.',
        },
      ],
    },
    { name: "nothing at all", code: statefulSet("", "2"), errors: [{ messageId: "missing", line: 7, column: 13, data: { statefulSet: "cassandra", replicas: 2, topologyKey: "topology.kubernetes.io/zone" } }] },
    { name: "a zone key in a nodeSelector of another kind does not pin", code: statefulSet("      nodeSelector: { disktype: ssd }\n"), errors: [{ messageId: "missing", line: 7, column: 13 }] },
  ],
});
