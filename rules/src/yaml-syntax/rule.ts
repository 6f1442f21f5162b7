import { defineRule, type SourceProblemKind } from "@statelint/core";

export type MessageIds = "syntax" | "helmTemplate" | "aliasLimit" | "tooDeep" | "binary" | "tooLarge" | "parseFailed";

const MESSAGE_OF_KIND: Readonly<Partial<Record<SourceProblemKind, MessageIds>>> = {
  syntax: "syntax",
  "helm-template": "helmTemplate",
  "alias-limit": "aliasLimit",
  "too-deep": "tooDeep",
  "parse-failed": "parseFailed",
  binary: "binary",
  "too-large": "tooLarge",
};

export default defineRule<MessageIds>({
  id: "yaml-syntax",
  meta: {
    category: "schema",
    severity: "error",
    description: "A document (or the whole file) cannot be read as YAML or JSON.",
    rationale:
      "A document that does not parse is not applied at all, or `kubectl apply` stops half-way through the file, " +
      "and nothing else statelint checks can be trusted for it. The other documents of the file are still linted.",
    remediation:
      "Fix the YAML at the reported position (indentation, an unclosed quote or bracket); render Helm templates first " +
      "with `helm template … | statelint -`; split or shrink files that are too large.",
    messages: {
      syntax: "YAML syntax error: {{detail}}. This document is skipped; fix the syntax so it can be applied and checked.",
      helmTemplate:
        "This file is an unrendered Helm template ({{ … }} actions) and cannot be linted; render it first: `helm template … | statelint -`.",
      aliasLimit: "YAML aliases in this document expand without bound (a \"billion laughs\" document); the document is skipped. Remove the nested aliases.",
      tooDeep: "{{detail}}. No Kubernetes object nests this deep; flatten or remove the document.",
      parseFailed: "{{detail}}; the file is not linted. Split it if it is very large; otherwise please report it to statelint with the file.",
      binary: "This file contains NUL bytes and looks binary, not YAML or JSON; remove it from the linted paths.",
      tooLarge: "{{detail}}; the file is not parsed. Split it into smaller files or raise the limit.",
    },
    since: "0.1.0",
    sources: ["SPEC: Inputs (Helm templates get one clear error naming the hint to render first)", "SPEC: Non-functional requirements (bounded YAML aliases)"],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
  checkSource({ file, report }) {
    for (const problem of file.problems) {
      const messageId = MESSAGE_OF_KIND[problem.kind];
      if (!messageId) continue;
      report({ messageId, data: { detail: problem.message }, range: problem.range });
    }
  },
});
