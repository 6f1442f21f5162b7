import type { Bundle } from "../../graph/bundle.js";
import { childPath, formatFieldPath, type FieldPath } from "../../source/path.js";
import type { K8sObject } from "../object.js";
import { asArray, asInteger, asRecord, asString, asStringMap, isRecord, type Plain } from "../values.js";
import { fieldOrParent, memoryOf, nodeSpreadOf, valueAt, weakestSpread } from "./adapter-support.js";
import type { ClusterAdapter, CreatedClaims, CreatedObjects, CreatedPods, FieldRef, ImageView, MemberGroup, MemberRole, ResourcesView, SpreadView, StatefulClusterView, StorageView } from "./view.js";

/*
 * Strimzi (`kafka.strimzi.io/v1beta2` and `v1`): a `Kafka` and the `KafkaNodePool`s labelled
 * `strimzi.io/cluster: <kafka name>` in its namespace.
 * - KRaft with node pools: each pool's `spec.roles` (`controller` votes in the metadata quorum,
 *   `broker` holds partitions), `spec.replicas`, `spec.storage`. Up to Strimzi 0.47 a v1beta2 Kafka
 *   needs the `strimzi.io/node-pools: enabled` annotation (and `strimzi.io/kraft: enabled`);
 *   0.48 and the v1 API use node pools always. A Kafka that still sets `spec.kafka.replicas`
 *   without the annotation is read the old way.
 * - ZooKeeper mode (Strimzi 0.45 and older): `spec.kafka.replicas`/`storage` (or broker-only node
 *   pools) and the `spec.zookeeper` ensemble, which votes.
 * - A pool inherits `resources` and `template` from `spec.kafka` when it sets none; the two
 *   `template.pod` sections are not merged.
 * - Storage `type: persistent-claim` (`size`, `class`), `ephemeral` (an emptyDir) or `jbod` of those.
 * - Strimzi creates a PodDisruptionBudget for the brokers and for ZooKeeper by default and adds no
 *   node anti-affinity of its own. Backups are not part of the CRDs: the view has none (unknown, not missing).
 * - `spec.kafka.config` is the broker configuration (`min.insync.replicas` …): the view's settings.
 */

const OPERATOR = "Strimzi";
const GROUP = "kafka.strimzi.io";
const CLUSTER_LABEL = "strimzi.io/cluster";

const ROLE_OF: ReadonlyMap<string, MemberRole> = new Map([["controller", "voter"], ["broker", "broker"]]);

function annotationEnabled(object: K8sObject, name: string): boolean {
  return asStringMap(asRecord(object.raw["metadata"])["annotations"])[name] === "enabled";
}

/** The node pools of a Kafka in the bundle, by their `strimzi.io/cluster` label. */
function nodePoolsOf(kafka: K8sObject, bundle: Bundle): K8sObject[] {
  return bundle
    .ofKind("KafkaNodePool", kafka.namespace)
    .filter((pool) => pool.group === GROUP && asStringMap(asRecord(pool.raw["metadata"])["labels"])[CLUSTER_LABEL] === kafka.name);
}

/** Storage of a Strimzi `storage` block; an ephemeral volume is reported at its `type`. */
function storageOf(object: K8sObject, path: FieldPath): StorageView | undefined {
  const storage = valueAt(object, path);
  if (!isRecord(storage)) return undefined;
  const at: FieldRef = { object, path };
  const type = asString(storage["type"]);
  if (type === "ephemeral") {
    const sizeLimit = asString(storage["sizeLimit"]);
    return { kind: "ephemeral", ...(sizeLimit ? { size: sizeLimit } : {}), at: { object, path: childPath(path, "type") } };
  }
  if (type === "persistent-claim") return persistentVolume(object, path, at);
  if (type === "jbod") {
    const volumes = asArray(storage["volumes"]);
    const ephemeral = volumes.findIndex((volume) => asRecord(volume)["type"] === "ephemeral");
    if (ephemeral !== -1) return { kind: "ephemeral", at: { object, path: childPath(path, "volumes", ephemeral, "type") } };
    const persistent = volumes.findIndex((volume) => asRecord(volume)["type"] === "persistent-claim");
    if (persistent !== -1) return persistentVolume(object, childPath(path, "volumes", persistent), at);
  }
  return { kind: "unknown", at };
}

