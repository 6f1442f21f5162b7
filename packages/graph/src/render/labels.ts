import type { Severity } from "@statelint/core";
import { worstSeverity, type BundleGraph, type GraphFinding, type GraphNode, type NodeKind } from "../model.js";

const KIND_TITLES: Readonly<Record<NodeKind, string>> = {
  Service: "Service",
  StatefulSet: "StatefulSet",
  Pod: "Pod",
  PersistentVolumeClaim: "PVC",
  StorageClass: "StorageClass",
  Secret: "Secret",
  ConfigMap: "ConfigMap",
  PodDisruptionBudget: "PDB",
  Backup: "Backup",
  Client: "Client",
  Cluster: "Cluster",
  MemberGroup: "Members",
  Object: "Object",
};

/** `Service: postgres-lb`; clients and other objects are titled by their own kind (`Deployment: app`). */
export function nodeTitle(node: GraphNode): string {
  const objectKind = node.attributes["objectKind"];
  const kind = (node.kind === "Client" || node.kind === "Object" || node.kind === "Backup") && typeof objectKind === "string" ? objectKind : KIND_TITLES[node.kind];
  return `${kind}: ${node.name}`;
}

/** The facts shown under the title; an `Object` node's first detail repeats its kind and is dropped. */
export function nodeDetails(node: GraphNode): readonly string[] {
  return node.kind === "Object" || node.kind === "Client" || (node.kind === "Backup" && node.attributes["objectKind"] !== undefined) ? node.details.slice(1) : node.details;
}

/** Looks findings up by id. */
export function findingIndex(graph: BundleGraph): ReadonlyMap<string, GraphFinding> {
  return new Map(graph.findings.map((finding) => [finding.id, finding]));
}

export function findingsOf(ids: readonly string[], index: ReadonlyMap<string, GraphFinding>): GraphFinding[] {
  return ids.map((id) => index.get(id)).filter((finding): finding is GraphFinding => finding !== undefined);
}

/**
 * The colour a node or edge is marked with: errors red, warnings amber. Info findings are in the
 * JSON and text but do not colour the picture (nearly every StatefulSet has one).
 */
export function markOf(findings: readonly GraphFinding[]): "error" | "warning" | undefined {
  const worst = worstSeverity(findings);
  return worst === "error" || worst === "warning" ? worst : undefined;
}

const SYMBOL: Readonly<Record<Severity, string>> = { error: "✖", warning: "⚠", info: "ℹ" };

/** `✖ sts-service-not-headless`, `⚠ db-write-service-load-balanced`: errors and warnings, one line each. */
export function findingLines(findings: readonly GraphFinding[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const severity of ["error", "warning"] as const) {
    for (const finding of findings) {
      if (finding.severity !== severity || seen.has(finding.ruleId)) continue;
      seen.add(finding.ruleId);
      lines.push(`${SYMBOL[severity]} ${finding.ruleId}`);
    }
  }
  return lines;
}

/** Node and edge colours: the seed's palette per kind, and the marks. */
export const KIND_COLORS: Readonly<Record<NodeKind, { readonly fill: string; readonly stroke: string }>> = {
  Service: { fill: "#fff3e0", stroke: "#e65100" },
  StatefulSet: { fill: "#eceff1", stroke: "#37474f" },
  Pod: { fill: "#c8e6c9", stroke: "#2e7d32" },
  PersistentVolumeClaim: { fill: "#fff9c4", stroke: "#f9a825" },
  StorageClass: { fill: "#fffde7", stroke: "#f57f17" },
  Secret: { fill: "#fce4ec", stroke: "#c2185b" },
  ConfigMap: { fill: "#f3e5f5", stroke: "#7b1fa2" },
  PodDisruptionBudget: { fill: "#e8f5e9", stroke: "#1b5e20" },
  Backup: { fill: "#ede7f6", stroke: "#4527a0" },
  Client: { fill: "#e1f5fe", stroke: "#01579b" },
  Cluster: { fill: "#e0f2f1", stroke: "#00695c" },
  MemberGroup: { fill: "#c8e6c9", stroke: "#2e7d32" },
  Object: { fill: "#f5f5f5", stroke: "#616161" },
};

export const MARK_COLORS: Readonly<Record<"error" | "warning", { readonly fill: string; readonly stroke: string }>> = {
  error: { fill: "#ffebee", stroke: "#c62828" },
  warning: { fill: "#fff8e1", stroke: "#ff8f00" },
};
