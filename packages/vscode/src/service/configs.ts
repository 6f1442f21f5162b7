import { CONFIG_FILE_NAMES, findConfigFile, parseConfig, resolveConfig, type ConfigProblem, type ResolvedConfig, type RuleRegistry } from "@statelint/core";
import { kubernetesVersionProblem } from "@statelint/schemas";
import { basename, dirname, isAbsolute } from "node:path";

/** A configuration as the editor uses it: always usable, with whatever was wrong in its file. */
export interface LoadedConfig {
  /** The config file, or `undefined` for the defaults. */
  readonly file: string | undefined;
  readonly resolved: ResolvedConfig;
  readonly problems: readonly ConfigProblem[];
}

export function isConfigPath(path: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(basename(path));
}

/**
 * Finds, parses and resolves `.statelint.yaml` files, memoised until `invalidate()`. A file that
 * does not parse or validate still yields a configuration (the defaults, or every valid entry),
 * so a typo in the config never silences the editor.
 */
export class ConfigStore {
  private readonly discovery = new Map<string, { path: string; text: string } | null>();
  private readonly loaded = new Map<string, LoadedConfig>();

  constructor(
    private readonly registry: RuleRegistry,
    private readonly read: (path: string) => string | undefined,
    /** A config file that replaces discovery (the `statelint.configPath` setting). */
    private readonly override: string | undefined,
  ) {}

  invalidate(): void {
    this.discovery.clear();
    this.loaded.clear();
  }

  forFile(path: string): LoadedConfig {
    if (this.override !== undefined) return this.load(this.override);
    // Unsaved buffers ("untitled:") have no folder to walk up from.
    if (!isAbsolute(path)) return this.defaults();
    const found = findConfigFile(dirname(path), { readFile: this.read }, this.discovery);
    return found ? this.load(found.path, found.text) : this.defaults();
  }

  /** The configuration in `file` (read now unless `text` is given). */
  load(file: string, text?: string): LoadedConfig {
    const cached = this.loaded.get(file);
    if (cached) return cached;
    const source = text ?? this.read(file);
    let config: LoadedConfig;
    if (source === undefined) {
      config = { ...this.defaults(), file };
    } else {
      const parsed = parseConfig(file, source);
      const { config: resolved, problems } = resolveConfig(this.registry, parsed);
      // An unshipped version is shown on the key and the newest schema is used meanwhile.
      const unshipped = kubernetesVersionProblem(resolved.kubernetesVersion);
      const versionProblems = unshipped ? [{ file, message: `"kubernetesVersion": ${unshipped}`, range: parsed.rangeOf(["kubernetesVersion"], "value") }] : [];
      config = { file, resolved: unshipped ? { ...resolved, kubernetesVersion: undefined } : resolved, problems: [...parsed.problems, ...problems, ...versionProblems] };
    }
    this.loaded.set(file, config);
    return config;
  }

  private defaults(): LoadedConfig {
    const cached = this.loaded.get("");
    if (cached) return cached;
    const config = { file: undefined, resolved: resolveConfig(this.registry).config, problems: [] };
    this.loaded.set("", config);
    return config;
  }
}
