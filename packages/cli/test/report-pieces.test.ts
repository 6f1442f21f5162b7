import { describe, expect, it } from "vitest";
import { NOT_HEADLESS, runCli, STATEFULSET, workspace } from "./helpers.js";

// Enough findings that the JSON reports are written in several batches (see formatters/json-pieces.ts).
const MANY_STATEFULSETS = Array.from({ length: 40 }, (_, index) => STATEFULSET.replaceAll("db", `db-${index}`)).join("---\n");
const SUPPRESSED = STATEFULSET.replace("          image: postgres:16.4", "          # statelint-disable-next-line image-tag-mutable -- pinned by digest upstream\n          image: postgres");

describe("JSON and SARIF reports written in pieces", () => {
  const cwd = workspace({ "many.yaml": MANY_STATEFULSETS, "svc.yaml": NOT_HEADLESS, "suppressed.yaml": SUPPRESSED });

  it.each(["json", "sarif"])("-f %s prints the document as JSON.stringify indents it, whatever its length", (format) => {
    const result = runCli(["--format", format, "."], { cwd });
    expect(result.status).toBe(1);
    const parsed = JSON.parse(result.stdout) as unknown;
    expect(result.stdout).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
  });

  it("-f json lists every finding and the suppressed one", () => {
    const report = JSON.parse(runCli(["--format", "json", "."], { cwd }).stdout) as { findings: { file: string }[]; suppressed: { ruleId: string }[]; summary: { errors: number; warnings: number; infos: number } };
    expect(report.findings.length).toBeGreaterThan(128);
    expect(report.findings.length).toBe(report.summary.errors + report.summary.warnings + report.summary.infos);
    expect(report.findings.filter((finding) => finding.file === "many.yaml").length).toBeGreaterThan(128);
    expect(report.suppressed.map((finding) => finding.ruleId)).toEqual(["image-tag-mutable"]);
  });

  it("-f json of a clean file writes empty lists", () => {
    const clean = workspace({ "clean.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n" });
    const result = runCli(["--format", "json", "."], { cwd: clean });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('  "findings": [],\n  "suppressed": [],\n');
    expect(result.stdout).toBe(`${JSON.stringify(JSON.parse(result.stdout), null, 2)}\n`);
  });
});
