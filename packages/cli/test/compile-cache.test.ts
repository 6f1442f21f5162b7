import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { NOT_HEADLESS, runCli, STATEFULSET, workspace } from "./helpers.js";

// The cache needs zlib.crc32 (Node 20.15+, 22.2+); before that the bundle is compiled on every run.
const cached = "crc32" in zlib;

function cacheDirectory(): string {
  return mkdtempSync(join(tmpdir(), "statelint-compile-cache-test-"));
}

/** statelint's files in a cache directory (Node 22+ also keeps its own there, in a folder). */
function cacheFiles(directory: string): string[] {
  return readdirSync(directory).filter((name) => name.startsWith("main.cjs-"));
}

describe("the compile cache of the CLI bundle", () => {
  const cwd = workspace({ "svc.yaml": NOT_HEADLESS, "sts.yaml": STATEFULSET });
  const lint = (env: Record<string, string | undefined>) => runCli(["svc.yaml", "sts.yaml"], { cwd, env });
  const uncached = lint({ NODE_DISABLE_COMPILE_CACHE: "1" });

  it("lints as without it", () => {
    expect(uncached.status).toBe(1);
    expect(uncached.stdout).toContain("sts-service-not-headless");
  });

  it.runIf(cached)("is written by the first run and gives the same report and exit code on the next", () => {
    const directory = cacheDirectory();
    const first = lint({ NODE_COMPILE_CACHE: directory });
    expect(first).toEqual(uncached);
    expect(cacheFiles(directory)).toHaveLength(1);
    expect(lint({ NODE_COMPILE_CACHE: directory })).toEqual(uncached);
  });

  it.runIf(cached)("is read, not rewritten, by the next run of the same bundle", () => {
    const directory = cacheDirectory();
    lint({ NODE_COMPILE_CACHE: directory });
    const [name] = cacheFiles(directory);
    expect(name).toMatch(/^main\.cjs-[0-9a-f]{8}-v\d+\.\d+\.\d+-\w+-[0-9a-f]{8}-\d+$/);
    const written = statSync(join(directory, name!));
    expect(lint({ NODE_COMPILE_CACHE: directory })).toEqual(uncached);
    expect(cacheFiles(directory)).toEqual([name]);
    expect(statSync(join(directory, name!)).mtimeMs).toBe(written.mtimeMs);
  });

  it.runIf(cached)("written by `--version`, is written again by the first lint, with the lint's code, and then read as is", () => {
    const directory = cacheDirectory();
    expect(runCli(["--version"], { cwd, env: { NODE_COMPILE_CACHE: directory } }).status).toBe(0);
    const [name] = cacheFiles(directory);
    const path = join(directory, name!);
    const versionOnly = readFileSync(path);
    expect(lint({ NODE_COMPILE_CACHE: directory })).toEqual(uncached);
    const withLint = readFileSync(path);
    expect(withLint.length).toBeGreaterThan(versionOnly.length);
    expect(lint({ NODE_COMPILE_CACHE: directory })).toEqual(uncached);
    expect(runCli(["--version"], { cwd, env: { NODE_COMPILE_CACHE: directory } }).status).toBe(0);
    expect(readFileSync(path).equals(withLint)).toBe(true);
    expect(cacheFiles(directory)).toEqual([name]);
  });

  it.runIf(cached)("written by a run large enough to cap V8's young generation, is read by the next run", () => {
    // The cap changes a V8 flag mid-run; V8 rejects a cache made under other flags than its reader's.
    const statefulSets = Array.from({ length: 3000 }, (_, index) => STATEFULSET.replaceAll("db", `db-${index}`)).join("---\n");
    const large = workspace({ "statefulsets.yaml": statefulSets });
    const directory = cacheDirectory();
    const first = runCli(["statefulsets.yaml"], { cwd: large, env: { NODE_COMPILE_CACHE: directory } });
    expect(first.stdout).toContain('StatefulSet "db-2999"');
    const [name] = cacheFiles(directory);
    const written = statSync(join(directory, name!));
    expect(lint({ NODE_COMPILE_CACHE: directory })).toEqual(uncached);
    expect(statSync(join(directory, name!)).mtimeMs).toBe(written.mtimeMs);
  });

  it.runIf(cached)("written by a run under the user's own V8 inlining flag, is read by the next such run", () => {
    // A run on a few objects turns TurboFan's inlining off and back on (src/inlining.ts); a user's own choice is left alone.
    const directory = cacheDirectory();
    const lintWithFlag = () => runCli(["svc.yaml", "sts.yaml"], { cwd, env: { NODE_COMPILE_CACHE: directory }, nodeArgs: ["--no-turbo-inlining"] });
    expect(lintWithFlag()).toEqual(uncached);
    const [name] = cacheFiles(directory);
    const written = statSync(join(directory, name!));
    expect(lintWithFlag()).toEqual(uncached);
    expect(statSync(join(directory, name!)).mtimeMs).toBe(written.mtimeMs);
  });

  it.runIf(cached)("a corrupt or truncated cache costs nothing but the compilation, and is replaced", () => {
    const directory = cacheDirectory();
    lint({ NODE_COMPILE_CACHE: directory });
    const [name] = cacheFiles(directory);
    const path = join(directory, name!);
    const intact = readFileSync(path);
    // Flipped bytes in the middle of the data (V8 itself aborts on such a cache), then half of it gone.
    const corrupt = intact.map((byte, at) => (at > intact.length / 2 && at < intact.length / 2 + 64 ? byte ^ 0xff : byte));
    writeFileSync(path, corrupt);
    expect(lint({ NODE_COMPILE_CACHE: directory })).toEqual(uncached);
    expect(readFileSync(path).equals(corrupt)).toBe(false);
    writeFileSync(path, intact.subarray(0, intact.length >> 1));
    expect(lint({ NODE_COMPILE_CACHE: directory })).toEqual(uncached);
    expect(lint({ NODE_COMPILE_CACHE: directory })).toEqual(uncached);
  });

  it("a cache directory that cannot be created costs nothing but the compilation", () => {
    const file = join(cacheDirectory(), "a-file");
    writeFileSync(file, "");
    expect(lint({ NODE_COMPILE_CACHE: join(file, "cache") })).toEqual(uncached);
  });

  it.runIf(cached && process.getuid !== undefined)("a directory others can write is neither read nor written: a cache there could be planted", () => {
    const directory = cacheDirectory();
    chmodSync(directory, 0o777);
    expect(lint({ NODE_COMPILE_CACHE: directory })).toEqual(uncached);
    expect(cacheFiles(directory)).toEqual([]);
  });
});
