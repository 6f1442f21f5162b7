import { Worker } from "node:worker_threads";
import { Progress, type EvaluationJob, type EvaluationResult, type PolicyMetadata, type WorkerInit, type WorkerReply, type WorkerRequest } from "./protocol.js";
import type { PolicyFile } from "./read.js";

/** Why a policy stopped; `job` and `entrypoint` say which evaluation, when it was one. */
export interface RunnerFailure {
  readonly reason: string;
  readonly job?: number;
  readonly entrypoint?: string;
  readonly timedOut?: boolean;
}

export interface Evaluation {
  readonly results: readonly EvaluationResult[];
  readonly failure?: RunnerFailure;
}

/** The worker did not answer: it timed out (at `job`/`entrypoint`, -1 when not evaluating) or died. */
interface Stopped {
  readonly type: "stopped";
  readonly reason: string;
  readonly job: number;
  readonly entrypoint: number;
  readonly timedOut?: boolean;
}

/** Thrown by {@link PolicyRunner.load} when the module cannot be loaded. */
export class PolicyLoadError extends Error {}

/** Compiling a large module takes longer than one evaluation should, so loading gets at least this. */
const MIN_LOAD_TIME_MS = 10_000;

/**
 * Runs one policy in its own worker thread. A runaway evaluation is stopped by terminating the
 * thread, which is the only way to interrupt WebAssembly; the next request starts a fresh thread
 * and loads the module again. Requests are queued so overlapping lint runs never interleave.
 */
export class PolicyRunner {
  private worker: Worker | undefined;
  private progress = new Int32Array(new SharedArrayBuffer(Progress.length * Int32Array.BYTES_PER_ELEMENT));
  private epoch = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: PolicyFile,
    private readonly timeoutMs: number,
  ) {}

  /** Loads the module (in a fresh worker) and reads what it exports. */
  load(): Promise<PolicyMetadata> {
    return this.exclusive(() => this.start());
  }

  /** Evaluates jobs in one message; stops at the first failure, keeping the results before it. */
  evaluate(jobs: readonly EvaluationJob[]): Promise<Evaluation> {
    return this.exclusive(async () => {
      let worker: Worker;
      try {
        worker = this.worker ?? (await this.startWorker());
      } catch (error) {
        return { results: [], failure: { reason: (error as Error).message } };
      }
      const reply = await this.request(worker, { type: "evaluate", jobs }, this.timeoutMs);
      if (reply.type === "evaluated") {
        // A trap can leave the module's globals half-updated: later evaluations get a fresh instance.
        if (reply.failure) this.discard();
        return reply.failure ? { results: reply.results, failure: reply.failure } : { results: reply.results };
      }
      if (reply.type !== "stopped") return { results: [], failure: { reason: `its worker answered ${reply.type} to an evaluation` } };
      const entrypoint = reply.job >= 0 ? jobs[reply.job]?.entrypoints[reply.entrypoint] : undefined;
      return {
        results: [],
        failure: { reason: reply.reason, ...(entrypoint !== undefined ? { job: reply.job, entrypoint } : {}), ...(reply.timedOut ? { timedOut: true } : {}) },
      };
    });
  }

  /** Stops the worker thread; a later request starts a new one. */
  close(): Promise<void> {
    return this.exclusive(async () => this.discard());
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async start(): Promise<PolicyMetadata> {
    this.discard();
    const worker = this.spawn();
    const reply = await this.request(worker, { type: "load", wasm: this.file.wasm, data: this.file.data }, Math.max(this.timeoutMs, MIN_LOAD_TIME_MS));
    if (reply.type === "stopped") throw new PolicyLoadError(reply.timedOut ? `it took longer than ${Math.max(this.timeoutMs, MIN_LOAD_TIME_MS)} ms to load and was stopped` : reply.reason);
    if (reply.type === "load-failed") {
      this.discard();
      throw new PolicyLoadError(reply.reason);
    }
    if (reply.type !== "loaded") throw new PolicyLoadError(`its worker answered ${reply.type} to a load`);
    return { entrypoints: reply.entrypoints, builtins: reply.builtins, unsupportedBuiltins: reply.unsupportedBuiltins };
  }

  private async startWorker(): Promise<Worker> {
    await this.start();
    if (!this.worker) throw new PolicyLoadError("its worker thread stopped while loading");
    return this.worker;
  }

  private spawn(): Worker {
    const progress = new SharedArrayBuffer(Progress.length * Int32Array.BYTES_PER_ELEMENT);
    const init: WorkerInit = { progress, epoch: Date.now() };
    const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: init });
    // Between requests an idle worker must not keep the CLI alive; while one is pending its timer does.
    worker.unref();
    this.worker = worker;
    this.progress = new Int32Array(progress);
    this.epoch = init.epoch;
    return worker;
  }

  private discard(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
  }

  /**
   * Sends one request and waits for its reply, or for the evaluation in progress to run past
   * `limitMs` (the worker stamps the start of every evaluation in shared memory, so a batch of
   * many quick evaluations is never mistaken for one slow one).
   */
  private request(worker: Worker, message: WorkerRequest, limitMs: number): Promise<WorkerReply | Stopped> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      const onMessage = (reply: WorkerReply): void => {
        finish();
        resolve(reply);
      };
      const onError = (error: Error): void => {
        finish();
        this.discard();
        resolve({ type: "stopped", reason: `its worker thread crashed (${error.message})`, job: -1, entrypoint: -1 });
      };
      const onExit = (code: number): void => {
        finish();
        this.discard();
        resolve({ type: "stopped", reason: `its worker thread exited unexpectedly (code ${code})`, job: -1, entrypoint: -1 });
      };
      const check = (): void => {
        const elapsed = Date.now() - this.epoch - Atomics.load(this.progress, Progress.startedAt);
        if (elapsed < limitMs) {
          timer = setTimeout(check, limitMs - elapsed);
          return;
        }
        finish();
        const job = Atomics.load(this.progress, Progress.job);
        const entrypoint = Atomics.load(this.progress, Progress.entrypoint);
        this.discard();
        resolve({ type: "stopped", reason: `it ran past its time limit of ${limitMs} ms and was stopped`, job, entrypoint, timedOut: true });
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      Atomics.store(this.progress, Progress.startedAt, Date.now() - this.epoch);
      Atomics.store(this.progress, Progress.job, -1);
      worker.postMessage(message);
      timer = setTimeout(check, limitMs);
    });
  }
}
