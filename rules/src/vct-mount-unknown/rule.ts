import { closestMatch, defineRule, isOperatorManaged, podVolumesOf, statefulSetOf, volumeMountsOf } from "@statelint/core";

export type MessageIds = "unknownMount" | "unknownMountSuggest";

export default defineRule<MessageIds>({
  id: "vct-mount-unknown",
  kinds: ["StatefulSet"],
  meta: {
    category: "storage",
    severity: "error",
    description: "A volumeMount names neither a pod volume nor a volumeClaimTemplate.",
    rationale:
      "The API server rejects a pod whose volumeMount names no volume, so the StatefulSet controller never creates the pod. " +
      "A typo here usually means the claim meant for the data directory is never mounted.",
    remediation: "Rename the volumeMount to an existing pod volume or volumeClaimTemplate, or add the missing volume.",
    messages: {
      unknownMount:
        'volumeMount "{{name}}" of container "{{container}}" names no volume or volumeClaimTemplate of StatefulSet "{{statefulSet}}"; add one with that name or fix the name.',
      unknownMountSuggest:
        'volumeMount "{{name}}" of container "{{container}}" names no volume or volumeClaimTemplate of StatefulSet "{{statefulSet}}"; did you mean "{{suggestion}}"?',
    },
    since: "0.1.0",
    sources: ["https://kubernetes.io/docs/concepts/storage/volumes/", "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates"],
    defaultOptions: {},
  },
  check({ object, report }) {
    if (isOperatorManaged(object)) return;
    const statefulSet = statefulSetOf(object);
    if (!statefulSet?.template) return;
    const known = new Set([...podVolumesOf(statefulSet.template).map((volume) => volume.name), ...statefulSet.volumeClaimTemplates.map((claim) => claim.name)]);
    known.delete("");
    for (const mount of volumeMountsOf(statefulSet.template)) {
      // A mount without a name is a schema error, reported by the schema rules.
      if (!mount.name || known.has(mount.name)) continue;
      const suggestion = closestMatch(mount.name, known);
      const data = { name: mount.name, container: mount.container.name, statefulSet: object.name };
      report({
        messageId: suggestion ? "unknownMountSuggest" : "unknownMount",
        data: suggestion ? { ...data, suggestion } : data,
        path: [...mount.path, "name"],
      });
    }
  },
});
