import { createRegistry, lintTextsSync, resolveConfig, type ResolvedConfig } from "@statelint/core";
import { describe, expect, it } from "vitest";
import imageTagMutable from "../image-tag-mutable/rule.js";
import replicasSingle from "../replicas-single/rule.js";
import secretLiteralEnv from "../secret-literal-env/rule.js";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const registry = createRegistry([rule, imageTagMutable, replicasSingle, secretLiteralEnv]);

function lint(text: string, adjust: (config: ResolvedConfig) => ResolvedConfig = (config) => config) {
  const config = adjust(resolveConfig(registry).config);
  return lintTextsSync([{ path: "postgres.yaml", text }], { registry, config }).findings.map((finding) => ({
    rule: finding.ruleId,
    at: `${finding.range.start.line}:${finding.range.start.column}-${finding.range.end.line}:${finding.range.end.column}`,
    message: finding.message,
    suppressed: finding.suppression ? `${finding.suppression.kind}: ${finding.suppression.reason ?? ""}` : undefined,
  }));
}

const statefulSet = (annotations: string, container: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres${annotations}
spec:
  serviceName: postgres
  replicas: 3
  template:
    spec:
      containers:
        - name: postgres
${container}`;

// The engine produces these findings after every rule has run, not a check function, so the
// cases lint with real rules whose findings the directives can (or fail to) suppress.
describe("unused-suppression", () => {
  it("fixture: quiet without suppressions", () => {
    expect(lint(readFixture("unused-suppression", "quiet.yaml"))).toEqual([]);
  });

  it("fixture: reports a stale annotation and a stale comment, each where it is written", () => {
    expect(lint(readFixture("unused-suppression", "fires.yaml"))).toEqual([
      { rule: "unused-suppression", at: "6:5-6:40", message: 'Unused suppression annotation for "replicas-single": nothing is reported here any more; remove it.', suppressed: undefined },
      {
        rule: "unused-suppression",
        at: "20:11-20:91",
        message: 'Unused suppression comment for "image-tag-mutable": nothing is reported here any more; remove it.',
        suppressed: undefined,
      },
    ]);
  });

  it("is quiet for a comment that suppresses a finding on the next line, which keeps its reason", () => {
    const text = statefulSet("", "          # statelint-disable-next-line image-tag-mutable -- tag set by Argo CD Image Updater\n          image: postgres:latest\n");
    expect(lint(text)).toEqual([
      { rule: "image-tag-mutable", at: "13:18-13:33", message: expect.stringContaining('"postgres:latest"') as string, suppressed: "comment: tag set by Argo CD Image Updater" },
    ]);
  });

  it("covers the node that starts on the next line with everything under it: a sequence item and its `value:`", () => {
    const text = statefulSet("", "          image: postgres:16.4\n          env:\n            # statelint-disable-next-line secret-literal-env -- throwaway CI database\n            - name: POSTGRES_PASSWORD\n              value: ci-only\n");
    expect(lint(text)).toEqual([
      { rule: "secret-literal-env", at: "16:22-16:29", message: expect.stringContaining("POSTGRES_PASSWORD") as string, suppressed: "comment: throwaway CI database" },
    ]);
  });

  it("does not reach past that node into the next sequence item", () => {
    const text = statefulSet("", "          image: postgres:16.4\n          env:\n            # statelint-disable-next-line secret-literal-env\n            - name: POSTGRES_USER\n              value: app\n            - name: POSTGRES_PASSWORD\n              value: ci-only\n");
    expect(lint(text)).toEqual([
      { rule: "unused-suppression", at: "14:13-14:61", message: 'Unused suppression comment for "secret-literal-env": nothing is reported here any more; remove it.', suppressed: undefined },
      { rule: "secret-literal-env", at: "18:22-18:29", message: expect.stringContaining("POSTGRES_PASSWORD") as string, suppressed: undefined },
    ]);
  });

  it("is quiet for `statelint-disable`, which covers the rest of the document", () => {
    const text = `# statelint-disable image-tag-mutable\n${statefulSet("", "          image: postgres\n        - name: exporter\n          image: prometheuscommunity/postgres-exporter\n")}`;
    expect(lint(text).map((finding) => [finding.rule, finding.suppressed])).toEqual([
      ["image-tag-mutable", "comment: "],
      ["image-tag-mutable", "comment: "],
    ]);
  });

  it("is quiet for an annotation that suppresses a finding of its object", () => {
    const text = statefulSet('\n  annotations:\n    ignore.statelint.io/image-tag-mutable: "mirrored registry only has latest"', "          image: postgres:latest\n");
    expect(lint(text).map((finding) => [finding.rule, finding.suppressed])).toEqual([["image-tag-mutable", "annotation: mirrored registry only has latest"]]);
  });

  it("reports an unknown rule id, in a comment and in an annotation", () => {
    const text = statefulSet('\n  annotations:\n    ignore.statelint.io/image-tag-mutabel: "typo"', "          # statelint-disable-next-line image-latest -- pinned by CI\n          image: postgres:16.4\n");
    expect(lint(text)).toEqual([
      { rule: "unused-suppression", at: "6:5-6:42", message: 'Suppression annotation names unknown rule "image-tag-mutabel"; remove it or fix the rule id.', suppressed: undefined },
      { rule: "unused-suppression", at: "14:11-14:69", message: 'Suppression comment names unknown rule "image-latest"; remove it or fix the rule id.', suppressed: undefined },
    ]);
  });

  it("does not report a directive for a rule the configuration switched off", () => {
    const text = statefulSet("", "          # statelint-disable-next-line image-tag-mutable\n          image: postgres:16.4\n");
    const off = (config: ResolvedConfig): ResolvedConfig => ({ ...config, levels: new Map([...config.levels, ["image-tag-mutable", "off"]]) });
    expect(lint(text, off)).toEqual([]);
  });

  it("can itself be switched off", () => {
    const off = (config: ResolvedConfig): ResolvedConfig => ({ ...config, levels: new Map([...config.levels, ["unused-suppression", "off"]]) });
    expect(lint(readFixture("unused-suppression", "fires.yaml"), off)).toEqual([]);
  });
});
