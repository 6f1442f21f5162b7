import { describe, expect, it } from "vitest";
import { bundleOf, viewOf } from "./view-helpers.js";

/** What a user may type instead of the documented shapes: every adapter must read it without throwing. */
const MALFORMED = [
  ["InnoDBCluster", "mysql.oracle.com/v2", "spec:\n  instances: three\n  router: 1\n  backupSchedules: {}\n  backupProfiles: [1, null]\n  podSpec: []\n"],
  ["Kafka", "kafka.strimzi.io/v1", "spec:\n  kafka:\n    replicas: [3]\n    storage: ephemeral\n    config: [min.insync.replicas]\n  zookeeper: yes\n"],
  ["KafkaNodePool", "kafka.strimzi.io/v1", "metadata:\n  labels:\n    strimzi.io/cluster: broken\nspec:\n  roles: [constructor, toString, 7]\n  storage:\n    type: jbod\n    volumes: ephemeral\n"],
  ["Elasticsearch", "elasticsearch.k8s.elastic.co/v1", "spec:\n  nodeSets:\n    - config: [node.roles]\n      podTemplate: text\n    - 5\n  podDisruptionBudget: []\n"],
  ["MongoDBCommunity", "mongodbcommunity.mongodb.com/v1", "spec:\n  members: '3'\n  arbiters: many\n  users: {name: x}\n  statefulSet:\n    spec:\n      volumeClaimTemplates: [data-volume]\n"],
] as const;

describe("cluster adapters on malformed specs", () => {
  it.each(MALFORMED)("%s: builds a view without throwing", (kind, apiVersion, body) => {
    const kafka = "---\napiVersion: kafka.strimzi.io/v1\nkind: Kafka\nmetadata:\n  name: broken\nspec: 12\n";
    const bundle = bundleOf(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: broken\n${body.startsWith("metadata:") ? body.replace("metadata:\n", "") : body}${kafka}`);
    expect(() => viewOf(bundle, kind)).not.toThrow();
    expect(() => viewOf(bundle, "Kafka")).not.toThrow();
  });

  it("reads a node pool's unknown roles as none, and a string count as a number", () => {
    const pool = MALFORMED[2][2].replace("metadata:\n", "");
    const bundle = bundleOf(`apiVersion: kafka.strimzi.io/v1\nkind: KafkaNodePool\nmetadata:\n  name: pool\n${pool}---\napiVersion: kafka.strimzi.io/v1\nkind: Kafka\nmetadata:\n  name: broken\nspec: {}\n`);
    expect(viewOf(bundle, "Kafka")!.members.map((group) => group.roles)).toEqual([[]]);
    const mongo = bundleOf(`apiVersion: mongodbcommunity.mongodb.com/v1\nkind: MongoDBCommunity\nmetadata:\n  name: m\n${MALFORMED[4][2]}`);
    expect(viewOf(mongo, "MongoDBCommunity")!.members.map((group) => group.replicas)).toEqual([3]);
  });
});
