import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const CLI_ROOT = fileURLToPath(new URL("../", import.meta.url));
export const REPO_ROOT = join(CLI_ROOT, "..", "..");
export const BIN = join(CLI_ROOT, "bin", "statelint.js");

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built CLI as a user would, with colour variables cleared so output is plain unless a test
 * sets them; `nodeArgs` go to Node before the script (V8 flags a user might pass).
 */
export function runCli(args: readonly string[], options: { cwd: string; input?: string | Buffer; env?: Record<string, string | undefined>; nodeArgs?: readonly string[] }): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], { cwd: options.cwd, input: options.input ?? "", env: env as NodeJS.ProcessEnv, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A throwaway folder holding the given files (paths relative to it). */
export function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "statelint-cli-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A governing Service that is not headless (line 6, column 14) for the StatefulSet below it. */
export const NOT_HEADLESS = `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: 10.0.0.1 # keep this comment
  selector:
    app: db
  ports:
    - port: 5432
`;

export const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: db
          image: postgres:16.4
`;

/** YAML that is not a Kubernetes object: skipped silently, so it lints clean. */
export const NOT_AN_OBJECT = "greeting: hello\n";
