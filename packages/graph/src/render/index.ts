import type { BundleGraph } from "../model.js";
import { renderDot } from "./dot.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderMermaid } from "./mermaid.js";
import { renderText } from "./text.js";

export const GRAPH_FORMATS = ["mermaid", "dot", "json", "html", "text"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** What the HTML page needs: Mermaid's browser build (`@statelint/graph/mermaid-script`) and a title. */
export interface HtmlPage {
  readonly mermaidScript: () => string;
  readonly title?: string;
}

/** Renders the graph in one format; `html` needs the page's script. */
export function renderGraph(graph: BundleGraph, format: GraphFormat, page?: HtmlPage): string {
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
      if (!page) throw new Error("the html format needs Mermaid's browser build");
      return renderHtml(graph, { mermaidScript: page.mermaidScript(), ...(page.title !== undefined ? { title: page.title } : {}) });
  }
}
