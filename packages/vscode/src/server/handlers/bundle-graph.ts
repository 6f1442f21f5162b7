import { basename } from "node:path";
import { Bundle, compareFindings, objectsOf } from "@statelint/core";
import { buildGraph, renderGraph } from "@statelint/graph";
import type { BundleGraphParams, BundleGraphResult } from "../../protocol.js";
import type { BundleReport } from "../../service/workspace-lint.js";

const FORMATS = new Set(["html", "mermaid", "json", "dot", "text"]);

/**
 * The picture of a linted bundle, drawn by the same renderers as `statelint graph`: the objects
 * of every file the lint read (each in its configuration's namespace) and the findings it reported.
 */
export async function bundleGraph(report: BundleReport, requested: BundleGraphParams["format"]): Promise<BundleGraphResult> {
  const format = requested !== undefined && FORMATS.has(requested) ? requested : "html";
  const files = [...report.files.values()];
  const bundle = new Bundle(files.flatMap((file) => objectsOf(file.file, file.namespace)));
  const graph = buildGraph(bundle, files.flatMap((file) => file.findings).sort(compareFindings));
  // Mermaid's browser build is megabytes: load it only for the page.
  const script = format === "html" ? (await import("@statelint/graph/mermaid-script")).mermaidBrowserScript() : undefined;
  const page = script === undefined ? undefined : { mermaidScript: () => script, title: `statelint: ${basename(report.bundle)}` };
  const content = renderGraph(graph, format, page);
  return { bundle: report.bundle, format, content, nodes: graph.nodes.length, findings: graph.findings.length };
}
