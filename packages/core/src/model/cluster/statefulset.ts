import { DEFAULT_SETTINGS, type Settings } from "../../config/settings.js";
import { configReferencesOf, type ConfigReference } from "../../graph/references.js";
import { childPath } from "../../source/path.js";
import { databaseContainers, isPrimaryReplicaEngine, isQuorumEngine, type DatabaseContainer } from "../engines.js";
import { containersOf, statefulSetOf, type PodTemplate, type StatefulSetView } from "../extract.js";
import type { K8sObject } from "../object.js";
import { asArray, asRecord, asString } from "../values.js";
import { isOperatorManaged } from "./managed.js";
import type {
  ClusterAdapter, ClusterReference, DisruptionBudgetView, ImageView, MemberGroup, MemberRole, ProxyView, ResourcesView, SpreadView, StatefulClusterView,
} from "./view.js";
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

/** The fields of a StatefulSet's view that are read off its template: built on first read. */
interface TemplateParts {
  spread: SpreadView | undefined;
  images: readonly ImageView[];
  resources: readonly ResourcesView[];
  references: readonly ClusterReference[];
}

function templateParts(object: K8sObject, statefulSet: StatefulSetView, databases: readonly DatabaseContainer[]): TemplateParts {
  const template = statefulSet.template;
  const references: ClusterReference[] = [];
  if (template) for (const reference of configReferencesOf(template)) references.push(clusterReference(object, reference));
  for (const volumeClaim of statefulSet.volumeClaimTemplates) {
    const name = asString(volumeClaim.spec["storageClassName"]);
    if (name) references.push({ kind: "StorageClass", name, purpose: `volumeClaimTemplate "${volumeClaim.name}"`, optional: false, at: fieldRef(object, childPath(volumeClaim.path, "spec", "storageClassName")) });
  }
  return {
    spread: template ? nodeSpreadOf(object, template) : undefined,
    images: template ? imagesOf(object, template) : [],
    resources: databases.map(({ ref }) => resourcesAt(object, childPath(ref.path, "resources"), ref.container["resources"], ref.name)),
    references,
  };
}

/** What every hand-rolled StatefulSet's view shares: no proxies, and a budget only the user writes. */
const NO_PROXIES: readonly ProxyView[] = Object.freeze([]);
const OWN_DISRUPTION_BUDGET: DisruptionBudgetView = Object.freeze({ managedByOperator: false });

/**
 * The hand-rolled source: a StatefulSet that no operator generated. The engine comes from the
 * DB image list; backups are bundle-wide objects (CronJobs, snapshots, Velero) that the backup
 * rule looks for itself, so `backup` stays undefined here.
 *
 * Its spread, images, resources and references are built when first read: the rules that view a
 * StatefulSet read its members only (they check its template themselves), and building those
 * parts for every StatefulSet was most of what the view cost a large run.
 */
class StatefulSetClusterView implements StatefulClusterView {
  readonly title: string;
  readonly operator = undefined;
  readonly engine: string;
  readonly members: readonly MemberGroup[];
  readonly backup = undefined;
  readonly replication = undefined;
  readonly proxies = NO_PROXIES;
  readonly disruptionBudget = OWN_DISRUPTION_BUDGET;
  readonly settings = NO_SETTINGS;
  private parts: TemplateParts | undefined;

  constructor(
    readonly object: K8sObject,
    private readonly statefulSet: StatefulSetView,
    private readonly databases: readonly DatabaseContainer[],
    settings: Settings,
  ) {
    const engine = databases[0]?.engine;
    const claim = statefulSet.volumeClaimTemplates[0];
    this.title = `StatefulSet "${object.name}"`;
    this.engine = engine ?? "";
    this.members = [{
      name: object.name,
      roles: rolesOf(engine, settings),
      replicas: statefulSet.replicas,
      replicasDeclared: statefulSet.replicasDeclared,
      replicasAt: fieldRef(object, statefulSet.replicasDeclared ? ["spec", "replicas"] : ["spec"]),
      storage: claim && claimStorage(object, childPath(claim.path, "spec"), fieldRef(object, claim.path), claim.spec),
    }];
  }

  private templateParts(): TemplateParts {
    return (this.parts ??= templateParts(this.object, this.statefulSet, this.databases));
  }

  get spread(): SpreadView | undefined {
    return this.templateParts().spread;
  }

  get images(): readonly ImageView[] {
    return this.templateParts().images;
  }

  get resources(): readonly ResourcesView[] {
    return this.templateParts().resources;
  }

  get references(): readonly ClusterReference[] {
    return this.templateParts().references;
  }
}

function statefulSetView(object: K8sObject, settings: Settings): StatefulClusterView | undefined {
  const statefulSet = statefulSetOf(object);
  if (!statefulSet || isOperatorManaged(object)) return undefined;
  return new StatefulSetClusterView(object, statefulSet, databaseContainers(statefulSet.template, settings), settings);
}

export const statefulSetAdapter: ClusterAdapter = {
  group: "apps",
  kinds: ["StatefulSet"],
  // A StatefulSet is the hand-rolled path: no operator runs it.
  operator: "",
  view: (object, _bundle, settings = DEFAULT_SETTINGS) => statefulSetView(object, settings),
};
