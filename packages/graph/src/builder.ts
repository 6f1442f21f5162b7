import { formatObjectId, rangeOfField, type Bundle, type K8sObject } from "@statelint/core";
import type { EdgeKind, GraphEdge, GraphNode, NodeKind } from "./model.js";

/** A node while the graph is built: its findings are filled in last. */
export interface DraftNode extends Omit<GraphNode, "findings" | "details" | "attributes"> {
  details: string[];
  attributes: Record<string, string | number | boolean>;
  findings: string[];
}

export interface DraftEdge extends Omit<GraphEdge, "findings"> {
  findings: string[];
  /** Manifest objects at each end (a pod's is its StatefulSet), for findings that relate two objects. */
  readonly fromObject: string | undefined;
  readonly toObject: string | undefined;
  /** The object and field that make the edge (an env entry, a volume), for findings reported there. */
  readonly origin?: { readonly object: string; readonly path: string };
}

export interface NodeInit {
  readonly id: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly namespace: string;
  readonly object?: K8sObject | string;
  readonly created?: boolean;
  readonly count?: number;
  readonly details?: readonly string[];
  readonly attributes?: Record<string, string | number | boolean>;
}

/** Collects nodes and edges once each, in the order they are first met. */
export class GraphBuilder {
  readonly nodes = new Map<string, DraftNode>();
  readonly edges: DraftEdge[] = [];
  private readonly edgeKeys = new Set<string>();
  /** Created nodes (pods, PVCs) of each claim template, for findings on `spec.volumeClaimTemplates[i]`. */
  readonly claimNodes = new Map<string, string[]>();
  /** PVC names as Kubernetes names them, per namespace, to node ids: what a VolumeSnapshot names. */
  readonly claimsByName = new Map<string, string>();
  /** Pod names per namespace to node ids (a summarised range answers for each of its pods). */
  readonly podsByName = new Map<string, string>();
  /** Services an operator creates, per namespace and name, to node ids: what clients' hosts resolve to beside the bundle's Services. */
  readonly createdServices = new Map<string, string>();
  /** Created nodes that findings at a field of an object also concern (a cluster's storage section marks its PVCs). */
  readonly fieldNodes: { readonly object: string; readonly path: string; readonly nodes: readonly string[] }[] = [];

  constructor(readonly bundle: Bundle) {}

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  node(init: NodeInit): DraftNode {
    const known = this.nodes.get(init.id);
    if (known) return known;
    const object = typeof init.object === "string" ? undefined : init.object;
    const node: DraftNode = {
      id: init.id,
      kind: init.kind,
      name: init.name,
      namespace: init.namespace,
      ...(init.object !== undefined ? { object: typeof init.object === "string" ? init.object : init.object.id } : {}),
      ...(object ? { source: { file: object.file.path, line: rangeOfField(object, ["metadata", "name"]).start.line } } : {}),
      created: init.created ?? false,
      count: init.count ?? 1,
      details: [...(init.details ?? [])],
      attributes: { ...(init.attributes ?? {}) },
      findings: [],
    };
    this.nodes.set(node.id, node);
    return node;
  }

  edge(kind: EdgeKind, from: string, to: string, label: string, origin?: { object: string; path: string }): DraftEdge | undefined {
    const key = `${kind}\u0000${from}\u0000${to}\u0000${label}`;
    if (this.edgeKeys.has(key) || !this.nodes.has(from) || !this.nodes.has(to)) return undefined;
    this.edgeKeys.add(key);
    const edge: DraftEdge = {
      id: `e${this.edges.length + 1}`,
      kind,
      from,
      to,
      label,
      findings: [],
      fromObject: this.nodes.get(from)?.object,
      toObject: this.nodes.get(to)?.object,
      ...(origin ? { origin } : {}),
    };
    this.edges.push(edge);
    return edge;
  }
}

/** The id of a node for an object of the bundle: its identity, as findings name it. */
export function objectNodeId(object: K8sObject): string {
  return object.id;
}

/** The id of a Secret, ConfigMap or StorageClass named by a reference, present in the bundle or not. */
export function referencedNodeId(kind: "Secret" | "ConfigMap" | "StorageClass", namespace: string, name: string): string {
  return formatObjectId(kind === "StorageClass" ? "storage.k8s.io/v1" : "v1", kind, kind === "StorageClass" ? "" : namespace, name);
}
