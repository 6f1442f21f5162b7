import type { Settings } from "../../config/settings.js";
import type { Bundle } from "../../graph/bundle.js";
import type { FieldPath } from "../../source/path.js";
import type { K8sObject } from "../object.js";

/**
 * One view of a stateful cluster, whatever wrote it: a hand-rolled StatefulSet, a CloudNativePG
 * `Cluster`, a Strimzi `Kafka` with its node pools. Concept rules (single replica, quorum, backups,
 * spreading, disruption budgets, storage, proxies) check this view, so they need no branch per
 * kind; each source has one adapter that builds it. Every fact carries the field it comes from,
 * so findings point at the exact line.
 */

/** A field of an object of the bundle; where a fact comes from, or where a missing setting belongs. */
export interface FieldRef {
  readonly object: K8sObject;
  /** Path within `object`; for a missing setting, the mapping it belongs in (reported at its key). */
  readonly path: FieldPath;
}

/**
 * What members of a group do. A group may hold several roles (a Strimzi pool of
 * `[controller, broker]`, an Elasticsearch nodeSet of `[master, data]`).
 */
export type MemberRole =
  /** Primary/replica databases: one writer, replicas that follow it (PostgreSQL, MySQL, MongoDB replica sets). */
  | "database"
  /** Votes in a consensus group: a majority must agree (InnoDB Cluster Group Replication, KRaft controllers, ES masters, etcd). */
  | "voter"
  /** Holds data partitions and serves clients (Kafka brokers, Elasticsearch data nodes). */
  | "broker"
  | "data"
  /** ZooKeeper ensemble of a Kafka cluster in ZooKeeper mode. */
  | "zookeeper";

export interface StorageView {
  /** `ephemeral`: an emptyDir or the container layer; data is lost when the pod goes. */
  readonly kind: "persistent" | "ephemeral" | "unknown";
  /** Requested size as written (`10Gi`). */
  readonly size?: string;
  /** The StorageClass named, with the field naming it. */
  readonly storageClass?: NamedRef;
  /** Where storage is configured (e.g. `spec.storage`, a `type: ephemeral` value); for a missing section, its parent. */
  readonly at: FieldRef;
}

/** A group of identical members: CNPG `instances`, one Strimzi node pool, one ECK nodeSet, MongoDB `members`. */
export interface MemberGroup {
  /** Name for messages: the nodeSet or node pool name, or the cluster's own name. */
  readonly name: string;
  readonly roles: readonly MemberRole[];
  /** Effective count (the operator's default when unset). */
  readonly replicas: number;
  readonly replicasDeclared: boolean;
  /** The count's field, or where to add it when unset. */
  readonly replicasAt: FieldRef;
  readonly storage: StorageView | undefined;
  /** Labels the operator puts on the group's pods, so a user's PodDisruptionBudget or Service selecting them can be found. */
  readonly podLabels?: Readonly<Record<string, string>>;
  /**
   * How this group's members are kept apart, when it is set per group (a PGO instance set has its
   * own `affinity`); rules fall back to the cluster's `spread` when absent.
   */
  readonly spread?: SpreadView;
}

export type BackupDestinationKind = "object-store" | "volume" | "snapshot" | "unknown";

export interface BackupDestination {
  readonly kind: BackupDestinationKind;
  /** Whether the copy leaves the Kubernetes cluster (object storage, a remote repository). */
  readonly offsite: boolean;
  readonly at: FieldRef;
}

export interface BackupView {
  /** A backup mechanism is configured (in the spec, or by linked objects such as a CNPG ScheduledBackup). */
  readonly configured: boolean;
  /** Where backups go; empty when none is configured or the destination is not visible. */
  readonly destinations: readonly BackupDestination[];
  /** Where a backup section is written, or where one belongs (usually `spec`). */
  readonly at: FieldRef;
  /** A replica or standby cluster outside this one is defined (CNPG replica cluster, PGO standby): the seed's multi-region DR. */
  readonly standbyElsewhere: boolean;
  /** What turns backups on for this operator, for messages: `spec.backup.barmanObjectStore or a ScheduledBackup`. */
  readonly enableWith?: string;
  /** What sends a copy out of the cluster for this operator, for messages: `an s3, gcs or azure repo`. */
  readonly offsiteWith?: string;
}

