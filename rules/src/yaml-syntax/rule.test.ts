import { createRegistry, lintTextsSync, resolveConfig } from "@statelint/core";
import { RuleTester } from "@statelint/core/testing";
import { describe, expect, it } from "vitest";
import imageTagMutable from "../image-tag-mutable/rule.js";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
spec:
  serviceName: postgres
  template:
    spec:
      containers:
        - name: postgres
          image: postgres:latest
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: every document parses", code: readFixture("yaml-syntax", "quiet.yaml") },
    { name: "JSON manifest", filename: "cm.json", code: `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "pg"}, "data": {"a": "b"}}` },
    { name: "Go-template-looking text inside a value is not a Helm template", code: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alerts\ndata:\n  summary: "{{ $labels.instance }} is down"\n` },
  ],
  invalid: [
    {
      name: "fixture: an unquoted colon inside a ConfigMap value",
      code: readFixture("yaml-syntax", "fires.yaml"),
      errors: [
        {
          messageId: "syntax",
          line: 18,
          column: 20,
          endLine: 18,
          endColumn: 21,
          message: "YAML syntax error: Nested mappings are not allowed in compact mappings. This document is skipped; fix the syntax so it can be applied and checked.",
        },
      ],
    },
    {
      name: "each broken document of a file is reported",
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n\tkey: value\n---\n${statefulSet}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: postgres\nspec:\n  selector: {app: postgres\n  clusterIP: None\n`,
      errors: [
        { messageId: "syntax", line: 6, column: 1 },
        { messageId: "syntax", line: 26, column: 3 },
      ],
    },
    {
      name: "an unrendered Helm template names the render-first hint",
      code: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ include "postgres.fullname" . }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n`,
      errors: [
        {
          messageId: "helmTemplate",
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 44,
          message: "This file is an unrendered Helm template ({{ … }} actions) and cannot be linted; render it first: `helm template … | statelint -`.",
        },
      ],
    },
    {
      name: "an alias expanding past the node limit",
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: laughs\nbig: &big [${Array.from({ length: 10_001 }, () => "lol").join(", ")}]\ncopy: *big\n`,
      errors: [{ messageId: "aliasLimit", line: 6, column: 7, endLine: 6, endColumn: 11 }],
    },
    {
      name: "a document nested beyond the depth limit, the next one still read",
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ${"[".repeat(600)}${"]".repeat(600)}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n`,
      errors: [
        {
          messageId: "tooDeep",
          line: 5,
          column: 518,
          endLine: 5,
          endColumn: 519,
          message: "Mappings and sequences nest 601 levels deep, over the limit of 512; the document is skipped. No Kubernetes object nests this deep; flatten or remove the document.",
        },
      ],
    },
    {
      name: "a binary file",
      filename: "dump.yaml",
      code: "PGDMP\u0000\u0001\u0002 custom-format dump\n",
      errors: [{ messageId: "binary", line: 1, column: 1, endLine: 1, endColumn: 28 }],
    },
  ],
});

describe("yaml-syntax with the other rules", () => {
  const registry = createRegistry([rule, imageTagMutable]);
  const lint = (text: string, maxLength?: number) =>
    lintTextsSync([{ path: "bundle.yaml", text }], { registry, config: resolveConfig(registry).config, ...(maxLength ? { parse: { maxLength } } : {}) }).findings;

  it("still lints the documents that parse", () => {
    const findings = lint(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n\tkey: value\n---\n${statefulSet}`);
    expect(findings.map((finding) => `${finding.ruleId} ${finding.range.start.line}:${finding.range.start.column}`)).toEqual(["yaml-syntax 6:1", "image-tag-mutable 18:18"]);
  });

  it("reports a file over the size limit once, on its first line", () => {
    const findings = lint(statefulSet, 100);
    expect(findings.map((finding) => [finding.ruleId, finding.messageId, finding.range.start.line, finding.range.start.column, finding.message])).toEqual([
      ["yaml-syntax", "tooLarge", 1, 1, "File is 193 characters long, over the limit of 100; the file is not parsed. Split it into smaller files or raise the limit."],
    ]);
  });
});
