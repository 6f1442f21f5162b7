import { buildGraph, renderGraph } from "@statelint/graph";
import type { GraphArgs } from "../args.js";
import { EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import { lintInputs, reportInputErrors, writeOutput, type Io } from "../lint.js";

/**
 * `statelint graph`: lints the inputs exactly as a lint run does (same configuration, namespaces
 * and policies), then draws what `kubectl apply` creates with the reported findings marked.
 * The picture is the product, so findings do not fail the run; unreadable inputs do (exit 2).
 */
export async function runGraph(args: GraphArgs, io: Io): Promise<number> {
  const linted = await lintInputs(args, io);
  if (typeof linted === "number") return linted;
  const { result, reported, errors } = linted;
  const graph = buildGraph(result.bundle, reported);
  // Mermaid's browser build (megabytes) is loaded only for the HTML page.
  const script = args.format === "html" ? (await import("@statelint/graph/mermaid-script")).mermaidBrowserScript() : undefined;
  const page = script === undefined ? undefined : { mermaidScript: () => script, title: `statelint: ${args.inputs.join(" ")}` };
  const failure = await writeOutput(renderGraph(graph, args.format, page), args.outputFile, io);
  if (failure) errors.push(failure);
  reportInputErrors(errors, io);
  return errors.length ? EXIT_USAGE : EXIT_OK;
}
