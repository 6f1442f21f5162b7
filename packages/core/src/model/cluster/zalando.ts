import type { Bundle } from "../../graph/bundle.js";
import type { K8sObject } from "../object.js";
import { asArray, asInteger, asRecord, asString, isRecord, type Plain } from "../values.js";
import { fieldRef, instancesGroup, numberedNames, secretKeyAt, storageClassAt } from "./adapter-support.js";
import type { BackupDestination, ClusterAdapter, ClusterReference, CreatedObjects, CreatedService, CreatedWorkload, ProxyView, StatefulClusterView } from "./view.js";

const GROUP = "acid.zalan.do";

/**
 * Spilo archives WAL (and takes base backups) to object storage when one of these is set, in the
 * cluster's `env`, the pod environment ConfigMap, or the operator's configuration.
 */
const WAL_ARCHIVE_KEYS = /^(WAL_S3_BUCKET|WAL_GS_BUCKET|WAL_AZ_STORAGE_ACCOUNT|WALG_[A-Z0-9_]*PREFIX|WALE_[A-Z0-9_]*PREFIX|wal_s3_bucket|wal_gs_bucket|wal_az_storage_account)$/;

function archiveKeyIn(map: unknown): boolean {
  return Object.entries(asRecord(map)).some(([key, value]) => WAL_ARCHIVE_KEYS.test(key) && value !== "" && value !== null);
}

/** Whether the operator's own configuration in the bundle (OperatorConfiguration, or a ConfigMap) archives WAL for every cluster. */
function operatorArchivesWal(bundle: Bundle): boolean {
  return bundle.cached("core:zalando-wal-archiving", () =>
    bundle.ofKind("OperatorConfiguration").some((config) => config.group === GROUP && archiveKeyIn(asRecord(asRecord(config.raw["configuration"])["aws_or_gcp"]))) ||
    bundle.ofKind("ConfigMap").some((configMap) => configMap.group === "" && archiveKeyIn(configMap.raw["data"])),
  );
}

function walArchiveAt(object: K8sObject, spec: Plain, bundle: Bundle): BackupDestination | undefined {
  const index = asArray(spec["env"]).findIndex((env) => WAL_ARCHIVE_KEYS.test(asString(asRecord(env)["name"]) ?? ""));
  if (index !== -1) return { kind: "object-store", offsite: true, at: fieldRef(object, ["spec", "env", index]) };
  return operatorArchivesWal(bundle) ? { kind: "object-store", offsite: true, at: fieldRef(object, ["spec"]) } : undefined;
}

function references(object: K8sObject, spec: Plain): ClusterReference[] {
  const tls = asRecord(spec["tls"]);
  const result: ClusterReference[] = [
    ...storageClassAt(object, ["spec", "volume", "storageClass"], asRecord(spec["volume"])["storageClass"], "data volumes"),
  ];
  const tlsSecret = asString(tls["secretName"]);
  if (tlsSecret) result.push({ kind: "Secret", name: tlsSecret, purpose: "server TLS certificate", optional: false, at: fieldRef(object, ["spec", "tls", "secretName"]) });
  asArray(spec["env"]).forEach((value, index) => {
    const env = asRecord(value);
    const name = asString(env["name"]) ?? "";
    result.push(...secretKeyAt(object, ["spec", "env", index, "valueFrom", "secretKeyRef"], asRecord(env["valueFrom"])["secretKeyRef"], `env ${name}`));
  });
  return result;
}

function poolersOf(object: K8sObject, spec: Plain): ProxyView[] {
  const pooler = asRecord(spec["connectionPooler"]);
  const declared = asInteger(pooler["numberOfInstances"]);
  const view = (role: string, flag: string): ProxyView => ({
    name: `${role} connection pooler (spec.${flag})`,
    // The operator's `connection_pooler_number_of_instances` defaults to 2.
    instances: declared ?? 2,
    instancesDeclared: declared !== undefined,
    at: fieldRef(object, declared !== undefined ? ["spec", "connectionPooler", "numberOfInstances"] : ["spec", flag]),
  });
  return [
    ...(spec["enableConnectionPooler"] === true ? [view("master", "enableConnectionPooler")] : []),
    ...(spec["enableReplicaConnectionPooler"] === true ? [view("replica", "enableReplicaConnectionPooler")] : []),
  ];
}

