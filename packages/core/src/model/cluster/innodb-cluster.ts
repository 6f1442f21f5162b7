import { childPath, type FieldPath } from "../../source/path.js";
import type { K8sObject } from "../object.js";
import { asArray, asInteger, asRecord, asString, isRecord } from "../values.js";
import {
  claimStorage, containerResources, fieldOrParent, namedReference, NO_SETTINGS, numberedNames, podSpecImages, podSpecSpread, storageClassReferences, valueAt,
} from "./adapter-support.js";
import type { BackupDestination, BackupView, ClusterAdapter, ClusterReference, CreatedObjects, ImageView, MemberGroup, ProxyView, StatefulClusterView } from "./view.js";

/*
 * Oracle MySQL Operator (`mysql.oracle.com/v2` InnoDBCluster), as its CRD (deploy/deploy-crds.yaml)
 * and controller define it:
 * - `instances` (1 to 9, default 1) Group Replication members; the operator always creates a
 *   PodDisruptionBudget (`maxUnavailable: 1`) and adds no pod anti-affinity of its own.
 * - `router.instances` (default 1) MySQL Router pods; 0 deploys none.
 * - `backupSchedules[]` run `backupProfiles` (by `backupProfileName`, or inline `backupProfile`);
 *   a profile dumps to a PersistentVolumeClaim (stays in the cluster) or to OCI Object Storage,
 *   S3 or Azure Blob Storage (off-site). A schedule with `enabled: false` backs nothing up.
 * - `secretName` holds the root account: `rootPassword` is required, `rootUser` and `rootHost` default.
 * - The data directory is always a claim (the operator's template, 2Gi, patched by `datadirVolumeClaimTemplate`).
 *
 * Replication: Group Replication certifies every transaction with a majority of the members before
 * the commit returns (Paxos), so an acknowledged commit is on a majority and a failover to a
 * secondary loses none of them. That is what `synchronous` means in the view, and it holds for
 * every InnoDB Cluster; `readReplicas` are asynchronous extras and are not members of the group.
 */

const OPERATOR = "MySQL Operator";
const DEFAULT_REGISTRY = "container-registry.oracle.com/mysql";
/** Off-site dump destinations of a backup profile's `storage`. */
const OBJECT_STORES = ["ociObjectStorage", "s3", "azure"] as const;
/** The Secret each object store names for its credentials. */
const CREDENTIALS_FIELD: Readonly<Record<(typeof OBJECT_STORES)[number], string>> = { ociObjectStorage: "credentials", s3: "config", azure: "config" };

function members(object: K8sObject): MemberGroup {
  const instances = asInteger(valueAt(object, ["spec", "instances"]));
  return {
    name: object.name,
    roles: ["database", "voter"],
    replicas: instances ?? 1,
    replicasDeclared: instances !== undefined,
    replicasAt: fieldOrParent(object, ["spec", "instances"]),
    storage: claimStorage(object, ["spec", "datadirVolumeClaimTemplate"], fieldOrParent(object, ["spec", "datadirVolumeClaimTemplate"])),
    podLabels: { component: "mysqld", tier: "mysql", "mysql.oracle.com/cluster": object.name },
  };
}

/** Where a backup profile (inline or named) is written. */
function profilePath(object: K8sObject, schedule: Readonly<Record<string, unknown>>, schedulePath: FieldPath): FieldPath | undefined {
  if (isRecord(schedule["backupProfile"])) return childPath(schedulePath, "backupProfile");
  const name = asString(schedule["backupProfileName"]);
  if (!name) return undefined;
  const index = asArray(valueAt(object, ["spec", "backupProfiles"])).findIndex((profile) => asString(asRecord(profile)["name"]) === name);
  return index === -1 ? undefined : ["spec", "backupProfiles", index];
}

function destinationsOf(object: K8sObject, profile: FieldPath): BackupDestination[] {
  const destinations: BackupDestination[] = [];
  for (const method of ["dumpInstance", "snapshot"]) {
    const storagePath = childPath(profile, method, "storage");
    const storage = asRecord(valueAt(object, storagePath));
    for (const store of OBJECT_STORES) {
      if (isRecord(storage[store])) destinations.push({ kind: "object-store", offsite: true, at: { object, path: childPath(storagePath, store) } });
    }
    if (isRecord(storage["persistentVolumeClaim"])) destinations.push({ kind: "volume", offsite: false, at: { object, path: childPath(storagePath, "persistentVolumeClaim") } });
  }
  return destinations;
}

function backupOf(object: K8sObject): BackupView {
  const destinations: BackupDestination[] = [];
  let configured = false;
  asArray(valueAt(object, ["spec", "backupSchedules"])).forEach((value, index) => {
    const schedule = asRecord(value);
    if (schedule["enabled"] === false) return;
    configured = true;
    const profile = profilePath(object, schedule, ["spec", "backupSchedules", index]);
    if (profile) destinations.push(...destinationsOf(object, profile));
  });
  return { configured, destinations, at: fieldOrParent(object, ["spec", "backupSchedules"]), standbyElsewhere: false };
}

function routerOf(object: K8sObject): ProxyView[] {
  const instances = asInteger(valueAt(object, ["spec", "router", "instances"]));
  if (instances === 0) return [];
  return [{ name: "MySQL Router", instances: instances ?? 1, instancesDeclared: instances !== undefined, at: fieldOrParent(object, ["spec", "router", "instances"]) }];
}

