import type { AnyRule, RuleLevel, Severity } from "../engine/rule.js";
import { asRecord, isRecord } from "../model/values.js";
import { describeAjvError, instancePathSegments, validatorFor } from "../schema/ajv.js";
import { formatFieldPath, type FieldPath } from "../source/path.js";
import type { SourceRange } from "../source/position.js";
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

const NO_RANGE: SourceRange = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
const LEVELS: readonly RuleLevel[] = ["off", "info", "warning", "error"];

interface SettingMistake {
  readonly path: FieldPath;
  readonly at: "key" | "value";
  readonly message: string;
}

function checkLevel(value: unknown, path: FieldPath): SettingMistake[] {
  if (typeof value === "string" && (LEVELS as readonly string[]).includes(value)) return [];
  const written = typeof value === "string" ? `"${value}"` : JSON.stringify(value);
  // `warn` and `err` are what ESLint users type.
  const suggestion = typeof value === "string" ? (LEVELS.find((level) => value.length >= 3 && level.startsWith(value.toLowerCase())) ?? closestMatch(value, LEVELS)) : undefined;
  return [{ path, at: "value", message: `${written} is not a level${suggestion ? `; did you mean "${suggestion}"? The levels are` : "; use one of"} ${LEVELS.join(", ")}.` }];
}

/** Unknown options get a suggestion among the rule's options, or the shared setting the user meant. */
function optionMistakes(id: string, rule: AnyRule, userOptions: Record<string, unknown>): SettingMistake[] {
  const schema = rule.meta.optionsSchema ?? { type: "object", additionalProperties: false, properties: {} };
  const validate = validatorFor(schema);
  if (validate(userOptions)) return [];
  const known = Object.keys(asRecord(schema["properties"]));
  const mistakes = (validate.errors ?? []).map((error): SettingMistake => {
    const path = [1, ...instancePathSegments(error)];
    if (error.keyword !== "additionalProperties" || error.instancePath !== "") return { path, at: "value", message: `${describeAjvError(error)}.` };
    const option = String((error.params as Record<string, unknown>)["additionalProperty"]);
    const own = closestMatch(option, known);
    const setting = own ? undefined : closestMatch(option, Object.keys(DEFAULT_SETTINGS));
    const listed = known.length ? `Its options: ${known.join(", ")}.` : `It takes no options.`;
    const hint = own
      ? `; did you mean "${own}"? ${listed}`
      : setting
        ? `; did you mean "${setting}"? That is a setting shared by every rule: put it under \`settings:\`. ${listed}`
        : `. ${listed}`;
    return { path: [...path, option], at: "key", message: `unknown option of rule "${id}"${hint}` };
  });
  return [...new Map(mistakes.map((mistake) => [JSON.stringify(mistake.path), mistake])).values()];
}

/** A rule's `level` or `[level, {options}]`, checked part by part so each mistake gets its own message. */
function checkRuleSetting(id: string, setting: unknown, rule: AnyRule | undefined): { level?: RuleLevel; options?: Record<string, unknown>; mistakes: SettingMistake[] } {
  if (!Array.isArray(setting)) {
    const mistakes = checkLevel(setting, []);
    return mistakes.length ? { mistakes } : { level: setting as RuleLevel, mistakes };
  }
  if (setting.length === 0 || setting.length > 2) {
    return { mistakes: [{ path: [], at: "value", message: `must be a level or [level, {options}], not a list of ${setting.length} item${setting.length === 1 ? "" : "s"}.` }] };
  }
  const mistakes = checkLevel(setting[0], [0]);
  const userOptions: unknown = setting[1];
  if (userOptions !== undefined && !isRecord(userOptions)) mistakes.push({ path: [1], at: "value", message: "options must be a mapping, such as {ignoredEngines: [memcached]}." });
  else if (userOptions !== undefined && rule) mistakes.push(...optionMistakes(id, rule, userOptions));
  if (mistakes.length) return { mistakes };
  return { level: setting[0] as RuleLevel, ...(isRecord(userOptions) ? { options: userOptions } : {}), mistakes };
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

  const problemAt = (path: FieldPath, at: "key" | "value", message: string) =>
    problems.push({ file: parsed?.file ?? "", message: `"${formatFieldPath(path)}": ${message}`, range: parsed?.rangeOf(path, at) ?? NO_RANGE });
  for (const [id, setting] of Object.entries((config.rules ?? {}) as Record<string, unknown>)) {
    const rule = registry.byId.get(id);
    if (!rule && !isExternalRuleId(id)) {
      const suggestion = closestMatch(id, registry.byId.keys());
      problems.push({
        file: parsed?.file ?? "",
        message: `unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : "."} Run \`statelint rules\` for the list.`,
        range: parsed?.rangeOf(["rules", id], "key") ?? NO_RANGE,
      });
      continue;
    }
    const checked = checkRuleSetting(id, setting, rule);
    for (const mistake of checked.mistakes) problemAt(["rules", id, ...mistake.path], mistake.at, mistake.message);
    if (checked.level === undefined) continue;
    if (rule && checked.options !== undefined) options.set(id, { ...(rule.meta.defaultOptions as object), ...checked.options });
    levels.set(id, checked.level);
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
      // The defaults themselves when none are set, so views derived per settings (clusterOf) are shared with rules that use the defaults.
      settings: config.settings === undefined ? DEFAULT_SETTINGS : { ...DEFAULT_SETTINGS, ...config.settings },
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
