import { describe, expect, it } from "vitest";
import { NOT_HEADLESS, runCli, STATEFULSET, workspace } from "./helpers.js";

/** What `helm template db ./chart` prints: each document under the `# Source:` comment naming its template. */
const RENDERED = `---\n# Source: db/templates/service.yaml\n${NOT_HEADLESS}---\n# Source: db/templates/statefulset.yaml\n${STATEFULSET}`;
const CONFIG = "extends: []\nrules:\n  sts-service-not-headless: error\n";
const MESSAGE = 'Service "db" governs StatefulSet "db" but has clusterIP "10.0.0.1"; set it to None. Rendered from db/templates/service.yaml.';

function lintStdin(format: string) {
  const result = runCli(["--format", format, "-"], { cwd: workspace({ ".statelint.yaml": CONFIG }), input: RENDERED });
  expect(result.status).toBe(1);
  return result.stdout;
}

describe("helm template output on stdin", () => {
  it("stylish: names the chart template of the finding, at the line of the rendered stream", () => {
    expect(lintStdin("stylish")).toContain(`<stdin>\n  8:14  error    ${MESSAGE}  sts-service-not-headless (fixable)`);
  });

  it("json: in the message and as `template`", () => {
    const [finding] = (JSON.parse(lintStdin("json")) as { findings: Record<string, unknown>[] }).findings;
    expect(finding).toMatchObject({ ruleId: "sts-service-not-headless", file: "<stdin>", line: 8, column: 14, message: MESSAGE, template: "db/templates/service.yaml" });
  });

  it("sarif: in the message and as properties.template", () => {
    const sarif = JSON.parse(lintStdin("sarif")) as { runs: { results: { message: { text: string }; properties: Record<string, unknown> }[] }[] };
    const [result] = sarif.runs[0]!.results;
    expect(result!.message.text).toBe(MESSAGE);
    expect(result!.properties["template"]).toBe("db/templates/service.yaml");
  });

  it("github: in the annotation", () => {
    expect(lintStdin("github")).toContain("Rendered from db/templates/service.yaml.");
    expect(lintStdin("github")).toMatch(/^::error file=<stdin>,line=8,.*Rendered from db\/templates\/service\.yaml\./m);
  });

  it("junit: in the failure", () => {
    expect(lintStdin("junit")).toContain("set it to None. Rendered from db/templates/service.yaml.");
  });

  it("leaves hand-written files alone", () => {
    const cwd = workspace({ ".statelint.yaml": CONFIG, "svc.yaml": NOT_HEADLESS, "sts.yaml": STATEFULSET });
    const result = runCli(["--format", "json", "."], { cwd });
    const [finding] = (JSON.parse(result.stdout) as { findings: Record<string, unknown>[] }).findings;
    expect(finding).toMatchObject({ message: 'Service "db" governs StatefulSet "db" but has clusterIP "10.0.0.1"; set it to None.', template: null });
  });
});