function persistentVolume(object: K8sObject, path: FieldPath, at: FieldRef): StorageView {
  const volume = asRecord(valueAt(object, path));
  const size = asString(volume["size"]);
  const storageClass = asString(volume["class"]);
  return {
    kind: "persistent",
    ...(size ? { size } : {}),
    ...(storageClass ? { storageClass: { name: storageClass, at: { object, path: childPath(path, "class") } } } : {}),
    at,
  };
}

/** Every StorageClass a storage block names (each JBOD volume may name its own). */
function storageClassesOf(object: K8sObject, path: FieldPath): { name: string; at: FieldRef }[] {
  const storage = asRecord(valueAt(object, path));
  const classes: { name: string; at: FieldRef }[] = [];
  const add = (volume: unknown, volumePath: FieldPath): void => {
    const name = asString(asRecord(volume)["class"]);
    if (name) classes.push({ name, at: { object, path: childPath(volumePath, "class") } });
  };
  add(storage, path);
  asArray(storage["volumes"]).forEach((volume, index) => add(volume, childPath(path, "volumes", index)));
  return classes;
}

/** What one group of Kafka pods is made of, wherever its fields are written. */
interface Component {
  readonly group: MemberGroup;
  readonly spread: SpreadView;
  readonly resources: ResourcesView;
  readonly storagePath: FieldRef;
}

/** The first of (object, path) pairs that is written, for fields a pool inherits from its Kafka. */
function inherited(candidates: readonly FieldRef[]): FieldRef | undefined {
  return candidates.find((candidate) => valueAt(candidate.object, candidate.path) !== undefined);
}

function spreadOf(template: FieldRef | undefined, fallback: FieldRef): SpreadView {
  if (!template) return { nodeAntiAffinity: "none", managedByOperator: false, at: fallback };
  const pod = asRecord(valueAt(template.object, template.path));
  const at = isRecord(pod["affinity"]) ? { object: template.object, path: childPath(template.path, "affinity") } : template;
  return { nodeAntiAffinity: nodeSpreadOf(pod), managedByOperator: false, at };
}

function resourcesOf(name: string, resources: FieldRef | undefined, fallback: FieldRef): ResourcesView {
  if (!resources) return { name, memoryRequest: false, memoryLimit: false, at: fallback, missingField: formatFieldPath(childPath(fallback.path, "resources")) };
  return { name, ...memoryOf(valueAt(resources.object, resources.path)), at: resources };
}

function poolComponent(kafka: K8sObject, pool: K8sObject, zookeeperMode: boolean): Component {
  const replicas = asInteger(valueAt(pool, ["spec", "replicas"]));
  const roles = zookeeperMode
    ? (["broker"] as MemberRole[])
    : [...new Set(asArray(valueAt(pool, ["spec", "roles"])).flatMap((role) => ROLE_OF.get(String(role)) ?? []))];
  const podTemplate = inherited([{ object: pool, path: ["spec", "template", "pod"] }, { object: kafka, path: ["spec", "kafka", "template", "pod"] }]);
  const resources = inherited([{ object: pool, path: ["spec", "resources"] }, { object: kafka, path: ["spec", "kafka", "resources"] }]);
  const name = `node pool "${pool.name}"`;
  return {
    group: {
      name: pool.name,
      roles,
      replicas: replicas ?? 0,
      replicasDeclared: replicas !== undefined,
      replicasAt: fieldOrParent(pool, ["spec", "replicas"]),
      storage: storageOf(pool, ["spec", "storage"]),
      podLabels: { [CLUSTER_LABEL]: kafka.name, "strimzi.io/kind": "Kafka", "strimzi.io/pool-name": pool.name },
    },
    spread: spreadOf(podTemplate, { object: pool, path: ["spec"] }),
    resources: resourcesOf(name, resources, { object: pool, path: ["spec"] }),
    storagePath: { object: pool, path: ["spec", "storage"] },
  };
}

