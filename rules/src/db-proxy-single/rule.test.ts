import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const pooler = (cluster: string, instances: string) => `---
apiVersion: postgresql.cnpg.io/v1
kind: Pooler
metadata:
  name: pg-pooler-rw
spec:
  cluster:
    name: ${cluster}
${instances}  type: rw
`;

const cluster = (instances: number) => `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
spec:
  instances: ${instances}
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: 3 Pooler instances, Zalando's default of 2", code: readFixture("db-proxy-single", "quiet.yaml") },
    { name: "a single-instance database behind a single pooler", code: cluster(1) + pooler("pg", "  instances: 1\n") },
    { name: "a Pooler of another cluster", code: cluster(3) + pooler("other", "  instances: 1\n") },
    { name: "a Pooler in another namespace", files: { "a.yaml": cluster(3), "b.yaml": pooler("pg", "  instances: 1\n").replace("  name: pg-pooler-rw", "  name: pg-pooler-rw\n  namespace: other") } },
  ],
  invalid: [
    {
      name: "fixture: a CloudNativePG Pooler with 1 instance and PGO's pgBouncer with replicas unset",
      code: readFixture("db-proxy-single", "fires.yaml"),
      errors: [
        {
          messageId: "single",
          line: 19,
          column: 14,
          message: 'PgBouncer Pooler "orders-db-pooler-rw" of CloudNativePG Cluster "orders-db" runs a single instance, so its failure or eviction cuts every client off the 3 database instances behind it; run at least 2.',
        },
        { messageId: "singleDefault", line: 40, column: 5, endLine: 40, endColumn: 14, data: { proxy: "PgBouncer (spec.proxy.pgBouncer)", cluster: 'Crunchy PGO PostgresCluster "hippo"', replicas: 2 } },
      ],
    },
    {
      name: "a Pooler without instances defaults to 1: reported at its spec",
      code: cluster(3) + pooler("pg", ""),
      errors: [{ messageId: "singleDefault", line: 12, column: 1, endLine: 12, endColumn: 5 }],
    },
    {
      name: "Zalando connectionPooler.numberOfInstances 1",
      code: `apiVersion: acid.zalan.do/v1
kind: postgresql
metadata:
  name: acid-x
spec:
  numberOfInstances: 2
  enableConnectionPooler: true
  connectionPooler:
    numberOfInstances: 1
`,
      errors: [{ messageId: "single", line: 9, column: 24, data: { proxy: "master connection pooler (spec.enableConnectionPooler)", cluster: 'Zalando postgresql "acid-x"', replicas: 2 } }],
    },
  ],
});
