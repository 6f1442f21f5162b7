import type { Bundle, Finding } from "@statelint/core";
import { drawBackupObjects } from "./backups.js";
import { GraphBuilder } from "./builder.js";
import { drawClients } from "./clients.js";
import { drawCluster } from "./clusters.js";
import type { BundleGraph, NamespaceGroup, NodeKind } from "./model.js";
import { toGraphFindings, overlayFindings } from "./overlay.js";
import { drawStatefulSet } from "./statefulsets.js";

export interface GraphOptions {
  /** A StatefulSet or operator member group with more pods than this is drawn with one pod node per claim (`postgres-0 … postgres-49`). Default 5. */
  readonly maxPodsPerStatefulSet?: number;
}

export const DEFAULT_MAX_PODS = 5;

/** Drawing and narrative order within a namespace: what `kubectl apply` sends first, then what controllers create. */
const KIND_ORDER: readonly NodeKind[] = ["Service", "ConfigMap", "Secret", "StorageClass", "PodDisruptionBudget", "StatefulSet", "Cluster", "Pod", "MemberGroup", "PersistentVolumeClaim", "Client", "Backup", "Object"];

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The picture of a linted bundle: what `kubectl apply` creates (StatefulSets with their pods and
 * PVCs, operator clusters, the Services, Secrets, ConfigMaps, StorageClasses, PDBs, backups and
 * clients around them) with every reported finding placed on the nodes and edges it concerns.
 * Pass the findings a user acts on (suppressed ones left out). Pure: the same bundle and
 * findings give the same graph.
 */
export function buildGraph(bundle: Bundle, findings: readonly Finding[], options: GraphOptions = {}): BundleGraph {
  const builder = new GraphBuilder(bundle);
  const maxPods = Math.max(1, options.maxPodsPerStatefulSet ?? DEFAULT_MAX_PODS);
  const ordered = [...bundle.objects].sort((a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name) || compareText(a.kind, b.kind));
  for (const object of ordered) if (object.kind === "StatefulSet" && object.group === "apps") drawStatefulSet(builder, object, maxPods);
  for (const object of ordered) drawCluster(builder, object, maxPods);
  drawClients(builder);
  drawBackupObjects(builder);
  const graphFindings = toGraphFindings(findings);
  overlayFindings(builder, findings, graphFindings);

  const drafts = [...builder.nodes.values()];
  const position = new Map(drafts.map((node, index) => [node.id, index]));
  const nodes = drafts
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || position.get(a.id)! - position.get(b.id)!)
    .map((node) => ({ ...node, findings: [...new Set(node.findings)] }));
  const groups = new Map<string, string[]>();
  for (const node of nodes) {
    if (node.namespace === "") continue;
    const list = groups.get(node.namespace);
    if (list) list.push(node.id);
    else groups.set(node.namespace, [node.id]);
  }
  const namespaces: NamespaceGroup[] = [...groups.entries()].sort(([a], [b]) => compareText(a, b)).map(([name, ids]) => ({ name, nodes: ids }));
  const edges = builder.edges.map(({ fromObject: _from, toObject: _to, origin: _origin, ...edge }) => ({ ...edge, findings: [...new Set(edge.findings)] }));
  return { nodes, edges, namespaces, findings: graphFindings };
}
