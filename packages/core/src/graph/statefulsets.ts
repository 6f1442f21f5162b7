import { statefulSetOf } from "../model/extract.js";
import type { K8sObject } from "../model/object.js";
import type { Bundle } from "./bundle.js";

/** StatefulSets that name a Service as their governing `serviceName`, keyed by namespace and Service name. */
export function statefulSetsGovernedBy(bundle: Bundle, service: K8sObject): readonly K8sObject[] {
  const index = bundle.cached("statefulSetsByServiceName", (all) => {
    const map = new Map<string, K8sObject[]>();
    for (const object of all.ofKind("StatefulSet")) {
      const serviceName = statefulSetOf(object)?.serviceName;
      if (!serviceName) continue;
      const key = `${object.namespace}\u0000${serviceName}`;
      const list = map.get(key);
      if (list) list.push(object);
      else map.set(key, [object]);
    }
    return map;
  });
  return index.get(`${service.namespace}\u0000${service.name}`) ?? [];
}
