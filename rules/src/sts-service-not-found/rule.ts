import { closestMatch, defineRule, isOperatorManaged, statefulSetOf } from "@statelint/core";

export type MessageIds = "notFound" | "notFoundSuggest" | "noServices";

export default defineRule<MessageIds>({
  id: "sts-service-not-found",
  kinds: ["StatefulSet"],
  meta: {
    category: "service",
    severity: "error",
    description: "The Service named by a StatefulSet's `spec.serviceName` must exist in its namespace in the bundle.",
    rationale:
      "The governing Service publishes the per-pod DNS records (`postgres-0.postgres…`). When it does not exist, " +
      "the StatefulSet still creates pods but none of them is reachable by its stable name, so replicas cannot find the primary " +
      "and peers cannot form a cluster.",
    remediation:
      "Add a headless Service (`clusterIP: None`) with that name in the StatefulSet's namespace, or correct `spec.serviceName` " +
      "to the name of the existing one; lint the StatefulSet together with the files that define its Services.",
    messages: {
      notFound: 'StatefulSet "{{statefulSet}}" names Service "{{serviceName}}", but there is no Service of that name in namespace "{{namespace}}"; add a headless Service "{{serviceName}}".',
      notFoundSuggest:
        'StatefulSet "{{statefulSet}}" names Service "{{serviceName}}", but there is no Service of that name in namespace "{{namespace}}"; did you mean "{{suggestion}}"?',
      noServices:
        'StatefulSet "{{statefulSet}}" names Service "{{serviceName}}", but the linted files define no Service in namespace "{{namespace}}"; add a headless Service "{{serviceName}}" or lint the file that defines it too.',
    },
    since: "0.1.0",
    sources: ["seed 003: Overview, Service postgres (headless) created next to the StatefulSet", "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#limitations"],
    defaultOptions: {},
  },
  check({ object, bundle, report }) {
    if (isOperatorManaged(object)) return;
    const serviceName = statefulSetOf(object)?.serviceName;
    // An absent or empty serviceName is sts-service-name-missing's finding.
    if (!serviceName) return;
    // Only core v1 Services publish pod DNS; a Knative or Istio "Service" of the same name does not count.
    if (bundle.findInGroup("", "Service", object.namespace, serviceName)) return;
    const services = bundle.ofKind("Service", object.namespace).filter((service) => service.group === "");
    const data = { statefulSet: object.name, serviceName, namespace: object.namespace };
    const path = ["spec", "serviceName"];
    if (services.length === 0) {
      report({ messageId: "noServices", data, path });
      return;
    }
    const suggestion = closestMatch(serviceName, services.map((service) => service.name));
    if (suggestion) report({ messageId: "notFoundSuggest", data: { ...data, suggestion }, path });
    else report({ messageId: "notFound", data, path });
  },
});