export interface ReplicationView {
  /** At least one replica confirms commits before the primary acknowledges them. */
  readonly synchronous: boolean;
  /** The setting that decides it, or where it belongs. */
  readonly at: FieldRef;
  /** What turns synchronous replication on for this operator, for messages: `spec.patroni.synchronous_mode: true`. */
  readonly enableWith?: string;
}

/** A connection proxy in front of the cluster: MySQL Router, a CNPG PgBouncer `Pooler`, PGO's pgBouncer. */
export interface ProxyView {
  /** `MySQL Router`, `PgBouncer Pooler "pg-pooler-rw"` … for messages. */
  readonly name: string;
  readonly instances: number;
  readonly instancesDeclared: boolean;
  readonly at: FieldRef;
}

export interface DisruptionBudgetView {
  /** The operator creates a PodDisruptionBudget for the members itself (CNPG by default, ECK by default). */
  readonly managedByOperator: boolean;
  /** When the user switched the operator's PDB off (`enablePDB: false`): that field. */
  readonly disabledAt?: FieldRef;
}

export interface SpreadView {
  /** How members are kept off one node: required anti-affinity, preferred only, or not at all. */
  readonly nodeAntiAffinity: "required" | "preferred" | "none";
  /** The operator adds the anti-affinity itself (CNPG `enablePodAntiAffinity` defaults to true). */
  readonly managedByOperator: boolean;
  /** The field that decides it, or where it belongs. */
  readonly at: FieldRef;
}

export interface ImageView {
  readonly image: string;
  readonly at: FieldRef;
  /** Container or component that runs it, for messages (`postgres`, `pgbouncer`). */
  readonly name?: string;
}

export interface ResourcesView {
  /** Container or component name for messages. */
  readonly name: string;
  readonly memoryRequest: boolean;
  readonly memoryLimit: boolean;
  /** The `resources` field, or where it belongs. */
  readonly at: FieldRef;
  /**
   * The `resources` block to add, written as a field path for messages, when it is not written and
   * `at` points at its parent: `spec.resources` of a node pool, `spec.podSpec.containers[name=mysql].resources`.
   */
  readonly missingField?: string;
}

export interface NamedRef {
  readonly name: string;
  readonly at: FieldRef;
}

/** A reference from the cluster spec to a Secret, ConfigMap or StorageClass of the bundle. */
export interface ClusterReference {
  readonly kind: "Secret" | "ConfigMap" | "StorageClass";
  readonly name: string;
  /** What the reference is for, for messages: `superuser credentials`, `backup credentials`. */
  readonly purpose: string;
  /** The key needed, when the reference names one. */
  readonly key?: string;
  readonly keyAt?: FieldRef;
  readonly optional: boolean;
  readonly at: FieldRef;
}

export interface StatefulClusterView {
  /** The resource the view is built from (the one rules are run on). */
  readonly object: K8sObject;
  /** `CloudNativePG Cluster "pg"`, `StatefulSet "postgres"`: how messages name the cluster. */
  readonly title: string;
  /** The operator that runs it (`CloudNativePG`); undefined for a hand-rolled StatefulSet. */
  readonly operator: string | undefined;
  /** The engine, from the DB image list: `postgres`, `mysql`, `kafka`, `elasticsearch`, `mongo` … */
  readonly engine: string;
  readonly members: readonly MemberGroup[];
  readonly backup: BackupView | undefined;
  /** Undefined where replication is not a choice (single-engine kinds without a sync setting). */
  readonly replication: ReplicationView | undefined;
  readonly proxies: readonly ProxyView[];
  readonly disruptionBudget: DisruptionBudgetView | undefined;
  readonly spread: SpreadView | undefined;
  readonly images: readonly ImageView[];
  readonly resources: readonly ResourcesView[];
  readonly references: readonly ClusterReference[];
  /** Where engine settings are written, or belong when none is (Strimzi `spec.kafka.config`): findings about an unset key point here. */
  readonly settingsAt?: FieldRef;
  /** Engine settings as key → value (`min.insync.replicas`, `synchronous_mode`), with where each is. */
  readonly settings: ReadonlyMap<string, { readonly value: unknown; readonly at: FieldRef }>;
}

