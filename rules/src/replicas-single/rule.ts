import { defineRule, statefulSetOf } from "@statelint/core";
import { isAutoscaled } from "./autoscaler.js";

export type MessageIds = "single" | "unset";

export default defineRule<MessageIds>({
  id: "replicas-single",
  kinds: ["StatefulSet"],
  meta: {
    category: "availability",
    severity: "info",
    description: "A StatefulSet runs a single replica (replicas is 1 or unset).",
    rationale:
      "With one pod there is no standby: a node failure, a drain or every rollout takes the database down until the pod is rescheduled " +
      "and its volume re-attached, which for a zonal disk can mean waiting for the zone to come back.",
    remediation:
      "If the workload must stay available, run at least 3 replicas with replication (or use an operator that manages failover); " +
      "if one instance is intended, set `replicas: 1` explicitly and suppress this rule with a reason.",
    messages: {
      single: 'StatefulSet "{{name}}" runs a single replica, so there is no standby when its node fails or it is restarted; run at least 3 replicas with replication if it must stay available.',
      unset: 'StatefulSet "{{name}}" sets no replicas, so it runs a single pod with no standby; set spec.replicas (at least 3 with replication for high availability).',
    },
    since: "0.1.0",
    sources: ["seed 000: HA with WAL replication, primary election and quorum", "seed 003: replicas: 3"],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
  check({ object, bundle, report }) {
    const statefulSet = statefulSetOf(object);
    if (!statefulSet || statefulSet.replicas !== 1) return;
    // An autoscaler owns the replica count; spec.replicas is only its starting point.
    if (isAutoscaled(bundle, object)) return;
    if (statefulSet.replicasDeclared) report({ messageId: "single", data: { name: object.name }, path: ["spec", "replicas"] });
    else report({ messageId: "unset", data: { name: object.name }, path: ["spec"], at: "key" });
  },
});
