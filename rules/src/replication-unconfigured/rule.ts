import {
  asArray, asRecord, asString, configReferencesOf, containersOf, databaseContainers, defineRule, isOperatorManaged, isPrimaryReplicaEngine, statefulSetOf,
  type Bundle, type K8sObject, type PodTemplate,
} from "@statelint/core";

export type MessageIds = "noReplication";

/** Env var names that configure replication in the common images (Bitnami, Patroni/Spilo, repmgr, MySQL, Redis, MongoDB). */
const REPLICATION_ENV_NAME =
  /REPLICATION|REPLICA_?SET|REPL_?SET|SENTINEL|GALERA|WSREP|MASTER_HOST|PRIMARY_HOST|REPLICA_?OF|SLAVE_?OF|PATRONI|REPMGR|STOLON|CLUSTER_ENABLED|PRIMARY_CONNINFO|SOURCE_HOST/i;

/**
 * Replication settings, clone/bootstrap tools and cluster modes as they appear in args, scripts and
 * config files. Defaults that every install has (`wal_level = replica`, `hot_standby = on`) are not signs.
 */
const REPLICATION_TEXT = new RegExp(
  [
    "primary_conninfo", "standby\\.signal", "recovery\\.conf", "standby_mode", "pg_basebackup", "pg_rewind", "repmgr", "patroni", "stolon",
    "replSet", "rs\\.initiate",
    "\\breplicaof\\b", "\\bslaveof\\b", "cluster-enabled", "cluster-config-file", "\\bsentinel\\b", "replica-announce",
    "log[-_]bin\\b", "\\bserver[-_]id\\b", "gtid[-_]mode", "group_replication", "\\bwsrep", "galera", "xtrabackup", "mariabackup", "clone-mysql", "mysqldump",
    "change (master|replication source) to", "start (slave|replica)\\b", "master_host", "source_host",
  ].join("|"),
  "i",
);

/** Whether a string, or a string of a list, shows replication: tested in place, as every container of a replicated database is read. */
function someTextShowsReplication(value: unknown): boolean {
  if (typeof value === "string") return REPLICATION_TEXT.test(value);
  for (const item of asArray(value)) if (typeof item === "string" && REPLICATION_TEXT.test(item)) return true;
  return false;
}

function containerShowsReplication(template: PodTemplate): boolean {
  for (const ref of containersOf(template)) {
    const container = ref.container;
    if (someTextShowsReplication(container["command"]) || someTextShowsReplication(container["args"]) || REPLICATION_TEXT.test(ref.name)) return true;
    // A clone init container is recognised by its image too (`gcr.io/google-samples/xtrabackup`).
    if (ref.kind === "initContainer" && someTextShowsReplication(container["image"])) return true;
    for (const env of asArray(container["env"])) {
      const record = asRecord(env);
      if (REPLICATION_ENV_NAME.test(asString(record["name"]) ?? "") || someTextShowsReplication(record["value"])) return true;
    }
  }
  return false;
}

/** Config files and env imports the pod reads from ConfigMaps in the bundle. */
function configMapsShowReplication(template: PodTemplate, bundle: Bundle, namespace: string): boolean {
  for (const reference of configReferencesOf(template)) {
    if (reference.kind !== "ConfigMap") continue;
    const configMap = bundle.find("ConfigMap", namespace, reference.name);
    if (!configMap || configMap.group !== "") continue;
    for (const [key, value] of Object.entries(asRecord(configMap.raw["data"]))) {
      if (REPLICATION_ENV_NAME.test(key)) return true;
      if (typeof value === "string" && REPLICATION_TEXT.test(value)) return true;
    }
  }
  return false;
}

function showsReplication(object: K8sObject, template: PodTemplate, bundle: Bundle): boolean {
  return isOperatorManaged(object) || containerShowsReplication(template) || configMapsShowReplication(template, bundle, object.namespace);
}

export default defineRule<MessageIds>({
  id: "replication-unconfigured",
  kinds: ["StatefulSet"],
  meta: {
    category: "availability",
    severity: "warning",
    description: "A primary/replica database runs several replicas with no sign of replication: independent databases behind one Service.",
    rationale:
      "Raising `replicas` on a StatefulSet does not make a database replicate: each pod initialises its own empty data directory on its own disk. " +
      "The seed's 3-replica postgres serves three unrelated databases behind one Service, so writes land on one of them at random and reads return different data.",
    remediation:
      "Configure replication (streaming replication with a clone init container, `--replSet`, `replicaof`, binlog with a server id per ordinal, Bitnami's `*_REPLICATION_MODE`), " +
      "run the database through an operator, or set `replicas: 1`.",
    messages: {
      noReplication:
        'StatefulSet "{{statefulSet}}" runs {{replicas}} replicas of {{engine}} with no sign of replication (no replication settings, clone init container or operator): ' +
        "{{replicas}} independent databases behind one Service. Configure replication, use an operator, or set replicas: 1.",
    },
    since: "0.1.0",
    sources: ["seed 003: StatefulSet postgres with replicas: 3 and no replication", "seed 000: Internal Stateful DB Flow (HA Setup), WAL/Binlog replication"],
    defaultOptions: {},
  },
  check({ object, bundle, settings, report }) {
    const statefulSet = statefulSetOf(object);
    if (!statefulSet?.template || !statefulSet.replicasDeclared || statefulSet.replicas <= 1) return;
    const database = databaseContainers(statefulSet.template, settings).find((candidate) => isPrimaryReplicaEngine(candidate.engine, settings));
    if (!database || showsReplication(object, statefulSet.template, bundle)) return;
    report({
      messageId: "noReplication",
      data: { statefulSet: object.name, replicas: statefulSet.replicas, engine: database.engine },
      path: ["spec", "replicas"],
    });
  },
});
