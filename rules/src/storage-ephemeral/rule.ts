import { CLUSTER_KINDS, clusterOf, defineRule, formatFieldPath, type MemberGroup } from "@statelint/core";

export type MessageIds = "ephemeral";

function describeMembers(group: MemberGroup): string {
  const who = `"${group.name}" (${group.roles.join(", ")})`;
  return group.replicas === 1 ? `the member of ${who} keeps its data` : `the ${group.replicas} members of ${who} keep their data`;
}

export default defineRule<MessageIds>({
  id: "storage-ephemeral",
  kinds: CLUSTER_KINDS,
  meta: {
    category: "storage",
    severity: "warning",
    description: "A database, broker, data node or quorum member of a stateful cluster keeps its data on ephemeral storage.",
    rationale:
      "Ephemeral storage (Strimzi `type: ephemeral`, an `emptyDir` data volume) lives only as long as the pod on its node. " +
      "A drain, an eviction, a node failure or a rolling update deletes it: that member restarts empty and must copy everything back from the others, " +
      "and when several members go at once (a cluster-wide restart, a zone outage) the data is gone. Controllers, ZooKeeper and master-eligible nodes count too: " +
      "they keep the cluster's metadata, and losing a majority of it loses the cluster.",
    remediation:
      "Give the members persistent storage: Strimzi `type: persistent-claim` (or JBOD volumes of that type) with a `size`, an ECK `volumeClaimTemplates` entry named `elasticsearch-data` instead of the `emptyDir`, a volumeClaimTemplate for the data directory.",
    messages: {
      ephemeral:
        "{{cluster}}: {{members}} on ephemeral storage at {{field}}, which is lost when a pod is evicted, rescheduled or its node fails; use persistent storage.",
    },
    since: "0.1.0",
    sources: [
      "seed 000: Storage Layer (Persistent Volumes) under every StatefulSet",
      "https://strimzi.io/docs/operators/latest/deploying#con-config-storage-str",
      "https://www.elastic.co/docs/deploy-manage/deploy/cloud-on-k8s/volume-claim-templates",
    ],
    defaultOptions: {},
  },
  check({ object, bundle, settings, report }) {
    const view = clusterOf(object, bundle, settings);
    if (!view) return;
    for (const group of view.members) {
      const storage = group.storage;
      // Members without a role (coordinating-only nodes, arbiters) keep no data a restart could lose.
      if (storage?.kind !== "ephemeral" || group.roles.length === 0 || group.replicas === 0) continue;
      report({
        messageId: "ephemeral",
        data: { cluster: view.title, members: describeMembers(group), field: formatFieldPath(storage.at.path) },
        object: storage.at.object,
        path: storage.at.path,
      });
    }
  },
});
