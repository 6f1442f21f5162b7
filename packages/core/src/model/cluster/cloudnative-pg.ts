import type { Bundle } from "../../graph/bundle.js";
import { childPath } from "../../source/path.js";
import type { K8sObject } from "../object.js";
import { asArray, asInteger, asRecord, asString, isRecord, type Plain } from "../values.js";
import { fieldRef, instancesGroup, linkedByClusterName, numberedNames, resourcesAt, secretKeyAt, secretNameAt, storageClassAt } from "./adapter-support.js";
import type {
  BackupDestination, ClusterAdapter, ClusterReference, CreatedClaims, CreatedObjects, CreatedService, ProxyView, ReplicationView, SpreadView, StatefulClusterView,
} from "./view.js";

const GROUP = "postgresql.cnpg.io";
const HOSTNAME = "kubernetes.io/hostname";
/** The Barman Cloud plugin (CNPG-I) that archives WAL and base backups to object storage. */
const BARMAN_CLOUD_PLUGIN = "barman-cloud.cloudnative-pg.io";

/** Secret selectors of a Barman object store's credentials, by provider. */
const OBJECT_STORE_CREDENTIALS: readonly (readonly [string, readonly string[]])[] = [
  ["s3Credentials", ["accessKeyId", "secretAccessKey", "sessionToken", "region"]],
  ["azureCredentials", ["connectionString", "storageAccount", "storageKey", "storageSasToken"]],
  ["googleCredentials", ["applicationCredentials"]],
];

function objectStoreReferences(object: K8sObject, path: readonly (string | number)[], store: Plain): ClusterReference[] {
  return OBJECT_STORE_CREDENTIALS.flatMap(([provider, selectors]) => {
    const credentials = asRecord(store[provider]);
    return selectors.flatMap((selector) => secretKeyAt(object, childPath(path, provider, selector), credentials[selector], "backup credentials"));
  });
}

function references(object: K8sObject, spec: Plain): ClusterReference[] {
  const bootstrap = asRecord(spec["bootstrap"]);
  const result: ClusterReference[] = [
    ...secretNameAt(object, ["spec", "superuserSecret"], spec["superuserSecret"], "superuser credentials"),
    ...["initdb", "recovery", "pg_basebackup"].flatMap((method) =>
      secretNameAt(object, ["spec", "bootstrap", method, "secret"], asRecord(bootstrap[method])["secret"], "application user credentials"),
    ),
    ...objectStoreReferences(object, ["spec", "backup", "barmanObjectStore"], asRecord(asRecord(spec["backup"])["barmanObjectStore"])),
    ...storageClassAt(object, ["spec", "storage", "storageClass"], asRecord(spec["storage"])["storageClass"], "data volumes"),
    ...storageClassAt(object, ["spec", "walStorage", "storageClass"], asRecord(spec["walStorage"])["storageClass"], "WAL volumes"),
  ];
  asArray(spec["externalClusters"]).forEach((value, index) => {
    const external = asRecord(value);
    const path = ["spec", "externalClusters", index];
    result.push(...secretKeyAt(object, childPath(path, "password"), external["password"], "external cluster password"));
    result.push(...objectStoreReferences(object, childPath(path, "barmanObjectStore"), asRecord(external["barmanObjectStore"])));
  });
  return result;
}

/** Where the cluster's backups go: its own `backup` section, the Barman Cloud plugin, and the linked Backup/ScheduledBackup objects. */
function backupDestinations(object: K8sObject, spec: Plain, linked: readonly K8sObject[]): BackupDestination[] {
  const backup = asRecord(spec["backup"]);
  const result: BackupDestination[] = [];
  if (isRecord(backup["barmanObjectStore"])) result.push({ kind: "object-store", offsite: true, at: fieldRef(object, ["spec", "backup", "barmanObjectStore"]) });
  if (isRecord(backup["volumeSnapshot"])) result.push({ kind: "snapshot", offsite: false, at: fieldRef(object, ["spec", "backup", "volumeSnapshot"]) });
  asArray(spec["plugins"]).forEach((plugin, index) => {
    if (asString(asRecord(plugin)["name"]) === BARMAN_CLOUD_PLUGIN) result.push({ kind: "object-store", offsite: true, at: fieldRef(object, ["spec", "plugins", index]) });
  });
  for (const backupObject of linked) {
    const method = asString(asRecord(backupObject.raw["spec"])["method"]);
    if (method === "volumeSnapshot") result.push({ kind: "snapshot", offsite: false, at: fieldRef(backupObject, ["spec", "method"]) });
  }
  return result;
}

