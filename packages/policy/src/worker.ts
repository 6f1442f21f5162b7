import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { loadPolicy, type LoadedPolicy } from "@open-policy-agent/opa-wasm";
import { Progress, type EvaluateRequest, type EvaluationResult, type LoadRequest, type WorkerInit, type WorkerReply, type WorkerRequest } from "./protocol.js";

const init = workerData as WorkerInit;
const progress = new Int32Array(init.progress);
const port = parentPort;
if (!port) throw new Error("the policy worker must run in a worker thread");

/** Pages of 64 KiB: a policy that allocates without end fails at 1 GiB instead of exhausting the machine. */
const MEMORY = { initial: 5, maximum: 16_384 };

/**
 * The builtins the SDK implements in JavaScript. It does not export the table, so it is read from
 * the module the SDK itself dispatches from; builtins compiled into the WebAssembly never show up
 * in a module's `builtins` export and need nothing from here.
 */
function sdkBuiltins(): ReadonlySet<string> {
  const require = createRequire(import.meta.url);
  const table = require(join(dirname(require.resolve("@open-policy-agent/opa-wasm")), "builtins", "index.js")) as Record<string, unknown>;
  return new Set(Object.keys(table));
}

let policy: LoadedPolicy | undefined;

/** What the SDK calls on every module, and one of the two ways to evaluate (ABI 1.2 and 1.0/1.1). */
const REQUIRED_EXPORTS = ["builtins", "entrypoints", "opa_malloc", "opa_json_parse", "opa_json_dump", "opa_heap_ptr_get", "opa_heap_ptr_set"];
const EVALUATE_EXPORTS = ["opa_eval", "eval"];

interface WebAssemblyApi {
  Module: { new (bytes: Uint8Array): object; exports(module: object): { name: string }[] };
}

/** Compiles the module and checks its exports, so a plain WebAssembly file is refused with a reason rather than a TypeError from the SDK. */
function compile(bytes: Uint8Array): object {
  const api = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
  const module = new api.Module(bytes);
  const names = new Set(api.Module.exports(module).map((entry) => entry.name));
  const missing = REQUIRED_EXPORTS.filter((name) => !names.has(name));
  if (!EVALUATE_EXPORTS.some((name) => names.has(name))) missing.push(EVALUATE_EXPORTS.join(" or "));
  if (missing.length) throw new Error(`it is a WebAssembly module but not one built by \`opa build -t wasm\`: it does not export ${missing.join(", ")}`);
  return module;
}

function describe(error: unknown): string {
  // WebAssembly's error classes are told apart by name: Node's type definitions do not declare them.
  if (error instanceof Error && error.name === "RuntimeError") return `the WebAssembly module trapped (${error.message})`;
  if (error instanceof Error && (error.name === "CompileError" || error.name === "LinkError")) return `it is not a valid OPA WebAssembly module (${error.message})`;
  if (error instanceof SyntaxError) return `it returned output that is not JSON (${error.message})`;
  if (error instanceof RangeError) return `it ran out of memory (${error.message})`;
  // The SDK and the module's opa_abort throw plain strings (and objects with a message for missing builtins).
  if (typeof error === "string") return `it aborted: ${error}`;
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string") return (error as { message: string }).message;
  return String(error);
}

function readBuiltins(loaded: LoadedPolicy): string[] {
  const { exports } = loaded.wasmInstance as unknown as { exports: Record<string, ((...args: number[]) => number) | undefined> };
  const builtins = exports["builtins"];
  const dump = exports["opa_json_dump"];
  // compile() has checked both exports.
  if (!builtins || !dump) throw new Error("the module lost its builtins or opa_json_dump export");
  const address = dump(builtins());
  const bytes = new Uint8Array(loaded.mem.buffer);
  const end = bytes.indexOf(0, address);
  const table = JSON.parse(new TextDecoder().decode(bytes.subarray(address, end))) as Record<string, number>;
  return Object.keys(table).sort();
}

function mark(job: number, entrypoint: number): void {
  Atomics.store(progress, Progress.job, job);
  Atomics.store(progress, Progress.entrypoint, entrypoint);
  Atomics.store(progress, Progress.startedAt, Date.now() - init.epoch);
}

async function load(request: LoadRequest): Promise<WorkerReply> {
  mark(-1, -1);
  try {
    const loaded = await loadPolicy(compile(request.wasm) as Parameters<typeof loadPolicy>[0], { ...MEMORY });
    loaded.setData(request.data);
    const builtins = readBuiltins(loaded);
    const supported = sdkBuiltins();
    policy = loaded;
    return {
      type: "loaded",
      entrypoints: Object.keys(loaded.entrypoints as Record<string, number>),
      builtins,
      unsupportedBuiltins: builtins.filter((name) => !supported.has(name)),
    };
  } catch (error) {
    return { type: "load-failed", reason: describe(error) };
  }
}

function isEmpty(resultSet: unknown): boolean {
  if (!Array.isArray(resultSet)) return false;
  if (resultSet.length === 0) return true;
  if (resultSet.length !== 1) return false;
  const only = resultSet[0] as { result?: unknown } | null;
  return typeof only === "object" && only !== null && Array.isArray(only.result) && only.result.length === 0 && Object.keys(only).length === 1;
}

function evaluate(request: EvaluateRequest): WorkerReply {
  const loaded = policy;
  // The runner always loads first; a worker without a policy is a statelint bug, reported as a crash.
  if (!loaded) throw new Error("the policy worker was asked to evaluate before loading");
  const results: EvaluationResult[] = [];
  for (const [job, { input, entrypoints }] of request.jobs.entries()) {
    for (const [index, entrypoint] of entrypoints.entries()) {
      mark(job, index);
      let resultSet: unknown;
      try {
        resultSet = loaded.evaluate(input, entrypoint);
      } catch (error) {
        return { type: "evaluated", results, failure: { job, entrypoint, reason: describe(error) } };
      }
      if (!isEmpty(resultSet)) results.push({ job, entrypoint, resultSet });
    }
  }
  return { type: "evaluated", results };
}

port.on("message", (request: WorkerRequest) => {
  if (request.type === "load") void load(request).then((reply) => port.postMessage(reply));
  else port.postMessage(evaluate(request));
});
