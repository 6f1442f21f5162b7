import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import type * as WorkerThreads from "node:worker_threads";
import { LineIndex, parseSourceQuickly, parseSourceWithYaml, type SourceDocument, type SourceFile, type SourceProblem } from "@statelint/core";
import { limitYoungGeneration } from "./young-generation.js";

/** Below this much text for `yaml`'s parser, a worker costs more to start than it saves. */
const PARALLEL_MIN_CHARACTERS = 1_000_000;
/** The main thread also pays to receive the worker's results, so the worker takes a little more. */
const WORKER_SHARE = 0.55;
/** Caps a parse worker's heap (MiB), so one pathological file costs a finding, not the run. */
const WORKER_HEAP_ENV = "STATELINT_PARSE_WORKER_HEAP_MB";

interface ParseInput {
  readonly path: string;
  readonly text: string;
}

/** What the worker posts for each file, in order: the parse without the text, which stays here. */
export interface ParsedInWorker {
  readonly documents: SourceDocument[];
  readonly problems: SourceProblem[];
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_WORKER_OUT_OF_MEMORY") return "statelint ran out of memory parsing this file";
    return `statelint failed parsing this file: ${error.message}`;
  }
  return `statelint failed parsing this file: ${String(error)}`;
}

/** One yaml-syntax finding in place of a file's parse: the run goes on without it. */
function failedParse(file: ParseInput, reason: string): SourceFile {
  const lines = new LineIndex(file.text);
  return {
    path: file.path,
    text: file.text,
    lines,
    documents: [],
    problems: [{ kind: "parse-failed", message: reason, range: lines.range(0, lines.lineEnd(1)) }],
  };
}

function parseWithYamlHere(file: ParseInput): SourceFile {
  try {
    return parseSourceWithYaml(file.path, file.text);
  } catch (error) {
    return failedParse(file, describeFailure(error));
  }
}

function workerOptions(files: readonly ParseInput[]) {
  const heap = Number(process.env[WORKER_HEAP_ENV]);
  return { workerData: { files }, ...(heap > 0 ? { resourceLimits: { maxOldGenerationSizeMb: heap, maxYoungGenerationSizeMb: Math.min(heap, 16) } } : {}) };
}

/**
 * Parses files in one worker, which posts each file's parse as soon as it has it. When the worker
 * dies (stack, memory, a crash), the file it was on is the culprit: it gets a parse-failed
 * problem and a fresh worker takes the files after it. A worker that never starts (restricted
 * environments) is no fault of a file: the remaining files are parsed on this thread.
 */
async function parseInWorkers(files: readonly ParseInput[]): Promise<SourceFile[]> {
  // Loaded here, not imported: Node's worker_threads costs a run that starts no worker about 2 ms.
  const { Worker } = createRequire(import.meta.url)("node:worker_threads") as typeof WorkerThreads;
  const results: SourceFile[] = [];
  while (results.length < files.length) {
    const batch = files.slice(results.length);
    const outcome = await new Promise<{ started: boolean; error?: unknown; code?: number }>((resolve) => {
      const worker = new Worker(new URL("./parse-worker.js", import.meta.url), workerOptions(batch));
      let started = false;
      let failure: unknown;
      worker.once("online", () => (started = true));
      worker.on("message", (parsed: ParsedInWorker) => {
        const file = files[results.length]!;
        results.push({ path: file.path, text: file.text, lines: new LineIndex(file.text), ...parsed });
      });
      worker.once("error", (error) => (failure = error));
      worker.once("exit", (code) => resolve({ started, ...(failure !== undefined ? { error: failure } : {}), code }));
    });
    if (results.length === files.length) break;
    if (!outcome.started) {
      results.push(...files.slice(results.length).map(parseWithYamlHere));
      break;
    }
    const culprit = files[results.length]!;
    results.push(failedParse(culprit, outcome.error !== undefined ? describeFailure(outcome.error) : `statelint's parse worker stopped (exit code ${outcome.code}) while parsing this file`));
  }
  return results;
}

function parseQuicklyHere(file: ParseInput): SourceFile | undefined {
  try {
    return parseSourceQuickly(file.path, file.text);
  } catch (error) {
    return failedParse(file, describeFailure(error));
  } finally {
    limitYoungGeneration();
  }
}

/**
 * Parses every file. The common-YAML parser is fast, linear in the text and bounded in depth, so
 * it runs on this thread: handing its results over from a worker would cost more than parsing.
 * The files it leaves to `yaml` are parsed on two cores when there is enough of them, and in a
 * worker, whose death (stack, memory) costs one finding on the file it was parsing, not the run.
 */
export async function parseFiles(files: readonly ParseInput[]): Promise<SourceFile[]> {
  const results = files.map(parseQuicklyHere);
  const needYaml = files.filter((_, index) => results[index] === undefined);
  const total = needYaml.reduce((sum, file) => sum + file.text.length, 0);
  let parsedWithYaml: SourceFile[];
  if (total < PARALLEL_MIN_CHARACTERS || availableParallelism() < 2) {
    parsedWithYaml = needYaml.map(parseWithYamlHere);
  } else {
    let split = needYaml.length;
    for (let remaining = total * WORKER_SHARE; split > 0 && remaining > 0; ) remaining -= needYaml[--split]!.text.length;
    const remote = parseInWorkers(needYaml.slice(split));
    const local = needYaml.slice(0, split).map(parseWithYamlHere);
    parsedWithYaml = [...local, ...(await remote)];
  }
  let next = 0;
  return results.map((result) => result ?? parsedWithYaml[next++]!);
}
