import type { BundleGraph, EdgeKind, GraphNode, NodeKind } from "../model.js";
import { findingIndex, findingLines, findingsOf, KIND_COLORS, MARK_COLORS, markOf, nodeDetails, nodeTitle } from "./labels.js";

/** A DOT quoted string: backslashes and quotes escaped, lines joined with `\n`. */
function quote(lines: readonly string[] | string): string {
  const text = (typeof lines === "string" ? [lines] : lines).map((line) => line.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, " ")).join("\\n");
  return `"${text}"`;
}

const SHAPES: Readonly<Partial<Record<NodeKind, string>>> = {
  Service: "box",
  PersistentVolumeClaim: "cylinder",
  Pod: "box",
  StatefulSet: "box3d",
  Cluster: "box3d",
};

const STYLES: Readonly<Record<EdgeKind, string>> = {
  creates: "solid",
  governs: "solid",
  selects: "solid",
  mounts: "solid",
  connects: "bold",
  references: "dashed",
  protects: "dashed",
  "backs-up": "dashed",
};

/** The bundle as a Graphviz digraph: one cluster per namespace, findings as red/amber nodes and edges. */
export function renderDot(graph: BundleGraph): string {
  const findings = findingIndex(graph);
  const ids = new Map(graph.nodes.map((node, index) => [node.id, `n${index + 1}`]));
  const lines = [
    "digraph statelint {",
    '  graph [rankdir=TB, fontname="Helvetica", fontsize=11, newrank=true];',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const declare = (node: GraphNode, indent: string) => {
    const marked = findingsOf(node.findings, findings);
    const mark = markOf(marked);
    const colors = mark ? MARK_COLORS[mark] : KIND_COLORS[node.kind];
    const attributes = [
      `label=${quote([nodeTitle(node), ...nodeDetails(node), ...findingLines(marked)])}`,
      `shape=${SHAPES[node.kind] ?? "box"}`,
      `fillcolor=${quote(colors.fill)}`,
      `color=${quote(colors.stroke)}`,
      ...(mark ? ["penwidth=2.5"] : []),
      `tooltip=${quote(node.id)}`,
    ];
    lines.push(`${indent}${ids.get(node.id)} [${attributes.join(", ")}];`);
  };
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  graph.namespaces.forEach((namespace, index) => {
    lines.push(`  subgraph cluster_ns${index + 1} {`, `    label=${quote(`namespace ${namespace.name}`)};`, "    style=dashed;", '    color="#9e9e9e";');
    for (const id of namespace.nodes) declare(byId.get(id)!, "    ");
    lines.push("  }");
  });
  for (const node of graph.nodes) if (node.namespace === "") declare(node, "  ");
  for (const edge of graph.edges) {
    const marked = findingsOf(edge.findings, findings);
    const mark = markOf(marked);
    const attributes = [
      `label=${quote([edge.label, ...findingLines(marked)])}`,
      `style=${STYLES[edge.kind]}`,
      ...(mark ? [`color=${quote(MARK_COLORS[mark].stroke)}`, `fontcolor=${quote(MARK_COLORS[mark].stroke)}`, "penwidth=2.5"] : []),
    ];
    lines.push(`  ${ids.get(edge.from)} -> ${ids.get(edge.to)} [${attributes.join(", ")}];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
