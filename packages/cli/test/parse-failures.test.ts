import { describe, expect, it } from "vitest";
import { NOT_HEADLESS, runCli, STATEFULSET, workspace } from "./helpers.js";

const ONLY_SYNTAX_AND_HEADLESS = "extends: []\nrules:\n  yaml-syntax: error\n  sts-service-not-headless: error\n";

interface JsonFinding {
  ruleId: string;
  messageId?: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

function findings(stdout: string): Pick<JsonFinding, "ruleId" | "file" | "line" | "column">[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings.map(({ ruleId, file, line, column }) => ({ ruleId, file, line, column }));
}

function messages(stdout: string): string[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings.map((finding) => finding.message);
}

/** A ConfigMap whose data nests `depth` mappings deep, one key per line: 1,500 levels make about 2 MB. */
function nested(depth: number): string {
  const lines = ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: deep", "data:"];
  for (let level = 0; level < depth; level++) lines.push(`${" ".repeat(2 + level * 2)}k${level}:`);
  lines.push(`${" ".repeat(2 + depth * 2)}leaf: x`);
  return `${lines.join("\n")}\n`;
}

/**
 * Many small ConfigMaps with an anchor each, which only `yaml`'s parser reads (the common-YAML
 * parser runs on the main thread): over a megabyte of that, so a parse worker takes it.
 */
function manyConfigMaps(count: number): string {
  return Array.from({ length: count }, (_, index) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${index}\ndata:\n  note: &note "${"y".repeat(120)}"\n`).join("---\n");
}

describe("a file that cannot be parsed costs one finding, not the run", () => {
  it("a 1,500-level file beside others: one yaml-syntax error saying how deep, and the others are linted", () => {
    const deep = nested(1500);
    expect(deep.length).toBeGreaterThan(2_000_000);
    const cwd = workspace({ ".statelint.yaml": ONLY_SYNTAX_AND_HEADLESS, "a-bundle.yaml": `${NOT_HEADLESS}---\n${STATEFULSET}`, "deep.yaml": deep });
    const result = runCli([".", "--format", "json"], { cwd });
    expect(result.status).toBe(1);
    expect(findings(result.stdout)).toEqual([
      { ruleId: "sts-service-not-headless", file: "a-bundle.yaml", line: 6, column: 14 },
      { ruleId: "yaml-syntax", file: "deep.yaml", line: 517, column: 1025 },
    ]);
    expect(messages(result.stdout)[1]).toBe(
      "Mappings and sequences nest 1502 levels deep, over the limit of 512; the document is skipped. No Kubernetes object nests this deep; flatten or remove the document.",
    );
  });

  it("a parse worker that runs out of memory: that file gets the error, the files after it are still parsed and linted", () => {
    const cwd = workspace({ ".statelint.yaml": ONLY_SYNTAX_AND_HEADLESS, "big.yaml": manyConfigMaps(6000), "z-bundle.yaml": `${NOT_HEADLESS}---\n${STATEFULSET}` });
    // The worker's heap is capped far below what parsing 1.3 MB takes, so it really dies of it.
    const result = runCli([".", "--format", "json"], { cwd, env: { STATELINT_PARSE_WORKER_HEAP_MB: "16" } });
    expect(result.status).toBe(1);
    expect(findings(result.stdout)).toEqual([
      { ruleId: "yaml-syntax", file: "big.yaml", line: 1, column: 1 },
      { ruleId: "sts-service-not-headless", file: "z-bundle.yaml", line: 6, column: 14 },
    ]);
    expect(messages(result.stdout)[0]).toBe(
      "statelint ran out of memory parsing this file; the file is not linted. Split it if it is very large; otherwise please report it to statelint with the file.",
    );
  });

  it("the same files without the cap: the big file parses and nothing is reported on it", () => {
    const cwd = workspace({ ".statelint.yaml": ONLY_SYNTAX_AND_HEADLESS, "big.yaml": manyConfigMaps(6000), "z-bundle.yaml": `${NOT_HEADLESS}---\n${STATEFULSET}` });
    const result = runCli([".", "--format", "json"], { cwd });
    expect(findings(result.stdout)).toEqual([{ ruleId: "sts-service-not-headless", file: "z-bundle.yaml", line: 6, column: 14 }]);
  });
});
