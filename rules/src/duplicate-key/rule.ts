import { defineRule } from "@statelint/core";

export type MessageIds = "duplicateKey";

export default defineRule<MessageIds>({
  id: "duplicate-key",
  meta: {
    category: "schema",
    severity: "error",
    description: "A YAML mapping has the same key twice.",
    rationale:
      "YAML parsers disagree on duplicate keys and Kubernetes' decoder silently keeps the last value, so the first one " +
      "(often the one that was reviewed) never takes effect: a second `resources:` or `env:` block quietly replaces the first.",
    remediation: "Merge the two entries into one key, or delete the one you do not want.",
    messages: {
      duplicateKey:
        'Key "{{key}}" appears a second time in this mapping; Kubernetes keeps only the last value and silently drops the first. Merge the two or remove one.',
    },
    since: "0.1.0",
    sources: ["YAML 1.2 §3.2.1.1 (mapping keys are unique)", "SPEC: Schema and structure"],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
  checkSource({ file, report }) {
    for (const problem of file.problems) {
      if (problem.kind !== "duplicate-key") continue;
      const key = file.text.slice(problem.range.start.offset, problem.range.end.offset).replace(/^["']|["']$/g, "");
      report({
        messageId: "duplicateKey",
        data: { key },
        range: problem.range,
        ...(problem.firstRange ? { related: [{ range: problem.firstRange, message: `first "${key}" key, whose value is ignored` }] } : {}),
      });
    }
  },
});
