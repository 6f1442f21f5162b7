import { clusterAdapterFor, clusterOf, type K8sObject, type MemberGroup, type StatefulClusterView } from "@statelint/core";
import { objectNodeId, type DraftNode, type GraphBuilder } from "./builder.js";
import { addReferencedKey, referencedNode } from "./objects.js";
import { drawCreatedObjects, memberNodeId } from "./operator-objects.js";

function groupSummary(group: MemberGroup): string {
  const storage = group.storage;
  const disk = !storage ? "" : storage.kind === "ephemeral" ? " · ephemeral storage" : ` · ${[storage.size, storage.storageClass?.name].filter(Boolean).join(" · ") || storage.kind}`;
  return `${group.replicas} × ${group.roles.join("/") || "member"}${disk}`;
}

/**
 * An operator's cluster (a CloudNativePG `Cluster`, a Strimzi `Kafka` …) through core's
 * stateful-cluster view: the cluster, one node per member group with its storage, what the
 * operator creates where its adapter documents it (pods, PVCs, Services, proxies), its backups
 * and the Secrets, ConfigMaps and StorageClasses it names. StatefulSets are drawn in full instead.
 */
export function drawCluster(builder: GraphBuilder, object: K8sObject, maxPods: number): DraftNode | undefined {
  if (object.kind === "StatefulSet") return undefined;
  const view = clusterOf(object, builder.bundle);
  if (!view) return undefined;
  const node = builder.node({
    id: objectNodeId(object),
    kind: "Cluster",
    name: object.name,
    namespace: object.namespace,
    object,
    details: [view.title, ...view.members.map((group) => `${group.name}: ${groupSummary(group)}`)],
    attributes: {
      title: view.title,
      operator: view.operator ?? "",
      engine: view.engine,
      members: view.members.reduce((sum, group) => sum + group.replicas, 0),
    },
  });
  for (const group of view.members) {
    const member = builder.node({
      id: memberNodeId(view, group.name),
      kind: "MemberGroup",
      name: group.name,
      namespace: object.namespace,
      object,
      created: true,
      count: group.replicas,
      details: [groupSummary(group)],
      attributes: { replicas: group.replicas, roles: group.roles.join(", "), storage: group.storage?.kind ?? "unknown", ...(group.storage?.size ? { size: group.storage.size } : {}) },
    });
    builder.edge("creates", node.id, member.id, `creates ${group.replicas}`);
    const className = group.storage?.storageClass?.name;
    if (className && builder.bundle.find("StorageClass", "", className)) builder.edge("references", member.id, referencedNode(builder, "StorageClass", object.namespace, className).id, "storageClassName");
  }
  const created = clusterAdapterFor(object)?.created?.(view, builder.bundle);
  if (created) drawCreatedObjects(builder, node, view, created, maxPods);
  drawClusterBackup(builder, node, view);
  for (const reference of view.references) {
    const target = referencedNode(builder, reference.kind, object.namespace, reference.name);
    if (reference.key !== undefined) addReferencedKey(target, reference.key);
    builder.edge("references", node.id, target.id, reference.purpose);
  }
  return node;
}

function drawClusterBackup(builder: GraphBuilder, cluster: DraftNode, view: StatefulClusterView): void {
  if (!view.backup?.configured) return;
  const destinations = view.backup.destinations.map((destination) => `${destination.kind}${destination.offsite ? " (offsite)" : " (in cluster)"}`);
  const backup = builder.node({
    id: `${cluster.id} backup`,
    kind: "Backup",
    name: `${view.object.name} backups`,
    namespace: cluster.namespace,
    object: view.object,
    details: destinations.length ? destinations : ["configured"],
    attributes: { offsite: view.backup.destinations.some((destination) => destination.offsite), standbyElsewhere: view.backup.standbyElsewhere },
  });
  builder.edge("backs-up", backup.id, cluster.id, "backs up");
}
