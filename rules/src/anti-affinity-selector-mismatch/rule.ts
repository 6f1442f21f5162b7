import { childPath, closestMatch, defineRule, formatLabels, formatSelector, isOperatorManaged, labelSelector, selectorMatches, statefulSetOf, type Selector } from "@statelint/core";
import { spreadTermsOf } from "../anti-affinity-missing/spread-terms.js";
import { CONTROLLER_LABEL_KEYS, withoutKeys } from "../service-selects-nothing/pod-labels.js";

export type MessageIds = "antiAffinityMismatch" | "spreadMismatch" | "noSelector";


/**
 * Anti-affinity against other apps is legitimate (`app: kafka` next to `app: postgres`). A selector
 * reads as meant for the pod's own kind only when every key it tests is a template label key, by
 * equality, and every value that differs is a near miss of the pod's own value (`postgress`).
 */
function looksMeantForOwnPods(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
  const keys = [...Object.keys(selector.matchLabels), ...selector.requirements.map((requirement) => requirement.key)];
  if (keys.length === 0 || !keys.every((key) => key in labels)) return false;
  if (selector.requirements.some((requirement) => requirement.operator !== "In")) return false;
  const nearOwn = (values: readonly string[], own: string) => values.includes(own) || closestMatch(own, values) !== undefined;
  return (
    Object.entries(selector.matchLabels).every(([key, value]) => nearOwn([value], labels[key] ?? "")) &&
    selector.requirements.every((requirement) => nearOwn(requirement.values, labels[requirement.key] ?? ""))
  );
}

export default defineRule<MessageIds>({
  id: "anti-affinity-selector-mismatch",
  kinds: ["StatefulSet"],
  meta: {
    category: "spread",
    severity: "error",
    description: "A pod anti-affinity term or topology spread constraint of a StatefulSet must select the StatefulSet's own pods.",
    rationale:
      "Anti-affinity and spread constraints only keep replicas apart when their labelSelector matches the replicas themselves. " +
      "A selector with a typo or stale labels matches no pod, so the term silently does nothing and all replicas can land on one node or zone.",
    remediation: "Make the term's `labelSelector` select the pod template labels, usually the same labels as the StatefulSet's `spec.selector`.",
    messages: {
      antiAffinityMismatch:
        'The pod anti-affinity term of StatefulSet "{{statefulSet}}" selects {{selector}}, which looks meant for its own pods ({{labels}}) but matches neither them nor any other workload, so it keeps nothing apart; select the pod template labels.',
      spreadMismatch:
        'The topology spread constraint on {{topologyKey}} of StatefulSet "{{statefulSet}}" selects {{selector}}, which does not match its own pods ({{labels}}), so it does not spread them; select the pod template labels.',
      noSelector: 'This {{term}} of StatefulSet "{{statefulSet}}" has no labelSelector, so it matches no pod and has no effect; add a labelSelector for the pod template labels.',
    },
    since: "0.1.0",
    sources: ["https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#spread-constraint-definition", "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity"],
    defaultOptions: {},
  },
  check({ object, bundle, report }) {
    if (isOperatorManaged(object)) return;
    const template = statefulSetOf(object)?.template;
    if (!template) return;
    const terms = spreadTermsOf(template);
    if (terms.length === 0) return;
    const related = [{ object, path: childPath(template.path, "metadata", "labels"), message: "the pod template labels" }];
    for (const term of terms) {
      const data = { statefulSet: object.name, labels: formatLabels(template.labels) };
      if (term.labelSelector === undefined) {
        // matchLabelKeys alone still ties the term to the pod's own labels.
        if (term.hasMatchLabelKeys) continue;
        report({ messageId: "noSelector", data: { ...data, term: term.source === "constraint" ? "topology spread constraint" : "pod anti-affinity term" }, path: term.path, related });
        continue;
      }
      const selector = labelSelector(term.labelSelector);
      if (selectorMatches(withoutKeys(selector, CONTROLLER_LABEL_KEYS), template.labels)) continue;
      const path = childPath(term.path, "labelSelector");
      if (term.source === "constraint") {
        report({ messageId: "spreadMismatch", data: { ...data, selector: formatSelector(selector), topologyKey: term.topologyKey ?? "its topology key" }, path, related });
        continue;
      }
      if (term.otherNamespaces) continue;
      if (!looksMeantForOwnPods(selector, template.labels)) continue;
      if (bundle.podTemplatesSelectedBy(object.namespace, selector).length > 0) continue;
      report({ messageId: "antiAffinityMismatch", data: { ...data, selector: formatSelector(selector) }, path, related });
    }
  },
});
