export { buildGraph, DEFAULT_MAX_PODS, type GraphOptions } from "./build.js";
export { worstSeverity, type BundleGraph, type EdgeKind, type GraphEdge, type GraphFinding, type GraphNode, type NamespaceGroup, type NodeKind, type SourceLocation } from "./model.js";
export { claimName, podDnsName, podName, serviceDnsName } from "./names.js";
export { renderMermaid, escapeMermaid, type MermaidOptions } from "./render/mermaid.js";
export { renderDot } from "./render/dot.js";
export { renderJson, GRAPH_FORMAT_VERSION } from "./render/json.js";
export { renderText } from "./render/text.js";
export { renderHtml, type HtmlOptions } from "./render/html.js";
export { GRAPH_FORMATS, renderGraph, type GraphFormat, type HtmlPage } from "./render/index.js";
