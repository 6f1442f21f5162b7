import { asArray, asRecord, asString, childPath, defineRule, isOperatorManaged, statefulSetOf } from "@statelint/core";

export type MessageIds = "accessModesMissing" | "sharedAccessMode";

const SHARED_MODES = new Set(["ReadWriteMany", "ReadOnlyMany"]);

function isSharedMode(value: unknown): boolean {
  const mode = asString(value);
  return mode !== undefined && SHARED_MODES.has(mode);
}

export default defineRule<MessageIds>({
  id: "vct-access-modes",
  kinds: ["StatefulSet"],
  meta: {
    category: "storage",
    severity: "error",
    description: "A volumeClaimTemplate sets no accessModes, or asks for a shared mode on a per-pod claim.",
    rationale:
      "A PersistentVolumeClaim without accessModes is rejected, so the pods never get their volumes. " +
      "Each pod of a StatefulSet gets its own claim, so ReadWriteMany or ReadOnlyMany buys nothing but restricts the claim " +
      "to shared-filesystem storage classes (NFS and the like), which are slow and unsafe for database files.",
    remediation: "Set `accessModes: [ReadWriteOnce]` (or `ReadWriteOncePod`) on the template; share data between replicas through replication, not a shared volume.",
    messages: {
      accessModesMissing:
        'volumeClaimTemplate "{{claim}}" of StatefulSet "{{statefulSet}}" sets no accessModes, so its claims are rejected; set accessModes: [ReadWriteOnce].',
      sharedAccessMode:
        'volumeClaimTemplate "{{claim}}" of StatefulSet "{{statefulSet}}" asks for {{mode}}, but every pod gets its own claim; use ReadWriteOnce.',
    },
    fixable: true,
    fixTitles: { accessModesMissing: "Set accessModes: [ReadWriteOnce]" },
    since: "0.1.0",
    sources: ["seed 003: Step 3, a PVC per pod", "https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes"],
    defaultOptions: {},
  },
  check({ object, report }) {
    if (isOperatorManaged(object)) return;
    const statefulSet = statefulSetOf(object);
    for (const claim of statefulSet?.volumeClaimTemplates ?? []) {
      const modes = claim.spec["accessModes"];
      // Nearly every claim asks for a mode it may have: its paths and data are built for a finding only.
      if (Array.isArray(modes) && modes.length > 0 && !modes.some(isSharedMode)) continue;
      const specPath = childPath(claim.path, "spec");
      const data = { claim: claim.name, statefulSet: object.name };
      if (modes === undefined || modes === null) {
        const hasSpec = "spec" in asRecord(asArray(statefulSet?.spec["volumeClaimTemplates"])[claim.index]);
        report({
          messageId: "accessModesMissing",
          data,
          path: hasSpec ? specPath : childPath(claim.path, "metadata", "name"),
          at: hasSpec ? "key" : "auto",
          severity: "error",
          fix: (fixer) => fixer.insertKey(specPath, "accessModes", ["ReadWriteOnce"]),
        });
        continue;
      }
      if (Array.isArray(modes) && modes.length === 0) {
        report({
          messageId: "accessModesMissing",
          data,
          path: [...specPath, "accessModes"],
          at: "key",
          severity: "error",
          fix: (fixer) => fixer.replaceValue([...specPath, "accessModes"], ["ReadWriteOnce"]),
        });
        continue;
      }
      asArray(modes).forEach((value, index) => {
        if (!isSharedMode(value)) return;
        report({ messageId: "sharedAccessMode", data: { ...data, mode: value as string }, path: [...specPath, "accessModes", index], severity: "warning" });
      });
    }
  },
});
