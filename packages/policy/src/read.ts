import { readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { extract } from "tar-stream";

/** What a policy file holds: the WebAssembly module and the data document of its bundle. */
export interface PolicyFile {
  readonly wasm: Uint8Array;
  /** The merged `data.json` documents of a bundle; `{}` for a bare `policy.wasm`. */
  readonly data: Record<string, unknown>;
  readonly bundle: boolean;
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
const GZIP_MAGIC = [0x1f, 0x8b];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/** A problem with what the bundle holds, as opposed to a broken archive. */
class BundleContentError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Places a `data.json` found at `dir/data.json` under `dir`'s path in the data document, as OPA does. */
function mergeData(target: Record<string, unknown>, segments: readonly string[], value: unknown, entry: string): void {
  let node = target;
  for (const segment of segments) {
    const child = node[segment];
    if (child === undefined) node[segment] = {};
    else if (!isRecord(child)) throw new BundleContentError(`${entry} overlaps other data at "${segments.join("/")}"`);
    node = node[segment] as Record<string, unknown>;
  }
  if (!isRecord(value)) {
    throw new BundleContentError(`${entry} must hold a JSON object, found ${Array.isArray(value) ? "an array" : typeof value}`);
  }
  for (const [key, child] of Object.entries(value)) {
    const existing = node[key];
    if (isRecord(existing) && isRecord(child)) mergeData(node, [key], child, entry);
    else if (existing !== undefined) throw new BundleContentError(`${entry} sets "${[...segments, key].join("/")}", which another data.json already sets`);
    else node[key] = child;
  }
}

/** Reads `bundle.tar.gz` as `opa build -t wasm` writes it: `/policy.wasm`, `/data.json` (and nested ones), `/.manifest`. */
async function readBundle(bytes: Uint8Array): Promise<PolicyFile> {
  let tar: Buffer;
  try {
    tar = gunzipSync(bytes);
  } catch (error) {
    throw new Error(`it looks like a .tar.gz but cannot be decompressed (${(error as Error).message})`);
  }
  let wasm: Uint8Array | undefined;
  const data: Record<string, unknown> = {};
  const entries = extract();
  Readable.from([tar]).pipe(entries);
  try {
    for await (const entry of entries) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      if (entry.header.type !== "file") continue;
      const name = entry.header.name.replace(/^(\.?\/)+/, "");
      if (name === "policy.wasm") wasm = Buffer.concat(chunks);
      else if (name === "data.json" || name.endsWith("/data.json")) {
        let value: unknown;
        try {
          value = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch (error) {
          throw new BundleContentError(`/${name} in the bundle is not valid JSON (${(error as Error).message})`);
        }
        mergeData(data, name.split("/").slice(0, -1), value, `/${name}`);
      }
    }
  } catch (error) {
    entries.destroy();
    if (error instanceof BundleContentError) throw error;
    throw new Error(`the bundle is not a valid tar archive (${(error as Error).message})`);
  }
  if (!wasm) throw new Error("the bundle has no /policy.wasm; build it with `opa build -t wasm`");
  return { wasm, data, bundle: true };
}

/**
 * Reads a `policy.wasm` or a `bundle.tar.gz`, told apart by content rather than name. Errors say
 * what is wrong with the file; the caller adds which policy it is.
 */
export async function readPolicyFile(path: string): Promise<PolicyFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new Error("the file does not exist");
    if (code === "EISDIR") throw new Error("it is a directory; name the policy.wasm or bundle.tar.gz inside it");
    throw new Error(`the file cannot be read (${(error as Error).message})`);
  }
  if (startsWith(bytes, WASM_MAGIC)) return { wasm: bytes, data: {}, bundle: false };
  if (startsWith(bytes, GZIP_MAGIC)) return readBundle(bytes);
  throw new Error("it is neither a WebAssembly module nor a .tar.gz bundle; build it with `opa build -t wasm`");
}
