import { defineRule, UNUSED_SUPPRESSION } from "@statelint/core";

export type MessageIds = "unused" | "unknownRule";

/**
 * The engine reports unused suppressions itself, after every rule has run (only then is it known
 * which directives matched nothing). This module gives that finding an id, a level users can set,
 * and documentation; it has no check of its own.
 */
export default defineRule<MessageIds>({
  id: UNUSED_SUPPRESSION,
  meta: {
    category: "meta",
    severity: "info",
    description: "A suppression annotation or comment suppresses nothing, or names an unknown rule.",
    rationale:
      "A stale suppression hides the next real finding on that line or object: once the original problem is fixed, the directive " +
      "stays behind and silently swallows whatever that rule reports there later. A misspelt rule id suppresses nothing at all.",
    remediation: "Delete the annotation or comment, or correct the rule id it names.",
    messages: {
      // Mirrors the wording the engine builds in lint.ts (form: annotation | comment).
      unused: "Unused suppression {{form}}{{rules}}: nothing is reported here any more; remove it.",
      unknownRule: "Suppression {{form}} names unknown {{rules}}; remove it or fix the rule id.",
    },
    since: "0.1.0",
    sources: ["ESLint: --report-unused-disable-directives"],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
});
