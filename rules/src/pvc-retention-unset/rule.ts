import { defineRule, isOperatorManaged, statefulSetOf } from "@statelint/core";

export type MessageIds = "unset";

/** `persistentVolumeClaimRetentionPolicy` is honoured by default (beta) from Kubernetes 1.27; before that the field is dropped. */
function supportsRetentionPolicy(kubernetesVersion: string | undefined): boolean {
  const match = /^v?(\d+)\.(\d+)/.exec(kubernetesVersion ?? "");
  if (!match) return true;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > 1 || minor >= 27;
}

export default defineRule<MessageIds>({
  id: "pvc-retention-unset",
  kinds: ["StatefulSet"],
  meta: {
    category: "retention",
    severity: "info",
    description: "A StatefulSet with volumeClaimTemplates does not state what happens to its PVCs on deletion and scale-down.",
    rationale:
      "By default the PVCs of a StatefulSet outlive both its deletion and a scale-down (the seed's \"PVCs NOT deleted!\"): " +
      "the data is kept, but orphaned volumes keep costing money and a later scale-up silently reattaches old, stale data. " +
      "Stating the policy makes that choice visible in review.",
    remediation:
      "Set `spec.persistentVolumeClaimRetentionPolicy` with `whenDeleted` and `whenScaled`; `Retain` for both keeps today's behaviour and is the safe choice for databases.",
    messages: {
      unset:
        'StatefulSet "{{statefulSet}}" has volumeClaimTemplates but no persistentVolumeClaimRetentionPolicy, so its PVCs silently outlive deletion and scale-down; set whenDeleted and whenScaled explicitly (Retain keeps the data).',
    },
    fixable: true,
    fixTitles: { unset: "Retain PVCs on deletion and scale-down" },
    since: "0.1.0",
    sources: ["seed 003: Scaling Down, PVCs NOT deleted", "Kubernetes docs: StatefulSets, PersistentVolumeClaim retention"],
    defaultOptions: {},
  },
  check({ object, kubernetesVersion, report }) {
    if (isOperatorManaged(object)) return;
    const sts = statefulSetOf(object);
    if (!sts || sts.volumeClaimTemplates.length === 0) return;
    if (!supportsRetentionPolicy(kubernetesVersion)) return;
    const policy = sts.spec["persistentVolumeClaimRetentionPolicy"];
    if (policy !== undefined && policy !== null) return;
    report({
      messageId: "unset",
      data: { statefulSet: object.name },
      path: ["spec"],
      at: "key",
      // A `persistentVolumeClaimRetentionPolicy: null` key is already there; inserting a second one would duplicate it.
      ...(policy === undefined
        ? { fix: (fixer) => fixer.insertKey(["spec"], "persistentVolumeClaimRetentionPolicy", { whenDeleted: "Retain", whenScaled: "Retain" }) }
        : {}),
    });
  },
});
