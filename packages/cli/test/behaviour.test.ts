import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, NOT_AN_OBJECT, NOT_HEADLESS, REPO_ROOT, runCli, STATEFULSET, workspace } from "./helpers.js";

const ONLY_HEADLESS = "extends: []\nrules:\n  sts-service-not-headless: error\n";
/** A StatefulSet with a mutable image tag: one image-tag-mutable warning, at line 18. */
const MUTABLE_IMAGE = STATEFULSET.replace("postgres:16.4", "postgres:latest");
const ONLY_IMAGE_TAG = "extends: []\nrules:\n  image-tag-mutable: warning\n  replicas-single: info\n";

function findings(stdout: string): { ruleId: string; file: string; line: number; column: number; severity: string }[] {
  return JSON.parse(stdout).findings;
}

describe("exit codes", () => {
  it("stops quietly with its usual exit code when the reader closes the pipe early (statelint … | head)", async () => {
    // The fixtures' report is about 650 KB: far more than a pipe holds, so most of it is written after the reader is gone.
    const child = spawn(process.execPath, [BIN, "fixtures/rules"], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += String(chunk)));
    const first = await new Promise<string>((resolve) => child.stdout.once("data", (chunk: Buffer) => resolve(String(chunk))));
    child.stdout.destroy();
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(first).toContain("fixtures/rules/");
    expect(stderr).toBe("");
    expect(status).toBe(1);
  });

  it("exits 0 when nothing is at or above the failing level", () => {
    const cwd = workspace({ "plain.yaml": NOT_AN_OBJECT });
    const result = runCli(["plain.yaml"], { cwd });
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(result.stdout).toBe("✔ No problems in 1 file.\n");
  });

  it("exits 1 on an error finding, and 0 on warnings unless --fail-on or --max-warnings say otherwise", () => {
    const cwd = workspace({ ".statelint.yaml": ONLY_IMAGE_TAG, "sts.yaml": MUTABLE_IMAGE, "svc.yaml": NOT_HEADLESS });
    expect(runCli(["sts.yaml"], { cwd }).status).toBe(0);
    expect(runCli(["sts.yaml", "--fail-on", "warning"], { cwd }).status).toBe(1);
    expect(runCli(["sts.yaml", "--fail-on", "info", "--rule", "image-tag-mutable=off"], { cwd }).status).toBe(1);
    expect(runCli(["sts.yaml", "--max-warnings", "1"], { cwd }).status).toBe(0);
    const over = runCli(["sts.yaml", "--max-warnings", "0"], { cwd });
    expect(over.status).toBe(1);
    expect(over.stderr).toBe("statelint: 1 warnings, more than --max-warnings 0 allows.\n");
    const failing = runCli([".", "--rule", "sts-service-not-headless=error"], { cwd });
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain("svc.yaml\n  6:14  error ");
  });

  it("--quiet reports errors only", () => {
    const cwd = workspace({ ".statelint.yaml": ONLY_IMAGE_TAG, "sts.yaml": MUTABLE_IMAGE });
    const loud = runCli(["sts.yaml", "--format", "json"], { cwd });
    expect(findings(loud.stdout).map((finding) => finding.ruleId)).toEqual(["replicas-single", "image-tag-mutable"]);
    const quiet = runCli(["sts.yaml", "--quiet", "--fail-on", "warning"], { cwd });
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe("✔ No problems in 1 file.\n");
  });

  it("exits 2 for a missing path, naming it, and still lints the other inputs", () => {
    const cwd = workspace({ ".statelint.yaml": ONLY_HEADLESS, "svc.yaml": NOT_HEADLESS, "sts.yaml": STATEFULSET });
    const result = runCli(["svc.yaml", "missing.yaml", "sts.yaml", "svc.yaml/inner.yaml"], { cwd });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "statelint: missing.yaml: no such file or directory\n" + "statelint: svc.yaml/inner.yaml: a part of the path is a file, not a directory\n",
    );
    expect(result.stdout).toContain("svc.yaml\n  6:14  error ");
  });

  it("exits 2 for a broken symbolic link met while walking a folder", () => {
    const cwd = workspace({ "deploy/ok.yaml": NOT_AN_OBJECT });
    symlinkSync(join(cwd, "nowhere.yaml"), join(cwd, "deploy", "dangling.yaml"));
    const result = runCli(["deploy"], { cwd });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("statelint: deploy/dangling.yaml: broken symbolic link (no such file or directory)\n");
    expect(result.stdout).toBe("✔ No problems in 1 file.\n");
  });

  it("exits 2 on usage errors, with a did-you-mean for rule ids", () => {
    const cwd = workspace({ "plain.yaml": NOT_AN_OBJECT });
    expect(runCli([], { cwd })).toMatchObject({ status: 2 });
    expect(runCli(["plain.yaml", "--bogus"], { cwd }).stderr).toContain("Unknown option '--bogus'");
    const typo = runCli(["plain.yaml", "--rule", "sts-service-not-headles=off"], { cwd });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('statelint: --rule names unknown rule "sts-service-not-headles"; did you mean "sts-service-not-headless"?');
    expect(runCli(["plain.yaml", "--rule", "replicas-single=loud"], { cwd }).stderr).toContain("level must be one of off, info, warning, error");
    expect(runCli(["plain.yaml", "--fail-on", "fatal"], { cwd }).status).toBe(2);
    expect(runCli(["plain.yaml", "--kubernetes-version", "v1.30"], { cwd }).stderr).toContain('--kubernetes-version expects a minor version such as 1.30, not "v1.30"');
    expect(runCli(["-", "--fix"], { cwd }).status).toBe(2);
  });

  it("exits 2 when the report cannot be written", () => {
    const cwd = workspace({ "plain.yaml": NOT_AN_OBJECT, "out/keep": "" });
    const result = runCli(["plain.yaml", "-o", "out"], { cwd });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("statelint: out: cannot write the report: is a directory, not a file\n");
  });
});

