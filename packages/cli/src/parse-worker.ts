import { parentPort, workerData } from "node:worker_threads";
import { parseSourceWithYaml, type SourceDocument } from "@statelint/core";
import type { ParsedInWorker } from "./parse.js";

/**
 * Parses its share of the files and posts each parse as soon as it is done, so when this thread
 * dies the main thread knows which file it was on. The texts stay with the main thread.
 */
for (const file of (workerData as { files: { path: string; text: string }[] }).files) {
  const parsed = parseSourceWithYaml(file.path, file.text);
  const message: ParsedInWorker = { documents: parsed.documents.map(ownTable), problems: parsed.problems as ParsedInWorker["problems"] };
  parentPort?.postMessage(message);
}

/**
 * A document whose span table has a buffer of its own: tables are views into slabs shared with
 * other files' documents, and posting a view copies its whole slab.
 */
function ownTable(document: SourceDocument): SourceDocument {
  return document.spans ? { ...document, spans: { ...document.spans, nodes: document.spans.nodes.slice() } } : document;
}
