import type { Bundle } from "../../graph/bundle.js";
import type { K8sObject } from "../object.js";
import { eckElasticsearchAdapter } from "./eck-elasticsearch.js";
import { innodbClusterAdapter } from "./innodb-cluster.js";
import { mongodbCommunityAdapter } from "./mongodb-community.js";
import { strimziKafkaAdapter } from "./strimzi-kafka.js";
import type { ClusterAdapter, StatefulClusterView } from "./view.js";

/** Every source of the stateful-cluster view, one adapter per kind (each in its own file beside this one). */
export const CLUSTER_ADAPTERS: readonly ClusterAdapter[] = [
  innodbClusterAdapter,
  strimziKafkaAdapter,
  eckElasticsearchAdapter,
  mongodbCommunityAdapter,
];

/** Kinds that have an adapter: what concept rules list as their `kinds`. */
export const CLUSTER_KINDS: readonly string[] = [...new Set(CLUSTER_ADAPTERS.flatMap((adapter) => adapter.kinds))];

const VIEWS = "core:cluster-views";

/** The adapter for an object's group and kind, if statelint reads it as a stateful cluster. */
export function clusterAdapterFor(object: K8sObject): ClusterAdapter | undefined {
  return CLUSTER_ADAPTERS.find((adapter) => adapter.group === object.group && adapter.kinds.includes(object.kind));
}

/** The object's stateful-cluster view, built once per bundle and shared by every rule. */
export function clusterOf(object: K8sObject, bundle: Bundle): StatefulClusterView | undefined {
  const views = bundle.cached(VIEWS, () => new WeakMap<K8sObject, StatefulClusterView | null>());
  const known = views.get(object);
  if (known !== undefined) return known ?? undefined;
  const view = clusterAdapterFor(object)?.view(object, bundle);
  views.set(object, view ?? null);
  return view;
}
