import { parseArgs } from "node:util";
import type { RuleLevel, Severity } from "@statelint/core";
import { DEFAULT_VERSION, kubernetesVersionProblem, SHIPPED_VERSIONS } from "@statelint/schemas/versions";

export const FORMATS = ["stylish", "json", "sarif", "github", "junit"] as const;
export type FormatName = (typeof FORMATS)[number];

/** Formats of `statelint graph` (the same list as @statelint/graph's, kept here so --help loads no renderer). */
export const GRAPH_FORMATS = ["mermaid", "dot", "json", "html", "text"] as const;
export type GraphFormatName = (typeof GRAPH_FORMATS)[number];

/** A command-line mistake: printed with the usage hint, exit code 2. */
export class UsageError extends Error {}

/** What selects and configures the manifests of a run: shared by linting and `statelint graph`. */
export interface InputArgs {
  readonly inputs: readonly string[];
  readonly outputFile: string | undefined;
  readonly config: string | undefined;
  readonly rules: ReadonlyMap<string, RuleLevel>;
  readonly policies: readonly string[];
  readonly kubernetesVersion: string | undefined;
  readonly namespace: string | undefined;
  readonly quiet: boolean;
  readonly stdinFilename: string | undefined;
}

export interface LintArgs extends InputArgs {
  readonly command: "lint";
  readonly format: FormatName;
  readonly failOn: Severity;
  readonly maxWarnings: number | undefined;
  readonly fix: boolean;
  readonly fixDryRun: boolean;
  readonly color: boolean | undefined;
  /** Print time per phase and the slowest rules to stderr (`--stats`, or TIMING=1 as in ESLint). */
  readonly stats: boolean;
}

export interface GraphArgs extends InputArgs {
  readonly command: "graph";
  readonly format: GraphFormatName;
}

export type Args =
  | LintArgs
  | GraphArgs
  | { readonly command: "help" }
  | { readonly command: "version" }
  | { readonly command: "rules"; readonly format: "stylish" | "json" }
  | { readonly command: "explain"; readonly id: string }
  | { readonly command: "init" }
  | { readonly command: "policy-inspect"; readonly path: string; readonly format: "stylish" | "json" };

export const USAGE = `Usage: statelint [options] <file|directory|glob|->...
       statelint graph [options] <file|directory|glob|->... [--format mermaid|dot|json|html|text]
       statelint rules [--format stylish|json]
       statelint explain <rule-id>
       statelint init
       statelint policy inspect <policy.wasm|bundle.tar.gz> [--format stylish|json]

Lints Kubernetes manifests of stateful workloads (.yaml, .yml, .json).

Options:
  -f, --format NAME          stylish (default), json, sarif, github, junit
  -o, --output-file FILE     write the report to FILE instead of stdout
  -c, --config FILE          use this configuration instead of discovering .statelint.yaml
      --rule ID=LEVEL        set a rule's level (off, info, warning, error); repeatable
      --policy PATH          load a Rego policy compiled to WebAssembly; repeatable
      --kubernetes-version V Kubernetes minor version the manifests target, ${SHIPPED_VERSIONS[0]} to ${DEFAULT_VERSION} (default ${DEFAULT_VERSION})
      --namespace NS         namespace of objects that declare none (default: default)
      --fail-on LEVEL        lowest severity that fails the run: error (default), warning, info
      --max-warnings N       also fail when there are more than N warnings
  -q, --quiet                report errors only
      --fix                  apply safe fixes to the files in place
      --fix-dry-run          print the fixes as a unified diff; change nothing
      --stdin-filename NAME  name of the manifest read from stdin (-), used in reports and for config discovery
      --color, --no-color    force colours on or off (NO_COLOR and FORCE_COLOR are honoured)
      --stats                print time per phase and the slowest rules to stderr (also TIMING=1)
  -h, --help                 show this help
  -v, --version              show the version

statelint graph draws what \`kubectl apply\` of the manifests creates (pods, PVCs, DNS names,
clients, backups) with the findings marked: mermaid (default), dot, json, html (one offline
page) or text (the step-by-step story). It takes the inputs, -o, -c, --rule, --policy,
--kubernetes-version, --namespace, -q and --stdin-filename options above, and exits 0 once drawn.

Exit codes: 0 nothing at or above the failing level, 1 findings at or above it, 2 usage, configuration or I/O error.
`;

