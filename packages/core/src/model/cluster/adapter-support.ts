import { childPath, formatFieldPath, type FieldPath } from "../../source/path.js";
import type { K8sObject } from "../object.js";
import { asArray, asInteger, asRecord, asString, isRecord, type Plain } from "../values.js";
import type { ClusterReference, FieldRef, MemberGroup, ResourcesView, SpreadView, StatefulClusterView, StorageView } from "./view.js";

/** Small readers and builders the adapters share, so every adapter records the same facts the same way: where a field is, what a pod spec or claim says, references. */

export const HOSTNAME_TOPOLOGY_KEY = "kubernetes.io/hostname";

/** A view of a kind whose engine settings statelint does not read: every such view shares it. */
export const NO_SETTINGS: StatefulClusterView["settings"] = new Map();

/** The value at a path of an object, or undefined. */
export function valueAt(object: K8sObject, path: FieldPath): unknown {
  let value: unknown = object.raw;
  for (const segment of path) {
    if (typeof segment === "number") value = Array.isArray(value) ? value[segment] : undefined;
    else value = isRecord(value) ? value[segment] : undefined;
    if (value === undefined) return undefined;
  }
  return value;
}

/**
 * A field of the object when it is written, else the deepest written mapping on its way: where a
 * missing setting belongs (`spec.router` when `spec.router.instances` is unset).
 */
export function fieldOrParent(object: K8sObject, path: FieldPath): FieldRef {
  for (let length = path.length; length > 0; length--) {
    const prefix = path.slice(0, length);
    const value = valueAt(object, prefix);
    if (value !== undefined && value !== null) return { object, path: prefix };
  }
  return { object, path: [] };
}

/** The first written path of several candidates, else where the first one belongs. */
export function firstWritten(object: K8sObject, paths: readonly FieldPath[]): FieldRef {
  for (const path of paths) {
    const value = valueAt(object, path);
    if (value !== undefined && value !== null) return { object, path };
  }
  return fieldOrParent(object, paths[0] ?? []);
}

type NodeSpread = SpreadView["nodeAntiAffinity"];

const SPREAD_STRENGTH: Readonly<Record<NodeSpread, number>> = { none: 0, preferred: 1, required: 2 };

/** How a pod spec keeps its pods off one node: pod anti-affinity or a spread constraint on the hostname. */
export function nodeSpreadOf(podSpec: Plain): NodeSpread {
  const antiAffinity = asRecord(asRecord(podSpec["affinity"])["podAntiAffinity"]);
  const onHostname = (term: unknown): boolean => asString(asRecord(term)["topologyKey"]) === HOSTNAME_TOPOLOGY_KEY;
  const constraints = asArray(podSpec["topologySpreadConstraints"]).filter(onHostname);
  if (asArray(antiAffinity["requiredDuringSchedulingIgnoredDuringExecution"]).some(onHostname)) return "required";
  if (constraints.some((constraint) => asString(asRecord(constraint)["whenUnsatisfiable"]) !== "ScheduleAnyway")) return "required";
  const preferred = asArray(antiAffinity["preferredDuringSchedulingIgnoredDuringExecution"]).some((term) => onHostname(asRecord(term)["podAffinityTerm"]));
  return preferred || constraints.length > 0 ? "preferred" : "none";
}

/** The weakest spreading of several member groups: the cluster is only as spread as its least spread group. */
export function weakestSpread(spreads: readonly SpreadView[]): SpreadView | undefined {
  let weakest: SpreadView | undefined;
  for (const spread of spreads) {
    if (!weakest || SPREAD_STRENGTH[spread.nodeAntiAffinity] < SPREAD_STRENGTH[weakest.nodeAntiAffinity]) weakest = spread;
  }
  return weakest;
}

/** Spreading from a pod spec the user wrote at `podSpecPath`; reported at its `affinity`, or where that belongs. */
export function podSpecSpread(object: K8sObject, podSpecPath: FieldPath): SpreadView {
  const podSpec = asRecord(valueAt(object, podSpecPath));
  return {
    nodeAntiAffinity: nodeSpreadOf(podSpec),
    managedByOperator: false,
    at: firstWritten(object, [childPath(podSpecPath, "affinity"), childPath(podSpecPath, "topologySpreadConstraints")]),
  };
}

