import { describe, expect, it } from "vitest";
import { bundleOf, viewOf, where } from "./view-helpers.js";

const POOLS = `apiVersion: kafka.strimzi.io/v1
kind: KafkaNodePool
metadata:
  name: controller
  labels:
    strimzi.io/cluster: events
spec:
  replicas: 3
  roles:
    - controller
  storage:
    type: jbod
    volumes:
      - id: 0
        type: persistent-claim
        size: 20Gi
        class: fast-ssd
        kraftMetadata: shared
---
apiVersion: kafka.strimzi.io/v1
kind: KafkaNodePool
metadata:
  name: broker
  labels:
    strimzi.io/cluster: events
spec:
  replicas: 4
  roles:
    - broker
  storage:
    type: jbod
    volumes:
      - id: 0
        type: persistent-claim
        size: 100Gi
      - id: 1
        type: ephemeral
  resources:
    requests:
      memory: 8Gi
    limits:
      memory: 8Gi
  template:
    pod:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - topologyKey: kubernetes.io/hostname
              labelSelector:
                matchLabels:
                  strimzi.io/pool-name: broker
---
apiVersion: kafka.strimzi.io/v1
kind: KafkaNodePool
metadata:
  name: other-cluster-pool
  labels:
    strimzi.io/cluster: someone-else
spec:
  replicas: 1
  roles: [broker]
  storage:
    type: ephemeral
---
apiVersion: kafka.strimzi.io/v1
kind: Kafka
metadata:
  name: events
spec:
  kafka:
    version: 4.1.0
    image: quay.io/strimzi/kafka:latest
    listeners:
      - name: plain
        port: 9092
        type: internal
        tls: false
    config:
      default.replication.factor: 3
      min.insync.replicas: "2"
`;

const ZOOKEEPER = `apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata:
  name: legacy
spec:
  kafka:
    version: 3.9.0
    replicas: 3
    listeners:
      - name: plain
        port: 9092
        type: internal
        tls: false
    resources:
      requests:
        memory: 4Gi
    storage:
      type: persistent-claim
      size: 100Gi
      class: standard
  zookeeper:
    replicas: 2
    storage:
      type: ephemeral
      sizeLimit: 1Gi
`;

