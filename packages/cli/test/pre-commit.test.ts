import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, NOT_HEADLESS, REPO_ROOT, STATEFULSET, workspace } from "./helpers.js";

const available = spawnSync("pre-commit", ["--version"], { encoding: "utf8" }).status === 0;

function requirePreCommit(skip: () => void): void {
  if (available) return;
  // CI installs pre-commit (.ci/run); there, a missing tool is a broken setup, not a reason to skip.
  if (process.env["CI"] === "true") throw new Error("pre-commit is not installed; .ci/run installs it with apt-get install pre-commit.");
  skip();
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, ...env, FORCE_COLOR: "0", NO_COLOR: "1" } });
  if (result.error) throw result.error;
  return result;
}

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: "statelint test",
  GIT_AUTHOR_EMAIL: "test@example.invalid",
  GIT_COMMITTER_NAME: "statelint test",
  GIT_COMMITTER_EMAIL: "test@example.invalid",
};

/**
 * A throwaway git repository holding this working tree as one commit: tracked and untracked files,
 * minus what .gitignore excludes (node_modules, dist, bundle), as a fresh clone of a pushed commit
 * would have them. Returns its path and the commit.
 */
function commitWorkingTree(): { path: string; rev: string } {
  const listed = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO_ROOT);
  expect(listed.status).toBe(0);
  const path = mkdtempSync(join(tmpdir(), "statelint-hook-repo-"));
  for (const file of listed.stdout.split("\0")) {
    // A tracked file deleted in the working tree is still listed by --cached.
    if (file === "" || !existsSync(join(REPO_ROOT, file))) continue;
    mkdirSync(dirname(join(path, file)), { recursive: true });
    copyFileSync(join(REPO_ROOT, file), join(path, file));
  }
  expect(run("git", ["init", "-q", "-b", "main"], path).status).toBe(0);
  expect(run("git", ["add", "."], path).status).toBe(0);
  expect(run("git", ["commit", "-q", "-m", "statelint under test"], path, GIT_IDENTITY).status).toBe(0);
  return { path, rev: run("git", ["rev-parse", "HEAD"], path).stdout.trim() };
}

describe("pre-commit", () => {
  it("validates the committed .pre-commit-hooks.yaml", ({ skip }) => {
    requirePreCommit(skip);
    const result = run("pre-commit", ["validate-manifest", join(REPO_ROOT, ".pre-commit-hooks.yaml")], REPO_ROOT);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("fails a commit of a bad manifest with statelint's findings and lets the fixed one through", ({ skip }) => {
    requirePreCommit(skip);
    // A `repo: local` hook runs the real pre-commit flow without cloning or npm-installing anything.
    const cwd = workspace({
      ".pre-commit-config.yaml": [
        "repos:",
        "  - repo: local",
        "    hooks:",
        "      - id: statelint",
        "        name: statelint",
        // pre-commit splits the entry like a shell; the YAML double-quoted string carries the shell quotes.
        `        entry: ${JSON.stringify(`'${process.execPath}' '${BIN}'`)}`,
        "        language: system",
        "        types_or: [yaml, json]",
        "        require_serial: true",
        "",
      ].join("\n"),
      ".statelint.yaml": "extends: []\nrules:\n  sts-service-not-headless: error\n",
      "deploy/svc.yaml": NOT_HEADLESS,
      "deploy/sts.yaml": STATEFULSET,
      "README.md": "not linted\n",
    });
    const env = { PRE_COMMIT_HOME: join(cwd, ".pre-commit-home"), ...GIT_IDENTITY };
    expect(run("git", ["init", "-q", "-b", "main"], cwd).status).toBe(0);
    writeFileSync(join(cwd, ".gitignore"), ".pre-commit-home/\n");
    expect(run("pre-commit", ["install"], cwd, env).status).toBe(0);
    expect(run("git", ["add", "."], cwd).status).toBe(0);

    const rejected = run("git", ["commit", "-m", "add database"], cwd, env);
    expect(rejected.status).toBe(1);
    const output = rejected.stdout + rejected.stderr;
    expect(output).toMatch(/statelint\.+Failed/);
    expect(output).toContain("deploy/svc.yaml\n  6:14  error    Service \"db\" governs StatefulSet \"db\" but has clusterIP \"10.0.0.1\"; set it to None.  sts-service-not-headless");
    expect(run("git", ["rev-parse", "--verify", "HEAD"], cwd).status).not.toBe(0);

    writeFileSync(join(cwd, "deploy", "svc.yaml"), NOT_HEADLESS.replace("10.0.0.1", "None"));
    expect(run("git", ["add", "deploy/svc.yaml"], cwd).status).toBe(0);
    const accepted = run("git", ["commit", "-m", "add database"], cwd, env);
    expect(accepted.stdout + accepted.stderr).toMatch(/statelint\.+Passed/);
    expect(accepted.status).toBe(0);
    expect(run("git", ["rev-parse", "--verify", "HEAD"], cwd).status).toBe(0);
  }, 60_000);

  // What users write: this repository by URL and rev. pre-commit's `language: node` clones it, runs
  // `npm install` (our `prepare` builds), `npm pack` on the root and `npm install -g` of that tarball
  // into a node env, so this reaches the npm registry and takes minutes.
  it("installs the hook from this repository by repo and rev, reports findings and passes the fixed file", ({ skip }) => {
    requirePreCommit(skip);
    const hookRepo = commitWorkingTree();
    const cwd = workspace({
      ".pre-commit-config.yaml": ["repos:", `  - repo: ${JSON.stringify(hookRepo.path)}`, `    rev: ${hookRepo.rev}`, "    hooks:", "      - id: statelint", ""].join("\n"),
      ".statelint.yaml": "extends: []\nrules:\n  sts-service-not-headless: error\n",
      "deploy/svc.yaml": NOT_HEADLESS,
      "deploy/sts.yaml": STATEFULSET,
    });
    const env = { PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), "statelint-pre-commit-home-")), ...GIT_IDENTITY };
    expect(run("git", ["init", "-q", "-b", "main"], cwd).status).toBe(0);
    expect(run("git", ["add", "."], cwd).status).toBe(0);
    const files = ["--files", "deploy/svc.yaml", "deploy/sts.yaml"];

    const rejected = run("pre-commit", ["run", "statelint", ...files], cwd, env);
    const output = rejected.stdout + rejected.stderr;
    expect(output).not.toContain("An unexpected error has occurred");
    expect(output).toMatch(/statelint\.+Failed/);
    expect(output).toContain("deploy/svc.yaml\n  6:14  error    Service \"db\" governs StatefulSet \"db\" but has clusterIP \"10.0.0.1\"; set it to None.  sts-service-not-headless");
    expect(rejected.status).toBe(1);

    writeFileSync(join(cwd, "deploy", "svc.yaml"), NOT_HEADLESS.replace("10.0.0.1", "None"));
    expect(run("git", ["add", "deploy/svc.yaml"], cwd).status).toBe(0);
    const accepted = run("pre-commit", ["run", "statelint", ...files], cwd, env);
    expect(accepted.stdout + accepted.stderr).toMatch(/statelint\.+Passed/);
    expect(accepted.status).toBe(0);
    // The hook environment holds a node_modules tree of a few hundred MB; kept only when the test fails.
    for (const path of [env.PRE_COMMIT_HOME, hookRepo.path, cwd]) rmSync(path, { recursive: true, force: true });
  }, 600_000);
});
