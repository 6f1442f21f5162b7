import { writeFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { assemble, STATEFULSET_WITH_LATEST_SIDECAR as MANIFEST } from "../../policy/test/fixtures.js";
import { LspClient, workspace } from "./support/lsp-client.js";


let policy: Uint8Array;
let cleanup: (() => Promise<unknown> | void)[] = [];

beforeAll(async () => {
  policy = await assemble("no-latest");
});

afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function open(trusted: boolean) {
  // Besides the policy only replicas-single is on: it gives an edit something visible to change.
  const ws = workspace({ ".statelint.yaml": "extends: []\nrules:\n  replicas-single: info\npolicies:\n  - path: policy.wasm\n", "sts.yaml": MANIFEST });
  writeFileSync(ws.path("policy.wasm"), policy);
  const client = new LspClient();
  cleanup.push(() => ws.dispose(), () => client.stop());
  await client.initialize(ws.root, { debounceMs: 10, trusted });
  await client.open(ws.uri("sts.yaml"), MANIFEST);
  return { ws, client };
}

describe("user policies in the language server", () => {
  it("runs the workspace's policies in a trusted workspace, with exact ranges", async () => {
    const { ws, client } = await open(true);
    const diagnostics = await client.diagnostics(ws.uri("sts.yaml"), (list) => list.some((diagnostic) => String(diagnostic.code).startsWith("policy/")));
    expect(diagnostics.filter((diagnostic) => diagnostic.code !== "replicas-single").map((diagnostic) => ({ code: diagnostic.code, severity: diagnostic.severity, range: diagnostic.range, message: diagnostic.message }))).toEqual([
      {
        code: "policy/no-latest-image",
        severity: 1,
        range: { start: { line: 18, character: 17 }, end: { line: 18, character: 31 } },
        message: "container image busybox:latest uses the mutable tag :latest; pin a version or a digest",
      },
    ]);
  });

  it("never loads them in an untrusted workspace", async () => {
    const { ws, client } = await open(false);
    const codes = (list: readonly { code?: string | number | undefined }[]) => list.map((diagnostic) => diagnostic.code);
    expect(codes(await client.diagnostics(ws.uri("sts.yaml")))).toEqual(["replicas-single"]);
    // A second lint, after any policy load would have finished, must still see no policy finding.
    const next = client.nextPublish(ws.uri("sts.yaml"));
    await client.change(ws.uri("sts.yaml"), MANIFEST.replace("replicas: 1", "replicas: 2"));
    expect(codes(await next)).toEqual([]);
  });
});
