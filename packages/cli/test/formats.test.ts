import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_ROOT, NOT_HEADLESS, REPO_ROOT, runCli, STATEFULSET, workspace } from "./helpers.js";

/** Only the rules named are on, so new built-in rules never change these expectations. */
const ONLY_HEADLESS = "extends: []\nrules:\n  sts-service-not-headless: error\n  image-tag-mutable: warning\n  unused-suppression: info\n";

const SUPPRESSED_IMAGE = STATEFULSET.replace(
  "          image: postgres:16.4\n",
  "          # statelint-disable-next-line image-tag-mutable -- pinned by the registry mirror\n          image: postgres\n",
);

function bundle(): string {
  return workspace({ ".statelint.yaml": ONLY_HEADLESS, "svc.yaml": NOT_HEADLESS, "sts.yaml": SUPPRESSED_IMAGE });
}

describe("--format stylish", () => {
  it("groups findings by file with a code frame, a caret under the exact columns and a summary", () => {
    const result = runCli(["."], { cwd: bundle() });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      [
        "svc.yaml",
        '  6:14  error    Service "db" governs StatefulSet "db" but has clusterIP "10.0.0.1"; set it to None.  sts-service-not-headless (fixable)',
        "    in v1 Service default/db",
        "    6 |   clusterIP: 10.0.0.1 # keep this comment",
        "      |              ^^^^^^^^",
        '    related: sts.yaml:6:16 StatefulSet "db" names this Service as its serviceName',
      ].join("\n"),
    );
    expect(result.stdout).toContain("✖ 1 problem (1 error, 0 warnings, 0 info), 1 fixable with --fix, 1 suppressed.");
    // The suppressed image-tag-mutable finding is not shown.
    expect(result.stdout).not.toContain("image-tag-mutable");
    expect(result.stdout).not.toContain("\u001b[");
  });

  it("colours only when asked: FORCE_COLOR or --color, never with --no-color or NO_COLOR", () => {
    const cwd = bundle();
    expect(runCli(["."], { cwd, env: { FORCE_COLOR: "1" } }).stdout).toContain("\u001b[31merror");
    expect(runCli([".", "--color"], { cwd, env: { NO_COLOR: "1" } }).stdout).toContain("\u001b[");
    expect(runCli([".", "--no-color"], { cwd, env: { FORCE_COLOR: "1" } }).stdout).not.toContain("\u001b[");
    expect(runCli(["."], { cwd, env: { NO_COLOR: "1" } }).stdout).not.toContain("\u001b[");
  });
});

describe("--format json", () => {
  it("reports findings, object identity, related locations, fixability and suppressions with their reason", () => {
    const result = runCli([".", "--format", "json"], { cwd: bundle() });
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.version).toBe(1);
    expect(report.tool.name).toBe("statelint");
    expect(report.findings).toEqual([
      {
        ruleId: "sts-service-not-headless",
        severity: "error",
        message: 'Service "db" governs StatefulSet "db" but has clusterIP "10.0.0.1"; set it to None.',
        file: "svc.yaml",
        line: 6,
        column: 14,
        endLine: 6,
        endColumn: 22,
        path: "spec.clusterIP",
        object: { apiVersion: "v1", kind: "Service", namespace: "default", name: "db", id: "v1 Service default/db" },
        template: null,
        related: [
          {
            file: "sts.yaml",
            line: 6,
            column: 16,
            endLine: 6,
            endColumn: 18,
            message: 'StatefulSet "db" names this Service as its serviceName',
            object: { apiVersion: "apps/v1", kind: "StatefulSet", namespace: "default", name: "db", id: "apps/v1 StatefulSet default/db" },
          },
        ],
        fixable: true,
        docsUrl: "https://github.com/statelint/statelint/blob/main/docs/rules/sts-service-not-headless.md",
      },
    ]);
    expect(report.suppressed).toHaveLength(1);
    expect(report.suppressed[0]).toMatchObject({
      ruleId: "image-tag-mutable",
      file: "sts.yaml",
      line: 19,
      suppression: { kind: "comment", reason: "pinned by the registry mirror" },
    });
    expect(report.summary).toEqual({ files: 2, errors: 1, warnings: 0, infos: 0, fixable: 1, suppressed: 1 });
    expect(report.files).toEqual([
      { file: "sts.yaml", errors: 0, warnings: 0, infos: 0, fixable: 0 },
      { file: "svc.yaml", errors: 1, warnings: 0, infos: 0, fixable: 1 },
    ]);
  });

  it("applies --namespace to objects that declare none", () => {
    const result = runCli([".", "--format", "json", "--namespace", "prod"], { cwd: bundle() });
    expect(JSON.parse(result.stdout).findings[0].object.id).toBe("v1 Service prod/db");
  });
});

const MULTITOOL = join(CLI_ROOT, "..", "..", "node_modules", "@microsoft", "sarif-multitool", "bin.js");

