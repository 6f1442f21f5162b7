import { afterEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver";
import { LspClient, workspace } from "./support/lsp-client.js";

/** The opening example: one instance, no backup, a mutable image and a typo in `storage`. */
const CLUSTER = `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
spec:
  instances: 1
  imageName: ghcr.io/cloudnative-pg/postgresql:latest
  storage:
    sise: 10Gi
`;

let cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

const summary = (diagnostics: Diagnostic[]) =>
  diagnostics.map((diagnostic) => `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${String(diagnostic.code)}`).sort();

describe("operator clusters in the editor", () => {
  it("reports a CloudNativePG Cluster's single instance, missing backup, mutable image and typo at their fields, and clears them as they are fixed", async () => {
    const ws = workspace({ "pg.yaml": CLUSTER });
    const client = new LspClient();
    cleanup.push(() => ws.dispose(), () => client.stop());
    await client.initialize(ws.root, { debounceMs: 10 });
    const uri = ws.uri("pg.yaml");
    await client.open(uri, CLUSTER);
    const diagnostics = await client.diagnostics(uri, (list) => list.some((diagnostic) => diagnostic.code === "schema-unknown-field"));
    expect(summary(diagnostics)).toEqual(["5:1 backup-missing", "5:1 resources-missing", "6:14 replicas-single", "7:14 image-tag-mutable", "9:5 schema-unknown-field"]);
    expect(diagnostics.find((diagnostic) => diagnostic.code === "schema-unknown-field")?.message).toContain("did you mean `size`?");

    await client.change(uri, CLUSTER.replace("instances: 1", "instances: 3").replace("sise:", "size:"));
    const after = await client.diagnostics(uri, (list) => !list.some((diagnostic) => diagnostic.code === "schema-unknown-field"));
    expect(summary(after)).toEqual(["5:1 backup-missing", "5:1 replication-async-only", "5:1 resources-missing", "7:14 image-tag-mutable"]);
  });
});
