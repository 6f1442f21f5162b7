/** Messages between the policy runner and its worker thread. */

export interface WorkerInit {
  /** Shared progress cells, see {@link Progress}. */
  readonly progress: SharedArrayBuffer;
  /** `Date.now()` when the worker was created; progress times count from it so they fit an Int32. */
  readonly epoch: number;
}

/** Indexes into the shared Int32Array the worker updates before every evaluation. */
export const Progress = { startedAt: 0, job: 1, entrypoint: 2, length: 3 } as const;

export interface LoadRequest {
  readonly type: "load";
  readonly wasm: Uint8Array;
  readonly data: Record<string, unknown>;
}

export interface PolicyMetadata {
  readonly entrypoints: readonly string[];
  readonly builtins: readonly string[];
  /** Builtins the module calls out for that the SDK has no implementation of. */
  readonly unsupportedBuiltins: readonly string[];
}

export interface EvaluationJob {
  readonly input: unknown;
  readonly entrypoints: readonly string[];
}

export interface EvaluateRequest {
  readonly type: "evaluate";
  readonly jobs: readonly EvaluationJob[];
}

export type WorkerRequest = LoadRequest | EvaluateRequest;

/** One entrypoint's result set for one job; empty result sets are not sent. */
export interface EvaluationResult {
  readonly job: number;
  readonly entrypoint: string;
  readonly resultSet: unknown;
}

export interface EvaluationFailure {
  readonly job: number;
  readonly entrypoint: string;
  readonly reason: string;
}

export type WorkerReply =
  | ({ readonly type: "loaded" } & PolicyMetadata)
  | { readonly type: "load-failed"; readonly reason: string }
  /** A batch stops at its first failure: the results before it are kept. */
  | { readonly type: "evaluated"; readonly results: readonly EvaluationResult[]; readonly failure?: EvaluationFailure };
