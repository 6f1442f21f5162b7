import { asArray, asRecord, asStringMap, type K8sObject } from "@statelint/core";

/**
 * Engines with a mature Kubernetes operator (the seed's decision map: "production-grade database
 * inside Kubernetes → use an operator"), keyed by the engine names of the DB image list. Engines
 * without an operator that is widely run in production (etcd, zookeeper, consul, vault, nats,
 * influxdb, neo4j, valkey …) are left out on purpose: recommending a young operator is worse than
 * saying nothing.
 */
export const OPERATORS: Readonly<Record<string, readonly string[]>> = {
  postgres: ["CloudNativePG", "Zalando Postgres Operator", "Crunchy Postgres for Kubernetes (PGO)"],
  postgis: ["CloudNativePG (PostGIS images)", "Crunchy Postgres for Kubernetes (PGO)"],
  timescaledb: ["CloudNativePG (TimescaleDB images)", "Zalando Postgres Operator"],
  mysql: ["MySQL Operator for Kubernetes (Oracle)", "Percona Operator for MySQL"],
  mariadb: ["mariadb-operator", "Percona Operator for MySQL (Percona XtraDB Cluster)"],
  percona: ["Percona Operator for MySQL", "Percona Operator for MongoDB"],
  mongo: ["MongoDB Community Operator", "Percona Operator for MongoDB"],
  redis: ["Redis Enterprise Operator", "OT-Container-Kit Redis Operator"],
  kafka: ["Strimzi"],
  elasticsearch: ["Elastic Cloud on Kubernetes (ECK)"],
  opensearch: ["OpenSearch Kubernetes Operator"],
  cassandra: ["K8ssandra (cass-operator)"],
  scylla: ["Scylla Operator"],
  rabbitmq: ["RabbitMQ Cluster Operator"],
  cockroach: ["CockroachDB Operator"],
  clickhouse: ["Altinity ClickHouse Operator"],
  minio: ["MinIO Operator"],
};

/** `app.kubernetes.io/managed-by` values of operators that do not say "operator" in them. */
const OPERATOR_MANAGERS = new Set(["cloudnative-pg", "cnpg", "pgo", "crunchydata", "strimzi", "kubedb", "kubedb.com", "stackgres", "k8ssandra", "vitess", "eck", "elastic", "scylla", "altinity"]);

/** Label key prefixes that only operators put on the objects they create. */
const OPERATOR_LABEL_PREFIXES = ["cnpg.io/", "postgres-operator.crunchydata.com/", "strimzi.io/", "elasticsearch.k8s.elastic.co/", "kubedb.com/", "stackgres.io/", "k8ssandra.io/", "cassandra.datastax.com/", "app.kubernetes.io/managed-by-operator"];

function labelsSayOperator(labels: Readonly<Record<string, string>>): boolean {
  const manager = (labels["app.kubernetes.io/managed-by"] ?? "").toLowerCase();
  if (manager.includes("operator") || OPERATOR_MANAGERS.has(manager)) return true;
  return Object.keys(labels).some((key) => OPERATOR_LABEL_PREFIXES.some((prefix) => key.startsWith(prefix)));
}

/**
 * Whether an operator owns this workload: it has ownerReferences (a controller created it), or
 * its labels or its pod template's labels name an operator.
 */
export function isOperatorManaged(object: K8sObject): boolean {
  const metadata = asRecord(object.raw["metadata"]);
  if (asArray(metadata["ownerReferences"]).length > 0) return true;
  if (labelsSayOperator(asStringMap(metadata["labels"]))) return true;
  const template = asRecord(asRecord(object.raw["spec"])["template"]);
  return labelsSayOperator(asStringMap(asRecord(template["metadata"])["labels"]));
}
