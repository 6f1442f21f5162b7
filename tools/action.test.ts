import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { NOT_HEADLESS, STATEFULSET } from "../packages/cli/test/helpers.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

interface ActionStep {
  readonly id?: string;
  readonly name: string;
  readonly shell: string;
  readonly run: string;
  readonly env?: Record<string, string>;
}

interface Action {
  readonly inputs: Record<string, { readonly default?: string }>;
  readonly outputs: Record<string, { readonly value: string }>;
  readonly runs: { readonly using: string; readonly steps: readonly ActionStep[] };
}

const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as Action;

interface StepResult {
  readonly name: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the composite action's steps as the Actions runner does: expressions substituted, each
 * `run:` written to a file and run with `bash --noprofile --norc -eo pipefail` in the workspace,
 * GITHUB_OUTPUT read back after each step, and the job stopping at the first failing step.
 */
function runAction(workspace: string, given: Record<string, string>): { steps: StepResult[]; outputs: Record<string, string> } {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, given[name] ?? input.default ?? ""]));
  const stepOutputs: Record<string, Record<string, string>> = {};
  const temp = mkdtempSync(join(tmpdir(), "statelint-runner-"));
  const evaluate = (text: string) =>
    text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
      const input = /^inputs\.([\w-]+)$/.exec(expression);
      if (input) return inputs[input[1]!] ?? "";
      const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
      if (output) return stepOutputs[output[1]!]?.[output[2]!] ?? "";
      if (expression === "github.action_path") return ROOT;
      throw new Error(`the test runner does not know the expression ${expression}`);
    });
  const steps: StepResult[] = [];
  for (const [index, step] of action.runs.steps.entries()) {
    const script = join(temp, `step-${index}.sh`);
    const outputFile = join(temp, `output-${index}`);
    writeFileSync(script, evaluate(step.run));
    writeFileSync(outputFile, "");
    expect(step.shell).toBe("bash");
    const env: Record<string, string | undefined> = {
      ...process.env,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, evaluate(value)])),
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: temp,
      // The version under test is a local tarball: nothing may come from the registry.
      npm_config_offline: "true",
      NO_COLOR: "1",
      FORCE_COLOR: undefined,
    };
    const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd: workspace, env: env as NodeJS.ProcessEnv, encoding: "utf8" });
    steps.push({ name: step.name, status: result.status, stdout: result.stdout, stderr: result.stderr });
    if (step.id) {
      stepOutputs[step.id] = Object.fromEntries(
        readFileSync(outputFile, "utf8").split("\n").filter(Boolean).map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      );
    }
    if (result.status !== 0) break;
  }
  rmSync(temp, { recursive: true, force: true });
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([name, output]) => [name, evaluate(output.value)]));
  return { steps, outputs };
}

let tarball: string;
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "statelint-action-"));
  const packed = spawnSync("npm", ["pack", "--pack-destination", scratch, "--json"], { cwd: join(ROOT, "packages/statelint"), encoding: "utf8" });
  expect(packed.status, packed.stderr).toBe(0);
  tarball = join(scratch, (JSON.parse(packed.stdout) as [{ filename: string }])[0].filename);
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function repository(files: Record<string, string>): string {
  const root = mkdtempSync(join(scratch, "repo-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const BUNDLE = { "deploy/svc.yaml": NOT_HEADLESS, "deploy/sts.yaml": STATEFULSET, "README.md": "not linted\n" };

describe("action.yml", () => {
  it("is a composite action whose default version is the package's", () => {
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs).sort()).toEqual(["config", "fail-on", "format", "paths", "sarif-file", "version"]);
    const manifest = JSON.parse(readFileSync(join(ROOT, "packages/statelint/package.json"), "utf8")) as { version: string };
    expect(action.inputs["version"]?.default).toBe(manifest.version);
  });

  it("annotates the findings, writes SARIF for code scanning and fails the step on an error", () => {
    const workspace = repository({ ...BUNDLE, "ci/statelint.yaml": "extends: []\nrules:\n  sts-service-not-headless: error\n  replicas-single: warning\n" });
    const { steps, outputs } = runAction(workspace, { version: tarball, paths: "deploy/svc.yaml\ndeploy/sts.yaml", config: "ci/statelint.yaml", "sarif-file": "reports/statelint.sarif" });
    expect(steps.map((step) => [step.name, step.status])).toEqual([["Install statelint", 0], ["Run statelint", 1]]);
    expect(steps[1]!.stdout.trimEnd().split("\n")).toEqual([
      '::warning file=deploy/sts.yaml,line=7,col=13,endLine=7,endColumn=13,title=statelint replicas-single::StatefulSet "db" runs a single replica, so there is no standby when its node fails or it is restarted; run at least 3 replicas with replication if it must stay available. (apps/v1 StatefulSet default/db)',
      '::error file=deploy/svc.yaml,line=6,col=14,endLine=6,endColumn=21,title=statelint sts-service-not-headless::Service "db" governs StatefulSet "db" but has clusterIP "10.0.0.1"; set it to None. (v1 Service default/db)',
    ]);

    expect(outputs["sarif-file"]).toBe("reports/statelint.sarif");
    const sarif = JSON.parse(readFileSync(join(workspace, "reports/statelint.sarif"), "utf8")) as {
      version: string;
      runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]!.results.map((result) => [result.ruleId, result.level, result.locations[0]!.physicalLocation.artifactLocation.uri, result.locations[0]!.physicalLocation.region.startLine, result.locations[0]!.physicalLocation.region.startColumn])).toEqual([
      ["replicas-single", "warning", "deploy/sts.yaml", 7, 13],
      ["sts-service-not-headless", "error", "deploy/svc.yaml", 6, 14],
    ]);
  });

  it("passes with fail-on: never, still annotating and writing SARIF", () => {
    const workspace = repository(BUNDLE);
    const { steps } = runAction(workspace, { version: tarball, paths: "deploy", "fail-on": "never" });
    expect(steps.map((step) => step.status)).toEqual([0, 0]);
    expect(steps[1]!.stdout).toContain("::error file=deploy/svc.yaml,line=6,col=14,");
    expect(existsSync(join(workspace, "statelint.sarif"))).toBe(true);
  });

  it("fails on warnings with fail-on: warning, and prints the stylish report when asked", () => {
    const workspace = repository({ ...BUNDLE, "deploy/svc.yaml": NOT_HEADLESS.replace("10.0.0.1", "None"), ".statelint.yaml": "extends: []\nrules:\n  replicas-single: warning\n" });
    const passing = runAction(workspace, { version: tarball, paths: "deploy", format: "stylish", "fail-on": "error" });
    expect(passing.steps[1]!.status).toBe(0);
    const failing = runAction(workspace, { version: tarball, paths: "deploy", format: "stylish", "fail-on": "warning" });
    expect(failing.steps[1]!.status).toBe(1);
    expect(failing.steps[1]!.stdout).toContain("deploy/sts.yaml\n");
  });

  it("fails with a clear annotation on a bad fail-on value", () => {
    const { steps } = runAction(repository(BUNDLE), { version: tarball, "fail-on": "sometimes" });
    expect(steps[1]).toMatchObject({ status: 2, stdout: '::error title=statelint::The fail-on input must be error, warning, info or never, not "sometimes".\n' });
  });
});
