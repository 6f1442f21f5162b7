import { DEFAULT_SETTINGS, type Settings } from "../../config/settings.js";
import { configReferencesOf } from "../../graph/references.js";
import { childPath } from "../../source/path.js";
import { databaseContainers, isPrimaryReplicaEngine, isQuorumEngine } from "../engines.js";
import { containersOf, statefulSetOf, type PodTemplate } from "../extract.js";
import type { K8sObject } from "../object.js";
import { asArray, asRecord, asString } from "../values.js";
import { isOperatorManaged } from "./managed.js";
import type { ClusterAdapter, ClusterReference, MemberRole, SpreadView, StatefulClusterView, StorageView } from "./view.js";
import { fieldRef, NO_SETTINGS, resourcesAt } from "./adapter-support.js";

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
  const storageClass = claim ? asString(claim.spec["storageClassName"]) : undefined;
  const size = claim ? asString(asRecord(asRecord(claim.spec["resources"])["requests"])["storage"]) : undefined;
  const storage: StorageView | undefined = claim && {
    kind: "persistent",
    ...(size !== undefined ? { size } : {}),
    ...(storageClass ? { storageClass: { name: storageClass, at: fieldRef(object, childPath(claim.path, "spec", "storageClassName")) } } : {}),
    at: fieldRef(object, claim.path),
  };
  const references: ClusterReference[] = [];
  if (template) {
    for (const reference of configReferencesOf(template)) {
      references.push({
        kind: reference.kind,
        name: reference.name,
        purpose: reference.via,
        ...(reference.key !== undefined && reference.keyPath ? { key: reference.key, keyAt: fieldRef(object, reference.keyPath) } : {}),
        optional: reference.optional,
        at: fieldRef(object, reference.namePath),
      });
    }
  }
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
    images: template
      ? containersOf(template).flatMap((ref) => {
          const image = asString(ref.container["image"]);
          return image ? [{ image, name: ref.name, at: fieldRef(object, childPath(ref.path, "image")) }] : [];
        })
      : [],
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
