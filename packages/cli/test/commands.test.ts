import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NOT_HEADLESS, REPO_ROOT, runCli, STATEFULSET, workspace } from "./helpers.js";

describe("statelint rules", () => {
  it("lists every rule with its category, default severity, fixability and description", () => {
    const result = runCli(["rules"], { cwd: REPO_ROOT });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Headless Service pairing$/m);
    expect(result.stdout).toMatch(/^ {2}sts-service-not-headless +error +fixable +The governing Service of a StatefulSet must be headless/m);
    const json = runCli(["rules", "--format", "json"], { cwd: REPO_ROOT });
    const rules = JSON.parse(json.stdout) as { id: string }[];
    expect(rules.find((rule) => rule.id === "sts-service-not-headless")).toEqual({
      id: "sts-service-not-headless",
      category: "service",
      categoryTitle: "Headless Service pairing",
      severity: "error",
      fixable: true,
      description: expect.stringContaining("headless"),
      appliesTo: ["Service"],
      docsUrl: "https://github.com/statelint/statelint/blob/main/docs/rules/sts-service-not-headless.md",
    });
    expect(result.stdout).toContain(`${rules.length} rules.`);
  });
});

describe("statelint explain", () => {
  it("prints the rule's metadata and the prose of its docs.md", () => {
    const result = runCli(["explain", "sts-service-not-headless"], { cwd: REPO_ROOT });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("sts-service-not-headless\n  category: Headless Service pairing\n  default severity: error\n  fixable: yes (statelint --fix)\n");
    const prose = readFileSync(join(REPO_ROOT, "rules", "src", "sts-service-not-headless", "docs.md"), "utf8").trim();
    expect(result.stdout).toContain(prose);
    expect(result.stdout).toContain("Documentation: https://github.com/statelint/statelint/blob/main/docs/rules/sts-service-not-headless.md");
  });

  it("suggests the closest id for an unknown rule and exits 2", () => {
    const result = runCli(["explain", "sts-service-not-headles"], { cwd: REPO_ROOT });
    expect(result).toMatchObject({
      status: 2,
      stdout: "",
      stderr: 'statelint: unknown rule "sts-service-not-headles"; did you mean "sts-service-not-headless"? Run `statelint rules` for the list.\n',
    });
  });
});

describe("statelint init", () => {
  it("writes a commented starter .statelint.yaml that lints with, and refuses to overwrite it", () => {
    const cwd = workspace({ "svc.yaml": NOT_HEADLESS, "sts.yaml": STATEFULSET });
    const first = runCli(["init"], { cwd });
    expect(first).toMatchObject({ status: 0, stdout: "Wrote .statelint.yaml. Run `statelint .` to lint this folder.\n" });
    const written = readFileSync(join(cwd, ".statelint.yaml"), "utf8");
    expect(written).toMatch(/^# statelint configuration/);
    expect(written).toContain("extends: recommended");
    // The starter config is valid: linting with it reports findings (1), not a config problem (2).
    const lint = runCli(["."], { cwd });
    expect(lint.stderr).toBe("");
    expect(lint.status).toBe(1);
    const second = runCli(["init"], { cwd });
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(".statelint.yaml already exists");
    expect(readFileSync(join(cwd, ".statelint.yaml"), "utf8")).toBe(written);
  });

  it("refuses when a .statelint.json exists", () => {
    const cwd = workspace({ ".statelint.json": "{}" });
    expect(runCli(["init"], { cwd }).status).toBe(2);
    expect(existsSync(join(cwd, ".statelint.yaml"))).toBe(false);
  });
});

describe("statelint policy inspect", () => {
  it("prints the policy runtime's message and exits 2 when the file is not a usable policy", () => {
    const cwd = workspace({ "policy.wasm": "not webassembly" });
    const result = runCli(["policy", "inspect", "policy.wasm"], { cwd });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^statelint: .*policy\.wasm/);
  });
});

describe("--help and --version", () => {
  it("print usage and the package version", () => {
    expect(runCli(["--help"], { cwd: REPO_ROOT }).stdout).toContain("Usage: statelint [options] <file|directory|glob|->...");
    const version = JSON.parse(readFileSync(join(REPO_ROOT, "packages", "cli", "package.json"), "utf8")).version;
    expect(runCli(["--version"], { cwd: REPO_ROOT }).stdout).toBe(`${version}\n`);
  });
});
