import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const cnpg = (spec: string) => `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
spec:
${spec}  storage:
    size: 1Gi
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: synchronous replicas and a single instance", code: readFixture("replication-async-only", "quiet.yaml") },
    { name: "CloudNativePG minSyncReplicas 1", code: cnpg("  instances: 3\n  minSyncReplicas: 1\n  maxSyncReplicas: 2\n") },
    { name: "Zalando synchronous_mode", code: `apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: acid-x\nspec:\n  numberOfInstances: 3\n  patroni:\n    synchronous_mode: true\n` },
    { name: "a StatefulSet is not judged (replication-unconfigured covers it)", code: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  replicas: 3\n` },
  ],
  invalid: [
    {
      name: "fixture: CloudNativePG minSyncReplicas 0 and Zalando without synchronous_mode",
      code: readFixture("replication-async-only", "fires.yaml"),
      errors: [
        {
          messageId: "asyncOnlyHint",
          line: 8,
          column: 20,
          message:
            'CloudNativePG Cluster "orders-db" runs 3 instances with asynchronous replication only (spec.minSyncReplicas), so a failover can lose transactions the primary already confirmed; set spec.postgresql.synchronous (method and number) or spec.minSyncReplicas.',
        },
        { messageId: "asyncOnlyHint", line: 26, column: 3, endLine: 26, endColumn: 10, data: { cluster: 'Zalando postgresql "acid-payments"', replicas: 2, field: "spec.patroni", enableWith: "spec.patroni.synchronous_mode: true" } },
      ],
    },
    {
      name: "CloudNativePG with nothing set: reported at spec",
      code: cnpg("  instances: 2\n"),
      errors: [{ messageId: "asyncOnlyHint", line: 5, column: 1, endLine: 5, endColumn: 5 }],
    },
    {
      name: "CloudNativePG synchronous number 0",
      code: cnpg("  instances: 2\n  postgresql:\n    synchronous:\n      method: any\n      number: 0\n"),
      errors: [{ messageId: "asyncOnlyHint", line: 8, column: 5, endLine: 8, endColumn: 16 }],
    },
    {
      name: "PGO without synchronous_mode, summed over instance sets",
      code: `apiVersion: postgres-operator.crunchydata.com/v1beta1
kind: PostgresCluster
metadata:
  name: hippo
spec:
  instances:
    - name: a
    - name: b
`,
      errors: [{ messageId: "asyncOnlyHint", line: 5, column: 1, data: { cluster: 'Crunchy PGO PostgresCluster "hippo"', replicas: 2, field: "spec", enableWith: "spec.patroni.dynamicConfiguration.synchronous_mode: true" } }],
    },
  ],
});
