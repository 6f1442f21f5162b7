import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (labels: string, image: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  labels:
${labels}
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
`;

new RuleTester().run(rule, {
  valid: [
    { name: "an operator cluster is the recommended path", code: `apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  instances: 3\n` },
    { name: "fixture: a CloudNativePG-owned StatefulSet and etcd (no mature operator)", code: readFixture("operator-recommended", "quiet.yaml") },
    { name: "managed-by an operator", code: statefulSet("    app.kubernetes.io/managed-by: mongodb-kubernetes-operator", "mongo:7.0.12") },
    { name: "not a database image", code: statefulSet("    app: cache-warmer", "quay.io/prometheuscommunity/postgres-exporter:v0.15.0") },
  ],
  invalid: [
    {
      name: "fixture: the seed's hand-rolled postgres",
      code: readFixture("operator-recommended", "fires.yaml"),
      errors: [
        {
          messageId: "useOperator",
          line: 21,
          column: 18,
          endLine: 21,
          endColumn: 31,
          message:
            'StatefulSet "postgres" runs postgres by hand; an operator such as CloudNativePG, Zalando Postgres Operator or Crunchy Postgres for Kubernetes (PGO) automates failover, replica bootstrap, backups and upgrades. Consider using one.',
        },
      ],
    },
    {
      name: "a Helm-installed Bitnami Kafka names Strimzi",
      code: statefulSet("    app.kubernetes.io/managed-by: Helm", "docker.io/bitnami/kafka:3.7.1"),
      errors: [{ messageId: "useOperator", line: 18, column: 18, data: { statefulSet: "db", engine: "kafka", operators: "Strimzi" } }],
    },
  ],
});