/** CloudNativePG prefers spreading instances over nodes unless `affinity.enablePodAntiAffinity: false` (documented default: true, preferred). */
function spreadOf(object: K8sObject, spec: Plain): SpreadView {
  const affinity = asRecord(spec["affinity"]);
  if (affinity["enablePodAntiAffinity"] !== false) {
    const at = affinity["enablePodAntiAffinity"] !== undefined ? ["spec", "affinity", "enablePodAntiAffinity"] : isRecord(spec["affinity"]) ? ["spec", "affinity"] : ["spec"];
    return { nodeAntiAffinity: asString(affinity["podAntiAffinityType"]) === "required" ? "required" : "preferred", managedByOperator: true, at: fieldRef(object, at) };
  }
  const additional = asRecord(affinity["additionalPodAntiAffinity"]);
  const onHostname = (term: unknown) => asString(asRecord(term)["topologyKey"]) === HOSTNAME;
  const required = asArray(additional["requiredDuringSchedulingIgnoredDuringExecution"]).some(onHostname);
  const preferred =
    asArray(additional["preferredDuringSchedulingIgnoredDuringExecution"]).some((term) => onHostname(asRecord(term)["podAffinityTerm"])) ||
    asArray(spec["topologySpreadConstraints"]).some(onHostname);
  return {
    nodeAntiAffinity: required ? "required" : preferred ? "preferred" : "none",
    managedByOperator: false,
    at: fieldRef(object, ["spec", "affinity", "enablePodAntiAffinity"]),
  };
}

/** Synchronous replication: `minSyncReplicas` > 0 (the legacy form) or a `postgresql.synchronous` section. */
function replicationOf(object: K8sObject, spec: Plain): ReplicationView {
  const enableWith = "spec.postgresql.synchronous (method and number) or spec.minSyncReplicas";
  const postgresql = asRecord(spec["postgresql"]);
  if (isRecord(postgresql["synchronous"])) {
    const number = asInteger(postgresql["synchronous"]["number"]);
    return { synchronous: number === undefined || number > 0, at: fieldRef(object, ["spec", "postgresql", "synchronous"]), enableWith };
  }
  const minSync = asInteger(spec["minSyncReplicas"]);
  // `minSyncReplicas` defaults to 0: replicas are asynchronous unless asked otherwise.
  if (minSync !== undefined) return { synchronous: minSync > 0, at: fieldRef(object, ["spec", "minSyncReplicas"]), enableWith };
  return { synchronous: false, at: fieldRef(object, ["spec"]), enableWith };
}

function poolerView(pooler: K8sObject): ProxyView {
  const spec = asRecord(pooler.raw["spec"]);
  const declared = asInteger(spec["instances"]);
  return {
    name: `PgBouncer Pooler "${pooler.name}"`,
    // The Pooler's `instances` defaults to 1.
    instances: declared ?? 1,
    instancesDeclared: declared !== undefined,
    at: fieldRef(pooler, declared !== undefined ? ["spec", "instances"] : ["spec"]),
  };
}

function clusterView(object: K8sObject, bundle: Bundle): StatefulClusterView {
  const spec = asRecord(object.raw["spec"]);
  const backups = [...bundle.ofKind("ScheduledBackup", object.namespace), ...bundle.ofKind("Backup", object.namespace)];
  const linkedBackups = linkedByClusterName(backups, GROUP, object.name);
  const destinations = backupDestinations(object, spec, linkedBackups);
  const replica = asRecord(spec["replica"]);
  const enablePDB = spec["enablePDB"];
  const imageName = asString(spec["imageName"]);
  const parameters = asRecord(asRecord(spec["postgresql"])["parameters"]);
  return {
    object,
    title: `CloudNativePG Cluster "${object.name}"`,
    operator: "CloudNativePG",
    engine: "postgres",
    members: [instancesGroup(object, "instances", "storage")],
    backup: {
      configured: destinations.length > 0 || linkedBackups.length > 0,
      destinations,
      at: fieldRef(object, isRecord(spec["backup"]) ? ["spec", "backup"] : ["spec"]),
      standbyElsewhere: replica["enabled"] === true || asString(replica["source"]) !== undefined || asArray(spec["externalClusters"]).length > 0,
      enableWith: "spec.backup.barmanObjectStore (or the Barman Cloud plugin) and a ScheduledBackup",
      offsiteWith: "spec.backup.barmanObjectStore (or the Barman Cloud plugin), or a replica cluster in another region (spec.replica)",
    },
    replication: replicationOf(object, spec),
    proxies: linkedByClusterName(bundle.ofKind("Pooler", object.namespace), GROUP, object.name).map(poolerView),
    disruptionBudget: { managedByOperator: enablePDB !== false, ...(enablePDB === false ? { disabledAt: fieldRef(object, ["spec", "enablePDB"]) } : {}) },
    spread: spreadOf(object, spec),
    // Without `imageName` the operator runs the PostgreSQL image it was built with, pinned by the operator release.
    images: imageName ? [{ image: imageName, name: "postgres", at: fieldRef(object, ["spec", "imageName"]) }] : [],
    resources: [resourcesAt(object, ["spec", "resources"], spec["resources"], "postgres")],
    references: references(object, spec),
    settings: new Map(Object.entries(parameters).map(([key, value]) => [key, { value, at: fieldRef(object, ["spec", "postgresql", "parameters", key]) }])),
  };
}

