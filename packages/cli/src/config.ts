import { readFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { findConfigFile, parseConfig, resolveConfig, withRuleLevels, type ConfigProblem, type ResolvedConfig, type RuleLevel, type RuleRegistry } from "@statelint/core";
import { kubernetesVersionProblem } from "@statelint/schemas";
import { FatalError } from "./exit-codes.js";
import { describeFsError } from "./inputs.js";

export interface ConfigOverrides {
  readonly rules: ReadonlyMap<string, RuleLevel>;
  readonly kubernetesVersion: string | undefined;
  readonly namespace: string | undefined;
}


interface LoadedConfig {
  readonly config: ResolvedConfig;
  readonly isIgnored: (absolute: string) => boolean;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new FatalError(`${path}: cannot read the configuration: ${describeFsError(error)}`);
  }
}

/** The config's `ignore` globs, relative to its folder; a glob naming a folder ignores what is under it. */
async function ignoreMatcher(globs: readonly string[], root: string): Promise<(absolute: string) => boolean> {
  if (globs.length === 0) return () => false;
  // Loaded only for configs that ignore something, keeping a hook's start-up short.
  const { default: picomatch } = await import("picomatch");
  const match = picomatch(globs.map((glob) => glob.replace(/^\.\//, "").replace(/\/$/, "")), { dot: true });
  return (absolute) => {
    const rel = relative(root, absolute);
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return false;
    const segments = rel.split(sep);
    for (let end = segments.length; end > 0; end--) if (match(segments.slice(0, end).join("/"))) return true;
    return false;
  };
}

/**
 * Resolves the configuration of each linted file: `--config`, or the nearest `.statelint.*` found
 * by walking up from the file. Each config file is read, parsed and resolved once per run.
 */
export class ConfigLoader {
  private readonly discovery = new Map<string, { path: string; text: string } | null>();
  private readonly loaded = new Map<string, LoadedConfig>();
  readonly problems: ConfigProblem[] = [];
  private fallback: LoadedConfig | undefined;

  constructor(
    private readonly registry: RuleRegistry,
    private readonly overrides: ConfigOverrides,
    private readonly cwd: string,
    private readonly explicit: string | undefined,
  ) {}

  /** Loads `--config FILE`, which must exist. */
  async loadExplicit(): Promise<void> {
    if (!this.explicit) return;
    const path = resolve(this.cwd, this.explicit);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      throw new FatalError(`${this.explicit}: cannot read the configuration given with --config: ${describeFsError(error)}`);
    }
    await this.fromText(path, text);
  }

  /** The configuration of a file (absolute path, or the working directory for stdin). */
  async forFile(absolute: string, isDirectory = false): Promise<LoadedConfig> {
    if (this.explicit) return this.fromText(resolve(this.cwd, this.explicit), undefined);
    const found = findConfigFile(isDirectory ? absolute : dirname(absolute), { readFile: readText }, this.discovery);
    if (!found) return (this.fallback ??= await this.build(undefined, undefined));
    return this.fromText(found.path, found.text);
  }

  /** Every config file read so far, for policies declared in them. */
  configs(): ResolvedConfig[] {
    return [...this.loaded.values()].map((loaded) => loaded.config);
  }

  private async fromText(path: string, text: string | undefined): Promise<LoadedConfig> {
    const cached = this.loaded.get(path);
    if (cached) return cached;
    const loaded = await this.build(path, text ?? "");
    this.loaded.set(path, loaded);
    return loaded;
  }

  private async build(path: string | undefined, text: string | undefined): Promise<LoadedConfig> {
    let resolved: ResolvedConfig;
    if (path === undefined || text === undefined) {
      resolved = resolveConfig(this.registry).config;
    } else {
      const parsed = parseConfig(displayConfigPath(path, this.cwd), text);
      const result = resolveConfig(this.registry, parsed);
      // In the order of the file, as users read and fix them.
      this.problems.push(...[...parsed.problems, ...result.problems].sort((a, b) => a.range.start.offset - b.range.start.offset));
      resolved = result.config;
      // The flag replaces the file's value, so only an unshipped version the run would use is an error.
      const unshipped = this.overrides.kubernetesVersion === undefined ? kubernetesVersionProblem(resolved.kubernetesVersion) : undefined;
      if (unshipped) this.problems.push({ file: parsed.file, message: `"kubernetesVersion": ${unshipped}`, range: parsed.rangeOf(["kubernetesVersion"], "value") });
    }
    resolved = withRuleLevels(resolved, this.overrides.rules);
    if (this.overrides.namespace !== undefined) resolved = { ...resolved, namespace: this.overrides.namespace };
    if (this.overrides.kubernetesVersion !== undefined) resolved = { ...resolved, kubernetesVersion: this.overrides.kubernetesVersion };
    const root = path ? dirname(path) : this.cwd;
    return { config: resolved, isIgnored: await ignoreMatcher(resolved.ignore, root) };
  }
}

function displayConfigPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel === "" ? path : rel).split(sep).join("/");
}

export function formatConfigProblem(problem: ConfigProblem): string {
  return `${problem.file}:${problem.range.start.line}:${problem.range.start.column} error ${problem.message}`;
}

/** Absolute path of a policy declared in a config file. */
export function policyPath(configFile: string | undefined, path: string, cwd: string): string {
  return resolve(configFile ? dirname(resolve(cwd, configFile)) : cwd, path);
}
