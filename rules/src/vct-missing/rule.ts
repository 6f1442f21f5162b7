import { childPath, databaseContainers, defineRule, isOperatorManaged, podVolumesOf, statefulSetOf } from "@statelint/core";

export type MessageIds = "noClaimTemplates";
export interface Options {
  /** Engines commonly run as pure caches, whose data is meant to be thrown away. */
  readonly ignoredEngines: readonly string[];
}

/**
 * Volume sources whose data outlives the pod. Any of them means someone chose where the data
 * lives, so the rule stays quiet rather than second-guess a hand-provisioned disk.
 */
const PERSISTENT_SOURCES = [
  "persistentVolumeClaim", "hostPath", "nfs", "iscsi", "rbd", "cephfs", "glusterfs", "fc",
  "awsElasticBlockStore", "gcePersistentDisk", "azureDisk", "azureFile", "cinder", "vsphereVolume", "portworxVolume",
];

export default defineRule<MessageIds, Options>({
  id: "vct-missing",
  kinds: ["StatefulSet"],
  meta: {
    category: "storage",
    severity: "warning",
    description: "A StatefulSet running a database image has no volumeClaimTemplates.",
    rationale:
      "Without a volumeClaimTemplate each pod keeps its data on an emptyDir or the container's writable layer. " +
      "Both vanish when the pod is rescheduled, evicted or its node drains, so the database comes back empty.",
    remediation:
      "Add a `spec.volumeClaimTemplates` entry with a storage request and mount it at the database's data directory, " +
      "so every pod gets its own PersistentVolumeClaim that survives restarts.",
    messages: {
      noClaimTemplates:
        'StatefulSet "{{statefulSet}}" runs {{engine}} in container "{{container}}" but has no volumeClaimTemplates, so its data is lost when the pod moves; add a volumeClaimTemplate and mount it at the data directory.',
    },
    since: "0.1.0",
    sources: ["seed 003: Step 3, a PVC per pod created before the pod", "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-storage"],
    optionsSchema: {
      type: "object",
      properties: { ignoredEngines: { type: "array", items: { type: "string" }, uniqueItems: true } },
      additionalProperties: false,
    },
    defaultOptions: { ignoredEngines: ["memcached"] },
  },
  check({ object, settings, options, report }) {
    if (isOperatorManaged(object)) return;
    const statefulSet = statefulSetOf(object);
    if (!statefulSet?.template || statefulSet.volumeClaimTemplates.length > 0) return;
    if (podVolumesOf(statefulSet.template).some(({ volume }) => PERSISTENT_SOURCES.some((source) => source in volume))) return;
    for (const database of databaseContainers(statefulSet.template, settings)) {
      if (options.ignoredEngines.includes(database.engine)) continue;
      report({
        messageId: "noClaimTemplates",
        data: { statefulSet: object.name, engine: database.engine, container: database.ref.name },
        path: childPath(database.ref.path, "name"),
      });
    }
  },
});
