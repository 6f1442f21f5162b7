import { isAscii } from "node:buffer";
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";
import * as zlib from "node:zlib";

/** The CommonJS bundle's exports, and how to keep what this run compiled for the next one. */
export interface LoadedBundle {
  readonly exports: Record<string, unknown>;
  /**
   * Writes the code cache when this run had none, or when no run of this kind (a command, a report
   * format: what decides which code a run compiles) wrote the one it read; never throws. Call it
   * when the work is done.
   */
  saveCache(kind?: string): void;
}

// Newer than the @types/node of Node 20: Node 20.15+ and 22.2+.
const crc32 = (zlib as { crc32?: (data: string | Uint8Array) => number }).crc32;
// The CRC32 of the rest, the byte length of the run kinds, then the kinds and V8's data.
const HEADER_BYTES = 6;
// Node's CommonJS wrapper: the bundle sees the same five bindings as a required file.
const WRAPPER_START = "(function (exports, require, module, __filename, __dirname) { ";
const WRAPPER_END = "\n})";

/**
 * Loads a CommonJS bundle with its compiled code kept on disk between runs, because compiling the
 * bundle is a large part of a run on one small file. The code cache V8 makes for a script loaded
 * through `vm.Script` is written after the run, so it holds every function the run compiled, not
 * only the top level: on Node 22 too this beats Node's own compile cache (132 ms against 167 ms
 * for a small file, where `node -e 0` takes 63 ms). `NODE_DISABLE_COMPILE_CACHE` turns it off,
 * as it does Node's.
 *
 * - one file per bundle (by path), Node version and options, and content (CRC32 and length), in
 *   `NODE_COMPILE_CACHE` or `<tmp>/statelint-compile-cache`, in a directory only this user can
 *   write (a cache is code: one planted by someone else must never run);
 * - each file carries the CRC32 of its data, checked before V8 sees it (V8 checks versions and
 *   flags, but not the data itself in release builds);
 * - each file names the kinds of run whose compiled code it holds: a run of another kind writes it
 *   again, with its own code added to what it read (a cache written by `statelint --version` alone
 *   would leave every later lint compiling the engine and the rules);
 * - a missing, stale, foreign or corrupt cache, or a directory that cannot be written, only
 *   costs the compilation: the run itself never depends on the cache.
 *
 * `require` is the bundle's: it loads Node's built-ins and resolves `import.meta.resolve`. The bin
 * passes its own, which resolves packages as the bundle's would (both are in the same package);
 * making one with `createRequire` would load `node:module` and with it Node's ES module loader.
 */
export function loadBundle(file: string, require: NodeJS.Require): LoadedBundle {
  if (process.env["NODE_DISABLE_COMPILE_CACHE"] || !crc32) return { exports: require(file) as Record<string, unknown>, saveCache() {} };

  const bytes = readFileSync(file);
  // esbuild escapes non-ASCII characters, and ASCII is read faster as latin1 than decoded as UTF-8.
  const source = bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
  const directory = process.env["NODE_COMPILE_CACHE"] || join(tmpdir(), "statelint-compile-cache");
  // V8 rejects a cache made under other flags: runs with other options keep their own.
  const options = `${file}\0${process.execArgv.join(" ")}\0${process.env["NODE_OPTIONS"] ?? ""}`;
  const prefix = `${basename(file)}-${hex(crc32(options))}-${process.version}-${process.arch}-`;
  const cacheFile = join(directory, `${prefix}${hex(crc32(bytes))}-${bytes.length}`);
  const cache = readCache(directory, cacheFile);
  const cachedData = cache?.data;
  const script = new Script(WRAPPER_START + source + WRAPPER_END, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const exported = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(exported.exports, require, exported, file, dirname(file));
  return {
    exports: exported.exports,
    saveCache(kind = "") {
      if (cache && !script.cachedDataRejected && cache.kinds.includes(kind)) return;
      const kinds = cache && !script.cachedDataRejected ? [...cache.kinds, kind] : [kind];
      writeCache(directory, cacheFile, prefix, script, kinds);
    },
  };
}

function hex(value: number): string {
  return value.toString(16).padStart(8, "0");
}

/** Whether the directory is this user's alone (on systems with users and modes). */
function isPrivate(directory: string): boolean {
  const stats = lstatSync(directory);
  if (!stats.isDirectory()) return false;
  if (process.getuid === undefined) return true;
  return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}

interface StoredCache {
  readonly data: Buffer;
  /** The kinds of run whose compiled code the data holds. */
  readonly kinds: readonly string[];
}

function readCache(directory: string, cacheFile: string): StoredCache | undefined {
  try {
    if (!isPrivate(directory)) return undefined;
    const stored = readFileSync(cacheFile);
    if (stored.length <= HEADER_BYTES || stored.readUInt32LE(0) !== crc32!(stored.subarray(4))) return undefined;
    const dataStart = HEADER_BYTES + stored.readUInt16LE(4);
    if (dataStart >= stored.length) return undefined;
    return { data: stored.subarray(dataStart), kinds: stored.toString("utf8", HEADER_BYTES, dataStart).split("\n") };
  } catch {
    return undefined;
  }
}

function writeCache(directory: string, cacheFile: string, prefix: string, script: Script, kinds: readonly string[]): void {
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    if (!isPrivate(directory)) return;
    const data = script.createCachedData();
    const kindBytes = Buffer.from(kinds.join("\n"), "utf8");
    const stored = Buffer.concat([Buffer.alloc(HEADER_BYTES), kindBytes, data]);
    stored.writeUInt16LE(kindBytes.length, 4);
    stored.writeUInt32LE(crc32!(stored.subarray(4)), 0);
    // Written aside, then renamed: a run started meanwhile reads the old file or the whole new one.
    const partial = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(partial, stored, { mode: 0o600 });
    renameSync(partial, cacheFile);
    // The caches of earlier builds of the same bundle, for the same Node and options, are of no further use.
    for (const name of readdirSync(directory)) {
      const stale = join(directory, name);
      if (name.startsWith(prefix) && stale !== cacheFile && !name.endsWith(".tmp")) rmSync(stale, { force: true });
    }
  } catch {
    // An unwritable or full directory only means the next run compiles again.
  }
}
