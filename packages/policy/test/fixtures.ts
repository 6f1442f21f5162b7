import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";
import wabtInit from "wabt";

export const FIXTURES = fileURLToPath(new URL("../../../fixtures/policies/", import.meta.url));

/** A fresh directory for one test's files. */
export function workspace(): string {
  return mkdtempSync(join(tmpdir(), "statelint-policy-"));
}

/** Assembles `fixtures/policies/<name>.wat` (with the shared ABI plumbing spliced in) into WebAssembly bytes. */
export async function assemble(name: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const abi = readFileSync(join(FIXTURES, "abi.wat"), "utf8");
  const text = readFileSync(join(FIXTURES, `${name}.wat`), "utf8").replace(';; #include "abi.wat"', abi);
  const module = wabt.parseWat(`${name}.wat`, text);
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

/** Writes the assembled fixture as `<dir>/<name>.wasm` and returns its path. */
export async function writePolicy(dir: string, name: string): Promise<string> {
  const path = join(dir, `${name}.wasm`);
  writeFileSync(path, await assemble(name));
  return path;
}

/** A bundle.tar.gz laid out as `opa build -t wasm` writes it. */
export async function writeBundle(dir: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<string> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on("data", (chunk: unknown) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => archive.on("end", () => resolve()));
  for (const [name, content] of Object.entries(files)) archive.entry({ name, type: "file" }, Buffer.from(content));
  archive.finalize();
  await done;
  const path = join(dir, "bundle.tar.gz");
  writeFileSync(path, gzipSync(Buffer.concat(chunks)));
  return path;
}

/**
 * A StatefulSet whose sidecar runs `busybox:latest` (line 19, column 18; the value ends at column 32):
 * what the no-latest policy denies. Shared by the CLI and language-server policy tests.
 */
export const STATEFULSET_WITH_LATEST_SIDECAR = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
  namespace: prod
spec:
  serviceName: postgres
  replicas: 1
  selector:
    matchLabels: { app: postgres }
  template:
    metadata:
      labels: { app: postgres }
    spec:
      containers:
        - name: db
          image: postgres:16.4
        - name: sidecar
          image: busybox:latest
`;
