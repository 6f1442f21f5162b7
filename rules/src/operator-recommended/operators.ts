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
