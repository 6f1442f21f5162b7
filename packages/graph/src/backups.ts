import { asArray, asRecord, asString, type K8sObject } from "@statelint/core";
import { objectNodeId, type DraftNode, type GraphBuilder } from "./builder.js";

/** Where a backup object points: PVCs by name, whole namespaces, or a cluster by name. */
type Target = { readonly claim: string } | { readonly namespaces: readonly string[] | "all" } | { readonly cluster: string };

function targetsOf(object: K8sObject): readonly Target[] | undefined {
  const spec = asRecord(object.raw["spec"]);
  switch (`${object.group}/${object.kind}`) {
    case "snapshot.storage.k8s.io/VolumeSnapshot": {
      const claim = asString(asRecord(spec["source"])["persistentVolumeClaimName"]);
      return claim ? [{ claim }] : [];
    }
    case "volsync.backube/ReplicationSource": {
      const claim = asString(spec["sourcePVC"]);
      return claim ? [{ claim }] : [];
    }
    case "velero.io/Schedule":
    case "velero.io/Backup": {
      const backupSpec = object.kind === "Schedule" ? asRecord(spec["template"]) : spec;
      const included = asArray(backupSpec["includedNamespaces"]).map(String);
      return [{ namespaces: included.length === 0 || included.includes("*") ? "all" : included }];
    }
    case "k8up.io/Schedule":
    case "k8up.io/Backup":
      return [{ namespaces: [object.namespace] }];
  }
  // Operator backup kinds name their cluster: CloudNativePG `ScheduledBackup`/`Backup` (`spec.cluster.name`) and others.
  if (object.group !== "" && /Backup/.test(object.kind)) {
    const cluster = asString(asRecord(spec["cluster"])["name"]) ?? asString(spec["clusterName"]) ?? asString(spec["pxcCluster"]);
    return cluster ? [{ cluster }] : [];
  }
  return undefined;
}

function targetNodes(builder: GraphBuilder, object: K8sObject, target: Target): DraftNode[] {
  if ("claim" in target) {
    const id = builder.claimsByName.get(`${object.namespace}/${target.claim}`);
    const node = id ? builder.nodes.get(id) : undefined;
    return node ? [node] : [];
  }
  if ("cluster" in target) {
    return [...builder.nodes.values()].filter((node) => node.kind === "Cluster" && node.namespace === object.namespace && node.name === target.cluster);
  }
  const namespaces = target.namespaces;
  return [...builder.nodes.values()].filter((node) => (node.kind === "StatefulSet" || node.kind === "Cluster") && (namespaces === "all" || namespaces.includes(node.namespace)));
}

/** VolumeSnapshots, VolSync sources, Velero and K8up schedules, and operator backup objects, with what they back up. */
export function drawBackupObjects(builder: GraphBuilder): void {
  for (const object of builder.bundle.objects) {
    const targets = targetsOf(object);
    if (!targets) continue;
    const found = targets.flatMap((target) => targetNodes(builder, object, target));
    if (found.length === 0) continue;
    const node = builder.node({
      id: objectNodeId(object),
      kind: "Backup",
      name: object.name,
      namespace: object.namespace,
      object,
      details: [object.kind],
      attributes: { objectKind: object.kind },
    });
    for (const target of found) builder.edge("backs-up", node.id, target.id, "backs up");
  }
}
