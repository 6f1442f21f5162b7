import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CATEGORY_TITLES, closestMatch } from "@statelint/core";
import { builtinRegistry, ruleDocsUrl } from "@statelint/rules";
import { FatalError } from "../exit-codes.js";

const RULES = "@statelint/rules";

function isRulesPackage(directory: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as { name?: string }).name === RULES;
  } catch {
    return false;
  }
}

/**
 * The `@statelint/rules` package folder, where the rules' docs.md files ship: the installed package
 * when it resolves, else the `rules/` folder of the repository this CLI runs from (the bundled CLI
 * installed from the repository root, as pre-commit's `language: node` does, has no @statelint/*
 * package to resolve).
 */
function rulesPackageRoot(): string {
  let resolved: string | undefined;
  try {
    resolved = dirname(fileURLToPath(import.meta.resolve(RULES)));
  } catch {
    resolved = undefined;
  }
  for (let directory = resolved; directory !== undefined; ) {
    if (isRulesPackage(directory)) return directory;
    const parent = dirname(directory);
    directory = parent === directory ? undefined : parent;
  }
  for (let directory = dirname(fileURLToPath(import.meta.url)); ; ) {
    if (isRulesPackage(join(directory, "rules"))) return join(directory, "rules");
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`cannot find the installed ${RULES} package; reinstall statelint.`);
    directory = parent;
  }
}

function readProse(id: string): string | undefined {
  try {
    return readFileSync(join(rulesPackageRoot(), "src", id, "docs.md"), "utf8").trim();
  } catch {
    return undefined;
  }
}

/** `statelint explain ID`: metadata, then the rule's prose from its docs.md. */
export function explainRule(id: string): string {
  const registry = builtinRegistry();
  const rule = registry.byId.get(id);
  if (!rule) {
    const suggestion = closestMatch(id, registry.byId.keys());
    throw new FatalError(`unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : "."} Run \`statelint rules\` for the list.`);
  }
  const meta = rule.meta;
  const prose = readProse(id);
  return [
    `${rule.id}`,
    `  category: ${CATEGORY_TITLES[meta.category]}`,
    `  default severity: ${meta.severity}`,
    `  fixable: ${meta.fixable ? "yes (statelint --fix)" : "no"}`,
    `  since: ${meta.since}`,
    "",
    meta.description,
    "",
    `Why: ${meta.rationale}`,
    "",
    `Remediation: ${meta.remediation}`,
    ...(prose ? ["", prose] : []),
    "",
    `Documentation: ${ruleDocsUrl(id)}`,
    "",
  ].join("\n");
}
