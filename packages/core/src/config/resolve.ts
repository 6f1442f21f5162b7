import type { AnyRule, RuleLevel, Severity } from "../engine/rule.js";
import { describeAjvError, validatorFor } from "../schema/ajv.js";
import { closestMatch } from "../util/suggest.js";
import type { Config, PolicyConfig } from "./config.js";
import type { ConfigProblem, ParsedConfig } from "./parse-config.js";
import { DEFAULT_SETTINGS, type Settings } from "./settings.js";

/** The effective configuration for a set of files. */
export interface ResolvedConfig {
  readonly levels: ReadonlyMap<string, RuleLevel>;
  /** Rules whose level the user chose (rule-suggested severities then do not apply). */
  readonly userLevels: ReadonlySet<string>;
  readonly options: ReadonlyMap<string, unknown>;
  readonly ignore: readonly string[];
  readonly kubernetesVersion: string | undefined;
  readonly namespace: string;
  readonly policies: readonly PolicyConfig[];
  readonly settings: Settings;
  /** The config file it came from, if any. */
  readonly file: string | undefined;
}

export const PRESETS = ["recommended", "strict"] as const;
export type PresetName = (typeof PRESETS)[number];

/** Preset levels come from rule metadata, so a new rule is in the presets without a second list. */
function presetLevel(preset: PresetName, severity: Severity): RuleLevel {
  if (preset === "strict" && severity === "info") return "warning";
  return severity;
}

export interface RuleRegistry {
  readonly rules: readonly AnyRule[];
  readonly byId: ReadonlyMap<string, AnyRule>;
}

export function createRegistry(rules: readonly AnyRule[]): RuleRegistry {
  return { rules, byId: new Map(rules.map((rule) => [rule.id, rule])) };
}

/** Rule ids a config may name without a built-in rule: findings of user policies. */
function isExternalRuleId(id: string): boolean {
  return id.startsWith("policy/") || id === "policy-error";
}

export interface ResolveResult {
  readonly config: ResolvedConfig;
  readonly problems: readonly ConfigProblem[];
}

/**
 * Applies presets, levels and options to the rule registry. Problems (unknown rules, bad options)
 * are reported with their position and the offending entry is skipped, so a typo in one rule's
 * options never turns every other rule off.
 */
export function resolveConfig(registry: RuleRegistry, parsed?: ParsedConfig): ResolveResult {
  const config: Config = parsed?.config ?? {};
  const problems: ConfigProblem[] = [];
  const levels = new Map<string, RuleLevel>();
  const options = new Map<string, unknown>();
  const userLevels = new Set<string>();
  const presets = config.extends === undefined ? ["recommended"] : typeof config.extends === "string" ? [config.extends] : config.extends;
  for (const rule of registry.rules) levels.set(rule.id, "off");
  for (const preset of presets as PresetName[]) for (const rule of registry.rules) levels.set(rule.id, presetLevel(preset, rule.meta.severity));
  for (const rule of registry.rules) options.set(rule.id, rule.meta.defaultOptions);

  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    const rule = registry.byId.get(id);
    const [level, userOptions] = Array.isArray(setting) ? [setting[0] as RuleLevel, setting[1] as Record<string, unknown> | undefined] : [setting as RuleLevel, undefined];
    if (!rule) {
      if (isExternalRuleId(id)) {
        levels.set(id, level);
        userLevels.add(id);
        continue;
      }
      const suggestion = closestMatch(id, registry.byId.keys());
      problems.push({
        file: parsed?.file ?? "",
        message: `unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ""} Run \`statelint rules\` for the list.`,
        range: parsed?.rangeOf(["rules", id], "key") ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      });
      continue;
    }
    if (userOptions !== undefined) {
      const schema = rule.meta.optionsSchema ?? { type: "object", additionalProperties: false, properties: {} };
      const validate = validatorFor(schema);
      if (!validate(userOptions)) {
        for (const error of validate.errors ?? []) {
          problems.push({
            file: parsed?.file ?? "",
            message: `options of rule "${id}"${error.instancePath ? ` at ${error.instancePath}` : ""}: ${describeAjvError(error)}`,
            range: parsed?.rangeOf(["rules", id, 1], "value") ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
          });
        }
        continue;
      }
      options.set(id, { ...(rule.meta.defaultOptions as object), ...userOptions });
    }
    levels.set(id, level);
    userLevels.add(id);
  }

  return {
    config: {
      levels,
      userLevels,
      options,
      ignore: config.ignore ?? [],
      kubernetesVersion: config.kubernetesVersion,
      namespace: config.namespace ?? "default",
      policies: config.policies ?? [],
      settings: { ...DEFAULT_SETTINGS, ...config.settings },
      file: parsed?.file,
    },
    problems,
  };
}

/** A resolved config with one rule's level changed (CLI `--rule id=level`). */
export function withRuleLevels(config: ResolvedConfig, overrides: ReadonlyMap<string, RuleLevel>): ResolvedConfig {
  if (overrides.size === 0) return config;
  const levels = new Map(config.levels);
  const userLevels = new Set(config.userLevels);
  for (const [id, level] of overrides) {
    levels.set(id, level);
    userLevels.add(id);
  }
  return { ...config, levels, userLevels };
}
