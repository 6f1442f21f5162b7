import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOT_HEADLESS, STATEFULSET, workspace } from "../../cli/test/helpers.js";
import { writePolicy } from "../../policy/test/fixtures.js";
import { LspClient, uriOf } from "../../vscode/test/support/lsp-client.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const REPO_ROOT = join(PACKAGE_DIR, "..", "..");

function run(command: string, args: readonly string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", input: input ?? "", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined } });
  if (result.error) throw result.error;
  return result;
}

/**
 * What a user gets from the registry: `npm pack` of packages/statelint, installed into an empty
 * project with `npm install --offline`, which fails if the package needs anything but its tarball.
 */
let project: string;
let bin: (name: string) => string;

beforeAll(() => {
  const scratch = mkdtempSync(join(tmpdir(), "statelint-package-"));
  const packed = run("npm", ["pack", "--pack-destination", scratch, "--json"], PACKAGE_DIR);
  expect(packed.status, packed.stderr).toBe(0);
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  project = join(scratch, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "uses-statelint", private: true }));
  const installed = run("npm", ["install", "--offline", "--no-audit", "--no-fund", join(scratch, filename)], project);
  expect(installed.status, installed.stderr).toBe(0);
  bin = (name) => join(project, "node_modules", ".bin", name);
}, 120_000);

afterAll(() => {
  if (project) rmSync(join(project, ".."), { recursive: true, force: true });
});

describe("the published statelint package", () => {
  it("installs alone: no dependency to fetch", () => {
    expect(readdirSync(join(project, "node_modules")).filter((name) => !name.startsWith("."))).toEqual(["statelint"]);
    const manifest = JSON.parse(readFileSync(join(project, "node_modules", "statelint", "package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: "statelint", license: "Apache-2.0 AND Elastic-2.0 AND MIT AND UPL-1.0", bin: { statelint: "bin/statelint.js", "statelint-language-server": "bin/statelint-language-server.js" } });
    expect(manifest["dependencies"]).toBeUndefined();
    for (const file of ["README.md", "LICENSE", "THIRD_PARTY_LICENSES.md", "data/kubernetes-1.36.json", "data/operators/index.json", "data/operators/licenses/eck.txt", "docs/rules/sts-service-not-headless.md"]) {
      expect(() => readFileSync(join(project, "node_modules", "statelint", file)), file).not.toThrow();
    }
  });

  it("statelint graph writes the offline HTML picture with Mermaid inside", () => {
    const cwd = workspace({ "deploy/svc.yaml": NOT_HEADLESS, "deploy/sts.yaml": STATEFULSET });
    const result = run(bin("statelint"), ["graph", "deploy/", "--format", "html", "-o", "graph.html"], cwd);
    expect(result.status, result.stderr).toBe(0);
    const page = readFileSync(join(cwd, "graph.html"), "utf8");
    expect(page.length).toBeGreaterThan(1_000_000);
    expect(page).toContain("mermaid");
    expect(page).not.toMatch(/<script[^>]+src=/);
  });

  it("statelint lints a bundle: the finding, its position and exit code 1", () => {
    const cwd = workspace({ "deploy/svc.yaml": NOT_HEADLESS, "deploy/sts.yaml": STATEFULSET, ".statelint.yaml": "rules:\n  sts-service-not-headless: error\n" });
    const result = run(bin("statelint"), ["deploy/"], cwd);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain('deploy/svc.yaml\n  6:14  error    Service "db" governs StatefulSet "db" but has clusterIP "10.0.0.1"; set it to None.  sts-service-not-headless');
    expect(result.status).toBe(1);
  });

  it("statelint checks custom resources against the CRDs in the bundle and runs user policies", async () => {
    const cwd = workspace({ "snapshot.yaml": readFileSync(join(REPO_ROOT, "fixtures/real-world/volumesnapshot-crd-and-snapshot.yaml"), "utf8"), "sts.yaml": STATEFULSET.replace("postgres:16.4", "postgres:latest") });
    await writePolicy(cwd, "no-latest");
    const result = run(bin("statelint"), ["--format", "json", "--policy", "no-latest.wasm", "snapshot.yaml", "sts.yaml"], cwd);
    expect(result.stderr).toBe("");
    const findings = (JSON.parse(result.stdout) as { findings: { ruleId: string; file: string }[] }).findings;
    expect(findings.filter((finding) => finding.file === "snapshot.yaml" && finding.ruleId.startsWith("schema-"))).toEqual([]);
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: "policy/no-latest-image", file: "sts.yaml", line: 18 }));
  });

  it("statelint explain prints the rule's docs, and --version the package's version", () => {
    const explained = run(bin("statelint"), ["explain", "sts-service-not-headless"], project);
    expect(explained.status).toBe(0);
    const prose = readFileSync(join(REPO_ROOT, "rules/src/sts-service-not-headless/docs.md"), "utf8").trim();
    expect(explained.stdout).toContain(prose.split("\n")[0]);
    expect(run(bin("statelint"), ["--version"], project).stdout).toBe(`${(JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")) as { version: string }).version}\n`);
  });

  it("is accepted by npm publish (dry run)", () => {
    // Scripts off: the bundle is built (npm run build), and rebuilding it here would race the other test files that pack it.
    const published = run("npm", ["publish", "--dry-run", "--offline", "--ignore-scripts"], PACKAGE_DIR);
    expect(published.status, published.stderr).toBe(0);
    expect(published.stdout).toContain("+ statelint@");
  }, 60_000);

  it("after npm ci, the repository's own node_modules/.bin has both commands, running the same bundle", () => {
    for (const name of ["statelint", "statelint-language-server"]) {
      expect(realpathSync(join(REPO_ROOT, "node_modules", ".bin", name))).toBe(join(PACKAGE_DIR, "bin", `${name}.js`));
    }
    const result = run(join(REPO_ROOT, "node_modules", ".bin", "statelint"), ["--version"], REPO_ROOT);
    expect(result.status).toBe(0);
  });

  it.each([
    ["installed from the tarball", () => bin("statelint-language-server")],
    ["in this repository after npm ci (npx statelint-language-server)", () => join(REPO_ROOT, "node_modules", ".bin", "statelint-language-server")],
  ])("statelint-language-server %s answers initialize over stdio and publishes diagnostics", async (_, server) => {
    const folder = workspace({ "svc.yaml": NOT_HEADLESS, "sts.yaml": STATEFULSET });
    const client = new LspClient(server());
    try {
      const result = await client.initialize(folder);
      expect(result).toMatchObject({ serverInfo: { name: "statelint-language-server" }, capabilities: { codeActionProvider: expect.anything() as unknown } });
      const uri = uriOf(join(folder, "svc.yaml"));
      await client.open(uri, NOT_HEADLESS);
      const diagnostics = await client.diagnostics(uri, (list) => list.some((diagnostic) => diagnostic.code === "sts-service-not-headless"));
      expect(diagnostics.find((diagnostic) => diagnostic.code === "sts-service-not-headless")?.range).toEqual({ start: { line: 5, character: 13 }, end: { line: 5, character: 21 } });
      expect(await client.stop()).toBe(0);
    } finally {
      client.process.kill();
    }
  });
});
