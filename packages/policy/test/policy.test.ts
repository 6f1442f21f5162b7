import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRegistry, lintTexts, parseConfig, resolveConfig, type Finding, type LintSource } from "@statelint/core";
import { inspectPolicy, loadPolicies, type LoadedPolicies, type PolicySpec } from "@statelint/policy";
import { afterEach, describe, expect, it } from "vitest";
import { assemble, workspace, writeBundle, writePolicy } from "./fixtures.js";

const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
  namespace: prod
spec:
  serviceName: postgres
  replicas: 3
  template:
    spec:
      containers:
        - name: db
          image: postgres:16.4
        - name: sidecar
          image: busybox:latest
---
apiVersion: v1
kind: Service
metadata:
  name: postgres
  namespace: prod
`;

const registry = createRegistry([]);
const open: LoadedPolicies[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((loaded) => loaded.close()));
});

async function load(specs: PolicySpec[]): Promise<LoadedPolicies> {
  const loaded = await loadPolicies(specs);
  open.push(loaded);
  return loaded;
}

/** Lints the sources with only the policies' findings, under an optional `.statelint.yaml`. */
async function lint(loaded: LoadedPolicies, sources: LintSource[], configText = "extends: []\n"): Promise<Finding[]> {
  const { config } = resolveConfig(registry, parseConfig("/work/.statelint.yaml", configText));
  const result = await lintTexts(sources, { registry, config, providers: loaded.providers });
  return [...result.findings];
}

function at(finding: Finding | undefined): string {
  if (!finding) return "(none)";
  return `${finding.file}:${finding.range.start.line}:${finding.range.start.column}-${finding.range.end.line}:${finding.range.end.column}`;
}

function spec(path: string, extra: Partial<PolicySpec> = {}): PolicySpec {
  return { path, declaredIn: "/work/.statelint.yaml", ...extra };
}

describe("findings of a policy", () => {
  it("maps a result's path to the exact range of the field, with its rule id and message", async () => {
    const loaded = await load([spec(await writePolicy(workspace(), "no-latest"), { entrypoints: ["statelint/deny"] })]);
    const findings = await lint(loaded, [{ path: "sts.yaml", text: STATEFULSET }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: "policy/no-latest-image",
      severity: "error",
      message: "container image busybox:latest uses the mutable tag :latest; pin a version or a digest",
      path: "spec.template.spec.containers[1].image",
      object: { id: "apps/v1 StatefulSet prod/postgres" },
    });
    expect(at(findings[0])).toBe("sts.yaml:15:18-15:32");
  });

  it("honours levels and off in the config, like a built-in rule", async () => {
    const loaded = await load([spec(await writePolicy(workspace(), "no-latest"), { entrypoints: ["statelint/deny"] })]);
    const sources = [{ path: "sts.yaml", text: STATEFULSET }];
    expect((await lint(loaded, sources, "extends: []\nrules:\n  policy/no-latest-image: info\n"))[0]?.severity).toBe("info");
    expect(await lint(loaded, sources, "extends: []\nrules:\n  policy/no-latest-image: off\n")).toEqual([]);
  });

  it("is suppressed by the annotation ignore.statelint.io/policy.<id>", async () => {
    const loaded = await load([spec(await writePolicy(workspace(), "no-latest"), { entrypoints: ["statelint/deny"] })]);
    const annotated = STATEFULSET.replace("  namespace: prod\nspec:", '  namespace: prod\n  annotations:\n    ignore.statelint.io/policy.no-latest-image: "the sidecar is rebuilt nightly"\nspec:');
    const findings = await lint(loaded, [{ path: "sts.yaml", text: annotated }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: "policy/no-latest-image", suppression: { kind: "annotation", reason: "the sidecar is rebuilt nightly" } });
  });

  it("reads plain strings: deny and violation are errors, warn a warning, on the object's kind; other rules are not run", async () => {
    const loaded = await load([spec(await writePolicy(workspace(), "strings"))]);
    const findings = await lint(loaded, [{ path: "sts.yaml", text: STATEFULSET }]);
    const onStatefulSet = findings.filter((finding) => finding.object?.kind === "StatefulSet");
    expect(onStatefulSet.map((finding) => [finding.ruleId, finding.severity, finding.message, at(finding)])).toEqual([
      ["policy/main", "info", "a violation with its own severity", "sts.yaml:2:7-2:18"],
      ["policy/main", "error", "always denied", "sts.yaml:2:7-2:18"],
      ["policy/main", "warning", "just a warning", "sts.yaml:2:7-2:18"],
    ]);
    expect(findings).toHaveLength(6);
  });

  it("evaluates thousands of objects in batches", async () => {
    const loaded = await load([spec(await writePolicy(workspace(), "no-latest"), { entrypoints: ["statelint/deny"] })]);
    const many = Array.from({ length: 1200 }, (_, index) => STATEFULSET.split("---")[0]!.replace("name: postgres\n", `name: pg-${index}\n`)).join("---\n");
    const findings = await lint(loaded, [{ path: "many.yaml", text: many }]);
    expect(findings).toHaveLength(1200);
    expect(new Set(findings.map((finding) => finding.object?.name)).size).toBe(1200);
  });
});

describe("bundles and bundle entrypoints", () => {
  it("loads bundle.tar.gz with its data.json and relates objects by index or by kind and name", async () => {
    const dir = workspace();
    const path = await writeBundle(dir, {
      "/policy.wasm": await assemble("no-latest"),
      "/data.json": JSON.stringify({ statelint: { message: "every StatefulSet needs a reviewed replica count" } }),
      "/.manifest": JSON.stringify({ revision: "", roots: [""], wasm: [{ entrypoint: "statelint/deny", module: "/policy.wasm" }] }),
    });
    const loaded = await load([spec(path, { entrypoints: [], bundleEntrypoints: ["statelint/bundle/deny", "statelint/bundle/warn"] })]);
    const findings = await lint(loaded, [
      { path: "svc.yaml", text: STATEFULSET.split("---\n")[1]! },
      { path: "sts.yaml", text: STATEFULSET.split("---\n")[0]! },
    ]);
    expect(findings.map((finding) => [finding.ruleId, finding.severity, finding.message, at(finding), finding.object?.id])).toEqual([
      ["policy/statelint.bundle", "warning", "StatefulSet found by kind and name", "sts.yaml:2:7-2:18", "apps/v1 StatefulSet prod/postgres"],
      ["policy/statelint.bundle", "error", "every StatefulSet needs a reviewed replica count", "sts.yaml:8:13-8:14", "apps/v1 StatefulSet prod/postgres"],
    ]);
  });

  it("runs the module's other rules per object when only bundle entrypoints are listed", async () => {
    const loaded = await load([spec(await writePolicy(workspace(), "no-latest"), { bundleEntrypoints: ["statelint/bundle/warn"] })]);
    const findings = await lint(loaded, [{ path: "sts.yaml", text: STATEFULSET }]);
    expect(findings.map((finding) => finding.ruleId)).toEqual(["policy/statelint.bundle", "policy/no-latest-image"]);
  });

  it("is inspected: entrypoints, builtins, data", async () => {
    const dir = workspace();
    const path = await writeBundle(dir, { "/policy.wasm": await assemble("no-latest"), "/data.json": '{"statelint":{}}', "/.manifest": "{}" });
    expect(await inspectPolicy(path)).toEqual({
      path,
      format: "bundle",
      entrypoints: ["statelint/deny", "statelint/bundle/deny", "statelint/bundle/warn"],
      builtins: [],
      unsupportedBuiltins: [],
      dataKeys: ["statelint"],
    });
  });
});

/** The policy-error findings of one run over the sources. */
async function policyErrors(specs: PolicySpec[], sources: LintSource[] = [{ path: "sts.yaml", text: STATEFULSET }]): Promise<Finding[]> {
  const findings = await lint(await load(specs), sources);
  return findings.filter((finding) => finding.ruleId === "policy-error");
}

describe("policies that fail", () => {
  it.each([
    ["main/deny", /returned a result statelint does not understand on entrypoint "main\/deny" for this object: found 42 where a message belongs/],
    ["main/warn", /the object \{"message":"the key is msg, not message"\} has no string "msg"/],
    ["main/violation", /on entrypoint "main\/violation" for this object: it returned output that is not JSON/],
    ["main/deny_path", /"path" must be a field path such as "spec.template.spec.containers\[0\].image", found 7/],
  ])("answers %s with garbage: one policy-error on the first object, and the run goes on", async (entrypoint, reason) => {
    const errors = await policyErrors([spec(await writePolicy(workspace(), "garbage"), { entrypoints: [entrypoint] })]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ severity: "error", object: { id: "apps/v1 StatefulSet prod/postgres" } });
    expect(errors[0]!.message).toMatch(/^Policy ".*garbage\.wasm" /);
    expect(errors[0]!.message).toMatch(reason);
  });

  it("traps: one policy-error naming the trap, while other policies still report", async () => {
    const dir = workspace();
    const loaded = await load([spec(await writePolicy(dir, "trap")), spec(await writePolicy(dir, "no-latest"), { entrypoints: ["statelint/deny"] })]);
    const findings = await lint(loaded, [{ path: "sts.yaml", text: STATEFULSET }]);
    expect(findings.map((finding) => finding.ruleId).sort()).toEqual(["policy-error", "policy/no-latest-image"]);
    const error = findings.find((finding) => finding.ruleId === "policy-error")!;
    expect(error.message).toMatch(/^Policy ".*trap\.wasm" failed on entrypoint "main\/deny" for this object: the WebAssembly module trapped \(unreachable\)\. Fix the policy;/);
    expect(at(error)).toBe("sts.yaml:2:7-2:18");
  });

  it("runs past its time limit: stopped on that object without freezing the thread, then restarted for the next run", async () => {
    const loaded = await load([spec(await writePolicy(workspace(), "spin"), { timeoutMs: 300 })]);
    const spinning = `apiVersion: example.com/v1\nkind: Spin\nmetadata:\n  name: forever\n  namespace: prod\n`;
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const findings = await lint(loaded, [{ path: "sts.yaml", text: STATEFULSET }, { path: "spin.yaml", text: spinning }]);
    clearInterval(ticker);
    expect(ticks).toBeGreaterThan(5);
    const error = findings.find((finding) => finding.ruleId === "policy-error");
    expect(error?.object?.id).toBe("example.com/v1 Spin prod/forever");
    expect(error?.message).toMatch(/on entrypoint "main\/deny" for this object: it ran past its time limit of 300 ms and was stopped\. Make the rule cheaper, or raise timeoutMs for this policy in \/work\/\.statelint\.yaml/);

    const next = await lint(loaded, [{ path: "sts.yaml", text: STATEFULSET }]);
    expect(next.map((finding) => finding.message)).toEqual(["evaluated", "evaluated"]);
  });

  it("needs a builtin the SDK lacks: refused at load, reported on line 1 of the config; inspect names it", async () => {
    const path = await writePolicy(workspace(), "unknown-builtin");
    const errors = await policyErrors([spec(path)]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe("/work/.statelint.yaml");
    expect(at(errors[0])).toBe("/work/.statelint.yaml:1:1-1:1");
    expect(errors[0]!.message).toMatch(/could not be loaded: it needs builtins the OPA WebAssembly SDK does not provide \(custom\.frobnicate\); rewrite the rules without them\. Fix the policy or its entry in/);
    expect(await inspectPolicy(path)).toMatchObject({ format: "wasm", entrypoints: ["main/deny"], builtins: ["custom.frobnicate", "sprintf"], unsupportedBuiltins: ["custom.frobnicate"] });
  });

  it.each([
    ["a missing file", async (dir: string) => join(dir, "nope.wasm"), /could not be loaded: the file does not exist\./],
    ["a text file", async (dir: string) => write(dir, "policy.rego", "package main\n"), /neither a WebAssembly module nor a \.tar\.gz bundle; build it with `opa build -t wasm`/],
    ["a WebAssembly module that is no policy", async (dir: string) => write(dir, "empty.wasm", await plainModule()), /not one built by `opa build -t wasm`: it does not export builtins, entrypoints/],
    ["a bundle without policy.wasm", async (dir: string) => writeBundle(dir, { "/data.json": "{}" }), /the bundle has no \/policy\.wasm/],
    ["a bundle with broken data.json", async (dir: string) => writeBundle(dir, { "/policy.wasm": await assemble("strings"), "/data.json": "{" }), /\/data\.json in the bundle is not valid JSON/],
    ["a gzip that is not a tar", async (dir: string) => write(dir, "bundle.tar.gz", (await import("node:zlib")).gzipSync("not a tar archive at all")), /the bundle (is not a valid tar archive|has no \/policy\.wasm)/],
  ])("fails to load %s: one policy-error at line 1 of the config", async (_, make, reason) => {
    const errors = await policyErrors([spec(await make(workspace()))]);
    expect(errors).toHaveLength(1);
    expect(at(errors[0])).toBe("/work/.statelint.yaml:1:1-1:1");
    expect(errors[0]!.message).toMatch(reason);
  });

  it("names entrypoints the module lacks or that are not Conftest rules", async () => {
    const path = await writePolicy(workspace(), "strings");
    const [missing] = await policyErrors([spec(path, { entrypoints: ["main/nope"] })]);
    expect(missing?.message).toMatch(/the module has no entrypoint "main\/nope" \(it has main\/deny, main\/warn, main\/violation, main\/allow\)/);
    const [allow] = await policyErrors([spec(path, { bundleEntrypoints: ["main/allow"] })]);
    expect(allow?.message).toMatch(/entrypoint "main\/allow" is not a deny, violation or warn rule/);
  });

  it("places errors of a --policy on the policy file itself", async () => {
    const path = join(workspace(), "nope.wasm");
    const [error] = await policyErrors([{ path, declaredIn: "--policy" }]);
    expect(error?.file).toBe(path);
    expect(error?.message).toMatch(/Fix the policy or its entry in --policy;/);
  });

  it("places errors of a policy declared in a config given by a relative path on that path", async () => {
    const [error] = await policyErrors([{ path: join(workspace(), "nope.wasm"), declaredIn: "deploy/.statelint.yaml" }]);
    expect(at(error)).toBe("deploy/.statelint.yaml:1:1-1:1");
    expect(error?.message).toMatch(/Fix the policy or its entry in deploy\/\.statelint\.yaml;/);
  });

  it("rejects bundle results that name no object, or one not in the bundle", async () => {
    const loaded = await load([spec(await writePolicy(workspace(), "no-latest"), { entrypoints: [], bundleEntrypoints: ["statelint/bundle/warn"] })]);
    const renamed = STATEFULSET.replace("kind: Service\nmetadata:\n  name: postgres\n  namespace: prod", "kind: StatefulSet\nmetadata:\n  name: postgres\n  namespace: staging");
    const findings = await lint(loaded, [{ path: "sts.yaml", text: renamed }]);
    const error = findings.find((finding) => finding.ruleId === "policy-error");
    expect(error?.message).toMatch(/"object" names StatefulSet postgres, which is in several namespaces \(prod, staging\); add "namespace"/);
    expect(at(error)).toBe("/work/.statelint.yaml:1:1-1:1");
  });
});

describe("inspectPolicy", () => {
  it("throws a user-facing error for a file that is not a policy", async () => {
    const path = write(workspace(), "notes.txt", "hello");
    await expect(inspectPolicy(path)).rejects.toThrow(`Cannot inspect policy "${path}": it is neither a WebAssembly module nor a .tar.gz bundle; build it with \`opa build -t wasm\`.`);
  });
});

function write(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function plainModule(): Promise<Uint8Array> {
  const wabt = await (await import("wabt")).default();
  const module = wabt.parseWat("empty.wat", '(module (func (export "answer") (result i32) (i32.const 42)))');
  return module.toBinary({}).buffer;
}
