import { asRecord, asString, childPath, operatorClustersIn, statefulSetOf, type Bundle, type FieldPath, type K8sObject, type RelatedReport, type StatefulClusterView } from "@statelint/core";

/** A volumeClaimTemplate that provisions its disks from a StorageClass. */
export interface StorageClassUse {
  readonly statefulSet: K8sObject;
  readonly claim: string;
  /** The `storageClassName` value, or the template's name when the default class applies. */
  readonly path: FieldPath;
  readonly viaDefault: boolean;
}

interface UsageIndex {
  readonly byName: ReadonlyMap<string, StorageClassUse[]>;
  /** Templates without `storageClassName`: they get whichever class is marked default. */
  readonly defaulted: readonly StorageClassUse[];
}

const DEFAULT_CLASS_ANNOTATIONS = ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"];

function buildIndex(bundle: Bundle): UsageIndex {
  const byName = new Map<string, StorageClassUse[]>();
  const defaulted: StorageClassUse[] = [];
  for (const object of bundle.ofKind("StatefulSet")) {
    for (const claim of statefulSetOf(object)?.volumeClaimTemplates ?? []) {
      const raw = claim.spec["storageClassName"];
      if (raw === undefined || raw === null) {
        defaulted.push({ statefulSet: object, claim: claim.name, path: childPath(claim.path, "metadata", "name"), viaDefault: true });
        continue;
      }
      // An empty class name asks for a pre-provisioned PV with no class: no StorageClass is involved.
      const name = asString(raw);
      if (!name) continue;
      const use = { statefulSet: object, claim: claim.name, path: childPath(claim.path, "spec", "storageClassName"), viaDefault: false };
      const list = byName.get(name);
      if (list) list.push(use);
      else byName.set(name, [use]);
    }
  }
  return { byName, defaulted };
}

export function isDefaultStorageClass(storageClass: K8sObject): boolean {
  const annotations = asRecord(asRecord(storageClass.raw["metadata"])["annotations"]);
  return DEFAULT_CLASS_ANNOTATIONS.some((key) => String(annotations[key]) === "true");
}

/** The volumeClaimTemplates of the bundle's StatefulSets that use this StorageClass, by name or as the default class. */
export function usesOfStorageClass(bundle: Bundle, storageClass: K8sObject): readonly StorageClassUse[] {
  const index = bundle.cached("storage/storage-class-uses", buildIndex);
  const named = index.byName.get(storageClass.name) ?? [];
  return isDefaultStorageClass(storageClass) ? [...named, ...index.defaulted] : named;
}

export function relatedUses(uses: readonly StorageClassUse[]): RelatedReport[] {
  return uses.map((use) => ({
    object: use.statefulSet,
    path: use.path,
    message: use.viaDefault
      ? `volumeClaimTemplate "${use.claim}" of StatefulSet "${use.statefulSet.name}" sets no storageClassName and gets this default class`
      : `volumeClaimTemplate "${use.claim}" of StatefulSet "${use.statefulSet.name}" provisions its disks from this class`,
  }));
}

/** A volume of an operator cluster provisioned from a StorageClass (CloudNativePG `storage.storageClass`, PGO `dataVolumeClaimSpec`). */
export interface ClusterStorageUse {
  readonly cluster: StatefulClusterView;
  /** `data volumes of CloudNativePG Cluster "pg"`, for messages. */
  readonly description: string;
  readonly object: K8sObject;
  readonly path: FieldPath;
  readonly viaDefault: boolean;
}

interface ClusterUsageIndex {
  readonly byName: ReadonlyMap<string, ClusterStorageUse[]>;
  readonly defaulted: readonly ClusterStorageUse[];
}

function buildClusterIndex(bundle: Bundle): ClusterUsageIndex {
  const byName = new Map<string, ClusterStorageUse[]>();
  const defaulted: ClusterStorageUse[] = [];
  for (const cluster of operatorClustersIn(bundle)) {
    for (const reference of cluster.references) {
      if (reference.kind !== "StorageClass") continue;
      const use = { cluster, description: `${reference.purpose} of ${cluster.title}`, object: reference.at.object, path: reference.at.path, viaDefault: false };
      const list = byName.get(reference.name);
      if (list) list.push(use);
      else byName.set(reference.name, [use]);
    }
    for (const group of cluster.members) {
      const storage = group.storage;
      if (storage?.kind !== "persistent" || storage.storageClass) continue;
      const owner = cluster.members.length > 1 ? `member group "${group.name}" of ${cluster.title}` : cluster.title;
      defaulted.push({ cluster, description: `data volumes of ${owner}`, object: storage.at.object, path: storage.at.path, viaDefault: true });
    }
  }
  return { byName, defaulted };
}

/** The operator clusters of the bundle whose volumes use this StorageClass, by name or as the default class. */
export function clusterUsesOfStorageClass(bundle: Bundle, storageClass: K8sObject): readonly ClusterStorageUse[] {
  const index = bundle.cached("storage/storage-class-cluster-uses", buildClusterIndex);
  const named = index.byName.get(storageClass.name) ?? [];
  return isDefaultStorageClass(storageClass) ? [...named, ...index.defaulted] : named;
}

export function relatedClusterUses(uses: readonly ClusterStorageUse[]): RelatedReport[] {
  return uses.map((use) => ({
    object: use.object,
    path: use.path,
    message: use.viaDefault ? `the ${use.description} name no StorageClass and get this default class` : `the ${use.description} are provisioned from this class`,
  }));
}
