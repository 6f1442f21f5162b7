import { statefulSetOf } from "../model/extract.js";
import type { K8sObject } from "../model/object.js";
import type { Bundle } from "./bundle.js";

/** StatefulSets by the Service name they name as `serviceName`, in one namespace. */
function governingIndex(bundle: Bundle, namespace: string): Map<string, K8sObject[]> {
  const map = new Map<string, K8sObject[]>();
  for (const object of bundle.ofKind("StatefulSet", namespace)) {
    const serviceName = statefulSetOf(object)?.serviceName;
    if (!serviceName) continue;
    const list = map.get(serviceName);
    if (list) list.push(object);
    else map.set(serviceName, [object]);
  }
  return map;
}

/**
 * Each namespace's derived-value key and builder, made once: every Service is asked about (by
 * several rules), and a key built per call was a new string to hash each time.
 */
const governingLookups = new Map<string, { readonly key: string; readonly build: (bundle: Bundle) => Map<string, K8sObject[]> }>();

/** An editor session sees every half-typed namespace; a bound keeps the lookups from growing without end. */
const MAX_GOVERNING_LOOKUPS = 1_000;

/** StatefulSets that name a Service as their governing `serviceName`, keyed by namespace and Service name. */
export function statefulSetsGovernedBy(bundle: Bundle, service: K8sObject): readonly K8sObject[] {
  const namespace = service.namespace;
  let lookup = governingLookups.get(namespace);
  if (!lookup) {
    if (governingLookups.size >= MAX_GOVERNING_LOOKUPS) governingLookups.clear();
    governingLookups.set(namespace, (lookup = { key: `statefulSetsByServiceName/${namespace}`, build: (all) => governingIndex(all, namespace) }));
  }
  // One index per namespace, and a check depends on its Service's entry only: an edit to a
  // StatefulSet re-checks the Services it names.
  return bundle.cachedEntry(lookup.key, lookup.build, service.name) ?? [];
}
