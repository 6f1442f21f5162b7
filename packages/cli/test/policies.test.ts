import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assemble, STATEFULSET_WITH_LATEST_SIDECAR as MANIFEST } from "../../policy/test/fixtures.js";
import { runCli, workspace } from "./helpers.js";


const MESSAGE = "container image busybox:latest uses the mutable tag :latest; pin a version or a digest";
let noLatest: Uint8Array;
let garbage: Uint8Array;

beforeAll(async () => {
  noLatest = await assemble("no-latest");
  garbage = await assemble("garbage");
});

/** A project with the manifest, compiled policies and an optional config; only policy findings are on. */
function project(config: string, policies: Record<string, Uint8Array>): string {
  const cwd = workspace({ "sts.yaml": MANIFEST, ".statelint.yaml": config });
  for (const [name, bytes] of Object.entries(policies)) writeFileSync(join(cwd, name), bytes);
  return cwd;
}

const ONLY_POLICIES = "extends: []\n";

describe("user policies in the CLI", () => {
  it("--policy reports the policy's finding at the exact field and fails the run", () => {
    const cwd = project(ONLY_POLICIES, { "policy.wasm": noLatest });
    const result = runCli(["sts.yaml", "--policy", "policy.wasm", "--format", "json"], { cwd });
    expect(result.status, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: { ruleId: string; severity: string; line: number; column: number; endColumn: number; message: string; path: string }[] };
    expect(report.findings).toEqual([
      expect.objectContaining({ ruleId: "policy/no-latest-image", severity: "error", line: 19, column: 18, endColumn: 32, message: MESSAGE, path: "spec.template.spec.containers[1].image" }),
    ]);
  });

  it("loads policies named in .statelint.yaml, relative to the config file, in every output format", () => {
    const cwd = workspace({ "deploy/sts.yaml": MANIFEST, ".statelint.yaml": `${ONLY_POLICIES}policies:\n  - path: policies/policy.wasm\n` });
    mkdirSync(join(cwd, "policies"));
    writeFileSync(join(cwd, "policies", "policy.wasm"), noLatest);

    const stylish = runCli(["deploy"], { cwd });
    expect(stylish.status, stylish.stderr).toBe(1);
    expect(stylish.stdout).toContain("19:18");
    expect(stylish.stdout).toContain("policy/no-latest-image");

    const sarif = JSON.parse(runCli(["deploy", "--format", "sarif"], { cwd }).stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[] };
    const result = sarif.runs[0]?.results[0];
    expect(result?.ruleId).toBe("policy/no-latest-image");
    expect(result?.locations[0]?.physicalLocation.region).toMatchObject({ startLine: 19, startColumn: 18 });

    // GitHub annotations count the end column inclusively.
    const github = runCli(["deploy", "--format", "github"], { cwd }).stdout;
    expect(github).toMatch(/^::error file=deploy\/sts\.yaml,line=19,col=18,endLine=19,endColumn=31,title=statelint policy\/no-latest-image::container image busybox:latest/m);
    expect(runCli(["deploy", "--format", "junit"], { cwd }).stdout).toContain('failures="1"');
  });

  it("lets the config set a policy rule's level like a built-in rule's", () => {
    const cwd = project(`${ONLY_POLICIES}rules:\n  policy/no-latest-image: warning\npolicies:\n  - path: policy.wasm\n`, { "policy.wasm": noLatest });
    const result = runCli(["sts.yaml", "--format", "json"], { cwd });
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { findings: { severity: string }[] }).findings.map((finding) => finding.severity)).toEqual(["warning"]);
  });

  it("turns a policy that returns garbage into one policy-error and still runs the other policies", () => {
    const cwd = project(ONLY_POLICIES, { "policy.wasm": noLatest, "garbage.wasm": garbage });
    const result = runCli(["sts.yaml", "--policy", "policy.wasm", "--policy", "garbage.wasm", "--format", "json"], { cwd });
    expect(result.status).toBe(1);
    const findings = (JSON.parse(result.stdout) as { findings: { ruleId: string; message: string }[] }).findings;
    expect(findings.map((finding) => finding.ruleId).sort()).toEqual(["policy-error", "policy/no-latest-image"]);
    expect(findings.find((finding) => finding.ruleId === "policy-error")?.message).toContain("garbage.wasm");
  });

  it("policy inspect lists a policy's entrypoints", () => {
    const cwd = project(ONLY_POLICIES, { "policy.wasm": noLatest });
    const result = runCli(["policy", "inspect", "policy.wasm"], { cwd });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("statelint/deny");
  });
});
