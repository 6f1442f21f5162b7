import { relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { displayPath } from "../dist/inputs.js";

/** What displayPath gave before it kept the last directory's relative path: relative() on every call. */
function relativeDisplay(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return (rel === "" ? absolute : rel).split(sep).join("/");
}

const CWDS = ["/work/repo", "/work/repo/", "/work/repo/sub", "/work/rep", "/", "/work/./repo", "/work/repo/../repo", "/work//repo"];
const PATHS = [
  "/work/repo/a.yaml",
  "/work/repo/b.yaml",
  "/work/repo/sub/c.yaml",
  "/work/repo/sub/d.yaml",
  "/work/repo/subway/e.yaml",
  "/work/repo",
  "/work/repo/sub",
  "/work",
  "/work/rep/f.yaml",
  "/work/repo2/g.yaml",
  "/work/repo/.hidden/h.yaml",
  "/work/repo/sub/../i.yaml",
  "/work/repo/./j.yaml",
  "/work/repo//k.yaml",
  "/work/repo/sub/",
  "/work/repo/sub/..",
  "/work/repo/.",
  "/l.yaml",
  "/other/deep/m.yaml",
];

describe("displayPath", () => {
  it("gives relative()'s path, with forward slashes, for files in and outside the working directory, in any order", () => {
    for (const cwd of CWDS) {
      // Twice over, and in reverse: the kept directory must never leak into another directory's files.
      for (const path of [...PATHS, ...PATHS.slice().reverse(), ...PATHS]) expect({ cwd, path, display: displayPath(path, cwd) }).toEqual({ cwd, path, display: relativeDisplay(path, cwd) });
    }
  });

  it("names a file in the working directory by its name and one above it with ..", () => {
    expect(displayPath("/work/repo/a.yaml", "/work/repo")).toBe("a.yaml");
    expect(displayPath("/work/repo/sub/c.yaml", "/work/repo")).toBe("sub/c.yaml");
    expect(displayPath("/work/other/a.yaml", "/work/repo")).toBe("../other/a.yaml");
    expect(displayPath("/work/repo", "/work/repo")).toBe("/work/repo");
  });
});