describe("inputs", () => {
  it("walks folders for .yaml, .yml and .json only, never node_modules or .git", () => {
    const cwd = workspace({
      ".statelint.yaml": ONLY_HEADLESS,
      "deploy/svc.yml": NOT_HEADLESS,
      "deploy/nested/sts.json": JSON.stringify({ apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "db" }, spec: { serviceName: "db" } }),
      "deploy/README.md": NOT_HEADLESS,
      "deploy/node_modules/pkg/svc.yaml": NOT_HEADLESS,
      "deploy/.git/svc.yaml": NOT_HEADLESS,
    });
    const result = runCli(["deploy", "--format", "json"], { cwd });
    expect(JSON.parse(result.stdout).files.map((file: { file: string }) => file.file)).toEqual(["deploy/nested/sts.json", "deploy/svc.yml"]);
    expect(findings(result.stdout)).toMatchObject([{ ruleId: "sts-service-not-headless", file: "deploy/svc.yml", line: 6, column: 14 }]);
  });

  it("expands globs", () => {
    const cwd = workspace({ ".statelint.yaml": ONLY_HEADLESS, "a/svc.yaml": NOT_HEADLESS, "b/sts.yaml": STATEFULSET, "b/other.txt": "" });
    const result = runCli(["**/*", "--format", "json"], { cwd });
    expect(JSON.parse(result.stdout).files.map((file: { file: string }) => file.file)).toEqual(["a/svc.yaml", "b/sts.yaml"]);
    const none = runCli(["nothing/**/*.yaml"], { cwd });
    expect(none.status).toBe(2);
    expect(none.stderr).toBe("statelint: nothing/**/*.yaml: no .yaml, .yml or .json file matches this glob\n");
  });

  it("honours .statelintignore (gitignore syntax) and the config's ignore globs, even for files named explicitly", () => {
    const cwd = workspace({
      ".statelint.yaml": ONLY_HEADLESS + "ignore:\n  - generated\n",
      ".statelintignore": "# rendered charts\nrendered/\n*.tmp.yaml\n!keep.tmp.yaml\n",
      "rendered/svc.yaml": NOT_HEADLESS,
      "generated/svc.yaml": NOT_HEADLESS,
      "x.tmp.yaml": NOT_HEADLESS,
      "keep.tmp.yaml": NOT_HEADLESS,
      "sts.yaml": STATEFULSET,
    });
    const walked = runCli([".", "--format", "json"], { cwd });
    expect(JSON.parse(walked.stdout).files.map((file: { file: string }) => file.file)).toEqual(["keep.tmp.yaml", "sts.yaml"]);
    const named = runCli(["rendered/svc.yaml", "generated/svc.yaml", "x.tmp.yaml", "sts.yaml", "--format", "json"], { cwd });
    expect(JSON.parse(named.stdout).files.map((file: { file: string }) => file.file)).toEqual(["sts.yaml"]);
  });

  it("reads a rendered stream from stdin and names the object and the line in the stream", () => {
    const cwd = workspace({ ".statelint.yaml": ONLY_HEADLESS });
    // What `helm template` prints: one stream, documents separated by --- with # Source comments.
    const stream = `---\n# Source: db/templates/statefulset.yaml\n${STATEFULSET}---\n# Source: db/templates/service.yaml\n${NOT_HEADLESS}`;
    const result = runCli(["-"], { cwd, input: stream });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("<stdin>\n  28:14  error    Service \"db\" governs StatefulSet \"db\"");
    expect(result.stdout).toContain("    in v1 Service default/db\n    28 |   clusterIP: 10.0.0.1");
    const named = runCli(["-", "--stdin-filename", "rendered/all.yaml", "--format", "json"], { cwd, input: stream });
    expect(findings(named.stdout)).toMatchObject([{ file: "rendered/all.yaml", line: 28, column: 14 }]);
  });
});

