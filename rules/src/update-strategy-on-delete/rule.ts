import { asRecord, defineRule, isOperatorManaged } from "@statelint/core";

export type MessageIds = "onDelete";

export default defineRule<MessageIds>({
  id: "update-strategy-on-delete",
  kinds: ["StatefulSet"],
  meta: {
    category: "availability",
    severity: "info",
    description: "A StatefulSet uses `updateStrategy.type: OnDelete`.",
    rationale:
      "With OnDelete the controller never replaces a pod after a template change: a new image, a security fix or a changed probe reaches " +
      "a pod only when someone deletes it, so replicas silently run different versions for as long as nobody does.",
    remediation:
      "Use `updateStrategy.type: RollingUpdate` (with `rollingUpdate.partition` for staged or canary rollouts); keep OnDelete only when an " +
      "operator or a runbook deletes the pods in a controlled order, and suppress this rule with that reason.",
    messages: {
      onDelete:
        'StatefulSet "{{name}}" uses updateStrategy OnDelete: template changes reach a pod only when it is deleted by hand; use RollingUpdate, with a partition for staged rollouts.',
    },
    since: "0.1.0",
    sources: ["Kubernetes docs: StatefulSets, Update strategies"],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
  check({ object, report }) {
    if (isOperatorManaged(object)) return;
    const strategy = asRecord(asRecord(object.raw["spec"])["updateStrategy"]);
    if (strategy["type"] !== "OnDelete") return;
    report({ messageId: "onDelete", data: { name: object.name }, path: ["spec", "updateStrategy", "type"] });
  },
});
