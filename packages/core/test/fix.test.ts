import { applyFixes, createFixer, objectsOf, parseSource } from "@statelint/core";
import { describe, expect, it } from "vitest";

function fixerFor(text: string) {
  const file = parseSource("sts.yaml", text);
  const object = objectsOf(file)[0]!;
  return { file, fixer: createFixer(object.document, file.text, file.lines, object.basePath) };
}

function apply(text: string, edit: ReturnType<ReturnType<typeof fixerFor>["fixer"]["insertKey"]>): string {
  if (!edit) throw new Error("no edit");
  return applyFixes(text, [{ edits: [edit] }]).text;
}

describe("fixer.insertKey", () => {
  it("keeps a CRLF file CRLF, nested values included", () => {
    const text = "apiVersion: apps/v1\r\nkind: StatefulSet\r\nmetadata:\r\n  name: db\r\nspec:\r\n  replicas: 3\r\n";
    const { fixer } = fixerFor(text);
    expect(apply(text, fixer.insertKey(["spec"], "persistentVolumeClaimRetentionPolicy", { whenDeleted: "Retain", whenScaled: "Retain" }))).toBe(
      "apiVersion: apps/v1\r\nkind: StatefulSet\r\nmetadata:\r\n  name: db\r\nspec:\r\n  replicas: 3\r\n  persistentVolumeClaimRetentionPolicy:\r\n    whenDeleted: Retain\r\n    whenScaled: Retain\r\n",
    );
  });

  it("adds the first entry under a key written with no value", () => {
    const text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n  annotations:\nspec: {}\n";
    const { fixer } = fixerFor(text);
    expect(apply(text, fixer.insertKey(["metadata", "annotations"], "ignore.statelint.io/x", "reason", { quoteStrings: true }))).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n  annotations:\n    ignore.statelint.io/x: "reason"\nspec: {}\n',
    );
  });

  it("writes plain-safe strings unquoted unless asked, and quotes what YAML would read otherwise", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\ndata:\n  a: b\n";
    const { fixer } = fixerFor(text);
    expect(apply(text, fixer.insertKey(["data"], "mode", "Retain"))).toContain("\n  mode: Retain\n");
    expect(apply(text, fixer.insertKey(["data"], "flag", "yes"))).toContain('\n  flag: "yes"\n');
    expect(apply(text, fixer.insertKey(["data"], "port", "5432"))).toContain('\n  port: "5432"\n');
  });
});