/** A component written inside the Kafka resource itself: `spec.kafka` (brokers) or `spec.zookeeper`. */
function inlineComponent(kafka: K8sObject, section: "kafka" | "zookeeper", roles: readonly MemberRole[], label: string): Component | undefined {
  const replicas = asInteger(valueAt(kafka, ["spec", section, "replicas"]));
  if (replicas === undefined) return undefined;
  const base: FieldPath = ["spec", section];
  const podTemplate = inherited([{ object: kafka, path: childPath(base, "template", "pod") }]);
  const resources = inherited([{ object: kafka, path: childPath(base, "resources") }]);
  return {
    group: {
      name: `${kafka.name}-${section}`,
      roles,
      replicas,
      replicasDeclared: true,
      replicasAt: { object: kafka, path: childPath(base, "replicas") },
      storage: storageOf(kafka, childPath(base, "storage")),
      podLabels: { [CLUSTER_LABEL]: kafka.name, "strimzi.io/kind": "Kafka", "strimzi.io/name": `${kafka.name}-${section}` },
    },
    spread: spreadOf(podTemplate, { object: kafka, path: base }),
    resources: resourcesOf(label, resources, { object: kafka, path: base }),
    storagePath: { object: kafka, path: childPath(base, "storage") },
  };
}

function componentsOf(kafka: K8sObject, bundle: Bundle): Component[] {
  const zookeeperMode = isRecord(valueAt(kafka, ["spec", "zookeeper"])) && !annotationEnabled(kafka, "strimzi.io/kraft");
  const pools = nodePoolsOf(kafka, bundle);
  const inlineBrokers = valueAt(kafka, ["spec", "kafka", "replicas"]) !== undefined;
  const poolsInUse = pools.length > 0 && (annotationEnabled(kafka, "strimzi.io/node-pools") || kafka.apiVersion === `${GROUP}/v1` || !inlineBrokers);
  const components: (Component | undefined)[] = poolsInUse
    ? pools.map((pool) => poolComponent(kafka, pool, zookeeperMode))
    : [inlineComponent(kafka, "kafka", ["broker"], "Kafka brokers")];
  if (zookeeperMode) components.push(inlineComponent(kafka, "zookeeper", ["voter", "zookeeper"], "ZooKeeper"));
  return components.filter((component) => component !== undefined);
}

function imagesOf(kafka: K8sObject): ImageView[] {
  const images: ImageView[] = [];
  for (const path of [["spec", "kafka", "image"], ["spec", "zookeeper", "image"]]) {
    const image = asString(valueAt(kafka, path));
    if (image) images.push({ image, at: { object: kafka, path } });
  }
  return images;
}

function settingsOf(kafka: K8sObject): Map<string, { value: unknown; at: FieldRef }> {
  const settings = new Map<string, { value: unknown; at: FieldRef }>();
  for (const [key, value] of Object.entries(asRecord(valueAt(kafka, ["spec", "kafka", "config"])))) {
    settings.set(key, { value, at: { object: kafka, path: ["spec", "kafka", "config", key] } });
  }
  return settings;
}

function kafkaView(kafka: K8sObject, bundle: Bundle): StatefulClusterView {
  const components = componentsOf(kafka, bundle);
  const groups = components.map((component) => component.group);
  const storageClasses = components.flatMap((component) => storageClassesOf(component.storagePath.object, component.storagePath.path));
  return {
    object: kafka,
    title: `Kafka "${kafka.name}"`,
    operator: OPERATOR,
    engine: "kafka",
    members: groups,
    backup: undefined,
    replication: undefined,
    proxies: [],
    disruptionBudget: { managedByOperator: true },
    spread: weakestSpread(components.map((component) => component.spread)),
    images: imagesOf(kafka),
    resources: components.map((component) => component.resources),
    references: storageClasses.map(({ name, at }) => ({ kind: "StorageClass" as const, name, purpose: "Kafka storage", optional: false, at })),
    settingsAt: fieldOrParent(kafka, ["spec", "kafka", "config"]),
    settings: settingsOf(kafka),
  };
}

