import { childPath, type FieldPath } from "../../source/path.js";
import type { K8sObject } from "../object.js";
import { asArray, asInteger, asRecord, asString, isRecord, type Plain } from "../values.js";
import type { BackupDestination, ClusterAdapter, ClusterReference, CreatedObjects, CreatedService, MemberGroup, ProxyView, SpreadView, StatefulClusterView } from "./view.js";
import { fieldRef, resourcesAt, secretNameAt, storageClassAt } from "./adapter-support.js";

const HOSTNAME = "kubernetes.io/hostname";
/** pgBackRest repository types that leave the Kubernetes cluster. */
const OFFSITE_REPOS = ["s3", "gcs", "azure"];

function setName(set: Plain, index: number): string {
  return asString(set["name"]) ?? `instances[${index}]`;
}

/**
 * How one instance set is spread over nodes. PGO adds its own preferred topology spread
 * constraints on `kubernetes.io/hostname` and the zone when the set declares none (PGO 5.1 and
 * later); a set that declares its own constraints replaces them, so those must name the hostname.
 */
function spreadOf(object: K8sObject, set: Plain, path: FieldPath): SpreadView {
  const antiAffinity = asRecord(asRecord(set["affinity"])["podAntiAffinity"]);
  const onHostname = (term: unknown) => asString(asRecord(term)["topologyKey"]) === HOSTNAME;
  if (asArray(antiAffinity["requiredDuringSchedulingIgnoredDuringExecution"]).some(onHostname)) {
    return { nodeAntiAffinity: "required", managedByOperator: false, at: fieldRef(object, childPath(path, "affinity")) };
  }
  const constraints = set["topologySpreadConstraints"];
  const preferred =
    asArray(antiAffinity["preferredDuringSchedulingIgnoredDuringExecution"]).some((term) => onHostname(asRecord(term)["podAffinityTerm"])) ||
    asArray(constraints).some(onHostname);
  if (preferred) return { nodeAntiAffinity: "preferred", managedByOperator: false, at: fieldRef(object, childPath(path, isRecord(set["affinity"]) ? "affinity" : "topologySpreadConstraints")) };
  if (Array.isArray(constraints)) return { nodeAntiAffinity: "none", managedByOperator: false, at: fieldRef(object, childPath(path, "topologySpreadConstraints")) };
  return { nodeAntiAffinity: "preferred", managedByOperator: true, at: fieldRef(object, path) };
}

function memberGroups(object: K8sObject, spec: Plain): MemberGroup[] {
  return asArray(spec["instances"]).map((value, index) => {
    const set = asRecord(value);
    const path = ["spec", "instances", index];
    const declared = asInteger(set["replicas"]);
    const claim = asRecord(set["dataVolumeClaimSpec"]);
    const storageClass = asString(claim["storageClassName"]);
    const size = asString(asRecord(asRecord(claim["resources"])["requests"])["storage"]);
    return {
      name: setName(set, index),
      roles: ["database"],
      // An instance set's `replicas` defaults to 1.
      replicas: declared ?? 1,
      replicasDeclared: declared !== undefined,
      replicasAt: fieldRef(object, declared !== undefined ? childPath(path, "replicas") : path),
      storage: {
        kind: "persistent",
        ...(size !== undefined ? { size } : {}),
        ...(storageClass ? { storageClass: { name: storageClass, at: fieldRef(object, childPath(path, "dataVolumeClaimSpec", "storageClassName")) } } : {}),
        at: fieldRef(object, childPath(path, "dataVolumeClaimSpec")),
      },
      spread: spreadOf(object, set, path),
    };
  });
}

function repos(spec: Plain): readonly unknown[] {
  return asArray(asRecord(asRecord(spec["backups"])["pgbackrest"])["repos"]);
}

function backupDestinations(object: K8sObject, spec: Plain): BackupDestination[] {
  const result: BackupDestination[] = repos(spec).map((value, index) => {
    const repo = asRecord(value);
    const type = OFFSITE_REPOS.find((candidate) => isRecord(repo[candidate]));
    const at = fieldRef(object, ["spec", "backups", "pgbackrest", "repos", index]);
    if (type) return { kind: "object-store", offsite: true, at };
    return { kind: isRecord(repo["volume"]) ? "volume" : "unknown", offsite: false, at };
  });
  if (isRecord(asRecord(spec["backups"])["snapshots"])) result.push({ kind: "snapshot", offsite: false, at: fieldRef(object, ["spec", "backups", "snapshots"]) });
  return result;
}

/** A projected-volume source list (`backups.pgbackrest.configuration`, `config.files`): its Secrets. */
function projectedSecrets(object: K8sObject, path: FieldPath, sources: unknown, purpose: string): ClusterReference[] {
  return asArray(sources).flatMap((source, index) => secretNameAt(object, childPath(path, index, "secret"), asRecord(source)["secret"], purpose));
}

