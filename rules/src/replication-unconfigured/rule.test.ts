import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (replicas: string, podSpec: string, metadata = "") => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
${metadata}spec:
  serviceName: db
  replicas: ${replicas}
  selector:
    matchLabels: { app: db }
  template:
    metadata:
      labels: { app: db }
    spec:
${podSpec}`;

const container = (image: string, extra = "") => `      containers:
        - name: db
          image: ${image}
${extra}`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: the Kubernetes docs' replicated MySQL (log-bin, server-id per ordinal)", code: readFixture("replication-unconfigured", "quiet.yaml") },
    { name: "one replica", code: statefulSet("1", container("postgres:16.4")) },
    { name: "replicas unset", code: statefulSet("null", container("postgres:16.4")) },
    { name: "a quorum system is another rule's concern", code: statefulSet("3", container("quay.io/coreos/etcd:v3.5.15")) },
    {
      name: "Bitnami Redis replica set up by env",
      code: statefulSet("3", container("docker.io/bitnami/redis:7.2.5", "          env:\n            - { name: REDIS_REPLICATION_MODE, value: replica }\n            - { name: REDIS_MASTER_HOST, value: redis-master-0.redis-headless }\n")),
    },
    { name: "MongoDB replica set in args", code: statefulSet("3", container("mongo:7.0.12", '          args: ["--replSet", "rs0", "--bind_ip_all"]\n')) },
    {
      name: "postgres replicas cloned by pg_basebackup in an init container",
      code: statefulSet(
        "3",
        `      initContainers:
        - name: clone
          image: postgres:16.4
          command: ["sh", "-c", "[ $(hostname) = db-0 ] || pg_basebackup -h db-0.db -D /data/pgdata -R"]
${container("postgres:16.4")}`,
      ),
    },
    {
      name: "redis.conf with replicaof in a mounted ConfigMap",
      code: `apiVersion: v1
kind: ConfigMap
metadata:
  name: redis-conf
data:
  replica.conf: |
    replicaof db-0.db 6379
---
${statefulSet(
  "3",
  container("redis:7.2.5", "          volumeMounts: [{ name: conf, mountPath: /etc/redis }]\n") + "      volumes:\n        - name: conf\n          configMap: { name: redis-conf }\n",
)}`,
    },
    {
      name: "created by an operator",
      code: statefulSet("3", container("postgres:16.4"), "  ownerReferences:\n    - { apiVersion: acid.zalan.do/v1, kind: postgresql, name: db, uid: 1b2c, controller: true }\n"),
    },
  ],
  invalid: [
    {
      name: "fixture: the seed's 3-replica postgres",
      code: readFixture("replication-unconfigured", "fires.yaml"),
      errors: [
        {
          messageId: "noReplication",
          line: 15,
          column: 13,
          endLine: 15,
          endColumn: 14,
          message:
            'StatefulSet "postgres" runs 3 replicas of postgres with no sign of replication (no replication settings, clone init container or operator): 3 independent databases behind one Service. Configure replication, use an operator, or set replicas: 1.',
        },
      ],
    },
    {
      name: "redis with persistence but no replicaof, replicas as a string",
      code: statefulSet('"2"', container("redis:7.2.5", '          args: ["--appendonly", "yes"]\n'), "  labels: { app.kubernetes.io/managed-by: Helm }\n"),
      errors: [{ messageId: "noReplication", line: 8, column: 13, data: { statefulSet: "db", replicas: 2, engine: "redis" } }],
    },
  ],
});
