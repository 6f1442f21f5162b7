import { describe, expect, it } from "vitest";
import { NOT_HEADLESS, runCli, STATEFULSET, workspace } from "./helpers.js";

const PHASE_LINE = /^ {2}(read|parse|schema|rules|other|report|total \(process start not included\)) +\d+\.\d ms +\d+\.\d%$/;
const RULE_LINE = /^ {2}([a-z0-9-]+) +\d+\.\d ms +\d+\.\d%$/;

function statsOf(stderr: string): { header: string; phases: string[]; rules: string[] } {
  const lines = stderr.trimEnd().split("\n");
  const start = lines.findIndex((line) => line.startsWith("statelint --stats:"));
  const slowest = lines.indexOf("slowest rules");
  return {
    header: lines[start] ?? "",
    phases: lines.slice(start + 2, slowest).map((line) => PHASE_LINE.exec(line)?.[1] ?? `unexpected: ${line}`),
    rules: lines.slice(slowest + 1).map((line) => RULE_LINE.exec(line)?.[1] ?? `unexpected: ${line}`),
  };
}

describe("--stats and TIMING=1", () => {
  const cwd = workspace({ "bundle.yaml": `${NOT_HEADLESS}---\n${STATEFULSET}` });
  const plain = runCli(["bundle.yaml", "--format", "json"], { cwd });

  it("prints time per phase and the ten slowest rules to stderr, leaving the report and exit code as they were", () => {
    const result = runCli(["bundle.yaml", "--format", "json", "--stats"], { cwd });
    expect(result.status).toBe(plain.status);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(plain.stdout));
    const stats = statsOf(result.stderr);
    expect(stats.header).toBe("statelint --stats: 1 file, 2 objects");
    expect(stats.phases).toEqual(["read", "parse", "schema", "rules", "other", "report", "total (process start not included)"]);
    expect(stats.rules).toHaveLength(10);
    expect(stats.rules).toContain("schema-invalid");
  });

  it("TIMING=1 does the same, TIMING=0 does not", () => {
    expect(statsOf(runCli(["bundle.yaml"], { cwd, env: { TIMING: "1" } }).stderr).phases).toHaveLength(7);
    expect(runCli(["bundle.yaml"], { cwd, env: { TIMING: "0" } }).stderr).toBe("");
  });
});
