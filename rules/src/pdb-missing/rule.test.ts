import { RuleTester } from "@statelint/core/testing";
import { cnpg, readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(replicas: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
spec:
  serviceName: redis
${replicas}  selector:
    matchLabels: { app: redis, role: node }
  template:
    metadata:
      labels: { app: redis, role: node }
    spec:
      containers:
        - name: redis
          image: redis:7.4
`;
}

function budget(apiVersion: string, selector: string): string {
  return `---
apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata:
  name: redis
spec:
  maxUnavailable: 1
${selector}`;
}

const mongo = (extra: string) => `apiVersion: mongodbcommunity.mongodb.com/v1
kind: MongoDBCommunity
metadata:
  name: rs
spec:
  members: 3
  type: ReplicaSet
  version: "7.0.12"
${extra}`;

new RuleTester().run(rule, {
  valid: [
    {
      name: "a PodDisruptionBudget in the bundle selects the MongoDB members",
      code: mongo("---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: rs\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: rs-svc\n"),
    },
    { name: "CloudNativePG creates its PodDisruptionBudgets by default", code: cnpg("  instances: 3\n") },
    { name: "CloudNativePG enablePDB: false with one instance", code: cnpg("  instances: 1\n  enablePDB: false\n") },
    { name: "fixture: a budget in the same namespace selects the pods", code: readFixture("pdb-missing", "quiet.yaml") },
    { name: "a single replica has no HA to protect", code: statefulSet("  replicas: 1\n") },
    { name: "replicas unset means 1", code: statefulSet("") },
    {
      name: "a budget selecting with matchExpressions",
      code: statefulSet("  replicas: 3\n") + budget("policy/v1", "  selector:\n    matchExpressions:\n      - { key: app, operator: In, values: [redis] }\n"),
    },
    {
      name: "in policy/v1 an empty selector selects every pod of the namespace",
      code: statefulSet("  replicas: 3\n") + budget("policy/v1", "  selector: {}\n"),
    },
    {
      name: "the budget lives in another file of the bundle",
      files: { "sts.yaml": statefulSet("  replicas: 3\n"), "pdb.yaml": budget("policy/v1", "  selector:\n    matchLabels: { app: redis }\n") },
    },
  ],
  invalid: [
    {
      name: "fixture: the only budget is in another namespace",
      code: readFixture("pdb-missing", "fires.yaml"),
      errors: [
        {
          messageId: "missing",
          line: 21,
          column: 13,
          endLine: 21,
          endColumn: 14,
          message:
            'StatefulSet "postgres" runs 3 replicas but no PodDisruptionBudget in namespace "db" selects its pods (app=postgres), so a node drain may evict several at once; add one with maxUnavailable: 1.',
        },
      ],
    },
    {
      name: "a budget whose selector does not match the pod labels",
      code: statefulSet("  replicas: 2\n") + budget("policy/v1", "  selector:\n    matchLabels: { app: redis, role: sentinel }\n"),
      errors: [{ messageId: "missing", line: 7, column: 13, data: { statefulSet: "redis", replicas: 2, namespace: "default", labels: "app=redis,role=node" } }],
    },
    {
      name: "a budget without a selector selects no pod",
      code: statefulSet("  replicas: 3\n") + budget("policy/v1", ""),
      errors: [{ messageId: "missing", line: 7, column: 13 }],
    },
    {
      name: "in policy/v1beta1 an empty selector selected no pod",
      code: statefulSet("  replicas: 3\n") + budget("policy/v1beta1", "  selector: {}\n"),
      errors: [{ messageId: "missing", line: 7, column: 13 }],
    },
    {
      name: "CloudNativePG enablePDB: false, fixed by turning it back on",
      code: cnpg("  instances: 3\n  enablePDB: false\n"),
      errors: [
        {
          messageId: "operatorDisabled",
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 19,
          message:
            'CloudNativePG Cluster "pg" runs 3 instances and spec.enablePDB: false stops CloudNativePG from creating its PodDisruptionBudget, so a node drain may evict several at once; set it to true.',
        },
      ],
      output: "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  instances: 3\n  enablePDB: true\n",
    },
    {
      name: "MongoDB Community creates no budget, and none in the bundle selects its members",
      code: mongo(""),
      errors: [
        {
          messageId: "operatorMissing",
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 13,
          message:
            'MongoDBCommunity "rs" runs 3 members, MongoDB Community Operator creates no PodDisruptionBudget for them, and none in namespace "default" selects their pods (app=rs-svc), so a node drain may evict several at once; add one with maxUnavailable: 1.',
        },
      ],
    },
    {
      name: "ECK's budget overridden by an empty one: no fix, since true is not a budget",
      code: `apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata:
  name: es
spec:
  version: 8.15.0
  podDisruptionBudget: {}
  nodeSets:
    - name: default
      count: 3
`,
      errors: [{ messageId: "operatorDisabled", line: 7, column: 3, message:
            'Elasticsearch "es" runs 3 instances and spec.podDisruptionBudget: {} stops ECK from creating its PodDisruptionBudget, so a node drain may evict several at once; remove it to get the operator\'s default budget.' }],
    },
  ],
});
