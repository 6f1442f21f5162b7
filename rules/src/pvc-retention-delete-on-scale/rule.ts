import { asRecord, databaseContainers, defineRule, isOperatorManaged, statefulSetOf } from "@statelint/core";

export type MessageIds = "deleteOnScale";

export default defineRule<MessageIds>({
  id: "pvc-retention-delete-on-scale",
  kinds: ["StatefulSet"],
  meta: {
    category: "retention",
    severity: "warning",
    description: "`persistentVolumeClaimRetentionPolicy.whenScaled: Delete` on a replicated database destroys replica data on scale-down.",
    rationale:
      "With `whenScaled: Delete` a scale-down deletes the PVCs of the removed ordinals. For a replicated database that is a replica's whole copy " +
      "of the data: an accidental `--replicas=1`, or an autoscaler, turns into lost replicas that must be re-cloned from the primary, " +
      "and a primary that failed over to a high ordinal loses its data outright.",
    remediation:
      "Set `whenScaled: Retain` so removed replicas keep their volumes and scale-up reattaches them; delete the PVCs by hand once the scale-down is final.",
    messages: {
      deleteOnScale:
        'StatefulSet "{{statefulSet}}" runs {{engine}} with {{replicas}} replicas and sets whenScaled: Delete, so a scale-down deletes the removed replicas\' data; set whenScaled: Retain.',
    },
    since: "0.1.0",
    sources: ["seed 003: Scaling Down, PVCs NOT deleted, data preserved for scale-up", "Kubernetes docs: StatefulSets, PersistentVolumeClaim retention"],
    defaultOptions: {},
  },
  check({ object, settings, report }) {
    if (isOperatorManaged(object)) return;
    const sts = statefulSetOf(object);
    if (!sts || sts.volumeClaimTemplates.length === 0 || sts.replicas <= 1) return;
    if (asRecord(sts.spec["persistentVolumeClaimRetentionPolicy"])["whenScaled"] !== "Delete") return;
    const [database] = databaseContainers(sts.template, settings);
    if (!database) return;
    report({
      messageId: "deleteOnScale",
      data: { statefulSet: object.name, engine: database.engine, replicas: sts.replicas },
      path: ["spec", "persistentVolumeClaimRetentionPolicy", "whenScaled"],
    });
  },
});
