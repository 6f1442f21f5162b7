import { createRegistry, type AnyRule, type RuleRegistry } from "@statelint/core";
import { rules as availability } from "./categories/availability.js";
import { rules as hygiene } from "./categories/hygiene.js";
import { rules as meta } from "./categories/meta.js";
import { rules as probes } from "./categories/probes.js";
import { rules as retention } from "./categories/retention.js";
import { rules as schema } from "./categories/schema.js";
import { rules as secrets } from "./categories/secrets.js";
import { rules as service } from "./categories/service.js";
import { rules as spread } from "./categories/spread.js";
import { rules as storage } from "./categories/storage.js";

/** Every built-in rule, in catalogue order. */
export const builtinRules: readonly AnyRule[] = [
  ...schema, ...service, ...storage, ...probes, ...secrets, ...retention, ...spread, ...availability, ...hygiene, ...meta,
];

let registry: RuleRegistry | undefined;

export function builtinRegistry(): RuleRegistry {
  registry ??= createRegistry(builtinRules);
  return registry;
}

/** Documentation URL of a rule (used by SARIF, the editor and `statelint explain`). */
export function ruleDocsUrl(id: string): string {
  return `https://github.com/statelint/statelint/blob/main/docs/rules/${id}.md`;
}
