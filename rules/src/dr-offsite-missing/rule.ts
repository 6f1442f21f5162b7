import { clusterOf, defineRule, formatFieldPath, OPERATOR_CLUSTER_KINDS, type BackupDestinationKind } from "@statelint/core";

export type MessageIds = "inClusterOnly" | "inClusterOnlyHint";

const DESCRIPTIONS: Readonly<Record<BackupDestinationKind, string>> = {
  "object-store": "object storage",
  volume: "a volume in the cluster",
  snapshot: "volume snapshots",
  unknown: "an in-cluster destination",
};

export default defineRule<MessageIds>({
  id: "dr-offsite-missing",
  kinds: OPERATOR_CLUSTER_KINDS,
  meta: {
    category: "availability",
    severity: "info",
    description: "A cluster's backups stay inside the Kubernetes cluster and no replica or standby cluster elsewhere is defined.",
    rationale:
      "A backup on a volume repository or a volume snapshot lives on the same storage system, in the same region, as the database it protects. " +
      "Losing the region, the storage backend or the Kubernetes cluster loses the data and every backup at once. The seed's multi-region DR flow " +
      "starts from a copy in a second region: an object store outside the cluster, or a replica that can be promoted there.",
    remediation:
      "Send at least one copy out of the cluster: an object-store destination (CloudNativePG `backup.barmanObjectStore`, a PGO `s3`, `gcs` or `azure` repo), " +
      "or define a replica or standby cluster in another region.",
    messages: {
      inClusterOnly:
        "{{cluster}} backs up only to {{destinations}} ({{field}}) and defines no replica or standby cluster elsewhere, so losing the region loses the data and its backups together; add an off-site copy.",
      inClusterOnlyHint:
        "{{cluster}} backs up only to {{destinations}} ({{field}}) and defines no replica or standby cluster elsewhere, so losing the region loses the data and its backups together; add {{offsiteWith}}.",
    },
    since: "0.1.0",
    sources: [
      "seed 000: Multi-Region DR Flow, async replication to a replica in region 2 that is promoted on failure",
      "https://cloudnative-pg.io/documentation/current/replica_cluster/",
      "https://access.crunchydata.com/documentation/postgres-operator/latest/tutorials/backups-disaster-recovery/disaster-recovery",
    ],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
  check({ object, bundle, settings, report }) {
    const view = clusterOf(object, bundle, settings);
    const backup = view?.backup;
    // No backup at all is backup-missing's finding; an unseen destination is not known to stay inside.
    if (!view || !backup?.configured || backup.standbyElsewhere) return;
    const [first] = backup.destinations;
    if (!first || backup.destinations.some((destination) => destination.offsite)) return;
    const destinations = [...new Set(backup.destinations.map((destination) => DESCRIPTIONS[destination.kind]))].join(" and ");
    const data = { cluster: view.title, destinations, field: formatFieldPath(first.at.path) };
    const where = { object: first.at.object, path: first.at.path };
    if (backup.offsiteWith) report({ messageId: "inClusterOnlyHint", data: { ...data, offsiteWith: backup.offsiteWith }, ...where });
    else report({ messageId: "inClusterOnly", data, ...where });
  },
});
