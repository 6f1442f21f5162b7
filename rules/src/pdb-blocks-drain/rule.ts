import { asInteger, asRecord, asString, defineRule, specLabelSelectorOf, statefulSetOf, type K8sObject } from "@statelint/core";

export type MessageIds = "maxUnavailableZero" | "minAvailableAll" | "minAvailableSingle" | "minAvailablePercent";

/** `"40%"` → 40; anything else → undefined. */
function percent(value: unknown): number | undefined {
  const match = /^\s*(\d+)\s*%\s*$/.exec(asString(value) ?? "");
  return match ? Number(match[1]) : undefined;
}

/** `"a", "b"`: the StatefulSets a finding names (built only for a finding). */
function namesOf(statefulSets: readonly K8sObject[]): string {
  return statefulSets.map((sts) => `"${sts.name}"`).join(", ");
}

/** Each StatefulSet's replica count, where a finding points (built only for a finding). */
function relatedOf(statefulSets: readonly K8sObject[]) {
  return statefulSets.map((sts) => ({
    object: sts,
    path: ["spec", "replicas"],
    message: `StatefulSet "${sts.name}" runs ${statefulSetOf(sts)?.replicas ?? 1} replicas selected by this budget`,
  }));
}

export default defineRule<MessageIds>({
  id: "pdb-blocks-drain",
  kinds: ["PodDisruptionBudget"],
  meta: {
    category: "availability",
    severity: "warning",
    description: "A PodDisruptionBudget over a StatefulSet allows no voluntary disruption at all.",
    rationale:
      "With `maxUnavailable: 0`, or `minAvailable` equal to every replica, the eviction API refuses every eviction of the selected pods. " +
      "`kubectl drain`, node upgrades and the cluster autoscaler then hang on those nodes until someone deletes the budget by hand, " +
      "which is exactly when the protection is lost.",
    remediation:
      "Allow one pod to go at a time: `maxUnavailable: 1`, or `minAvailable` of a majority (replicas - 1 for a primary/replica database).",
    messages: {
      maxUnavailableZero:
        'PodDisruptionBudget "{{pdb}}" sets maxUnavailable: {{value}} over StatefulSet {{statefulSets}}, so no pod may ever be evicted and node drains hang; set maxUnavailable: 1.',
      minAvailableAll:
        'PodDisruptionBudget "{{pdb}}" requires minAvailable: {{value}} of the {{replicas}} pods of StatefulSet {{statefulSets}}, so no pod may ever be evicted and node drains hang; require at most {{suggested}}.',
      minAvailableSingle:
        'PodDisruptionBudget "{{pdb}}" requires minAvailable: {{value}} of the single pod of StatefulSet {{statefulSets}}, so it can never be evicted and node drains hang; run more replicas, or accept the downtime and remove the budget.',
      minAvailablePercent:
        'PodDisruptionBudget "{{pdb}}" requires minAvailable: {{value}} of the {{replicas}} pods of StatefulSet {{statefulSets}}, which rounds up to all of them, so node drains hang; use maxUnavailable: 1 instead.',
    },
    since: "0.1.0",
    sources: ["Kubernetes docs: Specifying a Disruption Budget for your Application (rounding, maxUnavailable 0)"],
    defaultOptions: {},
  },
  check({ object, bundle, report }) {
    const spec = asRecord(object.raw["spec"]);
    const rawSelector = spec["selector"];
    // A null selector selects no pod; in policy/v1beta1 neither did an empty one.
    if (rawSelector === undefined || rawSelector === null) return;
    const selector = specLabelSelectorOf(object);
    if (selector.empty && object.apiVersion === "policy/v1beta1") return;
    const selected = bundle.podTemplatesSelectedBy(object.namespace, selector);
    // One loop, no list at all for a budget over no StatefulSet (most of them).
    let statefulSets: K8sObject[] | undefined;
    for (let at = 0; at < selected.length; at++) {
      const owner = selected[at]!.object;
      if (owner.kind === "StatefulSet") (statefulSets ??= []).push(owner);
    }
    if (statefulSets === undefined) return;

    const maxUnavailable = spec["maxUnavailable"];
    if (asInteger(maxUnavailable) === 0 || percent(maxUnavailable) === 0) {
      report({ messageId: "maxUnavailableZero", data: { pdb: object.name, value: String(maxUnavailable), statefulSets: namesOf(statefulSets) }, path: ["spec", "maxUnavailable"], related: relatedOf(statefulSets) });
      return;
    }

    const minAvailable = spec["minAvailable"];
    if (minAvailable === undefined || minAvailable === null) return;
    // Pods of other workloads count toward the budget too, with replica counts this rule cannot weigh.
    if (selected.length !== statefulSets.length) return;
    let replicas = 0;
    for (const sts of statefulSets) {
      const declared = asRecord(sts.raw["spec"])["replicas"];
      // A templated replica count (`{{ .Values.replicas }}`) says nothing about the pods there will be.
      if (declared !== undefined && declared !== null && asInteger(declared) === undefined) return;
      replicas += statefulSetOf(sts)?.replicas ?? 1;
    }
    if (replicas <= 0) return;
    const count = asInteger(minAvailable);
    if (count !== undefined) {
      if (count < replicas) return;
      const data = { pdb: object.name, value: String(minAvailable), replicas, statefulSets: namesOf(statefulSets) };
      if (replicas === 1) report({ messageId: "minAvailableSingle", data, path: ["spec", "minAvailable"], related: relatedOf(statefulSets) });
      else report({ messageId: "minAvailableAll", data: { ...data, suggested: replicas - 1 }, path: ["spec", "minAvailable"], related: relatedOf(statefulSets) });
      return;
    }
    const share = percent(minAvailable);
    // The disruption controller rounds a minAvailable percentage up: 67% of 3 pods is 3.
    if (share !== undefined && Math.ceil((share * replicas) / 100) >= replicas) {
      const data = { pdb: object.name, value: String(minAvailable), replicas, statefulSets: namesOf(statefulSets) };
      report({ messageId: "minAvailablePercent", data, path: ["spec", "minAvailable"], related: relatedOf(statefulSets) });
    }
  },
});