describe("configuration", () => {
  it("uses the nearest .statelint.yaml above each file, and --config over discovery", () => {
    const cwd = workspace({
      ".statelint.yaml": ONLY_HEADLESS,
      "team-a/svc.yaml": NOT_HEADLESS,
      "team-a/sts.yaml": STATEFULSET,
      "team-b/.statelint.yml": "extends: []\nrules:\n  sts-service-not-headless: warning\n",
      "team-b/svc.yaml": NOT_HEADLESS,
      "team-b/sts.yaml": STATEFULSET,
      "off.json": JSON.stringify({ extends: [], rules: { "sts-service-not-headless": "off" } }),
    });
    const result = runCli([".", "--format", "json"], { cwd });
    expect(findings(result.stdout).map((finding) => [finding.file, finding.severity])).toEqual([
      ["team-a/svc.yaml", "error"],
      ["team-b/svc.yaml", "warning"],
    ]);
    expect(findings(runCli([".", "--format", "json", "--config", "off.json"], { cwd }).stdout)).toEqual([]);
  });

  it("prints configuration problems as file:line:col and exits 2 without linting", () => {
    const cwd = workspace({
      ".statelint.yaml": "extends: []\nrules:\n  sts-service-not-headles: error\n  replicas-single: loud\n",
      "svc.yaml": NOT_HEADLESS,
    });
    const result = runCli(["."], { cwd });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(".statelint.yaml:4:20 error ");
    expect(result.stderr).toContain("statelint: fix the configuration above; nothing was linted.");
    const unknown = runCli([".", "--config", "nope.yaml"], { cwd });
    expect(unknown).toMatchObject({ status: 2, stderr: "statelint: nope.yaml: cannot read the configuration given with --config: no such file or directory\n" });
    mkdirSync(join(cwd, "conf.yaml"));
    expect(runCli([".", "--config", "conf.yaml"], { cwd }).stderr).toBe("statelint: conf.yaml: cannot read the configuration given with --config: is a directory, not a file\n");
  });

  it("reports unknown rule ids in the config with their position", () => {
    const cwd = workspace({ ".statelint.yaml": "rules:\n  sts-service-not-headles: error\n", "svc.yaml": NOT_HEADLESS });
    const result = runCli(["."], { cwd });
    expect(result.status).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe('.statelint.yaml:2:3 error unknown rule "sts-service-not-headles"; did you mean "sts-service-not-headless"? Run `statelint rules` for the list.');
  });
});

