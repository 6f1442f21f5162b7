import { asArray, asRecord, childPath, defineRule, isOperatorManaged, statefulSetOf } from "@statelint/core";

export type MessageIds = "storageRequestMissing";

export default defineRule<MessageIds>({
  id: "vct-storage-request-missing",
  kinds: ["StatefulSet"],
  meta: {
    category: "storage",
    severity: "error",
    description: "A volumeClaimTemplate has no `spec.resources.requests.storage`.",
    rationale:
      "A PersistentVolumeClaim must request a size. Without it the claim the controller creates for each pod is rejected, " +
      "and the pod waits forever for a volume, so the StatefulSet never starts.",
    remediation: "Set `spec.resources.requests.storage` on the template to the disk size the database needs (for example `10Gi`).",
    messages: {
      storageRequestMissing:
        'volumeClaimTemplate "{{claim}}" of StatefulSet "{{statefulSet}}" requests no storage, so its claims are rejected; set spec.resources.requests.storage (for example 10Gi).',
    },
    since: "0.1.0",
    sources: ["seed 003: Step 3, a PVC per pod", "https://kubernetes.io/docs/concepts/storage/persistent-volumes/#resources"],
    defaultOptions: {},
  },
  check({ object, report }) {
    if (isOperatorManaged(object)) return;
    const statefulSet = statefulSetOf(object);
    for (const claim of statefulSet?.volumeClaimTemplates ?? []) {
      const resources = claim.spec["resources"];
      const storage = asRecord(asRecord(resources)["requests"])["storage"];
      if (storage !== undefined && storage !== null && storage !== "") continue;
      const claimRaw = asRecord(asArray(statefulSet?.spec["volumeClaimTemplates"])[claim.index]);
      const path =
        resources !== undefined ? childPath(claim.path, "spec", "resources") : "spec" in claimRaw ? childPath(claim.path, "spec") : childPath(claim.path, "metadata", "name");
      report({ messageId: "storageRequestMissing", data: { claim: claim.name, statefulSet: object.name }, path, at: path.at(-1) === "name" ? "auto" : "key" });
    }
  },
});
