import type { BundleGraph } from "../model.js";

/** Version of the JSON structure (docs/graph-format.md); bumped when a field is removed or changes meaning. */
export const GRAPH_FORMAT_VERSION = 1;

/** The graph as JSON: nodes, edges, namespace groups and findings, as docs/graph-format.md describes. */
export function renderJson(graph: BundleGraph): string {
  const document = { version: GRAPH_FORMAT_VERSION, nodes: graph.nodes, edges: graph.edges, namespaces: graph.namespaces, findings: graph.findings };
  return `${JSON.stringify(document, null, 2)}\n`;
}
