import type { Severity } from "@statelint/core";

/**
 * The picture of what `kubectl apply` of a bundle creates: the objects written in the manifests,
 * the pods and PVCs their controllers create from them, and how they depend on each other, with
 * the findings that concern each node and edge. Renderers only read this model.
 */

export type NodeKind =
  | "Service"
  | "StatefulSet"
  | "Pod"
  | "PersistentVolumeClaim"
  | "StorageClass"
  | "Secret"
  | "ConfigMap"
  | "PodDisruptionBudget"
  | "Backup"
  | "Client"
  | "Cluster"
  | "MemberGroup"
  | "Object";

export type EdgeKind = "creates" | "governs" | "selects" | "mounts" | "references" | "backs-up" | "protects" | "connects";

/** A finding as the picture shows it: one per reported (unsuppressed) finding of the run. */
export interface GraphFinding {
  /** `f1`, `f2` … in the run's order. */
  readonly id: string;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The object the finding belongs to, `v1 Service default/postgres-lb`. */
  readonly object?: string;
  readonly path?: string;
}

/** Where a node comes from in the manifests. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

export interface GraphNode {
  /** Stable and unique: `Service/default/postgres`, `Pod/default/postgres-0`. */
  readonly id: string;
  readonly kind: NodeKind;
  /** The name Kubernetes gives it (`postgres-storage-postgres-0`), or a range (`postgres-0 … postgres-49`). */
  readonly name: string;
  /** `""` for cluster-scoped objects. */
  readonly namespace: string;
  /**
   * The manifest object the node is or comes from: the Service itself, the StatefulSet for its
   * pods and PVCs. Findings are matched to nodes through it.
   */
  readonly object?: string;
  /** Present for nodes written in the manifests; created pods and PVCs have none. */
  readonly source?: SourceLocation;
  /** Whether a controller creates it from another object (pods, PVCs) rather than `kubectl apply`. */
  readonly created: boolean;
  /** How many objects a summarised node stands for (`postgres-0 … postgres-49` is 50); 1 otherwise. */
  readonly count: number;
  /** Facts for labels, one short line each: `headless`, `5432/TCP`, `2Gi · standard · Retain`. */
  readonly details: readonly string[];
  /** Typed facts for JSON consumers (replicas, dnsName, storage …). */
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  /** Ids of the findings that concern this node. */
  readonly findings: readonly string[];
}

export interface GraphEdge {
  readonly id: string;
  readonly kind: EdgeKind;
  readonly from: string;
  readonly to: string;
  /** What the edge means here: `DNS`, `env POSTGRES_PASSWORD`, `postgres-lb:5432`. */
  readonly label: string;
  readonly findings: readonly string[];
}

export interface NamespaceGroup {
  readonly name: string;
  /** Node ids, in drawing order. */
  readonly nodes: readonly string[];
}

export interface BundleGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Namespaced nodes grouped by namespace, in name order; cluster-scoped nodes are in none. */
  readonly namespaces: readonly NamespaceGroup[];
  /** Every reported finding of the run, whether or not a node or edge shows it. */
  readonly findings: readonly GraphFinding[];
}

/** The highest severity among findings, for colouring. */
export function worstSeverity(findings: readonly GraphFinding[]): Severity | undefined {
  if (findings.some((finding) => finding.severity === "error")) return "error";
  if (findings.some((finding) => finding.severity === "warning")) return "warning";
  return findings.length > 0 ? "info" : undefined;
}
