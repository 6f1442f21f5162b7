import { asRecord, defineRule, formatLabels, labelSelector, statefulSetOf, type K8sObject } from "@statelint/core";

export type MessageIds = "missing";

/**
 * Whether a PodDisruptionBudget protects any pod at all: a null selector selects none, and in
 * policy/v1beta1 an empty selector selected none too (policy/v1 made `{}` select the whole namespace).
 */
function protectsPods(pdb: K8sObject): boolean {
  const selector = asRecord(pdb.raw["spec"])["selector"];
  if (selector === undefined || selector === null) return false;
  return !(labelSelector(selector).empty && pdb.apiVersion === "policy/v1beta1");
}

export default defineRule<MessageIds>({
  id: "pdb-missing",
  kinds: ["StatefulSet"],
  meta: {
    category: "availability",
    severity: "warning",
    description: "A StatefulSet with more than one replica has no PodDisruptionBudget selecting its pods.",
    rationale:
      "Node drains (cluster upgrades, autoscaler scale-down, maintenance) evict pods through the eviction API, which only holds back when a " +
      "PodDisruptionBudget says so. Without one, a drain can evict the primary and a replica, or a majority of a quorum, at the same time.",
    remediation:
      "Add a `policy/v1` PodDisruptionBudget in the same namespace whose selector matches the pod template's labels, usually with `maxUnavailable: 1`.",
    messages: {
      missing:
        'StatefulSet "{{statefulSet}}" runs {{replicas}} replicas but no PodDisruptionBudget in namespace "{{namespace}}" selects its pods ({{labels}}), so a node drain may evict several at once; add one with maxUnavailable: 1.',
    },
    since: "0.1.0",
    sources: ["seed 000: HA needs replicas that survive node maintenance", "Kubernetes docs: Specifying a Disruption Budget for your Application"],
    defaultOptions: {},
  },
  check({ object, bundle, report }) {
    const sts = statefulSetOf(object);
    if (!sts?.template || sts.replicas <= 1) return;
    const labels = sts.template.labels;
    // Without template labels the StatefulSet is rejected by the API; other rules say so.
    if (Object.keys(labels).length === 0) return;
    if (bundle.disruptionBudgetsSelecting(object.namespace, labels).some((owner) => protectsPods(owner.object))) return;
    report({
      messageId: "missing",
      data: {
        statefulSet: object.name,
        replicas: sts.replicas,
        namespace: object.namespace,
        labels: formatLabels(labels),
      },
      path: ["spec", "replicas"],
    });
  },
});
