import { asRecord, childPath, defineRule, formatLabels, formatSelector, isOperatorManaged, isRecord, selectorMatches, specLabelSelectorOf, statefulSetOf, type K8sObject, type PodTemplate } from "@statelint/core";

export type MessageIds = "mismatch" | "emptySelector";


/** The pod template's labels, what both findings point to (built only for a finding). */
function templateLabels(object: K8sObject, template: PodTemplate) {
  return [{ object, path: childPath(template.path, "metadata", "labels"), message: "the pod template labels" }];
}

export default defineRule<MessageIds>({
  id: "sts-selector-mismatch",
  kinds: ["StatefulSet"],
  meta: {
    category: "service",
    severity: "error",
    description: "A StatefulSet's `spec.selector` must select the labels of its own pod template.",
    rationale:
      "The API server rejects a StatefulSet whose selector does not match `spec.template.metadata.labels` " +
      "(and one with an empty selector), so the whole bundle fails to apply. The selector is also immutable: " +
      "getting it wrong later means deleting and re-creating the StatefulSet.",
    remediation: "Make `spec.selector.matchLabels` a subset of `spec.template.metadata.labels`, usually `app: <name>` on both.",
    messages: {
      mismatch:
        'The selector of StatefulSet "{{statefulSet}}" ({{selector}}) does not match its pod template labels ({{labels}}); the API rejects it. Make the selector a subset of the template labels.',
      emptySelector: 'StatefulSet "{{statefulSet}}" has an empty selector, which the API rejects; select the pod template labels ({{labels}}).',
    },
    since: "0.1.0",
    sources: ["https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#pod-selector"],
    defaultOptions: {},
  },
  check({ object, report }) {
    if (isOperatorManaged(object)) return;
    const view = statefulSetOf(object);
    const template = view?.template;
    if (!view || !template) return;
    // A missing selector is a schema finding (it is required in apps/v1).
    if (!("selector" in view.spec) || view.spec["selector"] === null) return;
    const selector = specLabelSelectorOf(object);
    if (selector.empty) {
      // A selector whose fields are of the wrong type is schema-invalid's finding, not an empty one.
      const record = asRecord(view.spec["selector"]);
      const matchLabels = record["matchLabels"];
      const matchExpressions = record["matchExpressions"];
      if ((matchLabels != null && !isRecord(matchLabels)) || (matchExpressions != null && !Array.isArray(matchExpressions))) return;
      report({ messageId: "emptySelector", data: { statefulSet: object.name, labels: formatLabels(template.labels) }, path: ["spec", "selector"], related: templateLabels(object, template) });
      return;
    }
    if (selectorMatches(selector, template.labels)) return;
    report({ messageId: "mismatch", data: { statefulSet: object.name, selector: formatSelector(selector), labels: formatLabels(template.labels) }, path: ["spec", "selector"], related: templateLabels(object, template) });
  },
});