describe("--format sarif", () => {
  it("passes the SARIF Multitool's validate with no errors and no warnings", () => {
    // Every built-in rule at its default level, on the seed bundle, a suppression and a syntax error.
    const cwd = workspace({
      "seed.yaml": readFileSync(join(REPO_ROOT, "fixtures", "seed", "statefulset-postgresql.yaml"), "utf8"),
      "svc.yaml": NOT_HEADLESS,
      "sts.yaml": SUPPRESSED_IMAGE,
      "broken.yaml": "a: [\n",
    });
    const result = runCli([".", "--format", "sarif", "--output-file", "out.sarif"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(existsSync(MULTITOOL)).toBe(true);
    const validation = spawnSync(process.execPath, [MULTITOOL, "validate", "out.sarif", "--output", "validation.sarif"], { cwd, encoding: "utf8" });
    const output = validation.stdout + validation.stderr;
    expect(output).toContain("Analysis completed successfully");
    expect(output).not.toMatch(/: (error|warning) [A-Z]+\d+:/);
    expect(validation.status).toBe(0);
  }, 120_000);

  it("carries rule metadata, regions in UTF-16 columns, object identity, related locations and justified suppressions", () => {
    const cwd = bundle();
    runCli([".", "--format", "sarif", "-o", "out.sarif"], { cwd });
    const log = JSON.parse(readFileSync(join(cwd, "out.sarif"), "utf8"));
    const run = log.runs[0];
    expect(log.version).toBe("2.1.0");
    expect(run.columnKind).toBe("utf16CodeUnits");
    expect(run.tool.driver.version).toBe(JSON.parse(readFileSync(join(CLI_ROOT, "package.json"), "utf8")).version);
    const rule = run.tool.driver.rules.find((candidate: { id: string }) => candidate.id === "sts-service-not-headless");
    expect(rule).toMatchObject({
      name: "StsServiceNotHeadless",
      helpUri: "https://github.com/statelint/statelint/blob/main/docs/rules/sts-service-not-headless.md",
      defaultConfiguration: { level: "error" },
    });
    expect(rule.shortDescription.text).toMatch(/headless/);
    expect(rule.fullDescription.text.length).toBeGreaterThan(20);
    expect(rule.help.text.length).toBeGreaterThan(20);

    const headless = run.results.find((result: { ruleId: string }) => result.ruleId === "sts-service-not-headless");
    expect(headless.level).toBe("error");
    expect(headless.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "svc.yaml", uriBaseId: "%SRCROOT%" },
      region: { startLine: 6, startColumn: 14, endLine: 6, endColumn: 22 },
    });
    expect(headless.locations[0].logicalLocations).toEqual([{ name: "db", fullyQualifiedName: "v1 Service default/db", kind: "resource" }]);
    expect(headless.relatedLocations[0].physicalLocation.artifactLocation.uri).toBe("sts.yaml");
    expect(headless.suppressions).toBeUndefined();
    const suppressed = run.results.find((result: { ruleId: string }) => result.ruleId === "image-tag-mutable");
    expect(suppressed.suppressions).toEqual([{ kind: "inSource", status: "accepted", justification: "pinned by the registry mirror" }]);
  });

  it("keeps partialFingerprints when lines above a finding move", () => {
    const cwd = bundle();
    const fingerprints = () => {
      runCli([".", "--format", "sarif", "-o", "out.sarif"], { cwd });
      const results = JSON.parse(readFileSync(join(cwd, "out.sarif"), "utf8")).runs[0].results;
      return results.map((result: { ruleId: string; partialFingerprints: Record<string, string> }) => [result.ruleId, result.partialFingerprints["statelint/v1"]]);
    };
    const before = fingerprints();
    writeFileSync(join(cwd, "svc.yaml"), `# the database Service\n\n${NOT_HEADLESS}`);
    const after = fingerprints();
    expect(after).toEqual(before);
    expect(before.every(([, print]: string[]) => /^[0-9a-f]{32}$/.test(print ?? ""))).toBe(true);
  });
});

describe("--format github", () => {
  it("prints workflow commands with escaped properties and data", () => {
    const cwd = workspace({ ".statelint.yaml": ONLY_HEADLESS, "svc,a:b.yaml": NOT_HEADLESS, "sts.yaml": STATEFULSET });
    const result = runCli([".", "--format", "github"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      "::error file=svc%2Ca%3Ab.yaml,line=6,col=14,endLine=6,endColumn=21,title=statelint sts-service-not-headless::" +
        'Service "db" governs StatefulSet "db" but has clusterIP "10.0.0.1"; set it to None. (v1 Service default/db)\n',
    );
  });
});

describe("--format junit", () => {
  it("writes one test suite per file and one failure per finding, as well-formed XML", () => {
    const cwd = workspace({ ".statelint.yaml": ONLY_HEADLESS, "svc.yaml": NOT_HEADLESS, "sts.yaml": STATEFULSET, "a&b.yaml": "x: <y>\n" });
    const result = runCli([".", "--format", "junit", "-o", "report.xml"], { cwd });
    expect(result.status).toBe(1);
    const xml = readFileSync(join(cwd, "report.xml"), "utf8");
    expect(xml).toContain('<testsuite name="svc.yaml" tests="1" failures="1" errors="0" skipped="0">');
    expect(xml).toContain('<testsuite name="a&amp;b.yaml" tests="1" failures="0" errors="0" skipped="0">');
    expect(xml).toContain('<failure type="sts-service-not-headless" message="Service &quot;db&quot; governs StatefulSet');
    // Python's expat parser is a strict XML 1.0 well-formedness check.
    const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    const parsed = spawnSync(python, ["-c", "import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); print(len(d.getElementsByTagName('testsuite')), len(d.getElementsByTagName('failure')))", join(cwd, "report.xml")], { encoding: "utf8" });
    expect(parsed.stderr).toBe("");
    expect(parsed.stdout.trim()).toBe("3 1");
  });
});
