import { defineRule, statefulSetOf } from "@statelint/core";
import { HOSTNAME_TOPOLOGY_KEY, spreadTermsOf } from "./spread-terms.js";

export type MessageIds = "missing";

export interface Options {
  /** Node-level topology keys that count as spreading over nodes. */
  readonly topologyKeys: readonly string[];
}

export default defineRule<MessageIds, Options>({
  id: "anti-affinity-missing",
  kinds: ["StatefulSet"],
  meta: {
    category: "spread",
    severity: "warning",
    description: "A StatefulSet with several replicas should spread its pods over nodes with pod anti-affinity or a topology spread constraint.",
    rationale:
      "Without anti-affinity or a spread constraint on `kubernetes.io/hostname` the scheduler may put every replica on the same node. " +
      "Then one node failure or drain takes down the primary and all its replicas, or the whole quorum, at once: the HA the replicas were meant to give is gone.",
    remediation:
      "Add a `podAntiAffinity` term (required for quorum systems, at least preferred otherwise) with `topologyKey: kubernetes.io/hostname` " +
      "that selects the StatefulSet's own pods, or a `topologySpreadConstraints` entry on that key.",
    messages: {
      missing:
        'StatefulSet "{{statefulSet}}" runs {{replicas}} replicas with neither pod anti-affinity nor a topology spread constraint on {{topologyKey}}, so they may all land on one node; spread them over nodes.',
    },
    since: "0.1.0",
    sources: ["seed 000: HA needs replicas that fail independently", "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity"],
    optionsSchema: {
      type: "object",
      properties: { topologyKeys: { type: "array", items: { type: "string" }, minItems: 1, uniqueItems: true } },
      additionalProperties: false,
    },
    defaultOptions: { topologyKeys: [HOSTNAME_TOPOLOGY_KEY] },
  },
  check({ object, options, report }) {
    const view = statefulSetOf(object);
    if (!view?.template || view.replicas <= 1) return;
    const spread = spreadTermsOf(view.template).some((term) => term.topologyKey !== undefined && options.topologyKeys.includes(term.topologyKey));
    if (spread) return;
    report({
      messageId: "missing",
      data: { statefulSet: object.name, replicas: view.replicas, topologyKey: options.topologyKeys.join(" or ") },
      path: ["spec", "replicas"],
    });
  },
});
