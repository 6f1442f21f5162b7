import { asArray, asRecord, childPath, defineRule, isOperatorManaged, statefulSetOf } from "@statelint/core";

export type MessageIds = "storageClassUnset";

const LEGACY_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

export default defineRule<MessageIds>({
  id: "vct-storage-class-unset",
  kinds: ["StatefulSet"],
  meta: {
    category: "storage",
    severity: "info",
    description: "A volumeClaimTemplate sets no `storageClassName`, so the cluster's default class decides the disk.",
    rationale:
      "The default StorageClass differs between clusters (a slow standard HDD on one, a zonal SSD on another, none at all on a third), " +
      "and its reclaim policy decides whether the data survives deleting the claim. A database should state which disk it runs on.",
    remediation: "Set `spec.storageClassName` on the template to the class the database should use, or to an empty string to bind a pre-provisioned volume.",
    messages: {
      storageClassUnset:
        'volumeClaimTemplate "{{claim}}" of StatefulSet "{{statefulSet}}" sets no storageClassName, so the cluster default decides the disk; name the StorageClass explicitly.',
    },
    since: "0.1.0",
    sources: ["https://kubernetes.io/docs/concepts/storage/storage-classes/#default-storageclass"],
    defaultOptions: {},
  },
  check({ object, report }) {
    if (isOperatorManaged(object)) return;
    const statefulSet = statefulSetOf(object);
    for (const claim of statefulSet?.volumeClaimTemplates ?? []) {
      const storageClassName = claim.spec["storageClassName"];
      if (storageClassName !== undefined && storageClassName !== null) continue;
      const annotations = asRecord(asRecord(asRecord(asArray(statefulSet?.spec["volumeClaimTemplates"])[claim.index])["metadata"])["annotations"]);
      if (annotations[LEGACY_CLASS_ANNOTATION] !== undefined) continue;
      report({ messageId: "storageClassUnset", data: { claim: claim.name, statefulSet: object.name }, path: childPath(claim.path, "metadata", "name") });
    }
  },
});
