import { asRecord, CLUSTER_KINDS, defineRule, formatFieldPath, formatLabels, specLabelSelectorOf, statefulSetOf, type K8sObject, type FieldRef, type ObjectContext, type StatefulClusterView } from "@statelint/core";
import { operatorClusterOf } from "../cluster-view.js";

export type MessageIds = "missing" | "operatorDisabled" | "operatorMissing";

/**
 * Whether a PodDisruptionBudget protects any pod at all: a null selector selects none, and in
 * policy/v1beta1 an empty selector selected none too (policy/v1 made `{}` select the whole namespace).
 */
function protectsPods(pdb: K8sObject): boolean {
  const selector = asRecord(pdb.raw["spec"])["selector"];
  if (selector === undefined || selector === null) return false;
  return !(specLabelSelectorOf(pdb).empty && pdb.apiVersion === "policy/v1beta1");
}

function checkStatefulSet({ object, bundle, report }: ObjectContext<MessageIds, object>): void {
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
}

/** How the user switched the operator's budget off: a boolean (`enablePDB: false`) or an empty override (ECK `podDisruptionBudget: {}`). */
function disabledSetting(at: FieldRef): { setting: string; remedy: string; switchedOff: boolean } {
  let value: unknown = at.object.raw;
  for (const segment of at.path) value = asRecord(value)[segment];
  const field = formatFieldPath(at.path);
  if (value === false) return { setting: `${field}: false`, remedy: "set it to true", switchedOff: true };
  return { setting: `${field}: ${JSON.stringify(value)}`, remedy: "remove it to get the operator's default budget", switchedOff: false };
}

/**
 * Operators that create their own budget (CloudNativePG, PGO, Zalando, ECK, Strimzi) are fine unless the
 * user switched it off; for those that create none (MongoDB Community), a budget in the bundle must select the members.
 */
function checkOperatorCluster(view: StatefulClusterView, { bundle, report }: ObjectContext<MessageIds, object>): void {
  const budget = view.disruptionBudget;
  const replicas = view.members.reduce((sum, group) => sum + group.replicas, 0);
  if (!budget || replicas <= 1) return;
  const operator = view.operator ?? "";
  if (budget.disabledAt) {
    const disabledAt = budget.disabledAt;
    const { setting, remedy, switchedOff } = disabledSetting(disabledAt);
    report({
      messageId: "operatorDisabled",
      data: { cluster: view.title, replicas, setting, operator, remedy },
      object: disabledAt.object,
      path: disabledAt.path,
      ...(switchedOff ? { fix: (fixer) => fixer.replaceValue(disabledAt.path, true) } : {}),
    });
    return;
  }
  if (budget.managedByOperator) return;
  for (const group of view.members) {
    if (group.replicas <= 1 || !group.podLabels) continue;
    const namespace = group.replicasAt.object.namespace;
    if (bundle.disruptionBudgetsSelecting(namespace, group.podLabels).some((owner) => protectsPods(owner.object))) continue;
    report({
      messageId: "operatorMissing",
      data: { cluster: view.title, group: group.name === view.object.name ? "" : ` in "${group.name}"`, replicas: group.replicas, operator, namespace, labels: formatLabels(group.podLabels) },
      object: group.replicasAt.object,
      path: group.replicasAt.path,
    });
  }
}

export default defineRule<MessageIds>({
  id: "pdb-missing",
  kinds: CLUSTER_KINDS,
  meta: {
    category: "availability",
    severity: "warning",
    description: "A StatefulSet or operator cluster with more than one member has no PodDisruptionBudget selecting its pods, or turns its operator's budget off.",
    rationale:
      "Node drains (cluster upgrades, autoscaler scale-down, maintenance) evict pods through the eviction API, which only holds back when a " +
      "PodDisruptionBudget says so. Without one, a drain can evict the primary and a replica, or a majority of a quorum, at the same time.",
    remediation:
      "Add a `policy/v1` PodDisruptionBudget in the same namespace whose selector matches the pod template's labels, usually with `maxUnavailable: 1`; " +
      "for an operator cluster, leave the operator's own budget on (CloudNativePG `enablePDB: true`, the default).",
    messages: {
      missing:
        'StatefulSet "{{statefulSet}}" runs {{replicas}} replicas but no PodDisruptionBudget in namespace "{{namespace}}" selects its pods ({{labels}}), so a node drain may evict several at once; add one with maxUnavailable: 1.',
      operatorDisabled:
        "{{cluster}} runs {{replicas}} instances and {{setting}} stops {{operator}} from creating its PodDisruptionBudget, so a node drain may evict several at once; {{remedy}}.",
      operatorMissing:
        '{{cluster}} runs {{replicas}} members{{group}}, {{operator}} creates no PodDisruptionBudget for them, and none in namespace "{{namespace}}" selects their pods ({{labels}}), so a node drain may evict several at once; add one with maxUnavailable: 1.',
    },
    fixable: true,
    fixTitles: { operatorDisabled: "Let the operator create its PodDisruptionBudget" },
    since: "0.1.0",
    sources: [
      "seed 000: HA needs replicas that survive node maintenance",
      "Kubernetes docs: Specifying a Disruption Budget for your Application",
      "https://cloudnative-pg.io/documentation/current/kubernetes_upgrade/",
    ],
    defaultOptions: {},
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
