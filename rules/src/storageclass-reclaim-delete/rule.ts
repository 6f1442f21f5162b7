import { asString, defineRule } from "@statelint/core";
import { clusterUsesOfStorageClass, relatedClusterUses, relatedUses, usesOfStorageClass } from "./usage.js";

export type MessageIds = "reclaimDelete" | "reclaimDefault" | "clusterReclaimDelete" | "clusterReclaimDefault";

export default defineRule<MessageIds>({
  id: "storageclass-reclaim-delete",
  kinds: ["StorageClass"],
  meta: {
    category: "retention",
    severity: "warning",
    description: "A StorageClass used by a StatefulSet's volumeClaimTemplate or an operator cluster's volumes deletes its volumes when their claims are deleted.",
    rationale:
      "With `reclaimPolicy: Delete`, the default, deleting a PersistentVolumeClaim (by hand, by a retention policy, or by cleaning up a namespace) " +
      "destroys the disk and the database on it. The seed keeps PVCs after the StatefulSet is gone; `Retain` keeps the disk even when the claim goes.",
    remediation:
      "Set `reclaimPolicy: Retain` on the StorageClass that holds database volumes (the field is immutable: create a new class and point the templates at it).",
    messages: {
      reclaimDelete:
        'StorageClass "{{storageClass}}" backs volumeClaimTemplate "{{claim}}" of StatefulSet "{{statefulSet}}" with reclaimPolicy Delete, so deleting a claim destroys its data; use Retain.',
      reclaimDefault:
        'StorageClass "{{storageClass}}" backs volumeClaimTemplate "{{claim}}" of StatefulSet "{{statefulSet}}" and sets no reclaimPolicy, which defaults to Delete, so deleting a claim destroys its data; set reclaimPolicy: Retain.',
      clusterReclaimDelete:
        'StorageClass "{{storageClass}}" backs the {{use}} with reclaimPolicy Delete, so deleting a claim (or the cluster, when {{operator}} removes its PVCs) destroys its data; use Retain.',
      clusterReclaimDefault:
        'StorageClass "{{storageClass}}" backs the {{use}} and sets no reclaimPolicy, which defaults to Delete, so deleting a claim (or the cluster, when {{operator}} removes its PVCs) destroys its data; set reclaimPolicy: Retain.',
    },
    since: "0.1.0",
    sources: ["seed 003: PVCs are not deleted with the StatefulSet", "https://kubernetes.io/docs/concepts/storage/storage-classes/#reclaim-policy"],
    defaultOptions: {},
  },
  check({ object, bundle, report }) {
    const policy = object.raw["reclaimPolicy"];
    if (policy !== undefined && policy !== null && asString(policy) !== "Delete") return;
    const uses = usesOfStorageClass(bundle, object);
    const first = uses[0];
    if (first) {
      const data = { storageClass: object.name, claim: first.claim, statefulSet: first.statefulSet.name };
      if (policy === undefined || policy === null) report({ messageId: "reclaimDefault", data, related: relatedUses(uses) });
      else report({ messageId: "reclaimDelete", data, path: ["reclaimPolicy"], related: relatedUses(uses) });
      return;
    }
    const clusterUses = clusterUsesOfStorageClass(bundle, object);
    const firstCluster = clusterUses[0];
    if (!firstCluster) return;
    const data = { storageClass: object.name, use: firstCluster.description, operator: firstCluster.cluster.operator ?? "the operator" };
    if (policy === undefined || policy === null) report({ messageId: "clusterReclaimDefault", data, related: relatedClusterUses(clusterUses) });
    else report({ messageId: "clusterReclaimDelete", data, path: ["reclaimPolicy"], related: relatedClusterUses(clusterUses) });
  },
});
