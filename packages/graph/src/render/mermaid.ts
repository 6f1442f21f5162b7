import type { BundleGraph, EdgeKind, GraphNode, NodeKind } from "../model.js";
import { findingIndex, findingLines, findingsOf, KIND_COLORS, MARK_COLORS, markOf, nodeDetails, nodeTitle } from "./labels.js";

/**
 * Mermaid text (renders on GitHub, GitLab and in Markdown previews). Escapes use Mermaid's own
 * entity codes, so a label can hold any name without breaking the syntax.
 */
export function escapeMermaid(text: string): string {
  return text
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/`/g, "#96;")
    .replace(/\|/g, "#124;");
}

const SHAPES: Readonly<Partial<Record<NodeKind, readonly [string, string]>>> = {
  Service: ["([", "])"],
  Pod: ["(", ")"],
  PersistentVolumeClaim: ["[(", ")]"],
  StatefulSet: ["[[", "]]"],
  Cluster: ["[[", "]]"],
  MemberGroup: ["(", ")"],
};

const ARROWS: Readonly<Record<EdgeKind, string>> = {
  creates: "-->",
  governs: "-->",
  selects: "-->",
  mounts: "-->",
  connects: "==>",
  references: "-.->",
  protects: "-.->",
  "backs-up": "-.->",
};

function classOf(kind: NodeKind): string {
  return `kind${kind}`;
}

export interface MermaidOptions {
  /** `TB` (default, as the seed draws it) or `LR`. */
  readonly direction?: "TB" | "LR";
}

/** The bundle as a Mermaid flowchart: one subgraph per namespace, findings as red/amber nodes and links with their rule ids. */
export function renderMermaid(graph: BundleGraph, options: MermaidOptions = {}): string {
  const findings = findingIndex(graph);
  const ids = new Map(graph.nodes.map((node, index) => [node.id, `n${index + 1}`]));
  const lines: string[] = [`flowchart ${options.direction ?? "TB"}`];
  for (const [kind, colors] of Object.entries(KIND_COLORS)) lines.push(`  classDef ${classOf(kind as NodeKind)} fill:${colors.fill},stroke:${colors.stroke},color:#212121`);
  for (const [mark, colors] of Object.entries(MARK_COLORS)) lines.push(`  classDef ${mark} fill:${colors.fill},stroke:${colors.stroke},stroke-width:3px,color:#212121`);

  const declare = (node: GraphNode, indent: string) => {
    const [open, close] = SHAPES[node.kind] ?? ["[", "]"];
    const marked = findingsOf(node.findings, findings);
    const label = [nodeTitle(node), ...nodeDetails(node), ...findingLines(marked)].map(escapeMermaid).join("<br/>");
    lines.push(`${indent}${ids.get(node.id)}${open}"${label}"${close}`);
  };
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  graph.namespaces.forEach((namespace, index) => {
    lines.push(`  subgraph ns${index + 1}["namespace ${escapeMermaid(namespace.name)}"]`);
    for (const id of namespace.nodes) declare(byId.get(id)!, "    ");
    lines.push("  end");
  });
  for (const node of graph.nodes) if (node.namespace === "") declare(node, "  ");

  const linkStyles: string[] = [];
  graph.edges.forEach((edge, index) => {
    const marked = findingsOf(edge.findings, findings);
    const label = [edge.label, ...findingLines(marked)].map(escapeMermaid).join("<br/>");
    lines.push(`  ${ids.get(edge.from)} ${ARROWS[edge.kind]}|"${label}"| ${ids.get(edge.to)}`);
    const mark = markOf(marked);
    if (mark) linkStyles.push(`  linkStyle ${index} stroke:${MARK_COLORS[mark].stroke},stroke-width:3px`);
  });
  lines.push(...linkStyles);

  for (const node of graph.nodes) {
    const mark = markOf(findingsOf(node.findings, findings));
    lines.push(`  class ${ids.get(node.id)} ${mark ?? classOf(node.kind)}`);
  }
  return `${lines.join("\n")}\n`;
}