/**
 * What an operator creates for a cluster, named as the operator's documentation names it: the
 * pods and PVCs of each member group, the Services in front of them and the Deployments of its
 * proxies. `statelint graph` draws it like a StatefulSet's pods and PVCs. Only names the
 * operator documents are listed; a name it generates (PGO's instance pods) is not guessed.
 */
export interface CreatedObjects {
  readonly pods: readonly CreatedPods[];
  readonly services: readonly CreatedService[];
  readonly workloads: readonly CreatedWorkload[];
  /** What `kubectl delete` of the cluster resource does to the PVCs, per the operator's docs, for the narrative. */
  readonly onDelete: string;
}

/** The pods of one member group and the PVCs of each. */
export interface CreatedPods {
  /** The member group they belong to (`MemberGroup.name`). */
  readonly group: string;
  readonly count: number;
  /** Pod names in order; empty when the operator generates them. */
  readonly names: readonly string[];
  /** How generated names look, when `names` is empty: `hippo-pgha1-<random>-0`. */
  readonly generatedName?: string;
  /** The headless Service that gives each pod the DNS name `<pod>.<service>.<ns>.svc.cluster.local`. */
  readonly dnsService?: string;
  readonly claims: readonly CreatedClaims[];
}

/** One volume of every pod of a group: its PVC names in pod order. */
export interface CreatedClaims {
  /** What the volume holds, for labels: `data`, `WAL`, `logs`. */
  readonly purpose: string;
  readonly names: readonly string[];
  readonly size?: string;
  readonly storageClass?: string;
  /** Whether the PVCs outlive `kubectl delete` of the cluster resource (the operator's default or the spec's setting). */
  readonly keptOnDelete: boolean;
  /** Where the volume is configured: findings there mark these PVCs. */
  readonly at?: FieldRef;
}

/** A Service the operator creates. */
export interface CreatedService {
  readonly name: string;
  /** What it routes to, for labels: `primary`, `replicas`, `any instance`, `MySQL Router`. */
  readonly routesTo: string;
  /** Member groups whose pods it selects (all of them for `any instance`). */
  readonly groups: readonly string[];
  /** A created workload it routes to instead (a pooler Deployment), by name. */
  readonly workload?: string;
  readonly headless: boolean;
  /** The object of the bundle it is made from, when not the cluster resource (a CNPG Pooler). */
  readonly createdFrom?: K8sObject;
}

/** A Deployment or StatefulSet the operator creates beside the members (a connection pooler, MySQL Router). */
export interface CreatedWorkload {
  readonly kind: "Deployment" | "StatefulSet";
  readonly name: string;
  /** `PgBouncer`, `MySQL Router`, for labels. */
  readonly purpose: string;
  readonly replicas: number;
  /** The object of the bundle it is made from, when not the cluster resource (a CNPG Pooler). */
  readonly createdFrom?: K8sObject;
}

/** Builds the view for one source kind. One adapter per operator kind, each in its own file. */
export interface ClusterAdapter {
  /** API group and kinds it reads: `postgresql.cnpg.io`, `["Cluster"]`. */
  readonly group: string;
  readonly kinds: readonly string[];
  /** `CloudNativePG`; empty for the hand-rolled StatefulSet source, which no operator runs. */
  readonly operator: string;
  /**
   * The view, or undefined when the object is not a cluster root (a KafkaNodePool belongs to its Kafka).
   * `settings` carries the DB image lists, for sources that recognise the engine by image (a StatefulSet).
   */
  view(object: K8sObject, bundle: Bundle, settings?: Settings): StatefulClusterView | undefined;
  /** What the operator creates for a cluster this adapter viewed; absent where nothing is documented (the StatefulSet source draws itself). */
  created?(view: StatefulClusterView, bundle: Bundle): CreatedObjects;
}
