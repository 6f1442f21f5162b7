import { parseSource } from "@statelint/core";
import { describe, expect, it } from "vitest";
// The built module: its worker file sits next to it in dist/, as in the shipped bundle.
import { parseFiles } from "../dist/parse.js";

function manifest(index: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: db-${index}
  annotations:
    note: "${"x".repeat(2000)}"
spec:
  clusterIP: ${index % 2 ? "None" : "10.0.0.1"}
  selector: { app: db-${index} }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db-${index} }
spec:
  replicas: .inf
  broken: [unclosed
`;
}

describe("parsing many files", () => {
  it("gives exactly what a single-threaded parse gives when a worker parses part of them", async () => {
    const files = Array.from({ length: 600 }, (_, index) => ({ path: `f${index}.yaml`, text: manifest(index) }));
    expect(files.reduce((sum, file) => sum + file.text.length, 0)).toBeGreaterThan(1_000_000);
    const parallel = await parseFiles(files);
    const single = files.map((file) => parseSource(file.path, file.text));
    expect(parallel.map((file) => ({ path: file.path, documents: file.documents, problems: file.problems, lines: file.lines.lineCount }))).toEqual(
      single.map((file) => ({ path: file.path, documents: file.documents, problems: file.problems, lines: file.lines.lineCount })),
    );
    expect(parallel[599]?.problems[0]?.kind).toBe("syntax");
  });
});
