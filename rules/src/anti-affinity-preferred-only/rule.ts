import { databaseContainers, defineRule, isOperatorManaged, isQuorumEngine, statefulSetOf } from "@statelint/core";
import { HOSTNAME_TOPOLOGY_KEY, spreadTermsOf } from "../anti-affinity-missing/spread-terms.js";

export type MessageIds = "preferredOnly";

export default defineRule<MessageIds>({
  id: "anti-affinity-preferred-only",
  kinds: ["StatefulSet"],
  meta: {
    category: "spread",
    severity: "info",
    description: "A quorum system should require, not merely prefer, that its members run on different nodes.",
    rationale:
      "Preferred anti-affinity is dropped whenever the scheduler cannot honour it (a node drained, a cluster short of capacity), " +
      "so two members of an etcd, ZooKeeper or Consul quorum can end up on one node; losing that node then loses the majority and the whole cluster stops accepting writes.",
    remediation:
      "Use `requiredDuringSchedulingIgnoredDuringExecution` anti-affinity on `kubernetes.io/hostname`, or a topology spread constraint on it " +
      "with `whenUnsatisfiable: DoNotSchedule`, and keep at least as many nodes as members.",
    messages: {
      preferredOnly:
        'StatefulSet "{{statefulSet}}" runs {{replicas}} {{engine}} quorum members but only prefers spreading them over nodes, so two can share a node and one node failure can lose the majority; make the anti-affinity required.',
    },
    since: "0.1.0",
    sources: ["seed 000: HA with quorum, a majority must survive", "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity"],
    defaultOptions: {},
  },
  check({ object, settings, report }) {
    if (isOperatorManaged(object)) return;
    const view = statefulSetOf(object);
    if (!view?.template || view.replicas <= 1) return;
    const quorum = databaseContainers(view.template, settings).find((container) => isQuorumEngine(container.engine, settings));
    if (!quorum) return;
    const onHostname = spreadTermsOf(view.template).filter((term) => term.topologyKey === HOSTNAME_TOPOLOGY_KEY);
    const enforced = onHostname.some((term) => term.source === "required" || (term.source === "constraint" && term.whenUnsatisfiable === "DoNotSchedule"));
    const preferred = onHostname.find((term) => term.source === "preferred");
    if (enforced || !preferred) return;
    report({
      messageId: "preferredOnly",
      data: { statefulSet: object.name, engine: quorum.engine, replicas: view.replicas },
      // The term's path ends with [index, "podAffinityTerm"]; the list key is what to change.
      path: preferred.path.slice(0, -2),
      at: "key",
    });
  },
});