describe("--fix and --fix-dry-run", () => {
  it("--fix-dry-run prints a unified diff and changes nothing; without --fix nothing is written", () => {
    const cwd = workspace({ ".statelint.yaml": ONLY_HEADLESS, "svc.yaml": NOT_HEADLESS, "sts.yaml": STATEFULSET });
    runCli(["."], { cwd });
    expect(readFileSync(join(cwd, "svc.yaml"), "utf8")).toBe(NOT_HEADLESS);
    const result = runCli([".", "--fix-dry-run"], { cwd });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        "--- a/svc.yaml",
        "+++ b/svc.yaml",
        "@@ -3,7 +3,7 @@",
        " metadata:",
        "   name: db",
        " spec:",
        "-  clusterIP: 10.0.0.1 # keep this comment",
        "+  clusterIP: None # keep this comment",
        "   selector:",
        "     app: db",
        "   ports:",
        "",
      ].join("\n"),
    );
    expect(result.stderr).toBe("statelint: --fix-dry-run: 1 fix in 1 file (nothing written); 0 problems would remain.\n");
    expect(readFileSync(join(cwd, "svc.yaml"), "utf8")).toBe(NOT_HEADLESS);
    // The diff applies with git from the working directory.
    writeFileSync(join(cwd, "fix.patch"), result.stdout);
    const apply = spawnSync("git", ["apply", "--check", "fix.patch"], { cwd, encoding: "utf8" });
    expect(apply.stderr).toBe("");
    expect(apply.status).toBe(0);
  });

  it("--fix rewrites only the fixed value: comments, quoting, key order and blank lines survive", () => {
    const service = `# The governing Service.\napiVersion: v1\nkind: Service\nmetadata:\n  name: "db"\n\nspec:\n  ports:\n    - port: 5432\n  clusterIP: 10.0.0.1 # keep this comment\n  selector: {app: 'db'}\n`;
    const cwd = workspace({ ".statelint.yaml": ONLY_HEADLESS, "svc.yaml": service, "sts.yaml": STATEFULSET });
    const result = runCli([".", "--fix"], { cwd });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("✔ No problems in 2 files.\n");
    expect(result.stderr).toBe("statelint: applied 1 fix.\n");
    expect(readFileSync(join(cwd, "svc.yaml"), "utf8")).toBe(service.replace("10.0.0.1", "None"));
    expect(readFileSync(join(cwd, "sts.yaml"), "utf8")).toBe(STATEFULSET);
  });

  it("--fix inserts a missing clusterIP in the mapping's own indentation", () => {
    const service = NOT_HEADLESS.replace("  clusterIP: 10.0.0.1 # keep this comment\n", "");
    const cwd = workspace({ ".statelint.yaml": ONLY_HEADLESS, "svc.yaml": service, "sts.yaml": STATEFULSET });
    expect(runCli([".", "--fix"], { cwd }).status).toBe(0);
    const fixed = readFileSync(join(cwd, "svc.yaml"), "utf8");
    expect(fixed).toContain("  clusterIP: None\n");
    expect(fixed.replace("  clusterIP: None\n", "")).toBe(service);
  });
});

describe("progress", () => {
  it("never writes progress when stderr is piped", () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 30; index++) files[`m${index}.yaml`] = NOT_AN_OBJECT;
    const result = runCli(["."], { cwd: workspace(files) });
    expect(result).toMatchObject({ status: 0, stderr: "" });
  });

  it("shows a counter on a terminal for runs over many files", () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 30; index++) files[`m${index}.yaml`] = NOT_AN_OBJECT;
    const cwd = workspace(files);
    // util-linux `script` gives the CLI a pseudo-terminal, as an interactive shell would.
    const tty = spawnSync("script", ["-qec", `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} .`, "/dev/null"], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(tty.status).toBe(0);
    expect(tty.stdout).toContain("Reading 30/30");
    expect(tty.stdout).toContain("No problems in 30 files.");
  });
});
