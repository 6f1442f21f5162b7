import { asArray, asRecord, defineRule, isOperatorManaged, statefulSetOf, type PodTemplate } from "@statelint/core";
import { spreadTermsOf, ZONE_TOPOLOGY_KEYS } from "../anti-affinity-missing/spread-terms.js";

export type MessageIds = "missing";

export interface Options {
  /** Topology keys that count as spreading over zones. */
  readonly topologyKeys: readonly string[];
}

/** A template pinned to zones by nodeSelector or required node affinity is deliberately placed; spreading is not the question. */
function pinnedToZones(template: PodTemplate, keys: readonly string[]): boolean {
  if (Object.keys(asRecord(template.spec["nodeSelector"])).some((key) => keys.includes(key))) return true;
  const required = asRecord(asRecord(asRecord(template.spec["affinity"])["nodeAffinity"])["requiredDuringSchedulingIgnoredDuringExecution"]);
  return asArray(required["nodeSelectorTerms"]).some((term) =>
    asArray(asRecord(term)["matchExpressions"]).some((expression) => keys.includes(String(asRecord(expression)["key"]))),
  );
}

export default defineRule<MessageIds, Options>({
  id: "zone-spread-missing",
  kinds: ["StatefulSet"],
  meta: {
    category: "spread",
    severity: "info",
    description: "A StatefulSet with several replicas should spread them over availability zones.",
    rationale:
      "Spreading over nodes does not survive the loss of a zone: if every replica sits in one zone, a zone outage takes the primary " +
      "and all its replicas (or the whole quorum) down together, and the data is only reachable again when the zone returns.",
    remediation:
      "Add a `topologySpreadConstraints` entry on `topology.kubernetes.io/zone` that selects the StatefulSet's pods (or an anti-affinity term on that key), " +
      "and use a zone-aware StorageClass (`volumeBindingMode: WaitForFirstConsumer`).",
    messages: {
      missing:
        'StatefulSet "{{statefulSet}}" runs {{replicas}} replicas but nothing spreads them over {{topologyKey}}, so one zone outage can take them all down; add a zone topology spread constraint.',
    },
    since: "0.1.0",
    sources: ["seed 000: HA and multi-region DR", "https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/"],
    optionsSchema: {
      type: "object",
      properties: { topologyKeys: { type: "array", items: { type: "string" }, minItems: 1, uniqueItems: true } },
      additionalProperties: false,
    },
    defaultOptions: { topologyKeys: ZONE_TOPOLOGY_KEYS },
  },
  check({ object, options, report }) {
    if (isOperatorManaged(object)) return;
    const view = statefulSetOf(object);
    if (!view?.template || view.replicas <= 1) return;
    if (spreadTermsOf(view.template).some((term) => term.topologyKey !== undefined && options.topologyKeys.includes(term.topologyKey))) return;
    if (pinnedToZones(view.template, options.topologyKeys)) return;
    report({
      messageId: "missing",
      data: { statefulSet: object.name, replicas: view.replicas, topologyKey: options.topologyKeys[0] ?? "a zone key" },
      path: ["spec", "replicas"],
    });
  },
});