function hasMemory(list: unknown): boolean {
  const memory = asRecord(list)["memory"];
  return memory !== undefined && memory !== null && memory !== "";
}

/** Memory request and limit written in a `resources` block. */
export function memoryOf(resources: unknown): { memoryRequest: boolean; memoryLimit: boolean } {
  const record = asRecord(resources);
  return { memoryRequest: hasMemory(record["requests"]), memoryLimit: hasMemory(record["limits"]) };
}

/** The named container of a pod spec written at `podSpecPath`, with its path. */
export function namedContainer(object: K8sObject, podSpecPath: FieldPath, name: string): { container: Plain; path: FieldPath } | undefined {
  const containers = asArray(asRecord(valueAt(object, podSpecPath))["containers"]);
  const index = containers.findIndex((container) => asString(asRecord(container)["name"]) === name);
  return index === -1 ? undefined : { container: asRecord(containers[index]), path: childPath(podSpecPath, "containers", index) };
}

/** Memory settings of a named container of a pod spec; when the container or its `resources` is not written, where they belong. */
export function containerResources(object: K8sObject, podSpecPath: FieldPath, name: string, label: string): ResourcesView {
  const container = namedContainer(object, podSpecPath, name);
  if (!container || container.container["resources"] === undefined) {
    const missingField = container ? formatFieldPath(childPath(container.path, "resources")) : `${formatFieldPath(childPath(podSpecPath, "containers"))}[name=${name}].resources`;
    return { name: label, memoryRequest: false, memoryLimit: false, at: container ? { object, path: childPath(container.path, "name") } : fieldOrParent(object, podSpecPath), missingField };
  }
  return { name: label, ...memoryOf(container.container["resources"]), at: { object, path: childPath(container.path, "resources") } };
}

/** Images written in the containers of a pod spec. */
export function podSpecImages(object: K8sObject, podSpecPath: FieldPath): { image: string; at: FieldRef }[] {
  const podSpec = asRecord(valueAt(object, podSpecPath));
  const images: { image: string; at: FieldRef }[] = [];
  for (const field of ["initContainers", "containers"]) {
    asArray(podSpec[field]).forEach((container, index) => {
      const image = asString(asRecord(container)["image"]);
      if (image) images.push({ image, at: { object, path: childPath(podSpecPath, field, index, "image") } });
    });
  }
  return images;
}

/**
 * Storage of a PersistentVolumeClaim spec written at `claimSpecPath` (size, StorageClass); `spec`
 * when the caller holds it already. Literals of each shape rather than spreads of optional fields:
 * properties after a spread are defined one by one, the slow way, in every view.
 */
export function claimStorage(object: K8sObject, claimSpecPath: FieldPath, at: FieldRef, spec: unknown = valueAt(object, claimSpecPath)): StorageView {
  const claim = asRecord(spec);
  const size = asString(asRecord(asRecord(claim["resources"])["requests"])["storage"]);
  const className = asString(claim["storageClassName"]);
  const storageClass = className ? { name: className, at: fieldRef(object, childPath(claimSpecPath, "storageClassName")) } : undefined;
  if (size !== undefined) return storageClass ? { kind: "persistent", size, storageClass, at } : { kind: "persistent", size, at };
  return storageClass ? { kind: "persistent", storageClass, at } : { kind: "persistent", at };
}

/** The StorageClass references of member groups, for the reference rules. */
export function storageClassReferences(groups: readonly MemberGroup[], purpose: string): ClusterReference[] {
  const references: ClusterReference[] = [];
  for (const group of groups) {
    const storageClass = group.storage?.storageClass;
    if (storageClass) references.push({ kind: "StorageClass", name: storageClass.name, purpose, optional: false, at: storageClass.at });
  }
  return references;
}

