import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import module from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NOT_HEADLESS, runCli, STATEFULSET, workspace } from "./helpers.js";

// Node 22.8+ keeps the bundle's compiled code itself; the checks of statelint's own cache files apply before that.
const nodeCachesItself = "enableCompileCache" in module;

function cacheDirectory(): string {
  return mkdtempSync(join(tmpdir(), "statelint-compile-cache-test-"));
}

describe("the compile cache of the CLI bundle", () => {
  const cwd = workspace({ "svc.yaml": NOT_HEADLESS, "sts.yaml": STATEFULSET });
  const lint = (env: Record<string, string | undefined>) => runCli(["svc.yaml", "sts.yaml"], { cwd, env });
  const uncached = lint({ NODE_DISABLE_COMPILE_CACHE: "1" });

  it("lints as without it", () => {
    expect(uncached.status).toBe(1);
    expect(uncached.stdout).toContain("sts-service-not-headless");
  });

  it("is written by the first run and gives the same report and exit code on the next", () => {
    const directory = cacheDirectory();
    const first = lint({ NODE_COMPILE_CACHE: directory });
    expect(first).toEqual(uncached);
    expect(readdirSync(directory, { recursive: true }).length).toBeGreaterThan(0);
    expect(lint({ NODE_COMPILE_CACHE: directory })).toEqual(uncached);
  });

  it.runIf(!nodeCachesItself)("is read, not rewritten, by the next run of the same bundle", () => {
    const directory = cacheDirectory();
    lint({ NODE_COMPILE_CACHE: directory });
    const [name] = readdirSync(directory);
    expect(name).toMatch(/^main\.cjs-[0-9a-f]{8}-v\d+\.\d+\.\d+-\w+-[0-9a-f]{8}-\d+$/);
    const written = statSync(join(directory, name!));
    expect(lint({ NODE_COMPILE_CACHE: directory })).toEqual(uncached);
    expect(readdirSync(directory)).toEqual([name]);
    expect(statSync(join(directory, name!)).mtimeMs).toBe(written.mtimeMs);
  });

  it("a corrupt or truncated cache costs nothing but the compilation", () => {
    const directory = cacheDirectory();
    lint({ NODE_COMPILE_CACHE: directory });
    const files = readdirSync(directory, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const [index, entry] of files.entries()) {
      const path = join(entry.parentPath, entry.name);
      const data = readFileSync(path);
      // Flipped bytes in the middle of the data, or half of it gone.
      if (index % 2 === 0) writeFileSync(path, data.map((byte, at) => (at > data.length / 2 && at < data.length / 2 + 64 ? byte ^ 0xff : byte)));
      else writeFileSync(path, data.subarray(0, data.length >> 1));
    }
    expect(lint({ NODE_COMPILE_CACHE: directory })).toEqual(uncached);
    expect(lint({ NODE_COMPILE_CACHE: directory })).toEqual(uncached);
  });

  it("a cache directory that cannot be created costs nothing but the compilation", () => {
    const file = join(cacheDirectory(), "a-file");
    writeFileSync(file, "");
    expect(lint({ NODE_COMPILE_CACHE: join(file, "cache") })).toEqual(uncached);
  });

  it.runIf(!nodeCachesItself && process.getuid !== undefined)("a directory others can write is neither read nor written: a cache there could be planted", () => {
    const directory = cacheDirectory();
    chmodSync(directory, 0o777);
    expect(lint({ NODE_COMPILE_CACHE: directory })).toEqual(uncached);
    expect(readdirSync(directory)).toEqual([]);
  });
});
