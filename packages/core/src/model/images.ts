import { ownCopy } from "../text/own-copy.js";
import { derivedOnce } from "./memo.js";

/** A container image reference split into its parts. */
export interface ImageReference {
  readonly repository: string;
  /** The last path segment of the repository, lower-cased: what engine matching looks at. */
  readonly name: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

/**
 * Images already split, by reference: several rules split the image of every container, and a
 * run's containers mostly share a few images.
 */
const parsedImages = new Map<string, ImageReference>();

/** An editor session sees every half-typed image; a bound keeps what is remembered from growing without end. */
const MAX_REMEMBERED_IMAGES = 10_000;

/** The parts of an image reference; callers share the answer and must not change it. */
export function parseImage(image: string): ImageReference {
  let parsed = parsedImages.get(image);
  if (parsed === undefined) {
    if (parsedImages.size >= MAX_REMEMBERED_IMAGES) parsedImages.clear();
    // Split from a copy, so neither the key nor the parts keep the manifest's text alive.
    const copy = ownCopy(image);
    parsed = splitImage(copy);
    parsedImages.set(copy, parsed);
  }
  return parsed;
}

function splitImage(image: string): ImageReference {
  const trimmed = image.trim();
  const at = trimmed.indexOf("@");
  const digest = at === -1 ? undefined : trimmed.slice(at + 1);
  const withoutDigest = at === -1 ? trimmed : trimmed.slice(0, at);
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.lastIndexOf(":");
  // A colon before the last slash belongs to a registry port (`registry:5000/postgres`), not a tag.
  const hasTag = colon > lastSlash;
  const repository = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = hasTag ? withoutDigest.slice(colon + 1) : undefined;
  const name = repository.slice(repository.lastIndexOf("/") + 1).toLowerCase();
  return { repository, name, tag, digest };
}

/** Stateful engines statelint recognises by image name (SPEC "DB image"). */
export const DEFAULT_DATABASE_IMAGES: readonly string[] = [
  "postgres", "postgis", "timescaledb", "mysql", "mariadb", "percona", "mongo", "redis", "valkey", "etcd",
  "zookeeper", "consul", "cassandra", "scylla", "cockroach", "elasticsearch", "opensearch", "kafka",
  "rabbitmq", "nats", "minio", "clickhouse", "influxdb", "neo4j", "vault", "memcached", "couchdb", "dgraph",
];

/** One writer and read-only replicas: a load-balanced Service sends writes to replicas. */
export const DEFAULT_PRIMARY_REPLICA_IMAGES: readonly string[] = [
  "postgres", "postgis", "timescaledb", "mysql", "mariadb", "percona", "mongo", "redis", "valkey",
];

/** A majority must agree: even replica counts add no fault tolerance. */
export const DEFAULT_QUORUM_IMAGES: readonly string[] = [
  "etcd", "zookeeper", "consul", "cockroach", "kafka", "nats", "vault", "rabbitmq",
];

/** Image-name tokens of tools that sit next to a database without being one. */
const COMPANION_TOKENS = new Set([
  "exporter", "operator", "proxy", "backup", "bouncer", "client", "cli", "ui", "admin", "agent", "sidecar",
  "metrics", "dashboard", "tools", "shell", "box", "connect", "manager", "controller", "webhook", "injector",
  "helper", "reloader", "watcher", "init", "migrate", "migrations", "browser", "commander", "insight",
]);

const ENGINE_SUFFIXES = ["ql", "db", "d"];

function tokenMatches(token: string, engine: string): boolean {
  if (token === engine) return true;
  return ENGINE_SUFFIXES.some((suffix) => token === engine + suffix);
}

/** Engines already matched, per engine list: a large run repeats the same few images thousands of times. */
const enginesByImage = derivedOnce((_engines: readonly string[]) => new Map<string, string | undefined>());

/**
 * The engine an image runs, from the given list, matched on the last path segment of the
 * repository without tag or digest: `bitnami/postgresql:16` → `postgres`,
 * `confluentinc/cp-kafka` → `kafka`; `prometheuscommunity/postgres-exporter` → none.
 */
export function engineOf(image: string, engines: readonly string[]): string | undefined {
  const known = enginesByImage(engines);
  if (known.has(image)) return known.get(image);
  const engine = matchEngine(image, engines);
  if (known.size >= MAX_REMEMBERED_IMAGES) known.clear();
  known.set(ownCopy(image), engine);
  return engine;
}

function matchEngine(image: string, engines: readonly string[]): string | undefined {
  const { name } = parseImage(image);
  const tokens = name.split(/[-_.]/).filter(Boolean);
  if (tokens.some((token) => COMPANION_TOKENS.has(token))) return undefined;
  for (const engine of engines) {
    if (tokenMatches(name, engine)) return engine;
    if (tokens.some((token) => tokenMatches(token, engine))) return engine;
  }
  return undefined;
}
