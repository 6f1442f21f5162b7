import { asRecord, asString, childPath, defineRule, formatLabels, formatSelector, selectorMatches, serviceSelectorOf, statefulSetOf, statefulSetsGovernedBy, type K8sObject, type PodTemplate } from "@statelint/core";
import { CONTROLLER_LABEL_KEYS, withoutKeys } from "../service-selects-nothing/pod-labels.js";

export type MessageIds = "mismatch" | "noSelector";


/** The pod template labels of the StatefulSet, what both findings point to (built only for a finding). */
function templateLabels(statefulSet: K8sObject, template: PodTemplate) {
  return [{ object: statefulSet, path: childPath(template.path, "metadata", "labels"), message: `the pod template labels of StatefulSet "${statefulSet.name}"` }];
}

export default defineRule<MessageIds>({
  id: "sts-service-selector-mismatch",
  kinds: ["Service"],
  meta: {
    category: "service",
    severity: "error",
    description: "The governing Service of a StatefulSet must select the StatefulSet's pod template labels.",
    rationale:
      "The per-pod DNS records (`postgres-0.postgres…`) come from the endpoints of the governing Service. If its selector " +
      "does not select the pods, the Service has no endpoints: no pod gets a DNS name, replicas cannot find the primary and " +
      "peers cannot form a cluster, while every object looks healthy.",
    remediation:
      "Make the governing Service's `spec.selector` a subset of the StatefulSet's `spec.template.metadata.labels` " +
      "(usually the same labels as the StatefulSet's `spec.selector.matchLabels`).",
    messages: {
      mismatch:
        'Service "{{service}}" governs StatefulSet "{{statefulSet}}" but its selector ({{selector}}) does not select the pod labels ({{labels}}), so no pod gets a DNS name; select the pod template labels.',
      noSelector:
        'Service "{{service}}" governs StatefulSet "{{statefulSet}}" but has no selector, so its endpoints are not managed and the pods get no DNS names unless you maintain them by hand; add a selector for the pod template labels.',
    },
    since: "0.1.0",
    sources: ["seed 003: Step 5, DNS records created by the headless Service", "https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors"],
    defaultOptions: {},
  },
  check({ object, bundle, report }) {
    if (object.group !== "") return;
    const spec = asRecord(object.raw["spec"]);
    // ExternalName Services are a DNS alias, with no endpoints; selecting pods is meaningless for them.
    if (asString(spec["type"]) === "ExternalName") return;
    const selector = serviceSelectorOf(object);
    for (const statefulSet of statefulSetsGovernedBy(bundle, object)) {
      const template = statefulSetOf(statefulSet)?.template;
      if (!template) continue;
      if (selector.empty) {
        // Hand-managed endpoints (EndpointSlices with hostnames) can still publish pod records; it is rare and fragile, hence a warning.
        const data = { service: object.name, statefulSet: statefulSet.name };
        report({ messageId: "noSelector", data, path: ["spec"], at: "key", severity: "warning", related: templateLabels(statefulSet, template) });
        continue;
      }
      // Labels the controller adds to pods are not in the template; a selector using them is judged on the rest.
      if (selectorMatches(withoutKeys(selector, CONTROLLER_LABEL_KEYS), template.labels)) continue;
      report({
        messageId: "mismatch",
        data: { service: object.name, statefulSet: statefulSet.name, selector: formatSelector(selector), labels: formatLabels(template.labels) },
        path: ["spec", "selector"],
        related: templateLabels(statefulSet, template),
      });
    }
  },
});
