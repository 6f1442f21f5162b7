import { asRecord, asString, defineRule, formatSelector, serviceSelectorOf, type Bundle, type Selector } from "@statelint/core";
import { CONTROLLER_LABEL_KEYS, withoutKeys } from "./pod-labels.js";

export type MessageIds = "selectsNothing";

export interface Options {
  /** Pod label keys set by controllers rather than templates; ignored when matching. */
  readonly ignoreLabelKeys: readonly string[];
}

const EVERYTHING: Selector = { matchLabels: {}, requirements: [], empty: true };

/** Custom resources (an operator's `Cluster`, `Kafka`…) may create pods the bundle does not show. */
function hasCustomResources(bundle: Bundle, namespace: string): boolean {
  const index = bundle.cached("service-selects-nothing/namespacesWithCustomResources", (all) => {
    const namespaces = new Set<string>();
    for (const object of all.objects) if (object.group.includes(".") && !object.group.endsWith(".k8s.io")) namespaces.add(object.namespace);
    return namespaces;
  });
  return index.has(namespace);
}

/**
 * The label keys of the namespace's pod templates, or `undefined` when it has no workload. One
 * value per namespace: an edit that keeps the keys (a replica count, an image) re-checks no Service.
 */
function templateLabelKeys(bundle: Bundle, namespace: string): ReadonlySet<string> | undefined {
  return bundle.cached(`service-selects-nothing/template-label-keys/${namespace}`, (all) => {
    const workloads = all.podTemplatesSelectedBy(namespace, EVERYTHING);
    if (workloads.length === 0) return undefined;
    const keys = new Set<string>();
    for (const owner of workloads) for (const key of Object.keys(owner.template.labels)) keys.add(key);
    return keys;
  });
}

export default defineRule<MessageIds, Options>({
  id: "service-selects-nothing",
  kinds: ["Service"],
  meta: {
    category: "service",
    severity: "warning",
    description: "A Service's selector should select the pod template of some workload in its namespace.",
    rationale:
      "A Service whose selector matches no pods has no endpoints: clients connecting to it hang or get refused, " +
      "usually because of a label typo or labels renamed on the workload and not on the Service.",
    remediation: "Make the Service's `spec.selector` a subset of the pod template labels of the workload it fronts.",
    messages: {
      selectsNothing:
        'Service "{{service}}" selects {{selector}}, but no pod template of a workload in namespace "{{namespace}}" has these labels, so it has no endpoints; fix the selector to match the pod labels.',
    },
    since: "0.1.0",
    sources: ["seed 003: Step 6, client connection flow through postgres-lb", "https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service"],
    optionsSchema: {
      type: "object",
      properties: { ignoreLabelKeys: { type: "array", items: { type: "string" }, uniqueItems: true } },
      additionalProperties: false,
    },
    defaultOptions: { ignoreLabelKeys: CONTROLLER_LABEL_KEYS },
  },
  check({ object, bundle, options, report }) {
    if (object.group !== "") return;
    const spec = asRecord(object.raw["spec"]);
    if (asString(spec["type"]) === "ExternalName") return;
    const selector = serviceSelectorOf(object);
    // No selector: endpoints are managed by hand (or by an operator), not matched against pods.
    if (selector.empty) return;
    const matchable = withoutKeys(selector, options.ignoreLabelKeys);
    if (bundle.podTemplatesSelectedBy(object.namespace, matchable).length > 0) return;
    // Without any workload in the namespace the pods are defined elsewhere; nothing can be concluded.
    const templateKeys = templateLabelKeys(bundle, object.namespace);
    if (!templateKeys) return;
    // A label key no template uses, next to custom resources, most likely selects an operator's pods; a value typo still counts.
    const foreignKey = Object.keys(matchable.matchLabels).some((key) => !templateKeys.has(key));
    if (foreignKey && hasCustomResources(bundle, object.namespace)) return;
    report({
      messageId: "selectsNothing",
      data: { service: object.name, selector: formatSelector(selector), namespace: object.namespace },
      path: ["spec", "selector"],
    });
  },
});
