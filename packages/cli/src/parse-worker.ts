import { parentPort, workerData } from "node:worker_threads";
import { parseSource } from "@statelint/core";

/** Parses its share of the files; the texts stay with the main thread, only the parse travels back. */
const files = (workerData as { files: { path: string; text: string }[] }).files;
parentPort?.postMessage(
  files.map((file) => {
    const parsed = parseSource(file.path, file.text);
    return { documents: parsed.documents, problems: parsed.problems };
  }),
);
