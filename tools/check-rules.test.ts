import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRegistry, lintTextsSync, resolveConfig, type AnyRule } from "@statelint/core";
import { builtinRules } from "@statelint/rules";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Every rule id of SPEC.md's catalogue ("Schema and structure" through "Hygiene"). */
const SPEC_RULE_IDS = [
  "yaml-syntax", "duplicate-key", "duplicate-object", "deprecated-api",
  "sts-service-name-missing", "sts-service-not-found", "sts-service-not-headless", "sts-service-selector-mismatch",
  "sts-service-port-mismatch", "sts-selector-mismatch", "service-selects-nothing", "db-write-service-load-balanced",
  "vct-missing", "vct-mount-unknown", "vct-unused", "vct-storage-request-missing", "vct-access-modes",
  "vct-storage-class-unset", "vct-storage-class-unknown", "fsgroup-missing", "postgres-pgdata-subdir",
  "probe-readiness-missing", "probe-liveness-missing", "probe-liveness-equals-readiness", "probe-startup-missing", "probe-port-unknown",
  "secret-literal-env", "secret-literal-args", "secret-in-configmap", "secret-plaintext-manifest", "secret-ref-unresolved",
  "secret-key-unresolved", "secret-env-from", "configmap-ref-unresolved",
  "pvc-retention-unset", "pvc-retention-delete-on-delete", "pvc-retention-delete-on-scale", "storageclass-reclaim-delete", "storageclass-no-expansion",
  "anti-affinity-missing", "anti-affinity-selector-mismatch", "anti-affinity-preferred-only", "zone-spread-missing",
  "pdb-missing", "pdb-blocks-drain", "replicas-quorum", "replicas-single", "replication-unconfigured", "update-strategy-on-delete",
  "update-partition-out-of-range", "termination-grace-short", "backup-missing", "operator-recommended",
  "image-tag-mutable", "resources-missing",
  "storage-ephemeral", "replication-factor-low", "replication-async-only", "db-proxy-single", "dr-offsite-missing",
];

function lintWith(rule: AnyRule, path: string, text: string) {
  const registry = createRegistry([rule]);
  return lintTextsSync([{ path, text }], { registry, config: resolveConfig(registry).config }).findings.filter((finding) => finding.ruleId === rule.id || finding.ruleId === "internal-error");
}

function codeBlocks(markdown: string, label: "incorrect" | "correct"): string[] {
  const pattern = new RegExp("```(?:yaml|json) " + label + "\\n([\\s\\S]*?)```", "g");
  return [...markdown.matchAll(pattern)].map((match) => match[1] ?? "");
}

describe("the rule catalogue", () => {
  it("has every rule of the SPEC", () => {
    const ids = new Set(builtinRules.map((rule) => rule.id));
    expect(SPEC_RULE_IDS.filter((id) => !ids.has(id))).toEqual([]);
  });

  it("has no duplicate ids", () => {
    const ids = builtinRules.map((rule) => rule.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });
});

describe.each(builtinRules.map((rule) => [rule.id, rule] as const))("%s", (id, rule) => {
  const folder = `${ROOT}rules/src/${id}/`;

  it("has a kebab-case id matching its folder, with rule, test and docs", () => {
    expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    for (const file of ["rule.ts", "rule.test.ts", "docs.md"]) expect(existsSync(folder + file), `${folder}${file}`).toBe(true);
  });

  it("has complete metadata", () => {
    expect(rule.meta.description.trim().length).toBeGreaterThan(10);
    expect(rule.meta.description).not.toContain("\n");
    expect(rule.meta.rationale.trim().length).toBeGreaterThan(20);
    expect(rule.meta.remediation.trim()).toMatch(/\.$/);
    expect(rule.meta.since).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
  });

  it("titles its fixes, short and imperative, if it is fixable", () => {
    const titles = Object.entries(rule.meta.fixTitles ?? {});
    expect(titles.length > 0, "a fixable rule has meta.fixTitles; only fixable rules do").toBe(rule.meta.fixable === true);
    for (const [messageId, title] of titles) {
      expect(Object.keys(rule.meta.messages)).toContain(messageId);
      expect(title, "a quick-fix title is a short imperative, not a sentence").toMatch(/^[A-Z][^.]{3,48}$/);
    }
  });

  it("fires on fixtures/rules/<id>/fires.yaml and stays quiet on quiet.yaml", () => {
    const fixtures = `${ROOT}fixtures/rules/${id}/`;
    const fires = lintWith(rule, "fires.yaml", readFileSync(fixtures + "fires.yaml", "utf8"));
    expect(fires.length, "fires.yaml must produce a finding").toBeGreaterThan(0);
    expect(fires.filter((finding) => finding.ruleId === "internal-error")).toEqual([]);
    const quiet = lintWith(rule, "quiet.yaml", readFileSync(fixtures + "quiet.yaml", "utf8"));
    expect(quiet.map((finding) => `${finding.range.start.line}:${finding.range.start.column} ${finding.message}`)).toEqual([]);
  });

  it("has docs whose incorrect example reports and whose correct example does not", () => {
    const docs = readFileSync(folder + "docs.md", "utf8");
    const incorrect = codeBlocks(docs, "incorrect");
    const correct = codeBlocks(docs, "correct");
    expect(incorrect.length, "docs.md needs a ```yaml incorrect block").toBeGreaterThan(0);
    expect(correct.length, "docs.md needs a ```yaml correct block").toBeGreaterThan(0);
    for (const example of incorrect) expect(lintWith(rule, "example.yaml", example).length).toBeGreaterThan(0);
    for (const example of correct) expect(lintWith(rule, "example.yaml", example).map((finding) => finding.message)).toEqual([]);
  });
});
