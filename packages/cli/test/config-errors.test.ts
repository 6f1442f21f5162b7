import { describe, expect, it } from "vitest";
import { runCli, STATEFULSET, workspace } from "./helpers.js";

const NOTHING_LINTED = "statelint: fix the configuration above; nothing was linted.";

/** The lines statelint writes to stderr for this `.statelint.yaml`, and its exit code. */
function configErrors(config: string): { lines: string[]; status: number | null } {
  const result = runCli(["sts.yaml"], { cwd: workspace({ ".statelint.yaml": config, "sts.yaml": STATEFULSET }) });
  expect(result.stdout).toBe("");
  return { lines: result.stderr.trimEnd().split("\n"), status: result.status };
}

describe("configuration errors", () => {
  it("a misspelt preset: one error with the suggestion", () => {
    expect(configErrors("extends: [recomended]\n")).toEqual({
      lines: ['.statelint.yaml:1:11 error "extends[0]": unknown preset "recomended"; did you mean "recommended"? The presets are recommended, strict.', NOTHING_LINTED],
      status: 2,
    });
  });

  it("a level that does not exist: one error listing the levels", () => {
    expect(configErrors("rules:\n  pdb-missing: loud\n").lines).toEqual(['.statelint.yaml:2:16 error "rules.pdb-missing": "loud" is not a level; use one of off, info, warning, error.', NOTHING_LINTED]);
    expect(configErrors("rules:\n  pdb-missing: [warn]\n").lines).toEqual([
      '.statelint.yaml:2:17 error "rules.pdb-missing[0]": "warn" is not a level; did you mean "warning"? The levels are off, info, warning, error.',
      NOTHING_LINTED,
    ]);
  });

  it("an unquoted kubernetesVersion: says YAML read a number and to quote it", () => {
    expect(configErrors("kubernetesVersion: 1.30\n").lines).toEqual([
      '.statelint.yaml:1:20 error "kubernetesVersion": YAML reads 1.30 as the number 1.3, not the version "1.30"; quote it: kubernetesVersion: "1.30".',
      NOTHING_LINTED,
    ]);
  });

  it("an unknown rule option: named, with the shared setting it resembles", () => {
    expect(configErrors("rules:\n  vct-missing: [warning, {databaseImage: [x]}]\n").lines).toEqual([
      '.statelint.yaml:2:27 error "rules.vct-missing[1].databaseImage": unknown option of rule "vct-missing"; did you mean "databaseImages"? That is a setting shared by every rule: put it under `settings:`. Its options: ignoredEngines.',
      NOTHING_LINTED,
    ]);
    expect(configErrors("rules:\n  vct-missing: [warning, {ignoredEngine: [redis]}]\n").lines[0]).toBe(
      '.statelint.yaml:2:27 error "rules.vct-missing[1].ignoredEngine": unknown option of rule "vct-missing"; did you mean "ignoredEngines"? Its options: ignoredEngines.',
    );
  });

  it("unknown keys at the top and in settings get a suggestion", () => {
    expect(configErrors("extend: [strict]\nsettings:\n  databaseImage: [pg]\n").lines).toEqual([
      '.statelint.yaml:1:1 error "extend": unknown key; did you mean "extends"? Known keys: extends, rules, ignore, kubernetesVersion, namespace, policies, settings.',
      '.statelint.yaml:3:3 error "settings.databaseImage": unknown key; did you mean "databaseImages"? Known keys: databaseImages, primaryReplicaImages, quorumImages.',
      NOTHING_LINTED,
    ]);
  });

  it("reports every mistake in one run, in file order, one message each, unknown rule ids included", () => {
    const config = [
      "extends: [recomended]",
      "kubernetesVersion: 1.30",
      "rules:",
      "  pdb-missing: loud",
      "  vct-missing: [warning, {databaseImage: [x]}]",
      "  pdb-mising: warning",
      "",
    ].join("\n");
    expect(configErrors(config)).toEqual({
      lines: [
        '.statelint.yaml:1:11 error "extends[0]": unknown preset "recomended"; did you mean "recommended"? The presets are recommended, strict.',
        '.statelint.yaml:2:20 error "kubernetesVersion": YAML reads 1.30 as the number 1.3, not the version "1.30"; quote it: kubernetesVersion: "1.30".',
        '.statelint.yaml:4:16 error "rules.pdb-missing": "loud" is not a level; use one of off, info, warning, error.',
        '.statelint.yaml:5:27 error "rules.vct-missing[1].databaseImage": unknown option of rule "vct-missing"; did you mean "databaseImages"? That is a setting shared by every rule: put it under `settings:`. Its options: ignoredEngines.',
        '.statelint.yaml:6:3 error unknown rule "pdb-mising"; did you mean "pdb-missing"? Run `statelint rules` for the list.',
        NOTHING_LINTED,
      ],
      status: 2,
    });
  });

  it("a valid configuration lints", () => {
    const result = runCli(["sts.yaml"], { cwd: workspace({ ".statelint.yaml": 'extends: [strict]\nkubernetesVersion: "1.30"\nrules:\n  vct-missing: [error, {ignoredEngines: [redis]}]\n', "sts.yaml": STATEFULSET }) });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
  });
});
