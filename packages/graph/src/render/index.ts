import type { BundleGraph } from "../model.js";
import { renderDot } from "./dot.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderMermaid } from "./mermaid.js";
import { renderText } from "./text.js";

export const GRAPH_FORMATS = ["mermaid", "dot", "json", "html", "text"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** Renders the graph in one format; `html` needs Mermaid's browser build (see mermaidBrowserScript). */
export function renderGraph(graph: BundleGraph, format: GraphFormat, mermaidScript?: () => string): string {
  switch (format) {
    case "mermaid":
      return renderMermaid(graph);
    case "dot":
      return renderDot(graph);
    case "json":
      return renderJson(graph);
    case "text":
      return renderText(graph);
    case "html":
      if (!mermaidScript) throw new Error("the html format needs Mermaid's browser build");
      return renderHtml(graph, { mermaidScript: mermaidScript() });
  }
}
