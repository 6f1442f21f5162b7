import { parseSource } from "../source/parse.js";
import type { SourceRange } from "../source/position.js";
import { locateField } from "../source/spans.js";
import { describeAjvError, instancePathSegments, validatorFor } from "../schema/ajv.js";
import { formatFieldPath } from "../source/path.js";
import { CONFIG_SCHEMA, type Config } from "./config.js";

/** Something wrong with a configuration file, with where it is. */
export interface ConfigProblem {
  readonly file: string;
  readonly message: string;
  readonly range: SourceRange;
}

export interface ParsedConfig {
  readonly file: string;
  readonly config: Config | undefined;
  readonly problems: readonly ConfigProblem[];
  /** Locates a key of the config (for problems found later, e.g. unknown rule ids). */
  readonly rangeOf: (path: readonly (string | number)[], at?: "key" | "value") => SourceRange;
}

/** Parses and validates `.statelint.yaml` / `.statelint.json` text against the published schema. */
export function parseConfig(file: string, text: string): ParsedConfig {
  const source = parseSource(file, text);
  const lines = source.lines;
  const document = source.documents[0];
  const rangeOf = (path: readonly (string | number)[], at: "key" | "value" = "key"): SourceRange => {
    const field = locateField(document?.spans, document?.span, path);
    const span = at === "key" ? (field.key ?? field.value) : (field.value ?? field.key);
    return span ? lines.range(span.start, span.end) : lines.range(0, lines.lineEnd(1));
  };
  if (source.problems.length > 0) {
    return { file, config: undefined, rangeOf, problems: source.problems.map((problem) => ({ file, message: problem.message, range: problem.range })) };
  }
  const value: unknown = document?.value ?? {};
  const validate = validatorFor(CONFIG_SCHEMA);
  if (validate(value)) return { file, config: value as Config, problems: [], rangeOf };
  const problems = (validate.errors ?? [])
    // anyOf reports each branch; the branch errors say more than the summary.
    .filter((error) => error.keyword !== "anyOf")
    .map((error) => {
      const path = instancePathSegments(error);
      const additional = error.keyword === "additionalProperties" ? String((error.params as Record<string, unknown>)["additionalProperty"]) : undefined;
      const where = additional !== undefined ? [...path, additional] : path;
      const label = where.length ? `"${formatFieldPath(where)}"` : "the configuration";
      return { file, message: `${label}: ${describeAjvError(error)}`, range: rangeOf(where, additional !== undefined ? "key" : "value") };
    });
  const unique = new Map(problems.map((problem) => [`${problem.range.start.offset}:${problem.message}`, problem]));
  return { file, config: undefined, problems: [...unique.values()], rangeOf };
}
