import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { LineIndex, parseSource, type SourceDocument, type SourceFile, type SourceProblem } from "@statelint/core";

/** Below this much text a worker costs more to start than it saves. */
const PARALLEL_MIN_CHARACTERS = 1_000_000;
/** The main thread also pays to receive the worker's results, so the worker takes a little more. */
const WORKER_SHARE = 0.55;

interface ParseInput {
  readonly path: string;
  readonly text: string;
}

type WorkerResult = { documents: SourceDocument[]; problems: SourceProblem[] }[];

function parseInWorker(files: readonly ParseInput[]): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./parse-worker.js", import.meta.url), { workerData: { files } });
    worker.once("message", (result: WorkerResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

/**
 * Parses every file, on two cores when there is enough text: YAML parsing is most of a large
 * run, and parsed documents are plain data that cross a thread boundary as they are.
 */
export async function parseFiles(files: readonly ParseInput[], onWorkerFailure: (error: unknown) => void = () => {}): Promise<SourceFile[]> {
  const total = files.reduce((sum, file) => sum + file.text.length, 0);
  if (total < PARALLEL_MIN_CHARACTERS || availableParallelism() < 2) return files.map((file) => parseSource(file.path, file.text));
  let split = files.length;
  for (let remaining = total * WORKER_SHARE; split > 0 && remaining > 0; ) remaining -= files[--split]!.text.length;
  const remote = parseInWorker(files.slice(split));
  const local = files.slice(0, split).map((file) => parseSource(file.path, file.text));
  let fromWorker: WorkerResult;
  try {
    fromWorker = await remote;
  } catch (error) {
    // A worker that cannot start (restricted environments) must not fail the run: parse here instead.
    onWorkerFailure(error);
    return [...local, ...files.slice(split).map((file) => parseSource(file.path, file.text))];
  }
  return [
    ...local,
    ...files.slice(split).map((file, index) => ({ path: file.path, text: file.text, lines: new LineIndex(file.text), ...fromWorker[index]! })),
  ];
}
