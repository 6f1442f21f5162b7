import { CLUSTER_KINDS, defineRule, formatFieldPath, statefulSetOf, type FieldRef, type ObjectContext, type StatefulClusterView } from "@statelint/core";
import { operatorClusterOf } from "../cluster-view.js";
import { HOSTNAME_TOPOLOGY_KEY, spreadTermsOf } from "./spread-terms.js";

export type MessageIds = "missing" | "operatorMissing";

export interface Options {
  /** Node-level topology keys that count as spreading over nodes. */
  readonly topologyKeys: readonly string[];
}

function checkStatefulSet({ object, options, report }: ObjectContext<MessageIds, Options>): void {
  const view = statefulSetOf(object);
  if (!view?.template || view.replicas <= 1) return;
  const spread = spreadTermsOf(view.template).some((term) => term.topologyKey !== undefined && options.topologyKeys.includes(term.topologyKey));
  if (spread) return;
  report({
    messageId: "missing",
    data: { statefulSet: object.name, replicas: view.replicas, topologyKey: options.topologyKeys.join(" or ") },
    path: ["spec", "replicas"],
  });
}

/** Whether the field is a switch the user turned off (CloudNativePG `enablePodAntiAffinity: false`): turning it back on restores the operator's default. */
function isSwitchedOff(at: FieldRef): boolean {
  let value: unknown = at.object.raw;
  for (const segment of at.path) value = (value as Record<string | number, unknown> | undefined)?.[segment];
  return value === false;
}

/** Operator clusters: each member group with several instances, spread per group or cluster-wide; the operator's default spreading counts. */
function checkOperatorCluster(view: StatefulClusterView, { report }: ObjectContext<MessageIds, Options>): void {
  const reported = new Set<string>();
  for (const group of view.members) {
    const spread = group.spread ?? view.spread;
    if (group.replicas <= 1 || !spread || spread.nodeAntiAffinity !== "none") continue;
    const key = `${spread.at.object.id}:${formatFieldPath(spread.at.path)}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const switchedOff = isSwitchedOff(spread.at);
    report({
      messageId: "operatorMissing",
      data: {
        cluster: view.title,
        replicas: group.replicas,
        group: view.members.length > 1 ? ` in "${group.name}"` : "",
        field: formatFieldPath(spread.at.path),
        operator: view.operator ?? "",
      },
      object: spread.at.object,
      path: spread.at.path,
      ...(switchedOff ? { fix: (fixer) => fixer.replaceValue(spread.at.path, true) } : {}),
    });
  }
}

export default defineRule<MessageIds, Options>({
  id: "anti-affinity-missing",
  kinds: CLUSTER_KINDS,
  meta: {
    category: "spread",
    severity: "warning",
    description: "A StatefulSet or an operator cluster with several replicas should spread its pods over nodes with pod anti-affinity or a topology spread constraint.",
    rationale:
      "Without anti-affinity or a spread constraint on `kubernetes.io/hostname` the scheduler may put every replica on the same node. " +
      "Then one node failure or drain takes down the primary and all its replicas, or the whole quorum, at once: the HA the replicas were meant to give is gone.",
    remediation:
      "Add a `podAntiAffinity` term (required for quorum systems, at least preferred otherwise) with `topologyKey: kubernetes.io/hostname` " +
      "that selects the StatefulSet's own pods, or a `topologySpreadConstraints` entry on that key.",
    messages: {
      missing:
        'StatefulSet "{{statefulSet}}" runs {{replicas}} replicas with neither pod anti-affinity nor a topology spread constraint on {{topologyKey}}, so they may all land on one node; spread them over nodes.',
      operatorMissing:
        "{{cluster}} runs {{replicas}} instances{{group}}, and {{field}} leaves them with neither pod anti-affinity nor a topology spread constraint on kubernetes.io/hostname, so {{operator}} may place them all on one node; spread them over nodes.",
    },
    since: "0.1.0",
    sources: [
      "seed 000: HA needs replicas that fail independently",
      "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity",
      "https://cloudnative-pg.io/documentation/current/scheduling/",
      "https://access.crunchydata.com/documentation/postgres-operator/latest/architecture/scheduling",
    ],
    fixable: true,
    fixTitles: { operatorMissing: "Let the operator add pod anti-affinity" },
    optionsSchema: {
      type: "object",
      properties: { topologyKeys: { type: "array", items: { type: "string" }, minItems: 1, uniqueItems: true } },
      additionalProperties: false,
    },
    defaultOptions: { topologyKeys: [HOSTNAME_TOPOLOGY_KEY] },
  },
  check(context) {
    if (context.object.kind === "StatefulSet") {
      checkStatefulSet(context);
      return;
    }
    const view = operatorClusterOf(context.object, context.bundle, context.settings);
    if (view) checkOperatorCluster(view, context);
  },
});
