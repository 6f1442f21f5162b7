import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { LspClient, PACKAGE_DIR, workspace } from "./support/lsp-client.js";
import { SERVICE, STATEFULSET } from "./support/manifests.js";

const VSIX = join(PACKAGE_DIR, "statelint-vscode.vsix");

/** Every entry of a zip archive, read with yauzl. */
function unzip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("cannot open zip"));
      const entries = new Map<string, Buffer>();
      zip.on("error", reject);
      zip.on("end", () => resolve(entries));
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith("/")) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error(`cannot read ${entry.fileName}`));
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

let entries: Map<string, Buffer>;
let extracted: string;

beforeAll(() => {
  // The real packaging command, offline: esbuild bundles, then `vsce package --no-dependencies`.
  const run = spawnSync("npm", ["run", "package", "-w", "statelint-vscode"], { cwd: join(PACKAGE_DIR, "..", ".."), encoding: "utf8", timeout: 240_000 });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
}, 240_000);

beforeAll(async () => {
  entries = await unzip(VSIX);
  // Outside the repository, so the bundled server cannot borrow the workspace's node_modules.
  extracted = mkdtempSync(join(tmpdir(), "statelint-vsix-"));
  for (const [name, content] of entries) {
    mkdirSync(dirname(join(extracted, name)), { recursive: true });
    writeFileSync(join(extracted, name), content);
  }
});

afterAll(() => rmSync(extracted, { recursive: true, force: true }));

describe("the packaged .vsix", () => {
  it("has the manifest VS Code needs", () => {
    // A VS Code manifest is deep, loosely typed JSON; the assertions below pin its shape.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const manifest = JSON.parse(readFileSync(join(extracted, "extension", "package.json"), "utf8")) as Record<string, any>;
    expect(manifest).toMatchObject({
      name: "statelint-vscode",
      publisher: "statelint",
      main: "./out/extension.cjs",
      engines: { vscode: "^1.82.0" },
      activationEvents: ["onLanguage:yaml", "onLanguage:json"],
      capabilities: { untrustedWorkspaces: { supported: "limited" } },
      repository: { type: "git" },
    });
    expect(Object.keys(manifest["contributes"]["configuration"]["properties"]).sort()).toEqual([
      "statelint.configPath", "statelint.enable", "statelint.run", "statelint.trace.server",
    ]);
    expect(manifest["contributes"]["commands"]).toContainEqual({ command: "statelint.showBundleGraph", title: "Show bundle graph", category: "statelint" });
    expect(manifest["contributes"]["configuration"]["properties"]["statelint.run"]).toMatchObject({ enum: ["onType", "onSave"], default: "onType" });
    const vsixManifest = entries.get("extension.vsixmanifest")?.toString("utf8") ?? "";
    expect(vsixManifest).toContain('Id="statelint-vscode"');
    expect(vsixManifest).toContain('Publisher="statelint"');
    expect([...entries.keys()]).toEqual(expect.arrayContaining(["extension/out/extension.cjs", "extension/out/server/server.mjs", "extension/out/server/mermaid.min.js", "extension/LICENSE.txt"]));
    expect([...entries.keys()].filter((name) => name.includes("node_modules/") || name.includes("/src/"))).toEqual([]);
  });

  it("starts the bundled server and publishes diagnostics", async () => {
    const ws = workspace({ "statefulset.yaml": STATEFULSET, "service.yaml": SERVICE });
    const client = new LspClient(join(extracted, "extension", "out", "server", "server.mjs"));
    try {
      await client.initialize(ws.root, { debounceMs: 0 });
      await client.open(ws.uri("service.yaml"), SERVICE);
      const diagnostics = await client.diagnostics(ws.uri("service.yaml"), (list) => list.some((diagnostic) => diagnostic.code === "sts-service-not-headless"));
      expect(diagnostics.find((diagnostic) => diagnostic.code === "sts-service-not-headless")?.range).toEqual({ start: { line: 5, character: 13 }, end: { line: 5, character: 22 } });
      expect(diagnostics.filter((diagnostic) => diagnostic.code === "internal-error")).toEqual([]);
      expect(await client.stop()).toBe(0);
    } finally {
      ws.dispose();
    }
  });

  it("draws the bundle picture with the Mermaid build shipped beside the bundled server", async () => {
    const ws = workspace({ "statefulset.yaml": STATEFULSET, "service.yaml": SERVICE });
    const client = new LspClient(join(extracted, "extension", "out", "server", "server.mjs"));
    try {
      await client.initialize(ws.root, { debounceMs: 0 });
      const result = await client.request<{ content: string }>("statelint/bundleGraph", { uri: ws.uri("service.yaml") });
      expect(result.content).toMatch(/^<!doctype html>/);
      expect(result.content).toContain(readFileSync(join(extracted, "extension", "out", "server", "mermaid.min.js"), "utf8").slice(0, 200));
      expect(result.content).toContain("sts-service-not-headless");
      expect(await client.stop()).toBe(0);
    } finally {
      ws.dispose();
    }
  });
});
