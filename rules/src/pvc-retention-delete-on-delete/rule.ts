import { asRecord, defineRule, isOperatorManaged, statefulSetOf } from "@statelint/core";

export type MessageIds = "deleteOnDelete";

export default defineRule<MessageIds>({
  id: "pvc-retention-delete-on-delete",
  kinds: ["StatefulSet"],
  meta: {
    category: "retention",
    severity: "warning",
    description: "`persistentVolumeClaimRetentionPolicy.whenDeleted: Delete` deletes the data together with the StatefulSet.",
    rationale:
      "With `whenDeleted: Delete` the controller deletes every PVC of the StatefulSet when the StatefulSet is deleted, and with the usual " +
      "`reclaimPolicy: Delete` the volumes go too. A `kubectl delete -f`, a Helm uninstall, or an Argo CD prune to recreate the object then wipes the database.",
    remediation:
      "Set `whenDeleted: Retain` and delete PVCs deliberately when the data is really no longer needed.",
    messages: {
      deleteOnDelete:
        'StatefulSet "{{statefulSet}}" sets whenDeleted: Delete, so deleting it (an uninstall, a prune, a delete-and-recreate) deletes the PVCs of claim templates {{claims}} and their data; set whenDeleted: Retain.',
    },
    since: "0.1.0",
    sources: ["Kubernetes docs: StatefulSets, PersistentVolumeClaim retention", "seed 003: PVCs outlive the StatefulSet"],
    defaultOptions: {},
  },
  check({ object, report }) {
    if (isOperatorManaged(object)) return;
    const sts = statefulSetOf(object);
    // Without claim templates the policy has nothing to delete.
    if (!sts || sts.volumeClaimTemplates.length === 0) return;
    if (asRecord(sts.spec["persistentVolumeClaimRetentionPolicy"])["whenDeleted"] !== "Delete") return;
    report({
      messageId: "deleteOnDelete",
      data: { statefulSet: object.name, claims: sts.volumeClaimTemplates.map((claim) => `"${claim.name}"`).join(", ") },
      path: ["spec", "persistentVolumeClaimRetentionPolicy", "whenDeleted"],
    });
  },
});
