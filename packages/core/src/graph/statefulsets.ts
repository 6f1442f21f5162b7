import { statefulSetOf } from "../model/extract.js";
import type { K8sObject } from "../model/object.js";
import type { Bundle } from "./bundle.js";

/** StatefulSets that name a Service as their governing `serviceName`, keyed by namespace and Service name. */
export function statefulSetsGovernedBy(bundle: Bundle, service: K8sObject): readonly K8sObject[] {
  // One index per namespace, and a check depends on its Service's entry only: an edit to a
  // StatefulSet re-checks the Services it names.
  return bundle.cachedEntry(`statefulSetsByServiceName/${service.namespace}`, (all) => {
    const map = new Map<string, K8sObject[]>();
    for (const object of all.ofKind("StatefulSet", service.namespace)) {
      const serviceName = statefulSetOf(object)?.serviceName;
      if (!serviceName) continue;
      const list = map.get(serviceName);
      if (list) list.push(object);
      else map.set(serviceName, [object]);
    }
    return map;
  }, service.name) ?? [];
}