function imagesOf(object: K8sObject): ImageView[] {
  const images: ImageView[] = [];
  const version = asString(valueAt(object, ["spec", "version"]));
  if (version) {
    const registry = asString(valueAt(object, ["spec", "imageRepository"])) ?? DEFAULT_REGISTRY;
    const server = valueAt(object, ["spec", "edition"]) === "enterprise" ? "enterprise-server" : "community-server";
    images.push({ image: `${registry}/${server}:${version}`, at: { object, path: ["spec", "version"] } });
  }
  images.push(...podSpecImages(object, ["spec", "podSpec"]), ...podSpecImages(object, ["spec", "router", "podSpec"]));
  for (const path of [["spec", "metrics", "image"], ["spec", "logs", "collector", "image"]]) {
    const image = asString(valueAt(object, path));
    if (image) images.push({ image, at: { object, path } });
  }
  return images;
}

function referencesOf(object: K8sObject, groups: readonly MemberGroup[]): ClusterReference[] {
  const references: (ClusterReference | undefined)[] = [
    namedReference(object, ["spec", "secretName"], "Secret", "root credentials", { name: "rootPassword" }),
    namedReference(object, ["spec", "tlsCASecretName"], "Secret", "TLS certificate authority", { name: "ca.pem" }),
    namedReference(object, ["spec", "tlsSecretName"], "Secret", "server TLS certificate"),
    namedReference(object, ["spec", "router", "tlsSecretName"], "Secret", "MySQL Router TLS certificate"),
  ];
  asArray(valueAt(object, ["spec", "backupProfiles"])).forEach((_, index) => {
    for (const method of ["dumpInstance", "snapshot"]) {
      for (const store of OBJECT_STORES) {
        references.push(namedReference(object, ["spec", "backupProfiles", index, method, "storage", store, CREDENTIALS_FIELD[store]], "Secret", "backup storage credentials"));
      }
    }
  });
  asArray(valueAt(object, ["spec", "backupSchedules"])).forEach((_, index) => {
    for (const method of ["dumpInstance", "snapshot"]) {
      for (const store of OBJECT_STORES) {
        references.push(
          namedReference(object, ["spec", "backupSchedules", index, "backupProfile", method, "storage", store, CREDENTIALS_FIELD[store]], "Secret", "backup storage credentials"),
        );
      }
    }
  });
  return [...references.filter((reference) => reference !== undefined), ...storageClassReferences(groups, "MySQL data directories")];
}

/**
 * The operator runs a StatefulSet `<cluster>` (pods `<cluster>-<n>`, PVCs `datadir-<cluster>-<n>`)
 * governed by the headless Service `<cluster>-instances`, a Deployment `<cluster>-router` of MySQL
 * Routers, and the Service `<cluster>` that clients use, which routes through the Routers.
 */
function createdObjects(view: StatefulClusterView): CreatedObjects {
  const object = view.object;
  const group = view.members[0];
  const pods = numberedNames(object.name, group?.replicas ?? 1);
  const router = view.proxies[0];
  const routerName = `${object.name}-router`;
  return {
    pods: [{
      group: object.name,
      count: pods.length,
      names: pods,
      dnsService: `${object.name}-instances`,
      claims: [{
        purpose: "data",
        names: pods.map((pod) => `datadir-${pod}`),
        ...(group?.storage?.size !== undefined ? { size: group.storage.size } : {}),
        ...(group?.storage?.storageClass ? { storageClass: group.storage.storageClass.name } : {}),
        keptOnDelete: true,
        ...(group?.storage ? { at: group.storage.at } : {}),
      }],
    }],
    services: [
      { name: object.name, routesTo: "MySQL Router", groups: [], ...(router ? { workload: routerName } : {}), headless: false },
      { name: `${object.name}-instances`, routesTo: "every instance (per-pod DNS)", groups: [object.name], headless: true },
    ],
    workloads: [
      { kind: "StatefulSet", name: object.name, purpose: "MySQL Server", replicas: pods.length },
      ...(router ? [{ kind: "Deployment" as const, name: routerName, purpose: "MySQL Router", replicas: router.instances }] : []),
    ],
    onDelete: "the PVCs of the StatefulSet stay after the InnoDBCluster is deleted (kubectl delete pvc by hand)",
  };
}

export const innodbClusterAdapter: ClusterAdapter = {
  created: createdObjects,
  group: "mysql.oracle.com",
  kinds: ["InnoDBCluster"],
  operator: OPERATOR,
  view(object): StatefulClusterView {
    const group = members(object);
    return {
      object,
      title: `InnoDBCluster "${object.name}"`,
      operator: OPERATOR,
      engine: "mysql",
      members: [group],
      backup: backupOf(object),
      replication: { synchronous: true, at: fieldOrParent(object, ["spec", "instances"]) },
      proxies: routerOf(object),
      disruptionBudget: { managedByOperator: true },
      spread: podSpecSpread(object, ["spec", "podSpec"]),
      images: imagesOf(object),
      resources: [containerResources(object, ["spec", "podSpec"], "mysql", 'container "mysql"')],
      references: referencesOf(object, [group]),
      settings: NO_SETTINGS,
    };
  },
};
