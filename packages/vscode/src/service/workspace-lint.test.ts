import type { PolicySpec } from "@statelint/policy";
import { builtinRegistry } from "@statelint/rules";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { PolicyLoader } from "./policies.js";
import { WorkspaceLintService } from "./workspace-lint.js";

const CONFIG = "policies:\n  - path: policies/policy.wasm\n";
const MANIFEST = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n";

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Records what it was asked to load and reports one finding per object, as a real policy would. */
function recordingLoader(): { loader: PolicyLoader; loaded: PolicySpec[][] } {
  const loaded: PolicySpec[][] = [];
  const loader: PolicyLoader = async (specs) => {
    loaded.push([...specs]);
    return {
      providers: [{ name: "test", run: (bundle) => bundle.ofKind("ConfigMap").map((object) => ({ ruleId: "policy/no-configmaps", severity: "warning" as const, message: "no ConfigMaps", object })) }],
      close: async () => {},
    };
  };
  return { loader, loaded };
}

function folder(): string {
  root = mkdtempSync(join(tmpdir(), "statelint-service-"));
  writeFileSync(join(root, ".statelint.yaml"), CONFIG);
  writeFileSync(join(root, "configmap.yaml"), MANIFEST);
  return root;
}

describe("WorkspaceLintService and workspace trust", () => {
  it("never loads user policies in an untrusted workspace", async () => {
    const { loader, loaded } = recordingLoader();
    const service = new WorkspaceLintService({ registry: builtinRegistry(), trusted: false, loadPolicies: loader });
    service.setFolders([folder()]);
    const report = await service.lint(root);
    expect(loaded).toEqual([]);
    expect(report.files.get(join(root, "configmap.yaml"))?.findings.map((finding) => finding.ruleId)).not.toContain("policy/no-configmaps");
  });

  it("loads them, with paths resolved against the config file, once the workspace is trusted", async () => {
    const { loader, loaded } = recordingLoader();
    const service = new WorkspaceLintService({ registry: builtinRegistry(), trusted: true, loadPolicies: loader });
    service.setFolders([folder()]);
    const report = await service.lint(root);
    expect(loaded).toEqual([[{ path: join(root, "policies", "policy.wasm"), declaredIn: join(root, ".statelint.yaml") }]]);
    expect(report.files.get(join(root, "configmap.yaml"))?.findings.find((finding) => finding.ruleId === "policy/no-configmaps")).toMatchObject({
      severity: "warning",
      message: "no ConfigMaps",
      range: { start: { line: 2, column: 7 } },
    });
    // Loaded once, reused by the next lint, and loaded again after the config changes.
    await service.lint(root);
    expect(loaded).toHaveLength(1);
    service.diskChanged([{ path: join(root, ".statelint.yaml"), change: "changed" }]);
    await service.lint(root);
    expect(loaded).toHaveLength(2);
  });
});
