import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const brokers = (replicas: number) => `apiVersion: kafka.strimzi.io/v1
kind: KafkaNodePool
metadata:
  name: broker
  labels:
    strimzi.io/cluster: events
spec:
  replicas: ${replicas}
  roles: [broker]
  storage:
    type: persistent-claim
    size: 100Gi
`;

/** A Kafka whose broker `config` holds the given lines (line 12 is the first of them). */
const kafka = (config: string) => `apiVersion: kafka.strimzi.io/v1
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
${config}`;

const safe = `    config:
      default.replication.factor: 3
      min.insync.replicas: 2
`;

const zookeeperMode = (config: string) => `apiVersion: kafka.strimzi.io/v1beta2
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
      type: persistent-claim
      size: 100Gi
${config}  zookeeper:
    replicas: 3
    storage:
      type: persistent-claim
      size: 10Gi
`;

const cluster = 'Kafka "events"';

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: Strimzi's recommended settings for 3 brokers", code: readFixture("replication-factor-low", "quiet.yaml") },
    { name: "internal topics left to Kafka's safe defaults", files: { "pool.yaml": brokers(3), "kafka.yaml": kafka(safe) } },
    { name: "2 brokers cannot hold 3 copies: a sizing choice, not a setting", files: { "pool.yaml": brokers(2), "kafka.yaml": kafka("    config:\n      default.replication.factor: 2\n") } },
    { name: "a templated value is unknown", files: { "pool.yaml": brokers(3), "kafka.yaml": kafka(safe.replace("3\n", '"{{ .Values.rf }}"\n')) } },
    { name: "brokers in another file that is not linted: the broker count is unknown", code: kafka("") },
    { name: "ZooKeeper mode with safe settings", code: zookeeperMode("    config:\n      default.replication.factor: 3\n      min.insync.replicas: 2\n") },
  ],
  invalid: [
    {
      name: "fixture: the single-node example's settings on 3 nodes",
      code: readFixture("replication-factor-low", "fires.yaml"),
      errors: [
        { messageId: "copiesLow", line: 35, column: 41, data: { cluster: 'Kafka "my-cluster"', brokers: 3, key: "offsets.topic.replication.factor", value: 1 } },
        { messageId: "copiesLow", line: 36, column: 49, data: { cluster: 'Kafka "my-cluster"', brokers: 3, key: "transaction.state.log.replication.factor", value: 1 } },
        {
          messageId: "minIsrLow",
          line: 37,
          column: 38,
          endLine: 37,
          endColumn: 39,
          message:
            'Kafka "my-cluster" sets transaction.state.log.min.isr to 1: an acks=all write is acknowledged by a single replica, and losing that broker loses it; set it to 2.',
        },
        {
          messageId: "copiesLow",
          line: 38,
          column: 35,
          message:
            'Kafka "my-cluster" runs 3 brokers but sets default.replication.factor to 1, fewer than 3 copies: a broker failure during another\'s restart makes those partitions unavailable or loses them; set it to 3.',
        },
        { messageId: "minIsrLow", line: 39, column: 28, data: { cluster: 'Kafka "my-cluster"', key: "min.insync.replicas", value: 1 } },
      ],
    },
    {
      name: "unset default.replication.factor and min.insync.replicas fall back to Kafka's 1, reported at config",
      files: { "pool.yaml": brokers(3), "kafka.yaml": kafka("    config:\n      offsets.topic.replication.factor: 3\n") },
      errors: [
        {
          messageId: "minIsrUnset",
          line: 12,
          column: 5,
          file: "kafka.yaml",
          message: 'Kafka "events" leaves min.insync.replicas unset, so Kafka\'s default of 1 lets a single replica acknowledge an acks=all write; set it to 2.',
        },
        { messageId: "copiesUnset", line: 12, column: 5, endLine: 12, endColumn: 11, file: "kafka.yaml", data: { cluster, brokers: 3, key: "default.replication.factor", value: 1 } },
      ],
    },
    {
      name: "no config at all is reported at spec.kafka",
      files: { "pool.yaml": brokers(5), "kafka.yaml": kafka("") },
      errors: [
        { messageId: "minIsrUnset", line: 6, column: 3, data: { cluster, key: "min.insync.replicas", value: 1 } },
        { messageId: "copiesUnset", line: 6, column: 3, data: { cluster, brokers: 5, key: "default.replication.factor", value: 1 } },
      ],
    },
    {
      name: "min.insync.replicas equal to the replication factor stops writes on one failure",
      files: { "pool.yaml": brokers(3), "kafka.yaml": kafka('    config:\n      default.replication.factor: 3\n      min.insync.replicas: "3"\n') },
      errors: [
        {
          messageId: "minIsrTooHigh",
          line: 14,
          column: 28,
          message: 'Kafka "events" sets min.insync.replicas to 3 with default.replication.factor at 3: with one replica down producers can no longer write; set it to 2.',
        },
      ],
    },
    {
      name: "transaction.state.log.min.isr above its topic's replication factor",
      files: {
        "pool.yaml": brokers(3),
        "kafka.yaml": kafka(`${safe}      transaction.state.log.replication.factor: 3\n      transaction.state.log.min.isr: 3\n`),
      },
      errors: [
        {
          messageId: "minIsrTooHigh",
          line: 16,
          column: 38,
          data: { cluster, key: "transaction.state.log.min.isr", value: 3, factorKey: "transaction.state.log.replication.factor", factor: 3, suggested: 2 },
        },
      ],
    },
    {
      name: "ZooKeeper mode: brokers counted from spec.kafka.replicas",
      code: zookeeperMode("    config:\n      default.replication.factor: 2\n      min.insync.replicas: 2\n"),
      errors: [
        { messageId: "copiesLow", line: 17, column: 35, data: { cluster: 'Kafka "legacy"', brokers: 3, key: "default.replication.factor", value: 2 } },
        { messageId: "minIsrTooHigh", line: 18, column: 28, data: { cluster: 'Kafka "legacy"', key: "min.insync.replicas", value: 2, factorKey: "default.replication.factor", factor: 2, suggested: 1 } },
      ],
    },
  ],
});
