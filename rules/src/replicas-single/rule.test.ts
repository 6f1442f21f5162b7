import { RuleTester } from "@statelint/core/testing";
import { cnpg, readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (replicas: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
spec:${replicas}
  serviceName: redis-headless
`;

new RuleTester().run(rule, {
  valid: [
    { name: "CloudNativePG with 3 instances", code: cnpg("  instances: 3\n") },
    { name: "PGO: two instance sets of one replica make two instances", code: `apiVersion: postgres-operator.crunchydata.com/v1beta1\nkind: PostgresCluster\nmetadata:\n  name: hippo\nspec:\n  instances:\n    - { name: a, replicas: 1 }\n    - { name: b, replicas: 1 }\n` },
    { name: "a StatefulSet CloudNativePG generated is left to the Cluster", code: statefulSet("\n  replicas: 1").replace("  name: redis\n", "  name: redis\n  ownerReferences: [{ apiVersion: postgresql.cnpg.io/v1, kind: Cluster, name: pg, uid: 1 }]\n") },
    { name: "fixture: 3 replicas", code: readFixture("replicas-single", "quiet.yaml") },
    { name: "scaled to zero on purpose", code: statefulSet("\n  replicas: 0") },
    {
      name: "an autoscaler owns the count",
      code: `${statefulSet("")}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: redis
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: StatefulSet, name: redis }
  minReplicas: 3
  maxReplicas: 5
`,
    },
    { name: "a Deployment is not a StatefulSet", code: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 1\n` },
  ],
  invalid: [
    {
      name: "fixture: replicas 1",
      code: readFixture("replicas-single", "fires.yaml"),
      errors: [
        {
          messageId: "single",
          line: 7,
          column: 13,
          endLine: 7,
          endColumn: 14,
          message:
            'StatefulSet "redis" runs a single replica, so there is no standby when its node fails or it is restarted; run at least 3 replicas with replication if it must stay available.',
        },
      ],
    },
    {
      name: "replicas unset: reported at the spec key",
      code: statefulSet(""),
      errors: [{ messageId: "unset", line: 5, column: 1, endLine: 5, endColumn: 5, data: { name: "redis" } }],
    },
    {
      name: "an autoscaler of another StatefulSet does not count",
      code: `${statefulSet("\n  replicas: 1")}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: other
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: StatefulSet, name: redis-replicas }
  maxReplicas: 5
`,
      errors: [{ messageId: "single", line: 6, column: 13 }],
    },
    {
      name: "CloudNativePG instances: 1, at the value",
      code: cnpg("  instances: 1\n"),
      errors: [
        {
          messageId: "operatorSingle",
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 15,
          message:
            'CloudNativePG Cluster "pg" runs a single instance (spec.instances: 1), so CloudNativePG has no replica to fail over to when its node fails or it is restarted; set spec.instances to 3 if it must stay available.',
        },
      ],
    },
    {
      name: "CloudNativePG instances unset defaults to 1: at spec",
      code: cnpg("  storage:\n    size: 1Gi\n"),
      errors: [{ messageId: "operatorUnset", line: 5, column: 1, endLine: 5, endColumn: 5, data: { cluster: 'CloudNativePG Cluster "pg"', operator: "CloudNativePG" } }],
    },
    {
      name: "Zalando numberOfInstances: 1",
      code: `apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: acid-x\nspec:\n  numberOfInstances: 1\n`,
      errors: [{ messageId: "operatorSingle", line: 6, column: 22, data: { cluster: 'Zalando postgresql "acid-x"', operator: "Zalando Postgres Operator", field: "spec.numberOfInstances" } }],
    },
    {
      name: "PGO: one instance set with replicas unset",
      code: `apiVersion: postgres-operator.crunchydata.com/v1beta1\nkind: PostgresCluster\nmetadata:\n  name: hippo\nspec:\n  instances:\n    - name: pgha1\n`,
      errors: [{ messageId: "operatorUnset", line: 7, column: 7, data: { cluster: 'Crunchy PGO PostgresCluster "hippo"', operator: "Crunchy PGO" } }],
    },
  ],
});