const LEVELS: readonly RuleLevel[] = ["off", "info", "warning", "error"];
const SEVERITIES: readonly Severity[] = ["info", "warning", "error"];

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} must be one of ${allowed.join(", ")}, not "${value}".`);
}

function ruleLevels(values: readonly string[]): Map<string, RuleLevel> {
  const levels = new Map<string, RuleLevel>();
  for (const value of values) {
    const match = /^([^=]+)=(.*)$/.exec(value);
    if (!match) throw new UsageError(`--rule expects ID=LEVEL (e.g. --rule replicas-single=off), not "${value}".`);
    const [, id = "", level = ""] = match;
    if (!(LEVELS as readonly string[]).includes(level)) throw new UsageError(`--rule ${id}: level must be one of ${LEVELS.join(", ")}, not "${level}".`);
    levels.set(id.trim(), level as RuleLevel);
  }
  return levels;
}

function subcommandFormat(value: string | undefined): "stylish" | "json" {
  return oneOf(value, ["stylish", "json"] as const, "format", "stylish");
}

export function parseCommandLine(argv: readonly string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", short: "f" },
        "output-file": { type: "string", short: "o" },
        config: { type: "string", short: "c" },
        rule: { type: "string", multiple: true },
        policy: { type: "string", multiple: true },
        "kubernetes-version": { type: "string" },
        namespace: { type: "string" },
        "fail-on": { type: "string" },
        "max-warnings": { type: "string" },
        quiet: { type: "boolean", short: "q" },
        fix: { type: "boolean" },
        "fix-dry-run": { type: "boolean" },
        "stdin-filename": { type: "string" },
        color: { type: "boolean" },
        stats: { type: "boolean" },
        "no-color": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help" };
  if (values.version) return { command: "version" };

  const [first, ...rest] = positionals;
  if (first === "rules" && rest.length === 0) return { command: "rules", format: subcommandFormat(values.format) };
  if (first === "explain") {
    if (rest.length !== 1 || !rest[0]) throw new UsageError("statelint explain expects exactly one rule id, e.g. statelint explain sts-service-not-headless.");
    return { command: "explain", id: rest[0] };
  }
  if (first === "init" && rest.length === 0) return { command: "init" };
  if (first === "policy") {
    if (rest[0] !== "inspect" || rest.length !== 2 || !rest[1]) throw new UsageError("statelint policy expects: statelint policy inspect <policy.wasm|bundle.tar.gz>.");
    return { command: "policy-inspect", path: rest[1], format: subcommandFormat(values.format) };
  }

  if (first === "graph") {
    if (rest.length === 0) throw new UsageError("statelint graph expects files, directories or globs to draw, or - to read stdin.");
    for (const option of ["fix", "fix-dry-run", "fail-on", "max-warnings"] as const) {
      if (values[option] !== undefined) throw new UsageError(`--${option} is an option of linting, not of statelint graph.`);
    }
    return { command: "graph", format: oneOf(values.format, GRAPH_FORMATS, "format", "mermaid"), ...inputArgs(values, rest) };
  }

  if (positionals.length === 0) throw new UsageError("no input given: name files, directories or globs to lint, or - to read stdin.");
  if (values.fix && values["fix-dry-run"]) throw new UsageError("--fix and --fix-dry-run cannot be combined: choose one.");
  if (values.fix && positionals.includes("-")) throw new UsageError("--fix cannot write back to stdin; use --fix-dry-run to see the fixes as a diff.");
  if (values.color && values["no-color"]) throw new UsageError("--color and --no-color cannot be combined.");
  const maxWarningsText = values["max-warnings"];
  let maxWarnings: number | undefined;
  if (maxWarningsText !== undefined) {
    if (!/^\d+$/.test(maxWarningsText)) throw new UsageError(`--max-warnings expects a non-negative integer, not "${maxWarningsText}".`);
    maxWarnings = Number(maxWarningsText);
  }
  return {
    command: "lint",
    format: oneOf(values.format, FORMATS, "format", "stylish"),
    failOn: oneOf(values["fail-on"], SEVERITIES, "fail-on", "error"),
    maxWarnings,
    fix: values.fix ?? false,
    fixDryRun: values["fix-dry-run"] ?? false,
    color: values.color ? true : values["no-color"] ? false : undefined,
    stats: values.stats ?? false,
    ...inputArgs(values, positionals),
  };
}

interface InputOptionValues {
  readonly "output-file"?: string | undefined;
  readonly config?: string | undefined;
  readonly rule?: string[] | undefined;
  readonly policy?: string[] | undefined;
  readonly "kubernetes-version"?: string | undefined;
  readonly namespace?: string | undefined;
  readonly quiet?: boolean | undefined;
  readonly "stdin-filename"?: string | undefined;
}

function inputArgs(values: InputOptionValues, inputs: readonly string[]): InputArgs {
  const kubernetesVersion = values["kubernetes-version"];
  if (kubernetesVersion !== undefined && !/^1\.\d+$/.test(kubernetesVersion)) {
    throw new UsageError(`--kubernetes-version expects a minor version such as 1.30, not "${kubernetesVersion}".`);
  }
  const unshipped = kubernetesVersionProblem(kubernetesVersion);
  if (unshipped) throw new UsageError(`--kubernetes-version ${kubernetesVersion}: ${unshipped}`);
  if (values.namespace === "") throw new UsageError("--namespace must not be empty.");
  return {
    inputs,
    outputFile: values["output-file"],
    config: values.config,
    rules: ruleLevels(values.rule ?? []),
    policies: values.policy ?? [],
    kubernetesVersion,
    namespace: values.namespace,
    quiet: values.quiet ?? false,
    stdinFilename: values["stdin-filename"],
  };
}
