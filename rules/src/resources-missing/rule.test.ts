import { RuleTester } from "@statelint/core/testing";
import { cnpg, readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (resources: string, image = "bitnami/postgresql:16.4.0") => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
  namespace: db
spec:
  serviceName: postgres
  template:
    spec:
      containers:
        - name: postgresql
          image: ${image}${resources}
`;

const limitRange = `apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
  namespace: db
spec:
  limits:
    - type: Container
      default:
        memory: 1Gi
      defaultRequest:
        memory: 512Mi
---
`;

new RuleTester().run(rule, {
  valid: [
    { name: "CloudNativePG with a memory limit", code: cnpg("  instances: 3\n  resources:\n    limits:\n      memory: 2Gi\n") },
    { name: "Zalando: the operator fills in its default requests and limits", code: `apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: acid-x\nspec:\n  numberOfInstances: 2\n` },
    { name: "fixture: memory request and limit", code: readFixture("resources-missing", "quiet.yaml") },
    { name: "a limit alone: the request defaults to it", code: statefulSet("\n          resources:\n            limits: { memory: 2Gi }") },
    { name: "the namespace's LimitRange supplies a default limit", code: limitRange + statefulSet("") },
    { name: "not a database image", code: statefulSet("", "ghcr.io/example/api-server:2.1.0") },
    { name: "a database companion image (exporter)", code: statefulSet("", "quay.io/prometheuscommunity/postgres-exporter:v0.15.0") },
    {
      name: "a CronJob using the postgres image as a client",
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: pg-dump
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: dump
              image: postgres:16.4
`,
    },
  ],
  invalid: [
    {
      name: "fixture: a request without a limit",
      code: readFixture("resources-missing", "fires.yaml"),
      errors: [
        {
          messageId: "memoryMissing",
          line: 17,
          column: 17,
          endLine: 17,
          endColumn: 25,
          message:
            'Database container "postgres" (postgres) sets no memory limit; set resources.requests.memory and resources.limits.memory so it is not the first pod the OOM killer picks.',
        },
      ],
    },
    {
      name: "no resources at all",
      code: statefulSet(""),
      errors: [{ messageId: "memoryMissing", line: 11, column: 17, data: { container: "postgresql", engine: "postgres", missing: "memory request or limit" } }],
    },
    {
      name: "only CPU is set, and a LimitRange in another namespace does not count",
      code: limitRange.replace("namespace: db", "namespace: staging") + statefulSet("\n          resources:\n            requests: { cpu: 500m }\n            limits: { cpu: '2' }"),
      errors: [{ messageId: "memoryMissing", line: 24, column: 17, data: { container: "postgresql", engine: "postgres", missing: "memory request or limit" } }],
    },
    {
      name: "a Redis Deployment",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
spec:
  template:
    spec:
      containers:
        - name: redis
          image: redis:7.2.5
          resources:
            requests:
              memory: 256Mi
`,
      errors: [{ messageId: "memoryMissing", line: 9, column: 17, data: { container: "redis", engine: "redis", missing: "memory limit" } }],
    },
    {
      name: "CloudNativePG without resources: at spec",
      code: cnpg("  instances: 3\n"),
      errors: [
        {
          messageId: "operatorMemoryMissing",
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 5,
          message:
            'CloudNativePG Cluster "pg" sets no memory request or limit for postgres (spec.resources), and CloudNativePG adds none, so those pods are the first the OOM killer picks; set spec.resources.requests.memory and spec.resources.limits.memory.',
        },
      ],
    },
    {
      name: "a PGO instance set with a memory request only",
      code: `apiVersion: postgres-operator.crunchydata.com/v1beta1\nkind: PostgresCluster\nmetadata:\n  name: hippo\nspec:\n  instances:\n    - name: a\n      resources:\n        requests: { memory: 1Gi }\n`,
      errors: [{ messageId: "operatorMemoryMissing", line: 8, column: 7, data: { cluster: 'Crunchy PGO PostgresCluster "hippo"', component: 'instance set "a"', missing: "memory limit", field: "spec.instances[0].resources", operator: "Crunchy PGO", engine: "postgres" } }],
    },
    {
      name: "a Strimzi node pool without resources: the message names the block to add, not its parent",
      code: `apiVersion: kafka.strimzi.io/v1
kind: KafkaNodePool
metadata:
  name: broker
  labels:
    strimzi.io/cluster: my-cluster
spec:
  replicas: 3
  roles: [broker]
  storage:
    type: persistent-claim
    size: 100Gi
---
apiVersion: kafka.strimzi.io/v1
kind: Kafka
metadata:
  name: my-cluster
spec:
  kafka:
    version: 4.1.0
    listeners: []
`,
      errors: [
        {
          messageId: "operatorMemoryMissing",
          line: 7,
          column: 1,
          message:
            'Kafka "my-cluster" sets no memory request or limit for node pool "broker" (spec.resources), and Strimzi adds none, so those pods are the first the OOM killer picks; set spec.resources.requests.memory and spec.resources.limits.memory.',
        },
      ],
    },
  ],
});