/** Where a member group's storage is written: its node pool's `spec.storage`, or `spec.kafka.storage` / `spec.zookeeper.storage`. */
function storagePathOf(group: MemberGroup): FieldRef {
  const object = group.replicasAt.object;
  if (object.kind === "KafkaNodePool") return { object, path: ["spec", "storage"] };
  return { object, path: ["spec", group.name.endsWith("-zookeeper") ? "zookeeper" : "kafka", "storage"] };
}

/** PVCs of one pod: `data-<pod>` for `persistent-claim`, `data-<id>-<pod>` per persistent JBOD volume; `deleteClaim` defaults to false. */
function claimsOf(storage: FieldRef, pods: readonly string[]): CreatedClaims[] {
  const claim = (volume: Plain, path: FieldPath, prefix: string): CreatedClaims => {
    const size = asString(volume["size"]);
    const storageClass = asString(volume["class"]);
    return {
      purpose: "data",
      names: pods.map((pod) => `${prefix}-${pod}`),
      ...(size !== undefined ? { size } : {}),
      ...(storageClass !== undefined ? { storageClass } : {}),
      keptOnDelete: volume["deleteClaim"] !== true,
      at: { object: storage.object, path },
    };
  };
  const spec = asRecord(valueAt(storage.object, storage.path));
  if (spec["type"] === "persistent-claim") return [claim(spec, storage.path, "data")];
  if (spec["type"] !== "jbod") return [];
  return asArray(spec["volumes"]).flatMap((value, index) => {
    const volume = asRecord(value);
    const id = asInteger(volume["id"]);
    return volume["type"] === "persistent-claim" && id !== undefined ? [claim(volume, childPath(storage.path, "volumes", index), `data-${id}`)] : [];
  });
}

/**
 * Strimzi runs the nodes of each pool as pods `<cluster>-<pool>-<node id>` (node IDs are assigned
 * across pools, from 0, in order, unless a `strimzi.io/next-node-ids` annotation says otherwise),
 * with PVCs `data-<pod>` (`data-<volume id>-<pod>` for JBOD), the Service
 * `<cluster>-kafka-bootstrap` over the brokers and the headless `<cluster>-kafka-brokers` that
 * names every node. ZooKeeper and brokers written inside the Kafka resource are
 * `<cluster>-zookeeper-<n>` and `<cluster>-kafka-<n>`.
 */
function createdObjects(view: StatefulClusterView): CreatedObjects {
  const cluster = view.object.name;
  const brokersService = `${cluster}-kafka-brokers`;
  let nextNodeId = 0;
  const pods: CreatedPods[] = view.members.map((group) => {
    const storage = storagePathOf(group);
    const pooled = storage.object.kind === "KafkaNodePool";
    const names = pooled
      ? Array.from({ length: group.replicas }, () => `${cluster}-${group.name}-${nextNodeId++}`)
      : Array.from({ length: group.replicas }, (_, index) => `${group.name}-${index}`);
    const isKafkaNode = pooled || group.name === `${cluster}-kafka`;
    return { group: group.name, count: names.length, names, ...(isKafkaNode ? { dnsService: brokersService } : {}), claims: claimsOf(storage, names) };
  });
  const kafkaGroups = view.members.filter((group) => !group.roles.includes("zookeeper")).map((group) => group.name);
  const brokerGroups = view.members.filter((group) => group.roles.includes("broker")).map((group) => group.name);
  return {
    pods,
    services: [
      { name: `${cluster}-kafka-bootstrap`, routesTo: "brokers (bootstrap)", groups: brokerGroups, headless: false },
      { name: brokersService, routesTo: "every Kafka node (per-pod DNS)", groups: kafkaGroups, headless: true },
    ],
    workloads: [],
    onDelete: "Strimzi keeps the PVCs after the Kafka is deleted unless a volume sets deleteClaim: true",
  };
}

export const strimziKafkaAdapter: ClusterAdapter = {
  created: createdObjects,
  group: GROUP,
  kinds: ["Kafka", "KafkaNodePool"],
  operator: OPERATOR,
  view(object, bundle) {
    // A node pool is part of its Kafka's view; rules report on the pool through that view.
    return object.kind === "Kafka" ? kafkaView(object, bundle) : undefined;
  },
};