function clusterView(object: K8sObject, bundle: Bundle): StatefulClusterView {
  const spec = asRecord(object.raw["spec"]);
  const destinations: BackupDestination[] = [];
  const wal = walArchiveAt(object, spec, bundle);
  if (wal) destinations.push(wal);
  // Logical backups are pg_dumpall CronJobs that upload to the operator's S3, GCS or Azure bucket.
  if (spec["enableLogicalBackup"] === true) destinations.push({ kind: "object-store", offsite: true, at: fieldRef(object, ["spec", "enableLogicalBackup"]) });
  const patroni = asRecord(spec["patroni"]);
  const image = asString(spec["dockerImage"]);
  const poolerImage = asString(asRecord(spec["connectionPooler"])["dockerImage"]);
  return {
    object,
    title: `Zalando postgresql "${object.name}"`,
    operator: "Zalando Postgres Operator",
    engine: "postgres",
    members: [instancesGroup(object, "numberOfInstances", "volume")],
    backup: {
      configured: destinations.length > 0,
      destinations,
      at: fieldRef(object, spec["enableLogicalBackup"] !== undefined ? ["spec", "enableLogicalBackup"] : ["spec"]),
      standbyElsewhere: isRecord(spec["standby"]),
      enableWith: "WAL archiving (WAL_S3_BUCKET, WAL_GS_BUCKET or WAL_AZ_STORAGE_ACCOUNT) or spec.enableLogicalBackup: true",
    },
    replication: {
      synchronous: patroni["synchronous_mode"] === true,
      enableWith: "spec.patroni.synchronous_mode: true",
      at: fieldRef(object, patroni["synchronous_mode"] !== undefined ? ["spec", "patroni", "synchronous_mode"] : isRecord(spec["patroni"]) ? ["spec", "patroni"] : ["spec"]),
    },
    proxies: poolersOf(object, spec),
    // The operator creates a PodDisruptionBudget per cluster (`enable_pod_disruption_budget` defaults to true).
    disruptionBudget: { managedByOperator: true },
    // Pod anti-affinity is an operator-wide setting (`enable_pod_antiaffinity`), not part of the manifest.
    spread: undefined,
    images: [
      ...(image ? [{ image, name: "postgres", at: fieldRef(object, ["spec", "dockerImage"]) }] : []),
      ...(poolerImage ? [{ image: poolerImage, name: "connection pooler", at: fieldRef(object, ["spec", "connectionPooler", "dockerImage"]) }] : []),
      ...asArray(spec["sidecars"]).flatMap((value, index) => {
        const sidecar = asRecord(value);
        const sidecarImage = asString(sidecar["image"]);
        return sidecarImage ? [{ image: sidecarImage, name: asString(sidecar["name"]) ?? `sidecar ${index}`, at: fieldRef(object, ["spec", "sidecars", index, "image"]) }] : [];
      }),
    ],
    // The operator fills unset requests and limits from its defaults (`default_memory_request`, `default_memory_limit`).
    resources: [],
    references: references(object, spec),
    settings: new Map(Object.entries(patroni).map(([key, value]) => [key, { value, at: fieldRef(object, ["spec", "patroni", key]) }])),
  };
}

/**
 * The operator runs a StatefulSet `<cluster>` (pods `<cluster>-<n>`, PVCs `pgdata-<cluster>-<n>`),
 * the Services `<cluster>` (master) and `<cluster>-repl` (replicas), and for each enabled pooler a
 * Deployment and Service `<cluster>-pooler` (master) or `<cluster>-pooler-repl` (replicas).
 */
function createdObjects(view: StatefulClusterView): CreatedObjects {
  const object = view.object;
  const spec = asRecord(object.raw["spec"]);
  const group = view.members[0];
  const pods = numberedNames(object.name, group?.replicas ?? 1);
  const poolers = view.proxies.map((proxy) => proxy.name.startsWith("replica") ? { suffix: "-pooler-repl", role: "replicas", replicas: proxy.instances } : { suffix: "-pooler", role: "master", replicas: proxy.instances });
  const services: CreatedService[] = [
    { name: object.name, routesTo: "master", groups: [object.name], headless: false },
    { name: `${object.name}-repl`, routesTo: "replicas", groups: [object.name], headless: false },
    ...poolers.map((pooler) => ({ name: `${object.name}${pooler.suffix}`, routesTo: `PgBouncer (${pooler.role})`, groups: [], workload: `${object.name}${pooler.suffix}`, headless: false })),
  ];
  const workloads: CreatedWorkload[] = [
    { kind: "StatefulSet", name: object.name, purpose: "Spilo (Patroni and PostgreSQL)", replicas: pods.length },
    ...poolers.map((pooler) => ({ kind: "Deployment" as const, name: `${object.name}${pooler.suffix}`, purpose: "PgBouncer", replicas: pooler.replicas })),
  ];
  return {
    pods: [{
      group: object.name,
      count: pods.length,
      names: pods,
      claims: [{
        purpose: "data",
        names: pods.map((pod) => `pgdata-${pod}`),
        ...(group?.storage?.size !== undefined ? { size: group.storage.size } : {}),
        ...(group?.storage?.storageClass ? { storageClass: group.storage.storageClass.name } : {}),
        keptOnDelete: false,
        at: fieldRef(object, isRecord(spec["volume"]) ? ["spec", "volume"] : ["spec"]),
      }],
    }],
    services,
    workloads,
    onDelete: "the operator deletes the PVCs with the postgresql resource by default (operator option enable_persistent_volume_claim_deletion: true)",
  };
}

export const zalandoAdapter: ClusterAdapter = {
  group: GROUP,
  kinds: ["postgresql"],
  operator: "Zalando Postgres Operator",
  view: (object, bundle) => clusterView(object, bundle),
  created: createdObjects,
};
