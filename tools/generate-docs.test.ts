import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { builtinRules } from "@statelint/rules";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const COMMITTED = join(ROOT, "docs", "rules");

function readPages(dir: string): Record<string, string> {
  const pages: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) if (name.endsWith(".md")) pages[name] = readFileSync(join(dir, name), "utf8");
  return pages;
}

describe("tools/generate-docs.mjs", () => {
  let out: string;
  let pages: Record<string, string>;

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), "statelint-docs-"));
    execFileSync(process.execPath, [join(ROOT, "tools", "generate-docs.mjs"), "--out", out], { cwd: ROOT, stdio: "pipe" });
    pages = readPages(out);
  });

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("writes one page per rule and an index", () => {
    expect(Object.keys(pages).sort()).toEqual([...builtinRules.map((rule) => `${rule.id}.md`), "README.md"].sort());
  });

  it("renders a rule page from the metadata and the rule's docs.md", () => {
    const page = pages["termination-grace-short.md"] ?? "";
    expect(page.startsWith("# termination-grace-short\n")).toBe(true);
    expect(page).toContain("| Category | Disaster recovery and HA (`availability`) |");
    expect(page).toContain("| Default severity | warning |");
    expect(page).toContain("| Fixable | no |");
    expect(page).toContain("| Since | 0.1.0 |");
    expect(page).toContain("| Options | `minimumSeconds` (integer, default `30`) |");
    expect(page).toContain("A StatefulSet running a DB image sets `terminationGracePeriodSeconds` below 30.");
    expect(page).toContain("## Why\n\nOn every rollout, drain and scale-down the database gets SIGTERM");
    expect(page).toContain("```yaml incorrect\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: mysql");
    expect(page).toContain("## How to fix\n\nRemove `terminationGracePeriodSeconds` (the default is 30)");
    expect(page.indexOf("## Why")).toBeLessThan(page.indexOf("## Details"));
    expect(page.indexOf("## Details")).toBeLessThan(page.indexOf("## How to fix"));
  });

  it("marks fixable rules and links every rule from the index, by category", () => {
    expect(pages["deprecated-api.md"]).toContain("| Fixable | yes (`statelint --fix`) |");
    const index = pages["README.md"] ?? "";
    for (const rule of builtinRules) expect(index).toContain(`| [${rule.id}](${rule.id}.md) | ${rule.meta.severity} |`);
    expect(index.indexOf("## Schema and structure")).toBeLessThan(index.indexOf("## Hygiene"));
    expect(index.indexOf("[yaml-syntax](yaml-syntax.md)")).toBeLessThan(index.indexOf("[image-tag-mutable](image-tag-mutable.md)"));
  });

  it("is deterministic", () => {
    const again = mkdtempSync(join(tmpdir(), "statelint-docs-"));
    try {
      execFileSync(process.execPath, [join(ROOT, "tools", "generate-docs.mjs"), `--out=${again}`], { cwd: ROOT, stdio: "pipe" });
      expect(readPages(again)).toEqual(pages);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it("rejects unknown arguments", () => {
    expect(() => execFileSync(process.execPath, [join(ROOT, "tools", "generate-docs.mjs"), "--outdir", out], { cwd: ROOT, stdio: "pipe" })).toThrow(/unknown argument "--outdir"/);
  });

  it("matches the committed docs/rules (run `npm run docs` after changing a rule)", () => {
    expect(readPages(COMMITTED)).toEqual(pages);
  });
});
