import { defineRule, isOperatorManaged, statefulSetOf, type Fixer, type TextEdit } from "@statelint/core";

export type MessageIds = "unset";

/** `persistentVolumeClaimRetentionPolicy` is honoured by default (beta) from Kubernetes 1.27; before that the field is dropped. */
function supportsRetentionPolicy(kubernetesVersion: string | undefined): boolean {
  const match = /^v?(\d+)\.(\d+)/.exec(kubernetesVersion ?? "");
  if (!match) return true;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > 1 || minor >= 27;
}

/** Today's behaviour, written down: the value is read only when a fix's text is. */
const RETAIN_BOTH = Object.freeze({ whenDeleted: "Retain", whenScaled: "Retain" });

/** Where every finding points and its fix inserts: one frozen path, not two arrays per StatefulSet. */
const SPEC: readonly ["spec"] = Object.freeze(["spec"]);

/** One fix for every finding: it depends on the fixer alone, so no closure is made per StatefulSet. */
function retainClaims(fixer: Fixer): TextEdit | null {
  return fixer.insertKey(SPEC, "persistentVolumeClaimRetentionPolicy", RETAIN_BOTH);
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
    const data = { statefulSet: object.name };
    // A `persistentVolumeClaimRetentionPolicy: null` key is already there; inserting a second one would duplicate it.
    if (policy === null) report({ messageId: "unset", data, path: SPEC, at: "key" });
    else report({ messageId: "unset", data, path: SPEC, at: "key", fix: retainClaims });
  },
});
