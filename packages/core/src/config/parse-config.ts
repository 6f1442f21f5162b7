import { isRecord } from "../model/values.js";
import { parseSource } from "../source/parse.js";
import type { SourceRange } from "../source/position.js";
import { locateField } from "../source/spans.js";
import { describeAjvError, instancePathSegments, validatorFor } from "../schema/ajv.js";
import { formatFieldPath, type FieldPath } from "../source/path.js";
import { closestMatch } from "../util/suggest.js";
import { CONFIG_SCHEMA, type Config } from "./config.js";

/** Something wrong with a configuration file, with where it is. */
export interface ConfigProblem {
  readonly file: string;
  readonly message: string;
  readonly range: SourceRange;
}

export interface ParsedConfig {
  readonly file: string;
  /**
   * The configuration without the parts that are wrong, so rule ids and options are still checked
   * (and reported in the same run) when another key is wrong; `undefined` when the file is no mapping.
   */
  readonly config: Config | undefined;
  readonly problems: readonly ConfigProblem[];
  /** Locates a key of the config (for problems found later, e.g. unknown rule ids). */
  readonly rangeOf: (path: FieldPath, at?: "key" | "value") => SourceRange;
  /** The text of a value as written (`1.30`, where YAML read the number 1.3). */
  readonly sourceOf: (path: FieldPath) => string | undefined;
}

export const PRESET_NAMES: readonly string[] = ["recommended", "strict"];
/** Keys checked here by hand, for messages that say more than a schema error can. */
const HAND_CHECKED = new Set(["extends", "kubernetesVersion", "rules"]);
const TOP_LEVEL_KEYS = Object.keys(CONFIG_SCHEMA.properties);
const SETTING_KEYS = Object.keys(CONFIG_SCHEMA.properties.settings.properties);

interface Mistake {
  readonly path: FieldPath;
  readonly at: "key" | "value";
  readonly message: string;
}

function didYouMean(word: string, candidates: Iterable<string>): string {
  const suggestion = closestMatch(word, candidates);
  return suggestion ? `; did you mean "${suggestion}"?` : ".";
}

function checkExtends(value: unknown): Mistake[] {
  const presets = PRESET_NAMES.join(", ");
  if (typeof value === "string") value = [value];
  if (!Array.isArray(value)) return [{ path: ["extends"], at: "value", message: `must be a preset or a list of presets (${presets}).` }];
  return value.flatMap((item, index): Mistake[] => {
    if (typeof item === "string" && PRESET_NAMES.includes(item)) return [];
    const name = typeof item === "string" ? `"${item}"` : JSON.stringify(item);
    const hint = typeof item === "string" ? didYouMean(item, PRESET_NAMES) : ".";
    return [{ path: ["extends", index], at: "value", message: `unknown preset ${name}${hint === "." ? `; the presets are ${presets}.` : `${hint} The presets are ${presets}.`}` }];
  });
}

function checkKubernetesVersion(value: unknown, written: string | undefined): Mistake[] {
  const path = ["kubernetesVersion"];
  if (typeof value === "number") {
    const text = written ?? String(value);
    return [{ path, at: "value", message: `YAML reads ${text} as the number ${String(value)}, not the version "${text}"; quote it: kubernetesVersion: "${text}".` }];
  }
  if (typeof value !== "string") return [{ path, at: "value", message: 'must be a Kubernetes minor version in quotes, such as "1.30".' }];
  if (!/^1\.\d+$/.test(value)) return [{ path, at: "value", message: `"${value}" is not a Kubernetes minor version; write it as "1.30" (major.minor, no patch, no "v").` }];
  return [];
}

function schemaMistakes(value: Record<string, unknown>): Mistake[] {
  const rest = Object.fromEntries(Object.entries(value).filter(([key]) => !HAND_CHECKED.has(key)));
  const validate = validatorFor(CONFIG_SCHEMA);
  if (validate(rest)) return [];
  const mistakes = (validate.errors ?? [])
    // anyOf reports each branch; the branch errors say more than the summary.
    .filter((error) => error.keyword !== "anyOf")
    .map((error): Mistake => {
      const path = instancePathSegments(error);
      if (error.keyword !== "additionalProperties") return { path, at: "value", message: `${describeAjvError(error)}.` };
      const key = String((error.params as Record<string, unknown>)["additionalProperty"]);
      const known = path.length === 0 ? TOP_LEVEL_KEYS.filter((name) => name !== "$schema") : path[0] === "settings" ? SETTING_KEYS : [];
      return { path: [...path, key], at: "key", message: `unknown key${didYouMean(key, known)}${known.length ? ` Known keys: ${known.join(", ")}.` : ""}` };
    });
  // One message per place: a key's schema can fail several keywords at once.
  return [...new Map(mistakes.map((mistake) => [JSON.stringify(mistake.path), mistake])).values()];
}

/**
 * Parses and validates `.statelint.yaml` / `.statelint.json` text. Every mistake is reported at
 * once, one message each, at the line of the value (or of the key, for unknown keys); rule ids,
 * levels and options are checked against the rules by `resolveConfig`.
 */
export function parseConfig(file: string, text: string): ParsedConfig {
  const source = parseSource(file, text);
  const lines = source.lines;
  const document = source.documents[0];
  const rangeOf = (path: FieldPath, at: "key" | "value" = "key"): SourceRange => {
    const field = locateField(document, path);
    const span = at === "key" ? (field.key ?? field.value) : (field.value ?? field.key);
    return span ? lines.range(span.start, span.end) : lines.range(0, lines.lineEnd(1));
  };
  const sourceOf = (path: FieldPath): string | undefined => {
    const field = locateField(document, path);
    return field.exact && field.value ? text.slice(field.value.start, field.value.end) : undefined;
  };
  const base = { file, rangeOf, sourceOf };
  if (source.problems.length > 0) {
    return { ...base, config: undefined, problems: source.problems.map((problem) => ({ file, message: problem.message, range: problem.range })) };
  }
  const value: unknown = document?.value ?? {};
  if (!isRecord(value)) {
    return { ...base, config: undefined, problems: [{ file, message: "The configuration must be a mapping of keys (extends, rules, settings …).", range: rangeOf([], "value") }] };
  }
  const mistakes = [
    ...("extends" in value ? checkExtends(value["extends"]) : []),
    ...("kubernetesVersion" in value ? checkKubernetesVersion(value["kubernetesVersion"], sourceOf(["kubernetesVersion"])) : []),
    ...("rules" in value && !isRecord(value["rules"]) ? [{ path: ["rules"], at: "value" as const, message: "must be a mapping of rule ids to levels, such as pdb-missing: error." }] : []),
    ...schemaMistakes(value),
  ];
  const problems = mistakes.map((mistake) => ({
    file,
    message: mistake.path.length ? `"${formatFieldPath(mistake.path)}": ${mistake.message}` : mistake.message,
    range: rangeOf(mistake.path, mistake.at),
  }));
  // What is wrong is left out, so the rest (above all `rules`) can still be checked and used.
  const wrong = new Set(mistakes.map((mistake) => String(mistake.path[0])));
  const config = Object.fromEntries(Object.entries(value).filter(([key]) => !wrong.has(key))) as Config;
  return { ...base, config, problems };
}
