import { childPath, closestMatch, defineRule, isOperatorManaged, podVolumesOf, statefulSetOf, volumeMountsOf, type PodTemplate, type StatefulSetView } from "@statelint/core";

export type MessageIds = "unknownMount" | "unknownMountSuggest";

/** Whether a pod volume or a volumeClaimTemplate has this name: asked of every mount, answered in place. */
function declaresVolume(statefulSet: StatefulSetView, template: PodTemplate, name: string): boolean {
  for (const volume of podVolumesOf(template)) if (volume.name === name) return true;
  for (const claim of statefulSet.volumeClaimTemplates) if (claim.name === name) return true;
  return false;
}

/** The volume names a mount may use, pod volumes first, for suggestions. */
function volumeNames(statefulSet: StatefulSetView, template: PodTemplate): Set<string> {
  const names = new Set<string>();
  for (const volume of podVolumesOf(template)) names.add(volume.name);
  for (const claim of statefulSet.volumeClaimTemplates) names.add(claim.name);
  names.delete("");
  return names;
}

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
    const template = statefulSet.template;
    let known: Set<string> | undefined;
    for (const mount of volumeMountsOf(template)) {
      // A mount without a name is a schema error, reported by the schema rules.
      if (!mount.name || declaresVolume(statefulSet, template, mount.name)) continue;
      known ??= volumeNames(statefulSet, template);
      const suggestion = closestMatch(mount.name, known);
      const data = { name: mount.name, container: mount.container.name, statefulSet: object.name };
      report({
        messageId: suggestion ? "unknownMountSuggest" : "unknownMount",
        data: suggestion ? { ...data, suggestion } : data,
        path: childPath(mount.path, "name"),
      });
    }
  },
});
