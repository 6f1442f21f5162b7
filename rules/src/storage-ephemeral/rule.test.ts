import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const zookeeperMode = (kafkaStorage: string, zookeeperStorage: string) => `apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata:
  name: legacy
spec:
  kafka:
    replicas: 3
    listeners:
      - name: plain
        port: 9092
        type: internal
        tls: false
    storage:
${kafkaStorage}
  zookeeper:
    replicas: 3
    storage:
${zookeeperStorage}`;

const persistent = "      type: persistent-claim\n      size: 100Gi";

const elasticsearch = (roles: string) => `apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata:
  name: logs
spec:
  version: 8.15.3
  nodeSets:
    - name: default
      count: 3
      config:
        node.roles: ${roles}
      podTemplate:
        spec:
          volumes:
            - name: elasticsearch-data
              emptyDir: {}
`;

const pool = (name: string, replicas: number, storage: string) => `apiVersion: kafka.strimzi.io/v1
kind: KafkaNodePool
metadata:
  name: ${name}
  labels:
    strimzi.io/cluster: events
spec:
  replicas: ${replicas}
  roles: [broker]
  storage:
${storage}
`;

const kafka = `apiVersion: kafka.strimzi.io/v1
kind: Kafka
metadata:
  name: events
spec:
  kafka:
    listeners:
      - name: plain
        port: 9092
        type: internal
        tls: false
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: brokers on persistent claims", code: readFixture("storage-ephemeral", "quiet.yaml") },
    { name: "ZooKeeper mode on persistent claims", code: zookeeperMode(persistent, persistent) },
    { name: "a coordinating-only ECK nodeSet keeps no data in its emptyDir", code: elasticsearch("[]") },
    { name: "a node pool scaled to 0 runs no pod", files: { "pool.yaml": pool("spare", 0, "    type: ephemeral"), "kafka.yaml": kafka } },
    { name: "a pool of another Kafka is not this cluster's", files: { "pool.yaml": pool("spare", 3, "    type: ephemeral").replace("cluster: events", "cluster: other"), "kafka.yaml": kafka } },
  ],
  invalid: [
    {
      name: "fixture: a broker pool with type: ephemeral is reported on the pool",
      code: readFixture("storage-ephemeral", "fires.yaml"),
      errors: [
        {
          messageId: "ephemeral",
          line: 27,
          column: 11,
          endLine: 27,
          endColumn: 20,
          message:
            'Kafka "events": the 3 members of "broker" (broker) keep their data on ephemeral storage at spec.storage.type, which is lost when a pod is evicted, rescheduled or its node fails; use persistent storage.',
        },
      ],
    },
    {
      name: "ZooKeeper mode: brokers and the ZooKeeper ensemble on ephemeral storage",
      code: zookeeperMode("      type: ephemeral", "      type: ephemeral\n      sizeLimit: 1Gi"),
      errors: [
        { messageId: "ephemeral", line: 14, column: 13, data: { cluster: 'Kafka "legacy"', members: 'the 3 members of "legacy-kafka" (broker) keep their data', field: "spec.kafka.storage.type" } },
        {
          messageId: "ephemeral",
          line: 18,
          column: 13,
          data: { cluster: 'Kafka "legacy"', members: 'the 3 members of "legacy-zookeeper" (voter, zookeeper) keep their data', field: "spec.zookeeper.storage.type" },
        },
      ],
    },
    {
      name: "a JBOD with one ephemeral volume, in its own file",
      files: {
        "kafka.yaml": kafka,
        "pool.yaml": pool("broker", 1, "    type: jbod\n    volumes:\n      - id: 0\n        type: persistent-claim\n        size: 100Gi\n      - id: 1\n        type: ephemeral"),
      },
      errors: [
        {
          messageId: "ephemeral",
          line: 17,
          column: 15,
          file: "pool.yaml",
          data: { cluster: 'Kafka "events"', members: 'the member of "broker" (broker) keeps its data', field: "spec.storage.volumes[1].type" },
        },
      ],
    },
    {
      name: "an ECK data nodeSet whose elasticsearch-data volume is an emptyDir",
      code: elasticsearch('["master", "data"]'),
      errors: [
        {
          messageId: "ephemeral",
          line: 16,
          column: 15,
          endLine: 16,
          endColumn: 23,
          data: { cluster: 'Elasticsearch "logs"', members: 'the 3 members of "default" (voter, data) keep their data', field: "spec.nodeSets[0].podTemplate.spec.volumes[0].emptyDir" },
        },
      ],
    },
  ],
});
