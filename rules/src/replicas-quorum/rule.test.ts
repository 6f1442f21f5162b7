import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(image: string, replicas: string, extra = ""): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: quorum
spec:
  serviceName: quorum
${replicas}  selector:
    matchLabels: { app: quorum }
  template:
    metadata:
      labels: { app: quorum }
    spec:
      containers:
        - name: server
          image: ${image}
${extra}`;
}

const kraftController = `          env:
            - name: KAFKA_CFG_PROCESS_ROLES
              value: controller
`;

const vaultConfig = `          volumeMounts:
            - { name: config, mountPath: /vault/config }
      volumes:
        - name: config
          configMap: { name: vault-config }
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: vault-config
data:
  vault.hcl: |
    storage "raft" {
      path = "/vault/data"
    }
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: 3 etcd members, and Kafka brokers that do not vote", code: readFixture("replicas-quorum", "quiet.yaml") },
    { name: "5 ZooKeeper servers", code: statefulSet("zookeeper:3.9", "  replicas: 5\n") },
    { name: "0 replicas is a deliberate scale-down", code: statefulSet("zookeeper:3.9", "  replicas: 0\n") },
    { name: "a templated count is unknown", code: statefulSet("bitnami/etcd:3.5.15", '  replicas: "{{ .Values.replicaCount }}"\n') },
    { name: "2 replicas of a primary/replica database are another rule's concern", code: statefulSet("postgres:16.4", "  replicas: 2\n") },
    { name: "Vault without raft storage does not vote (the chart's standalone default)", code: statefulSet("hashicorp/vault:1.17.5", "  replicas: 1\n") },
    { name: "a KRaft broker-only pool does not vote", code: statefulSet("apache/kafka:3.8.0", "  replicas: 4\n", kraftController.replace("controller", "broker")) },
  ],
  invalid: [
    {
      name: "fixture: 4 etcd members",
      code: readFixture("replicas-quorum", "fires.yaml"),
      errors: [
        {
          messageId: "even",
          line: 7,
          column: 13,
          endLine: 7,
          endColumn: 14,
          message:
            'StatefulSet "etcd" runs etcd, which needs a majority to agree, with an even 4 replicas: it stops once 2 of them fail, just as 3 replicas would; run 3 or 5.',
        },
      ],
    },
    {
      name: "2 ZooKeeper servers",
      code: statefulSet("zookeeper:3.9", "  replicas: 2\n"),
      errors: [{ messageId: "tooFew", line: 7, column: 13, data: { statefulSet: "quorum", engine: "zookeeper", replicas: 2, majority: 2 } }],
    },
    {
      name: "replicas unset is reported at spec",
      code: statefulSet("hashicorp/consul:1.19", ""),
      errors: [{ messageId: "tooFewUnset", line: 5, column: 1, endLine: 5, endColumn: 5, data: { statefulSet: "quorum", engine: "consul" } }],
    },
    {
      name: "KRaft controllers vote",
      code: statefulSet("apache/kafka:3.8.0", "  replicas: 2\n", kraftController),
      errors: [{ messageId: "tooFew", line: 7, column: 13, data: { statefulSet: "quorum", engine: "kafka", replicas: 2, majority: 2 } }],
    },
    {
      name: "Vault with raft storage from its ConfigMap votes",
      code: statefulSet("hashicorp/vault:1.17.5", "  replicas: 1\n", vaultConfig),
      errors: [{ messageId: "tooFew", line: 7, column: 13, data: { statefulSet: "quorum", engine: "vault", replicas: 1, majority: 1 } }],
    },
    {
      name: "6 CockroachDB nodes",
      code: statefulSet("cockroachdb/cockroach:v24.2.0", "  replicas: 6\n"),
      errors: [{ messageId: "even", line: 7, column: 13, data: { statefulSet: "quorum", engine: "cockroach", replicas: 6, stops: 3, lower: 5, higher: 7 } }],
    },
  ],
});