/** The default Services a user can switch off (`spec.managed.services.disabledDefaultServices`); `rw` always exists. */
const DEFAULT_SERVICES: readonly (readonly [suffix: string, routesTo: string])[] = [["rw", "primary"], ["ro", "replicas"], ["r", "any instance"]];

/**
 * CloudNativePG runs each instance as a pod it manages itself (no StatefulSet): pod and PVC
 * `<cluster>-<serial>` from 1, plus `<cluster>-<serial>-wal` with `walStorage` (docs: Storage,
 * Instance Manager). The Services `<cluster>-rw`, `-ro` and `-r` (docs: Service Management); a
 * Pooler runs a Deployment and a Service named after the Pooler (docs: Connection Pooling), made
 * from the Pooler, which outlives its Cluster.
 */
function createdObjects(view: StatefulClusterView, bundle: Bundle): CreatedObjects {
  const object = view.object;
  const spec = asRecord(object.raw["spec"]);
  const instances = view.members[0]?.replicas ?? 1;
  const pods = numberedNames(object.name, instances, 1);
  const volume = (key: "storage" | "walStorage", purpose: string, suffix: string): CreatedClaims => {
    const storage = asRecord(spec[key]);
    const size = asString(storage["size"]);
    const storageClass = asString(storage["storageClass"]);
    return {
      purpose,
      names: pods.map((pod) => `${pod}${suffix}`),
      ...(size !== undefined ? { size } : {}),
      ...(storageClass !== undefined ? { storageClass } : {}),
      keptOnDelete: false,
      at: fieldRef(object, isRecord(spec[key]) ? ["spec", key] : ["spec"]),
    };
  };
  const claims = [volume("storage", "data", ""), ...(isRecord(spec["walStorage"]) ? [volume("walStorage", "WAL", "-wal")] : [])];
  const disabled = new Set(asArray(asRecord(asRecord(spec["managed"])["services"])["disabledDefaultServices"]).map(String));
  const services: CreatedService[] = DEFAULT_SERVICES.filter(([suffix]) => !disabled.has(suffix)).map(([suffix, routesTo]) => ({
    name: `${object.name}-${suffix}`,
    routesTo,
    groups: [object.name],
    headless: false,
  }));
  const poolers = linkedByClusterName(bundle.ofKind("Pooler", object.namespace), GROUP, object.name);
  for (const pooler of poolers) {
    const type = asString(asRecord(pooler.raw["spec"])["type"]) ?? "rw";
    services.push({ name: pooler.name, routesTo: `PgBouncer (${type})`, groups: [], workload: pooler.name, headless: false, createdFrom: pooler });
  }
  return {
    pods: [{ group: object.name, count: pods.length, names: pods, claims }],
    services,
    workloads: poolers.map((pooler) => ({ kind: "Deployment" as const, name: pooler.name, purpose: "PgBouncer", replicas: asInteger(asRecord(pooler.raw["spec"])["instances"]) ?? 1, createdFrom: pooler })),
    onDelete: "the operator deletes the PVCs with the Cluster (they are owned by it); a PersistentVolume outlives its PVC only when its StorageClass's reclaimPolicy is Retain. A Pooler is not deleted with its Cluster",
  };
}

export const cloudNativePgAdapter: ClusterAdapter = {
  group: GROUP,
  kinds: ["Cluster"],
  operator: "CloudNativePG",
  view: (object, bundle) => clusterView(object, bundle),
  created: createdObjects,
};