/** A Secret or ConfigMap named by a string field, when that field is written. */
export function namedReference(
  object: K8sObject,
  path: FieldPath,
  kind: "Secret" | "ConfigMap",
  purpose: string,
  key?: { readonly name: string; readonly at?: FieldRef },
): ClusterReference | undefined {
  const name = asString(valueAt(object, path));
  if (!name) return undefined;
  return {
    kind,
    name,
    purpose,
    ...(key ? { key: key.name } : {}),
    ...(key?.at ? { keyAt: key.at } : {}),
    optional: false,
    at: { object, path },
  };
}

/** `<prefix>-<n>` for n from `start`: how operators name the pods of a group (`orders-db-1`, `catalog-0`). */
export function numberedNames(prefix: string, count: number, start = 0): string[] {
  return Array.from({ length: Math.max(0, count) }, (_, index) => `${prefix}-${start + index}`);
}

export function fieldRef(object: K8sObject, path: FieldPath): FieldRef {
  return { object, path };
}

/** Memory request and limit of a `resources` block at `path` (absent or not). */
export function resourcesAt(object: K8sObject, path: FieldPath, resources: unknown, name: string): ResourcesView {
  const record = asRecord(resources);
  return { name, memoryRequest: hasMemory(record["requests"]), memoryLimit: hasMemory(record["limits"]), at: fieldRef(object, path) };
}

/** A `{ name }` reference to a Secret (`superuserSecret`, `bootstrap.initdb.secret`) at `path`. */
export function secretNameAt(object: K8sObject, path: FieldPath, value: unknown, purpose: string): ClusterReference[] {
  const name = asString(asRecord(value)["name"]);
  return name ? [{ kind: "Secret", name, purpose, optional: false, at: fieldRef(object, childPath(path, "name")) }] : [];
}

/** A `{ name, key }` selector of one Secret key (CloudNativePG's S3 credentials) at `path`. */
export function secretKeyAt(object: K8sObject, path: FieldPath, value: unknown, purpose: string): ClusterReference[] {
  const record: Plain = asRecord(value);
  const name = asString(record["name"]);
  if (!name) return [];
  const key = asString(record["key"]);
  return [{
    kind: "Secret",
    name,
    purpose,
    ...(key !== undefined ? { key, keyAt: fieldRef(object, childPath(path, "key")) } : {}),
    optional: record["optional"] === true,
    at: fieldRef(object, childPath(path, "name")),
  }];
}

/** A StorageClass named by a string field at `path`. */
export function storageClassAt(object: K8sObject, path: FieldPath, value: unknown, purpose: string): ClusterReference[] {
  const name = asString(value);
  return name ? [{ kind: "StorageClass", name, purpose, optional: false, at: fieldRef(object, path) }] : [];
}

/** Objects of a kind and API group in a namespace whose `spec.cluster.name` names the cluster (CloudNativePG's links). */
export function linkedByClusterName(objects: readonly K8sObject[], group: string, cluster: string): K8sObject[] {
  return objects.filter((object) => object.group === group && asString(asRecord(asRecord(object.raw["spec"])["cluster"])["name"]) === cluster);
}

/**
 * The one member group of a PostgreSQL cluster that writes its instance count and its volume
 * (`size`, `storageClass`) directly under `spec`: CloudNativePG `instances`/`storage`, Zalando
 * `numberOfInstances`/`volume`. Both operators default the count to 1.
 */
export function instancesGroup(object: K8sObject, countField: string, volumeField: string): MemberGroup {
  const spec = asRecord(object.raw["spec"]);
  const declared = asInteger(spec[countField]);
  const volume = asRecord(spec[volumeField]);
  const size = asString(volume["size"]);
  const storageClass = asString(volume["storageClass"]);
  return {
    name: object.name,
    roles: ["database"],
    replicas: declared ?? 1,
    replicasDeclared: declared !== undefined,
    replicasAt: fieldRef(object, declared !== undefined ? ["spec", countField] : ["spec"]),
    storage: {
      kind: "persistent",
      ...(size !== undefined ? { size } : {}),
      ...(storageClass ? { storageClass: { name: storageClass, at: fieldRef(object, ["spec", volumeField, "storageClass"]) } } : {}),
      at: fieldRef(object, isRecord(spec[volumeField]) ? ["spec", volumeField] : ["spec"]),
    },
  };
}
