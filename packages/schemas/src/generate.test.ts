import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { SHIPPED_VERSIONS } from "./catalog.js";

const PACKAGE = fileURLToPath(new URL("../", import.meta.url));
const DATA = join(PACKAGE, "data");
const shipped = () => readdirSync(DATA).filter((name) => name.startsWith("kubernetes-")).sort();

describe("the shipped Kubernetes data", () => {
  const out = mkdtempSync(join(tmpdir(), "statelint-schemas-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("is exactly what scripts/generate.mjs makes from the committed input", () => {
    const result = spawnSync(process.execPath, [join(PACKAGE, "scripts", "generate.mjs"), "--out", out], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(shipped());
    for (const name of shipped()) expect(readFileSync(join(out, name), "utf8"), name).toBe(readFileSync(join(DATA, name), "utf8"));
  });

  it("is described in docs/schemas.md: every release, its source and the total size", () => {
    const docs = readFileSync(join(PACKAGE, "..", "..", "docs", "schemas.md"), "utf8");
    for (const version of SHIPPED_VERSIONS) expect(docs).toContain(`| ${version} |`);
    for (const version of SHIPPED_VERSIONS) expect(docs).toContain(`\`kubernetes-schemas/v${version}.0/_definitions.json\``);
    const bytes = shipped().reduce((sum, name) => sum + statSync(join(DATA, name)).size, 0);
    expect(docs).toContain(`**${(bytes / 1e6).toFixed(2)} MB**`);
  });
});
