import { appliesTo, CATEGORY_TITLES, type AnyRule } from "@statelint/core";
import { builtinRules, ruleDocsUrl } from "@statelint/rules";

function describe(rule: AnyRule) {
  return {
    id: rule.id,
    category: rule.meta.category,
    categoryTitle: CATEGORY_TITLES[rule.meta.category],
    severity: rule.meta.severity,
    fixable: rule.meta.fixable === true,
    description: rule.meta.description,
    appliesTo: appliesTo(rule),
    docsUrl: ruleDocsUrl(rule.id),
  };
}

/** `statelint rules`: the catalogue, grouped by category, with the kinds each rule applies to, or as JSON. */
export function listRules(format: "stylish" | "json"): string {
  const rules = builtinRules.map(describe);
  if (format === "json") return JSON.stringify(rules, null, 2) + "\n";
  const width = Math.max(...rules.map((rule) => rule.id.length));
  const out: string[] = [];
  let category = "";
  for (const rule of rules) {
    if (rule.categoryTitle !== category) {
      out.push(`${out.length ? "\n" : ""}${rule.categoryTitle}`);
      category = rule.categoryTitle;
    }
    out.push(`  ${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.fixable ? "fixable" : "       "}  ${rule.description}`);
    out.push(`  ${" ".repeat(width + 20)}applies to ${rule.appliesTo.join(", ")}`);
  }
  out.push("", `${rules.length} rules. \`statelint explain <rule-id>\` shows a rule's documentation.`);
  return out.join("\n") + "\n";
}
