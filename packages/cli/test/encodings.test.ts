import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NOT_HEADLESS, runCli, STATEFULSET, workspace } from "./helpers.js";

/** The bytes a Windows tool writes: a byte-order mark, then the text in that encoding. */
function encode(text: string, encoding: "utf-8-bom" | "utf-16le" | "utf-16be" | "utf-32le" | "utf-32be"): Buffer {
  switch (encoding) {
    case "utf-8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf-16le":
      return Buffer.from(`\uFEFF${text}`, "utf16le");
    case "utf-16be":
      return Buffer.from(`\uFEFF${text}`, "utf16le").swap16();
    default: {
      const points = Array.from(`\uFEFF${text}`, (character) => character.codePointAt(0)!);
      const bytes = Buffer.alloc(points.length * 4);
      points.forEach((point, index) => (encoding === "utf-32le" ? bytes.writeUInt32LE(point, index * 4) : bytes.writeUInt32BE(point, index * 4)));
      return bytes;
    }
  }
}

const CONFIG = "extends: []\nrules:\n  sts-service-not-headless: error\n  yaml-syntax: error\n";
// A non-ASCII comment before the finding: columns must count characters, not bytes.
const SERVICE = NOT_HEADLESS.replace("  clusterIP:", "  # Zugriff über das Netz\n  clusterIP:");
const FINDING = 'svc.yaml\n  7:14  error    Service "db" governs StatefulSet "db" but has clusterIP "10.0.0.1"; set it to None.  sts-service-not-headless';

describe("file encodings", () => {
  for (const encoding of ["utf-8-bom", "utf-16le", "utf-16be", "utf-32le", "utf-32be"] as const) {
    it(`lints a ${encoding} file with a byte-order mark at the right positions and fixes it in the same encoding`, () => {
      const cwd = workspace({ ".statelint.yaml": CONFIG, "sts.yaml": STATEFULSET });
      writeFileSync(join(cwd, "svc.yaml"), encode(SERVICE, encoding));

      const linted = runCli(["svc.yaml", "sts.yaml"], { cwd });
      expect(linted.stderr).toBe("");
      expect(linted.stdout).toContain(FINDING);
      expect(linted.status).toBe(1);

      const fixed = runCli(["--fix", "svc.yaml", "sts.yaml"], { cwd });
      expect(fixed.status).toBe(0);
      expect(readFileSync(join(cwd, "svc.yaml"))).toEqual(encode(SERVICE.replace("clusterIP: 10.0.0.1", "clusterIP: None"), encoding));
    });
  }

  it("decodes UTF-16 read from stdin", () => {
    const cwd = workspace({ ".statelint.yaml": CONFIG });
    const result = runCli(["-"], { cwd, input: encode(`${SERVICE}---\n${STATEFULSET}`, "utf-16le") });
    expect(result.stdout).toContain('<stdin>\n  7:14  error    Service "db" governs StatefulSet "db" but has clusterIP "10.0.0.1"');
    expect(result.status).toBe(1);
  });

  it("reads each file whole, whether it is larger or smaller than the file read before it", () => {
    // Comment lines before the Service: 3 MB, over the buffer reads reuse, then a small file after a large one.
    const padding = `${"# padding padding padding padding padding padding padding padding\n".repeat(48_000)}`;
    const cwd = workspace({ ".statelint.yaml": CONFIG, "a-large.yaml": `${padding}${NOT_HEADLESS}`, "b-small.yaml": NOT_HEADLESS.replace("name: db", "name: other"), "sts.yaml": STATEFULSET });
    const result = runCli(["a-large.yaml", "b-small.yaml", "sts.yaml"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain('a-large.yaml\n  48006:14  error    Service "db" governs StatefulSet "db" but has clusterIP "10.0.0.1"');
    expect(result.stdout).not.toContain("b-small.yaml");
    expect(result.status).toBe(1);
  });

  it("still reports a binary file as binary, and lints the other files", () => {
    const cwd = workspace({ ".statelint.yaml": CONFIG, "sts.yaml": STATEFULSET, "svc.yaml": NOT_HEADLESS });
    writeFileSync(join(cwd, "image.yaml"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const result = runCli(["image.yaml", "svc.yaml", "sts.yaml"], { cwd });
    expect(result.stdout).toContain("image.yaml\n  1:1  error    This file contains NUL bytes and looks binary, not YAML or JSON; remove it from the linted paths.  yaml-syntax");
    expect(result.stdout).toContain("sts-service-not-headless");
    expect(result.status).toBe(1);
  });
});
