import type { FieldPath } from "../../source/path.js";
import type { K8sObject } from "../object.js";
import { asRecord, asString, type Plain } from "../values.js";
import type { ClusterReference, FieldRef, ResourcesView } from "./view.js";

// Small builders the adapters share, so every adapter records the same facts the same way.

export function fieldRef(object: K8sObject, path: FieldPath): FieldRef {
  return { object, path };
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** Memory request and limit of a `resources` block at `path` (absent or not). */
export function resourcesAt(object: K8sObject, path: FieldPath, resources: unknown, name: string): ResourcesView {
  const record = asRecord(resources);
  return {
    name,
    memoryRequest: isSet(asRecord(record["requests"])["memory"]),
    memoryLimit: isSet(asRecord(record["limits"])["memory"]),
    at: fieldRef(object, path),
  };
}

/** A `{ name }` reference to a Secret (`superuserSecret`, `bootstrap.initdb.secret`) at `path`. */
export function secretNameAt(object: K8sObject, path: FieldPath, value: unknown, purpose: string): ClusterReference[] {
  const name = asString(asRecord(value)["name"]);
  return name ? [{ kind: "Secret", name, purpose, optional: false, at: fieldRef(object, [...path, "name"]) }] : [];
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
    ...(key !== undefined ? { key, keyAt: fieldRef(object, [...path, "key"]) } : {}),
    optional: record["optional"] === true,
    at: fieldRef(object, [...path, "name"]),
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
