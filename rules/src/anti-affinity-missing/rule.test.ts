import { RuleTester } from "@statelint/core/testing";
import { cnpg, readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (replicas: string, podSpec: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: etcd
spec:
  serviceName: etcd
${replicas}  selector:
    matchLabels: { app: etcd }
  template:
    metadata:
      labels: { app: etcd }
    spec:
${podSpec}      containers:
        - name: etcd
          image: quay.io/coreos/etcd:v3.5.15
`;

const required = `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector: { matchLabels: { app: etcd } }
              topologyKey: kubernetes.io/hostname
`;

const hostSpread = `      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: etcd } } }
`;

new RuleTester().run(rule, {
  valid: [
    { name: "CloudNativePG prefers spreading by default", code: cnpg("  instances: 3\n") },
    { name: "CloudNativePG anti-affinity off with one instance", code: cnpg("  instances: 1\n  affinity:\n    enablePodAntiAffinity: false\n") },
    { name: "CloudNativePG anti-affinity off but a hostname spread constraint", code: cnpg("  instances: 3\n  affinity:\n    enablePodAntiAffinity: false\n  topologySpreadConstraints:\n    - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule }\n") },
    { name: "PGO's default spread constraints", code: `apiVersion: postgres-operator.crunchydata.com/v1beta1\nkind: PostgresCluster\nmetadata:\n  name: hippo\nspec:\n  instances:\n    - name: a\n      replicas: 3\n` },
    { name: "fixture: preferred anti-affinity on hostname", code: readFixture("anti-affinity-missing", "quiet.yaml") },
    { name: "required anti-affinity on hostname", code: statefulSet("  replicas: 3\n", required) },
    { name: "a spread constraint on hostname", code: statefulSet("  replicas: 3\n", hostSpread) },
    { name: "a single replica", code: statefulSet("  replicas: 1\n", "") },
    { name: "replicas unset defaults to 1", code: statefulSet("", "") },
    { name: "another node-level key set as an option", code: statefulSet("  replicas: 3\n", required.replace("kubernetes.io/hostname", "example.com/rack")), options: { topologyKeys: ["example.com/rack"] } },
  ],
  invalid: [
    {
      name: "fixture: only a zone spread",
      code: readFixture("anti-affinity-missing", "fires.yaml"),
      errors: [
        {
          messageId: "missing",
          line: 8,
          column: 13,
          endLine: 8,
          endColumn: 14,
          message:
            'StatefulSet "redis" runs 3 replicas with neither pod anti-affinity nor a topology spread constraint on kubernetes.io/hostname, so they may all land on one node; spread them over nodes.',
        },
      ],
    },
    { name: "nothing at all", code: statefulSet("  replicas: 3\n", ""), errors: [{ messageId: "missing", line: 7, column: 13 }] },
    {
      name: "pod affinity (not anti-affinity) on hostname packs pods together",
      code: statefulSet("  replicas: 2\n", required.replace("podAntiAffinity", "podAffinity")),
      errors: [{ messageId: "missing", line: 7, column: 13, data: { statefulSet: "etcd", replicas: 2, topologyKey: "kubernetes.io/hostname" } }],
    },
    { name: "replicas as a string", code: statefulSet('  replicas: "5"\n', ""), errors: [{ messageId: "missing", line: 7, column: 13, endColumn: 16 }] },
    {
      name: "CloudNativePG enablePodAntiAffinity: false, fixed by turning it back on",
      code: cnpg("  instances: 3\n  affinity:\n    enablePodAntiAffinity: false\n"),
      errors: [
        {
          messageId: "operatorMissing",
          line: 8,
          column: 28,
          endLine: 8,
          endColumn: 33,
          message:
            'CloudNativePG Cluster "pg" runs 3 instances, and spec.affinity.enablePodAntiAffinity leaves them with neither pod anti-affinity nor a topology spread constraint on kubernetes.io/hostname, so CloudNativePG may place them all on one node; spread them over nodes.',
        },
      ],
      output: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  instances: 3\n  affinity:\n    enablePodAntiAffinity: true\n",
    },
    {
      name: "a PGO instance set whose own spread constraints only name the zone",
      code: `apiVersion: postgres-operator.crunchydata.com/v1beta1\nkind: PostgresCluster\nmetadata:\n  name: hippo\nspec:\n  instances:\n    - name: a\n      replicas: 2\n      topologySpreadConstraints:\n        - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway }\n`,
      errors: [{ messageId: "operatorMissing", line: 9, column: 7, endColumn: 32, data: { cluster: 'Crunchy PGO PostgresCluster "hippo"', replicas: 2, group: "", field: "spec.instances[0].topologySpreadConstraints", operator: "Crunchy PGO" } }],
      output: null,
    },
  ],
});