function references(object: K8sObject, spec: Plain): ClusterReference[] {
  const pgbackrest = asRecord(asRecord(spec["backups"])["pgbackrest"]);
  const result: ClusterReference[] = [
    ...secretNameAt(object, ["spec", "customTLSSecret"], spec["customTLSSecret"], "server TLS certificate"),
    ...secretNameAt(object, ["spec", "customReplicationTLSSecret"], spec["customReplicationTLSSecret"], "replication TLS certificate"),
    ...projectedSecrets(object, ["spec", "backups", "pgbackrest", "configuration"], pgbackrest["configuration"], "pgBackRest configuration"),
    ...projectedSecrets(object, ["spec", "config", "files"], asRecord(spec["config"])["files"], "configuration files"),
  ];
  asArray(spec["instances"]).forEach((value, index) => {
    const set = asRecord(value);
    const path = ["spec", "instances", index];
    result.push(...storageClassAt(object, childPath(path, "dataVolumeClaimSpec", "storageClassName"), asRecord(set["dataVolumeClaimSpec"])["storageClassName"], `data volumes of instance set "${setName(set, index)}"`));
    result.push(...storageClassAt(object, childPath(path, "walVolumeClaimSpec", "storageClassName"), asRecord(set["walVolumeClaimSpec"])["storageClassName"], `WAL volumes of instance set "${setName(set, index)}"`));
  });
  repos(spec).forEach((value, index) => {
    const claim = asRecord(asRecord(asRecord(value)["volume"])["volumeClaimSpec"]);
    result.push(...storageClassAt(object, ["spec", "backups", "pgbackrest", "repos", index, "volume", "volumeClaimSpec", "storageClassName"], claim["storageClassName"], "pgBackRest repository volume"));
  });
  return result;
}

function proxiesOf(object: K8sObject, spec: Plain): ProxyView[] {
  const pgBouncer = asRecord(spec["proxy"])["pgBouncer"];
  if (!isRecord(pgBouncer)) return [];
  const declared = asInteger(pgBouncer["replicas"]);
  return [{
    name: "PgBouncer (spec.proxy.pgBouncer)",
    // `proxy.pgBouncer.replicas` defaults to 1.
    instances: declared ?? 1,
    instancesDeclared: declared !== undefined,
    at: fieldRef(object, declared !== undefined ? ["spec", "proxy", "pgBouncer", "replicas"] : ["spec", "proxy", "pgBouncer"]),
  }];
}

function clusterView(object: K8sObject): StatefulClusterView {
  const spec = asRecord(object.raw["spec"]);
  const destinations = backupDestinations(object, spec);
  const dynamic = asRecord(asRecord(spec["patroni"])["dynamicConfiguration"]);
  const synchronousMode = dynamic["synchronous_mode"];
  const image = asString(spec["image"]);
  const standby = asRecord(spec["standby"]);
  return {
    object,
    title: `Crunchy PGO PostgresCluster "${object.name}"`,
    operator: "Crunchy PGO",
    engine: "postgres",
    members: memberGroups(object, spec),
    backup: {
      configured: destinations.length > 0,
      destinations,
      at: fieldRef(object, isRecord(spec["backups"]) ? ["spec", "backups"] : ["spec"]),
      standbyElsewhere: standby["enabled"] === true,
      enableWith: "spec.backups.pgbackrest.repos",
      offsiteWith: "an s3, gcs or azure repo in spec.backups.pgbackrest.repos, or a standby cluster in another region (spec.standby)",
    },
    replication: {
      synchronous: synchronousMode === true || synchronousMode === "on" || synchronousMode === "true",
      enableWith: "spec.patroni.dynamicConfiguration.synchronous_mode: true",
      at: fieldRef(object, synchronousMode !== undefined ? ["spec", "patroni", "dynamicConfiguration", "synchronous_mode"] : isRecord(spec["patroni"]) ? ["spec", "patroni"] : ["spec"]),
    },
    proxies: proxiesOf(object, spec),
    // PGO creates a PodDisruptionBudget for every instance set (and PgBouncer) with more than one replica.
    disruptionBudget: { managedByOperator: true },
    spread: undefined,
    // Without `image` PGO runs the images of its own release (RELATED_IMAGE_* of the operator).
    images: image ? [{ image, name: "postgres", at: fieldRef(object, ["spec", "image"]) }] : [],
    resources: asArray(spec["instances"]).map((value, index) =>
      resourcesAt(object, ["spec", "instances", index, "resources"], asRecord(value)["resources"], `instance set "${setName(asRecord(value), index)}"`),
    ),
    references: references(object, spec),
    settings: new Map(Object.entries(dynamic).map(([key, value]) => [key, { value, at: fieldRef(object, ["spec", "patroni", "dynamicConfiguration", key]) }])),
  };
}

/**
 * PGO runs each instance set as StatefulSets of one pod each whose names it generates
 * (`<cluster>-<set>-<random>-0`): the pods are drawn as a count, not by name. The Services are
 * documented: `<cluster>-primary` (the primary), `<cluster>-replicas`, and `<cluster>-pgbouncer`
 * with `spec.proxy.pgBouncer` (a Deployment of the same name).
 */
function createdObjects(view: StatefulClusterView): CreatedObjects {
  const object = view.object;
  const groups = view.members.map((group) => group.name);
  const pgBouncer = view.proxies[0];
  const services: CreatedService[] = [
    { name: `${object.name}-primary`, routesTo: "primary", groups, headless: true },
    { name: `${object.name}-replicas`, routesTo: "replicas", groups, headless: false },
    ...(pgBouncer ? [{ name: `${object.name}-pgbouncer`, routesTo: "PgBouncer", groups: [], workload: `${object.name}-pgbouncer`, headless: false }] : []),
  ];
  return {
    pods: view.members.map((group) => ({
      group: group.name,
      count: group.replicas,
      names: [],
      generatedName: `${object.name}-${group.name}-<random>-0`,
      claims: [],
    })),
    services,
    workloads: pgBouncer ? [{ kind: "Deployment", name: `${object.name}-pgbouncer`, purpose: "PgBouncer", replicas: pgBouncer.instances }] : [],
    onDelete: "PGO deletes the PVCs with the PostgresCluster; a PersistentVolume outlives its PVC only when its StorageClass's reclaimPolicy is Retain",
  };
}

export const crunchyPgoAdapter: ClusterAdapter = {
  group: "postgres-operator.crunchydata.com",
  kinds: ["PostgresCluster"],
  operator: "Crunchy PGO",
  view: (object) => clusterView(object),
  created: createdObjects,
};
