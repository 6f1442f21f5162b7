import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { BundleGraphResult } from "../src/protocol.js";
import { LspClient, PACKAGE_DIR, uriOf, workspace } from "./support/lsp-client.js";

const SEED = readFileSync(join(PACKAGE_DIR, "..", "..", "fixtures", "seed", "statefulset-postgresql.yaml"), "utf8");

let cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function start(files: Record<string, string>) {
  const ws = workspace(files);
  const client = new LspClient();
  cleanup.push(() => ws.dispose(), () => client.stop());
  await client.initialize(ws.root, { debounceMs: 10 });
  return { ws, client };
}

describe("statelint/bundleGraph over stdio", () => {
  it("answers with the offline HTML page of the workspace folder, findings included", async () => {
    const { ws, client } = await start({ "deploy/postgres.yaml": SEED });
    const result = await client.request<BundleGraphResult>("statelint/bundleGraph", { uri: uriOf(ws.root) });
    expect(result).toMatchObject({ bundle: ws.root, format: "html", nodes: 11, findings: 12 });
    expect(result.content).toMatch(/^<!doctype html>/);
    expect(result.content).toContain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-");
    // The Mermaid source the page renders, and Mermaid itself, are inline.
    expect(result.content).toContain("Service: postgres-lb");
    expect(result.content).toContain("db-write-service-load-balanced");
    expect(result.content).not.toMatch(/<script[^>]+src=/);
  });

  it("draws the unsaved text of an open document, in the format asked for", async () => {
    const { ws, client } = await start({ "postgres.yaml": SEED });
    await client.open(ws.uri("postgres.yaml"), SEED.replace("replicas: 3", "replicas: 2"));
    const result = await client.request<BundleGraphResult>("statelint/bundleGraph", { uri: ws.uri("postgres.yaml"), format: "json" });
    expect(result.format).toBe("json");
    const graph = JSON.parse(result.content) as { nodes: { kind: string; name: string }[] };
    expect(graph.nodes.filter((node) => node.kind === "Pod").map((node) => node.name)).toEqual(["postgres-0", "postgres-1"]);
  });

  it("answers null for a malformed request and keeps serving", async () => {
    const { ws, client } = await start({ "postgres.yaml": SEED });
    expect(await client.request("statelint/bundleGraph", { uri: 42 })).toBeNull();
    const result = await client.request<BundleGraphResult>("statelint/bundleGraph", { uri: uriOf(ws.root), format: "mermaid" });
    expect(result.content).toMatch(/^flowchart TB\n/);
  });
});
