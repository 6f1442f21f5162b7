import { asInteger, asRecord, defineRule, isOperatorManaged, statefulSetOf } from "@statelint/core";
import { isAutoscaled } from "../replicas-single/autoscaler.js";

export type MessageIds = "outOfRange";

export default defineRule<MessageIds>({
  id: "update-partition-out-of-range",
  kinds: ["StatefulSet"],
  meta: {
    category: "availability",
    severity: "warning",
    description: "`updateStrategy.rollingUpdate.partition` is at least the number of replicas, so no pod is ever updated.",
    rationale:
      "A rolling update only replaces pods whose ordinal is at least the partition. A partition left at or above the replica count " +
      "after a canary makes every later template change (a new image, a security fix) a silent no-op: the rollout reports success and nothing changes.",
    remediation:
      "Lower `partition` below `replicas` (0 updates every pod), or remove it once the staged rollout is done.",
    messages: {
      outOfRange:
        'StatefulSet "{{name}}" has rollingUpdate.partition {{partition}} but {{replicas}} replica(s){{defaulted}}, so no pod is ever updated; set the partition below {{replicas}} (0 updates all pods).',
    },
    since: "0.1.0",
    sources: ["Kubernetes docs: StatefulSets, Partitioned rolling updates"],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
  check({ object, bundle, report }) {
    if (isOperatorManaged(object)) return;
    const statefulSet = statefulSetOf(object);
    if (!statefulSet) return;
    const strategy = asRecord(statefulSet.spec["updateStrategy"]);
    const type = strategy["type"] ?? "RollingUpdate";
    if (type !== "RollingUpdate") return;
    const partition = asInteger(asRecord(strategy["rollingUpdate"])["partition"]);
    // Scaled to zero there is nothing to update; an autoscaler decides the real count.
    if (partition === undefined || statefulSet.replicas === 0 || partition < statefulSet.replicas) return;
    if (!statefulSet.replicasDeclared && isAutoscaled(bundle, object)) return;
    report({
      messageId: "outOfRange",
      data: { name: object.name, partition, replicas: statefulSet.replicas, defaulted: statefulSet.replicasDeclared ? "" : " (replicas is unset and defaults to 1)" },
      path: ["spec", "updateStrategy", "rollingUpdate", "partition"],
    });
  },
});
