import { DEFAULT_SETTINGS, type Settings } from "../../config/settings.js";
import type { AnyRule } from "../../engine/rule.js";
import type { Bundle } from "../../graph/bundle.js";
import type { K8sObject } from "../object.js";
import { cloudNativePgAdapter } from "./cloudnative-pg.js";
import { crunchyPgoAdapter } from "./crunchy-pgo.js";
import { eckElasticsearchAdapter } from "./eck-elasticsearch.js";
import { innodbClusterAdapter } from "./innodb-cluster.js";
import { mongodbCommunityAdapter } from "./mongodb-community.js";
import { statefulSetAdapter } from "./statefulset.js";
import { strimziKafkaAdapter } from "./strimzi-kafka.js";
import type { ClusterAdapter, StatefulClusterView } from "./view.js";
import { zalandoAdapter } from "./zalando.js";

/** Every source of the stateful-cluster view, one adapter per kind (each in its own file beside this one). */
export const CLUSTER_ADAPTERS: readonly ClusterAdapter[] = [
  statefulSetAdapter,
  cloudNativePgAdapter,
  crunchyPgoAdapter,
  zalandoAdapter,
  innodbClusterAdapter,
  strimziKafkaAdapter,
  eckElasticsearchAdapter,
  mongodbCommunityAdapter,
];

/** Kinds that have an adapter: what concept rules list as their `kinds`. */
export const CLUSTER_KINDS: readonly string[] = [...new Set(CLUSTER_ADAPTERS.flatMap((adapter) => adapter.kinds))];

/** Kinds an operator manages (every adapter but the hand-rolled StatefulSet's). */
export const OPERATOR_CLUSTER_KINDS: readonly string[] = [...new Set(CLUSTER_ADAPTERS.filter((adapter) => adapter.operator !== "").flatMap((adapter) => adapter.kinds))];

const VIEWS = "core:cluster-views";

/** The adapters of each kind (several operators name their resource `Cluster`), in `CLUSTER_ADAPTERS` order. */
const ADAPTERS_BY_KIND = new Map<string, ClusterAdapter[]>();
for (const adapter of CLUSTER_ADAPTERS) {
  for (const kind of adapter.kinds) {
    const adapters = ADAPTERS_BY_KIND.get(kind);
    if (adapters) adapters.push(adapter);
    else ADAPTERS_BY_KIND.set(kind, [adapter]);
  }
}

/** The adapter for an object's group and kind, if statelint reads it as a stateful cluster. */
export function clusterAdapterFor(object: K8sObject): ClusterAdapter | undefined {
  for (const adapter of ADAPTERS_BY_KIND.get(object.kind) ?? []) if (adapter.group === object.group) return adapter;
  return undefined;
}

/** The bundle's views, by settings: a function made once, not a closure per view asked for. */
function viewsBySettings(): WeakMap<Settings, WeakMap<K8sObject, StatefulClusterView | null>> {
  return new WeakMap();
}

/**
 * The object's stateful-cluster view, built once per bundle (and per settings, which differ per
 * configuration file) and shared by every rule.
 */
export function clusterOf(object: K8sObject, bundle: Bundle, settings: Settings = DEFAULT_SETTINGS): StatefulClusterView | undefined {
  const bySettings = bundle.cached(VIEWS, viewsBySettings);
  let views = bySettings.get(settings);
  if (!views) {
    views = new WeakMap();
    bySettings.set(settings, views);
  }
  const known = views.get(object);
  if (known !== undefined) return known ?? undefined;
  const view = clusterAdapterFor(object)?.view(object, bundle, settings);
  views.set(object, view ?? null);
  return view;
}

/** The operator-managed clusters of the bundle (for rules that start from another object, such as a StorageClass). */
export function operatorClustersIn(bundle: Bundle, settings: Settings = DEFAULT_SETTINGS): StatefulClusterView[] {
  return OPERATOR_CLUSTER_KINDS.flatMap((kind) => bundle.ofKind(kind)).flatMap((object) => {
    const view = clusterOf(object, bundle, settings);
    return view && view.operator !== undefined ? [view] : [];
  });
}

/** How docs and `statelint rules` name a kind: operator kinds carry their operator, `Cluster (CloudNativePG)`. */
export function kindLabel(kind: string): string {
  const operators = CLUSTER_ADAPTERS.filter((adapter) => adapter.operator !== "" && adapter.kinds.includes(kind)).map((adapter) => adapter.operator);
  return operators.length > 0 ? `${kind} (${operators.join(", ")})` : kind;
}

/** What a rule looks at, for docs and `statelint rules`: its kinds, every kind, or the text of the files. */
export function appliesTo(rule: Pick<AnyRule, "kinds" | "check">): string[] {
  if (!rule.check) return ["YAML and JSON files"];
  if (!rule.kinds) return ["every kind"];
  return [...new Set(rule.kinds)].map(kindLabel);
}
