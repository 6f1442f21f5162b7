import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PACKAGE_DIR, SERVER_BIN, workspace } from "./support/lsp-client.js";
import { SERVICE, STATEFULSET } from "./support/manifests.js";

const nvimAvailable = spawnSync("nvim", ["--version"], { encoding: "utf8" }).status === 0;
// In CI a missing Neovim is a broken setup (.ci/run installs it), not a reason to skip.
const mustRun = process.env["CI"] === "true";

interface NeovimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  source: string;
  code: string;
}

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());

describe.runIf(nvimAvailable || mustRun)("Neovim's built-in LSP client", () => {
  it("receives statelint's diagnostics with exact ranges, severities and codes", () => {
    expect(nvimAvailable, "nvim is not installed (apt-get install neovim)").toBe(true);
    const ws = workspace({ "statefulset.yaml": STATEFULSET, "service.yaml": SERVICE });
    dispose = ws.dispose;
    const out = join(ws.root, "nvim-diagnostics.json");
    const run = spawnSync("nvim", ["--headless", "--clean", "-c", `luafile ${join(PACKAGE_DIR, "test", "neovim", "diagnostics.lua")}`], {
      encoding: "utf8",
      timeout: 60_000,
      env: {
        ...process.env,
        STATELINT_ROOT: ws.root,
        STATELINT_FILE: "service.yaml",
        STATELINT_OUT: out,
        STATELINT_NODE: process.execPath,
        STATELINT_SERVER: SERVER_BIN,
        STATELINT_WAIT_FOR: "sts-service-not-headless",
      },
    });
    expect(run.error, run.stderr).toBeUndefined();
    const result = JSON.parse(readFileSync(out, "utf8")) as { received: boolean; diagnostics: NeovimDiagnostic[] };
    expect(result.received).toBe(true);
    const notHeadless = result.diagnostics.find((diagnostic) => diagnostic.code === "sts-service-not-headless");
    // Neovim's diagnostics are 0-based with exclusive end columns, like LSP; severity 1 is ERROR.
    expect(notHeadless).toEqual({
      lnum: 5,
      col: 13,
      end_lnum: 5,
      end_col: 22,
      severity: 1,
      source: "statelint",
      code: "sts-service-not-headless",
      message: 'Service "postgres" governs StatefulSet "postgres" but has clusterIP "10.0.0.12"; set it to None.',
    });
    expect(result.diagnostics.find((diagnostic) => diagnostic.code === "db-write-service-load-balanced")?.severity).toBe(2);
  });
});