describe("Strimzi Kafka view", () => {
  it("builds one member group per node pool linked by the strimzi.io/cluster label", () => {
    const view = viewOf(bundleOf(POOLS), "Kafka")!;
    expect(view.title).toBe('Kafka "events"');
    expect(view.operator).toBe("Strimzi");
    expect(view.engine).toBe("kafka");
    expect(view.members.map((group) => `${group.name} [${group.roles.join(",")}] ${group.replicas} ${where(group.replicasAt)}`)).toEqual([
      "controller [voter] 3 KafkaNodePool controller spec.replicas @ 8:13",
      "broker [broker] 4 KafkaNodePool broker spec.replicas @ 27:13",
    ]);
  });

  it("reads pool storage: a JBOD with an ephemeral volume is ephemeral at that volume's type", () => {
    const [controller, broker] = viewOf(bundleOf(POOLS), "Kafka")!.members;
    expect(controller!.storage).toMatchObject({ kind: "persistent", size: "20Gi", storageClass: { name: "fast-ssd" } });
    expect(where(controller!.storage!.at)).toBe("KafkaNodePool controller spec.storage @ 11:3");
    expect(where(controller!.storage!.storageClass!.at)).toBe("KafkaNodePool controller spec.storage.volumes[0].class @ 17:16");
    expect(broker!.storage!.kind).toBe("ephemeral");
    expect(where(broker!.storage!.at)).toBe("KafkaNodePool broker spec.storage.volumes[1].type @ 37:15");
  });

  it("takes resources and pod templates from the pool, else from spec.kafka, and keeps the weakest spreading", () => {
    const view = viewOf(bundleOf(POOLS), "Kafka")!;
    expect(view.resources.map((resources) => `${resources.name} ${resources.memoryRequest} ${resources.memoryLimit} ${where(resources.at)}`)).toEqual([
      'node pool "controller" false false KafkaNodePool controller spec @ 7:1',
      'node pool "broker" true true KafkaNodePool broker spec.resources @ 38:3',
    ]);
    expect(view.spread).toMatchObject({ nodeAntiAffinity: "none", managedByOperator: false });
    expect(where(view.spread!.at)).toBe("KafkaNodePool controller spec @ 7:1");
    expect(view.disruptionBudget).toEqual({ managedByOperator: true });
  });

  it("exposes spec.kafka.config as settings, where they are written, and the image", () => {
    const view = viewOf(bundleOf(POOLS), "Kafka")!;
    expect([...view.settings].map(([key, setting]) => `${key}=${String(setting.value)} ${where(setting.at)}`)).toEqual([
      'default.replication.factor=3 Kafka events spec.kafka.config["default.replication.factor"] @ 79:35',
      'min.insync.replicas=2 Kafka events spec.kafka.config["min.insync.replicas"] @ 80:28',
    ]);
    expect(where(view.settingsAt)).toBe("Kafka events spec.kafka.config @ 78:5");
    expect(view.images.map((image) => `${image.image} ${where(image.at)}`)).toEqual(["quay.io/strimzi/kafka:latest Kafka events spec.kafka.image @ 72:12"]);
    expect(view.references.map((reference) => `${reference.kind} ${reference.name} ${where(reference.at)}`)).toEqual([
      "StorageClass fast-ssd KafkaNodePool controller spec.storage.volumes[0].class @ 17:16",
    ]);
  });

  it("has no backup view: backups are not part of Strimzi's CRDs", () => {
    const view = viewOf(bundleOf(POOLS), "Kafka")!;
    expect(view.backup).toBeUndefined();
    expect(view.replication).toBeUndefined();
  });

  it("gives a node pool no view of its own", () => {
    expect(viewOf(bundleOf(POOLS), "KafkaNodePool")).toBeUndefined();
  });

  it("reads ZooKeeper mode: brokers from spec.kafka, a voting ZooKeeper ensemble from spec.zookeeper", () => {
    const view = viewOf(bundleOf(ZOOKEEPER), "Kafka")!;
    expect(view.members.map((group) => `${group.name} [${group.roles.join(",")}] ${group.replicas} ${group.storage?.kind} ${where(group.storage?.at)}`)).toEqual([
      "legacy-kafka [broker] 3 persistent Kafka legacy spec.kafka.storage @ 17:5",
      "legacy-zookeeper [voter,zookeeper] 2 ephemeral Kafka legacy spec.zookeeper.storage.type @ 24:13",
    ]);
    expect(view.resources.map((resources) => `${resources.name} ${resources.memoryRequest} ${resources.memoryLimit}`)).toEqual([
      "Kafka brokers true false",
      "ZooKeeper false false",
    ]);
    expect(view.references.map((reference) => `${reference.kind} ${reference.name}`)).toEqual(["StorageClass standard"]);
  });

  it("ignores pools of a v1beta2 Kafka that sets spec.kafka.replicas without the node-pools annotation, and uses them with it", () => {
    const pool = POOLS.split("---\n")[1]!.replace("kafka.strimzi.io/v1", "kafka.strimzi.io/v1beta2").replace("strimzi.io/cluster: events", "strimzi.io/cluster: legacy");
    expect(viewOf(bundleOf(ZOOKEEPER, pool), "Kafka")!.members.map((group) => group.name)).toEqual(["legacy-kafka", "legacy-zookeeper"]);
    const annotated = ZOOKEEPER.replace("  name: legacy\n", "  name: legacy\n  annotations:\n    strimzi.io/node-pools: enabled\n");
    expect(viewOf(bundleOf(annotated, pool), "Kafka")!.members.map((group) => `${group.name} [${group.roles.join(",")}]`)).toEqual([
      "broker [broker]",
      "legacy-zookeeper [voter,zookeeper]",
    ]);
  });
});
