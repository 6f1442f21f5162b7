import { createRegistry, type AnyRule, type RuleCategory, type RuleRegistry } from "@statelint/core";
import { rules as probes } from "./groups/probes.js";
import { rules as schemaValidation } from "./groups/schema-validation.js";
import { rules as secrets } from "./groups/secrets.js";
import { rules as service } from "./groups/service.js";
import { rules as storage } from "./groups/storage.js";
import { rules as structure } from "./groups/structure.js";

const CATEGORY_ORDER: readonly RuleCategory[] = ["schema", "service", "storage", "probes", "secrets", "retention", "spread", "availability", "hygiene", "meta"];

/** Every built-in rule, in catalogue order (category, then id). */
export const builtinRules: readonly AnyRule[] = [...structure, ...schemaValidation, ...service, ...storage, ...probes, ...secrets].sort(
  (a, b) => CATEGORY_ORDER.indexOf(a.meta.category) - CATEGORY_ORDER.indexOf(b.meta.category) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
);

let registry: RuleRegistry | undefined;

export function builtinRegistry(): RuleRegistry {
  registry ??= createRegistry(builtinRules);
  return registry;
}

/** Documentation URL of a rule (used by SARIF, the editor and `statelint explain`). */
export function ruleDocsUrl(id: string): string {
  return `https://github.com/statelint/statelint/blob/main/docs/rules/${id}.md`;
}
