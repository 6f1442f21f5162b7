import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NOT_HEADLESS, REPO_ROOT, runCli, STATEFULSET, workspace } from "./helpers.js";

describe("statelint graph", () => {
  it("draws the seed in Mermaid by default, with its findings, and exits 0", () => {
    const result = runCli(["graph", "fixtures/seed"], { cwd: REPO_ROOT });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^flowchart TB\n/);
    for (const label of ["Service: postgres<br/>headless", "Service: postgres-lb", "ConfigMap: postgres-config", "Secret: postgres-secret", "StatefulSet: postgres", "Pod: postgres-2", "PVC: postgres-storage-postgres-2", "⚠ db-write-service-load-balanced"]) {
      expect(result.stdout).toContain(label);
    }
  });

  it("draws the picture the README shows", () => {
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    const block = /## The bundle picture[\s\S]*?```mermaid\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(runCli(["graph", "fixtures/seed"], { cwd: REPO_ROOT }).stdout);
  });

  it("writes each format to -o FILE", () => {
    const cwd = workspace({ "deploy/svc.yaml": NOT_HEADLESS, "deploy/sts.yaml": STATEFULSET });
    for (const format of ["mermaid", "dot", "json", "html", "text"]) {
      const result = runCli(["graph", "deploy", "--format", format, "-o", `graph.${format}`], { cwd });
      expect(result).toMatchObject({ status: 0, stdout: "", stderr: "" });
    }
    expect(readFileSync(join(cwd, "graph.dot"), "utf8")).toMatch(/^digraph statelint \{/);
    const json = JSON.parse(readFileSync(join(cwd, "graph.json"), "utf8")) as { version: number; nodes: { id: string; findings: string[] }[]; findings: { id: string; ruleId: string; file: string; line: number; column: number }[] };
    expect(json.version).toBe(1);
    // The governing Service is not headless: the error sits on its node, at the exact line and column.
    const notHeadless = json.findings.find((finding) => finding.ruleId === "sts-service-not-headless")!;
    expect(notHeadless).toMatchObject({ file: "deploy/svc.yaml", line: 6, column: 14 });
    expect(json.nodes.find((node) => node.id === "v1 Service default/db")!.findings).toContain(notHeadless.id);
    expect(readFileSync(join(cwd, "graph.html"), "utf8")).toMatch(/^<!doctype html>[\s\S]*<title>statelint: deploy<\/title>/);
    expect(readFileSync(join(cwd, "graph.text"), "utf8")).toContain("db-0.db.default.svc.cluster.local does NOT resolve");
  });

  it("takes the configuration, --namespace and --rule of linting", () => {
    const cwd = workspace({ "svc.yaml": NOT_HEADLESS, "sts.yaml": STATEFULSET, ".statelint.yaml": "rules:\n  sts-service-not-headless: off\n" });
    const result = runCli(["graph", ".", "--format", "json", "--namespace", "prod", "--rule", "replicas-single=off"], { cwd });
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { namespaces: { name: string }[]; findings: { ruleId: string }[] };
    expect(json.namespaces.map((namespace) => namespace.name)).toEqual(["prod"]);
    const rules = json.findings.map((finding) => finding.ruleId);
    expect(rules).not.toContain("sts-service-not-headless");
    expect(rules).not.toContain("replicas-single");
  });

  it("reads stdin", () => {
    const result = runCli(["graph", "-", "--format", "text"], { cwd: REPO_ROOT, input: readFileSync(join(REPO_ROOT, "fixtures/seed/statefulset-postgresql.yaml"), "utf8") });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("postgres-1 waits until postgres-0 is Ready");
  });

  it("rejects a lint-only option, an unknown format and a missing input with exit 2", () => {
    expect(runCli(["graph", "fixtures/seed", "--fix"], { cwd: REPO_ROOT })).toMatchObject({ status: 2, stderr: expect.stringContaining("--fix is an option of linting, not of statelint graph.") });
    expect(runCli(["graph", "fixtures/seed", "--format", "svg"], { cwd: REPO_ROOT })).toMatchObject({ status: 2, stderr: expect.stringContaining('--format must be one of mermaid, dot, json, html, text, not "svg".') });
    expect(runCli(["graph"], { cwd: REPO_ROOT })).toMatchObject({ status: 2, stderr: expect.stringContaining("statelint graph expects files, directories or globs to draw") });
    expect(runCli(["graph", "no-such-dir"], { cwd: REPO_ROOT }).status).toBe(2);
  });
});

describe("--format github and the job summary", () => {
  it("appends the Mermaid picture to $GITHUB_STEP_SUMMARY and keeps the annotations on stdout", () => {
    const cwd = workspace({ "summary.md": "# earlier step\n" });
    const result = runCli(["fixtures/seed", "--format", "github"], { cwd: REPO_ROOT, env: { GITHUB_STEP_SUMMARY: join(cwd, "summary.md") } });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("::warning file=fixtures/seed/statefulset-postgresql.yaml,line=26");
    const summary = readFileSync(join(cwd, "summary.md"), "utf8");
    expect(summary).toMatch(/^# earlier step\n## statelint\n\n0 errors, 7 warnings, 5 infos\./);
    expect(summary).toContain("```mermaid\nflowchart TB\n");
    expect(summary).toContain("⚠ db-write-service-load-balanced");
    expect(summary.trimEnd().endsWith("```")).toBe(true);
  });

  it("leaves the summary alone for other formats", () => {
    const cwd = workspace({});
    const path = join(cwd, "summary.md");
    writeFileSync(path, "");
    runCli(["fixtures/seed", "--format", "json"], { cwd: REPO_ROOT, env: { GITHUB_STEP_SUMMARY: path } });
    expect(readFileSync(path, "utf8")).toBe("");
    expect(existsSync(path)).toBe(true);
  });
});

describe("a bundle too large for GitHub's Mermaid", () => {
  it("puts the command that draws it offline in the job summary instead of a block GitHub cannot draw", () => {
    const seed = readFileSync(join(REPO_ROOT, "fixtures/seed/statefulset-postgresql.yaml"), "utf8");
    const files: Record<string, string> = { "summary.md": "" };
    for (let index = 0; index < 40; index++) files[`ns${index}.yaml`] = seed.replace(/^metadata:\n/gm, `metadata:\n  namespace: ns${index}\n`);
    const cwd = workspace(files);
    const result = runCli([".", "--format", "github"], { cwd, env: { GITHUB_STEP_SUMMARY: join(cwd, "summary.md") } });
    expect(result.status).toBe(0);
    const summary = readFileSync(join(cwd, "summary.md"), "utf8");
    expect(summary).toMatch(/^## statelint\n\n0 errors, 280 warnings, 200 infos\. The bundle picture \(\d+ characters of Mermaid\) is larger than GitHub draws \(50000\); run `statelint graph <paths> --format html -o bundle.html` to see it\.\n$/);
  });
});
