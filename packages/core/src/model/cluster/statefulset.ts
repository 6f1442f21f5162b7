import { DEFAULT_SETTINGS, type Settings } from "../../config/settings.js";
import { configReferencesOf, type ConfigReference } from "../../graph/references.js";
import { childPath } from "../../source/path.js";
import { databaseContainers, isPrimaryReplicaEngine, isQuorumEngine } from "../engines.js";
import { containersOf, statefulSetOf, type PodTemplate } from "../extract.js";
import type { K8sObject } from "../object.js";
import { asArray, asRecord, asString } from "../values.js";
import { isOperatorManaged } from "./managed.js";
import type { ClusterAdapter, ClusterReference, ImageView, MemberRole, SpreadView, StatefulClusterView } from "./view.js";
import { claimStorage, fieldRef, NO_SETTINGS, resourcesAt } from "./adapter-support.js";

const HOSTNAME = "kubernetes.io/hostname";

/** How a pod template keeps its pods off one node: the strongest of its anti-affinity terms and spread constraints on the hostname. */
function nodeSpreadOf(object: K8sObject, template: PodTemplate): SpreadView {
  const antiAffinity = asRecord(asRecord(template.spec["affinity"])["podAntiAffinity"]);
  const onHostname = (term: unknown) => asString(asRecord(term)["topologyKey"]) === HOSTNAME;
  const required =
    asArray(antiAffinity["requiredDuringSchedulingIgnoredDuringExecution"]).some(onHostname) ||
    asArray(template.spec["topologySpreadConstraints"]).some((constraint) => onHostname(constraint) && asString(asRecord(constraint)["whenUnsatisfiable"]) !== "ScheduleAnyway");
  const preferred =
    asArray(antiAffinity["preferredDuringSchedulingIgnoredDuringExecution"]).some((term) => onHostname(asRecord(term)["podAffinityTerm"])) ||
    asArray(template.spec["topologySpreadConstraints"]).some(onHostname);
  return {
    nodeAntiAffinity: required ? "required" : preferred ? "preferred" : "none",
    managedByOperator: false,
    at: fieldRef(object, childPath(template.path, "spec", "affinity")),
  };
}

/** The images the init and main containers run. A loop: `flatMap` was most of this view's time. */
function imagesOf(object: K8sObject, template: PodTemplate): ImageView[] {
  const images: ImageView[] = [];
  for (const ref of containersOf(template)) {
    const image = asString(ref.container["image"]);
    if (image) images.push({ image, name: ref.name, at: fieldRef(object, childPath(ref.path, "image")) });
  }
  return images;
}

function clusterReference(object: K8sObject, reference: ConfigReference): ClusterReference {
  const { kind, name, via: purpose, optional } = reference;
  const at = fieldRef(object, reference.namePath);
  return reference.key !== undefined && reference.keyPath
    ? { kind, name, purpose, key: reference.key, keyAt: fieldRef(object, reference.keyPath), optional, at }
    : { kind, name, purpose, optional, at };
}

function rolesOf(engine: string | undefined, settings: Settings): MemberRole[] {
  if (!engine) return [];
  if (isQuorumEngine(engine, settings)) return ["voter"];
  return isPrimaryReplicaEngine(engine, settings) ? ["database"] : [];
}

/**
 * The hand-rolled source: a StatefulSet that no operator generated. The engine comes from the
 * DB image list; backups are bundle-wide objects (CronJobs, snapshots, Velero) that the backup
 * rule looks for itself, so `backup` stays undefined here.
 */
function statefulSetView(object: K8sObject, settings: Settings): StatefulClusterView | undefined {
  const statefulSet = statefulSetOf(object);
  if (!statefulSet || isOperatorManaged(object)) return undefined;
  const template = statefulSet.template;
  const databases = databaseContainers(template, settings);
  const engine = databases[0]?.engine;
  const claim = statefulSet.volumeClaimTemplates[0];
  const storage = claim && claimStorage(object, childPath(claim.path, "spec"), fieldRef(object, claim.path), claim.spec);
  const references: ClusterReference[] = [];
  if (template) for (const reference of configReferencesOf(template)) references.push(clusterReference(object, reference));
  for (const volumeClaim of statefulSet.volumeClaimTemplates) {
    const name = asString(volumeClaim.spec["storageClassName"]);
    if (name) references.push({ kind: "StorageClass", name, purpose: `volumeClaimTemplate "${volumeClaim.name}"`, optional: false, at: fieldRef(object, childPath(volumeClaim.path, "spec", "storageClassName")) });
  }
  return {
    object,
    title: `StatefulSet "${object.name}"`,
    operator: undefined,
    engine: engine ?? "",
    members: [{
      name: object.name,
      roles: rolesOf(engine, settings),
      replicas: statefulSet.replicas,
      replicasDeclared: statefulSet.replicasDeclared,
      replicasAt: fieldRef(object, statefulSet.replicasDeclared ? ["spec", "replicas"] : ["spec"]),
      storage,
    }],
    backup: undefined,
    replication: undefined,
    proxies: [],
    disruptionBudget: { managedByOperator: false },
    spread: template ? nodeSpreadOf(object, template) : undefined,
    images: template ? imagesOf(object, template) : [],
    resources: databases.map(({ ref }) => resourcesAt(object, childPath(ref.path, "resources"), ref.container["resources"], ref.name)),
    references,
    settings: NO_SETTINGS,
  };
}

export const statefulSetAdapter: ClusterAdapter = {
  group: "apps",
  kinds: ["StatefulSet"],
  // A StatefulSet is the hand-rolled path: no operator runs it.
  operator: "",
  view: (object, _bundle, settings = DEFAULT_SETTINGS) => statefulSetView(object, settings),
};
