import { appendFileSync, closeSync, openSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import {
  applyFixes, closestMatch, lintFiles, SEVERITY_RANK,
  type Finding, type FindingProvider, type Fix, type LintResult, type ResolvedConfig, type RuleRegistry, type TextEncoding,
} from "@statelint/core";
import { limitInlining } from "./inlining.js";
import { parseFiles } from "./parse.js";
import { builtinRegistry } from "@statelint/rules";
import { UsageError, type InputArgs, type LintArgs } from "./args.js";
import { colorEnabled } from "./color.js";
import { ConfigLoader, formatConfigProblem, policyPath } from "./config.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { loadFormatter } from "./formatters/index.js";
import type { Report } from "./formatters/report.js";
import { collectInputs, describeFsError, displayPath, IgnoreFile, readManifest, readManifestStream, writeManifest, type InputError } from "./inputs.js";
import { Progress } from "./progress.js";
import { now, RunStats, statsWanted } from "./stats.js";
import { toolVersion } from "./version.js";
import { limitYoungGeneration } from "./young-generation.js";

const MAX_FIX_PASSES = 10;
const STDIN_NAME = "<stdin>";

export interface Io {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
}

/** A linted input: where it lives on disk (absent for stdin), its name in reports, its text. */
interface Source {
  readonly absolute: string | undefined;
  readonly display: string;
  text: string;
  /** How the file was encoded, so fixes are written back the same way. */
  readonly encoding: TextEncoding;
  readonly config: ResolvedConfig;
}

function checkRuleIds(args: InputArgs, registry: RuleRegistry): void {
  for (const id of args.rules.keys()) {
    if (registry.byId.has(id) || id.startsWith("policy/") || id === "policy-error") continue;
    const suggestion = closestMatch(id, registry.byId.keys());
    throw new UsageError(`--rule names unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : "."} Run \`statelint rules\` for the list.`);
  }
}

/** Findings a user acts on: not suppressed, and only errors under `--quiet`. */
function isReported(finding: Finding, quiet: boolean): boolean {
  return !finding.suppression && (!quiet || finding.severity === "error");
}

async function loadProviders(args: InputArgs, loader: ConfigLoader, cwd: string) {
  const specs = [
    ...args.policies.map((path) => ({ path: resolve(cwd, path), declaredIn: "--policy" })),
    ...loader.configs().flatMap((config) => config.policies.map((policy) => ({ ...policy, path: policyPath(config.file, policy.path, cwd), declaredIn: config.file ?? "configuration" }))),
  ];
  if (specs.length === 0) return undefined;
  // The policy runtime (WebAssembly, workers) is loaded only by runs that use policies.
  const { loadPolicies } = await import("@statelint/policy");
  return loadPolicies(specs);
}

interface LintSetup {
  readonly registry: RuleRegistry;
  readonly providers: readonly FindingProvider[];
  /** The working directory's configuration, for findings outside any linted file. */
  readonly fallback: ResolvedConfig;
  readonly stats: RunStats | undefined;
}

async function lintSources(sources: readonly Source[], setup: LintSetup): Promise<LintResult> {
  const configs = new Map(sources.map((source) => [source.display, source.config]));
  const stats = setup.stats;
  const parseStarted = now();
  const parsed = await parseFiles(sources.map((source) => ({ path: source.display, text: source.text })));
  const lintStarted = now();
  stats?.add("parse", lintStarted - parseStarted);
  limitInlining(parsed.reduce((objects, file) => objects + file.documents.length, 0));
  const result = await lintFiles(parsed, {
    registry: setup.registry,
    config: sources[0]?.config ?? setup.fallback,
    configFor: (path) => configs.get(path) ?? setup.fallback,
    providers: setup.providers,
    ...(stats ? { ruleTimings: stats.ruleTimings } : {}),
  });
  stats?.addLint(now() - lintStarted, setup.registry);
  return result;
}

/**
 * Applies fixes and lints again until nothing more is fixable (at most MAX_FIX_PASSES), as ESLint
 * does: a fix may make another possible, and overlapping fixes wait for the next pass.
 */
async function fixLoop(sources: readonly Source[], setup: LintSetup, quiet: boolean): Promise<{ result: LintResult; fixed: number }> {
  let fixed = 0;
  for (let pass = 1; ; pass++) {
    const result = await lintSources(sources, setup);
    if (pass > MAX_FIX_PASSES) return { result, fixed };
    const fixesByFile = new Map<string, Fix[]>();
    for (const finding of result.findings) {
      if (!finding.fix || !isReported(finding, quiet)) continue;
      const list = fixesByFile.get(finding.file);
      if (list) list.push(finding.fix);
      else fixesByFile.set(finding.file, [finding.fix]);
    }
    let changed = false;
    for (const source of sources) {
      const fixes = fixesByFile.get(source.display);
      if (!fixes) continue;
      const outcome = applyFixes(source.text, fixes);
      if (outcome.applied === 0 || outcome.text === source.text) continue;
      source.text = outcome.text;
      fixed += outcome.applied;
      changed = true;
    }
    if (!changed) return { result, fixed };
  }
}

/**
 * A reader that stops early (`statelint … | head`) closes the pipe under the report: as Unix tools
 * do, the rest of the report is dropped quietly rather than crashing on the write error.
 */
function ignoreClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== "EPIPE") throw error;
}

export async function writeOutput(output: string | Iterable<string>, outputFile: string | undefined, io: Io): Promise<InputError | undefined> {
  const pieces = typeof output === "string" ? [output] : output;
  if (!outputFile) {
    if (!io.stdout.listeners("error").includes(ignoreClosedPipe)) io.stdout.on("error", ignoreClosedPipe);
    for (const piece of pieces) {
      if (io.stdout.destroyed) break;
      io.stdout.write(piece);
    }
    return undefined;
  }
  let descriptor: number | undefined;
  try {
    descriptor = openSync(resolve(io.cwd, outputFile), "w");
    for (const piece of pieces) writeSync(descriptor, piece);
    return undefined;
  } catch (error) {
    return { path: outputFile, message: `cannot write the report: ${describeFsError(error)}` };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

async function unifiedDiff(before: readonly { display: string; text: string }[], after: readonly Source[]): Promise<string> {
  const { createTwoFilesPatch } = await import("diff");
  let patch = "";
  after.forEach((source, index) => {
    const original = before[index]!.text;
    if (original === source.text) return;
    // a/ and b/ prefixes make the output apply with `git apply` or `patch -p1` from the working directory.
    patch += createTwoFilesPatch(`a/${source.display}`, `b/${source.display}`, original, source.text, undefined, undefined, { context: 3 }).replace(/^={67}\n/, "");
  });
  return patch;
}

function exitCodeFor(reported: readonly Finding[], args: LintArgs, io: Io): number {
  const threshold = SEVERITY_RANK[args.failOn];
  if (reported.some((finding) => SEVERITY_RANK[finding.severity] >= threshold)) return EXIT_FINDINGS;
  const warnings = reported.filter((finding) => finding.severity === "warning").length;
  if (args.maxWarnings !== undefined && warnings > args.maxWarnings) {
    io.stderr.write(`statelint: ${warnings} warnings, more than --max-warnings ${args.maxWarnings} allows.\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

/** The manifests of a run, read with their configurations, ready to lint. */
interface PreparedRun {
  readonly registry: RuleRegistry;
  readonly sources: Source[];
  readonly errors: InputError[];
  readonly setup: LintSetup;
  readonly progress: Progress | undefined;
  readonly fileCount: number;
  readonly close: () => Promise<void>;
}

/**
 * Collects the inputs, reads them with the configuration found for each, and loads policies:
 * everything linting and `statelint graph` share. Returns an exit code when nothing can be linted
 * (a broken configuration).
 */
async function prepareRun(args: InputArgs, io: Io, stats?: RunStats): Promise<PreparedRun | number> {
  const registry = builtinRegistry();
  checkRuleIds(args, registry);
  const errors: InputError[] = [];

  const loader = new ConfigLoader(registry, { rules: args.rules, kubernetesVersion: args.kubernetesVersion, namespace: args.namespace }, io.cwd, args.config);
  await loader.loadExplicit();
  const ignores = await IgnoreFile.load(io.cwd);

  const readStarted = now();
  const collected = await collectInputs(args.inputs, io.cwd, ignores);
  errors.push(...collected.errors);
  const sources: Source[] = [];
  const progress = Progress.enabled(io, collected.files.length) ? new Progress(collected.files.length, io.stderr, "Reading") : undefined;
  try {
    for (const [index, absolute] of collected.files.entries()) {
      progress?.update(index + 1, displayPath(absolute, io.cwd));
      const { config, isIgnored } = await loader.forFile(absolute);
      if (isIgnored(absolute)) continue;
      try {
        sources.push({ absolute, display: displayPath(absolute, io.cwd), ...readManifest(absolute), config });
      } catch (error) {
        errors.push({ path: displayPath(absolute, io.cwd), message: `cannot read: ${describeFsError(error)}` });
      }
      limitYoungGeneration();
    }
    if (collected.stdin) {
      const named = args.stdinFilename ? resolve(io.cwd, args.stdinFilename) : undefined;
      const { config } = named ? await loader.forFile(named) : await loader.forFile(io.cwd, true);
      sources.push({ absolute: undefined, display: args.stdinFilename ? displayPath(named!, io.cwd) : STDIN_NAME, ...(await readManifestStream(io.stdin)), config });
    }
  } finally {
    progress?.clear();
  }

  stats?.add("read", now() - readStarted);
  const fallback = (await loader.forFile(io.cwd, true)).config;
  if (loader.problems.length > 0) {
    progress?.clear();
    for (const problem of loader.problems) io.stderr.write(`${formatConfigProblem(problem)}\n`);
    io.stderr.write(`statelint: fix the configuration above; nothing was linted.\n`);
    return EXIT_USAGE;
  }

  if (sources.length === 0 && errors.length === 0) io.stderr.write("statelint: no .yaml, .yml or .json files to lint in the given paths (or all of them are ignored).\n");
  const policies = await loadProviders(args, loader, io.cwd);
  return {
    registry,
    sources,
    errors,
    setup: { registry, providers: policies?.providers ?? [], fallback, stats },
    progress,
    fileCount: collected.files.length,
    close: async () => {
      progress?.clear();
      await policies?.close();
    },
  };
}

/** Lints the inputs once, as linting does: what `statelint graph` draws. */
export async function lintInputs(args: InputArgs, io: Io): Promise<{ result: LintResult; reported: readonly Finding[]; errors: InputError[] } | number> {
  const run = await prepareRun(args, io);
  if (typeof run === "number") return run;
  let result: LintResult;
  try {
    run.progress?.update(run.fileCount, "running rules");
    result = await lintSources(run.sources, run.setup);
  } finally {
    await run.close();
  }
  return { result, reported: result.findings.filter((finding) => isReported(finding, args.quiet)), errors: run.errors };
}

export function reportInputErrors(errors: readonly InputError[], io: Io): void {
  for (const error of errors) io.stderr.write(`statelint: ${error.path}: ${error.message}\n`);
}

/** Appends the bundle picture to the GitHub job summary, as Actions' own steps do. */
async function appendStepSummary(path: string, result: LintResult, reported: readonly Finding[], io: Io): Promise<InputError | undefined> {
  const [{ buildGraph, renderMermaid }, { stepSummary }] = await Promise.all([import("@statelint/graph"), import("./formatters/github.js")]);
  try {
    appendFileSync(resolve(io.cwd, path), stepSummary(reported, renderMermaid(buildGraph(result.bundle, reported))));
    return undefined;
  } catch (error) {
    return { path, message: `cannot append the picture to $GITHUB_STEP_SUMMARY: ${describeFsError(error)}` };
  }
}

export async function runLint(args: LintArgs, io: Io): Promise<number> {
  const stats = statsWanted(args.stats, io.env) ? new RunStats() : undefined;
  const run = await prepareRun(args, io, stats);
  if (typeof run === "number") return run;
  const { registry, sources, errors, setup } = run;
  const reportErrors = () => reportInputErrors(errors, io);
  let result: LintResult;
  let fixed = 0;
  const original = sources.map((source) => ({ display: source.display, text: source.text }));
  try {
    run.progress?.update(run.fileCount, "running rules");
    if (args.fix || args.fixDryRun) ({ result, fixed } = await fixLoop(sources, setup, args.quiet));
    else result = await lintSources(sources, setup);
  } finally {
    await run.close();
  }

  const reported = result.findings.filter((finding) => isReported(finding, args.quiet));
  if (args.fixDryRun) {
    const failure = await writeOutput(await unifiedDiff(original, sources), args.outputFile, io);
    if (failure) errors.push(failure);
    const changedFiles = sources.filter((source, index) => source.text !== original[index]!.text).length;
    io.stderr.write(`statelint: --fix-dry-run: ${fixed} fix${fixed === 1 ? "" : "es"} in ${changedFiles} file${changedFiles === 1 ? "" : "s"} (nothing written); ${reported.length} problem${reported.length === 1 ? "" : "s"} would remain.\n`);
    reportErrors();
    return errors.length ? EXIT_USAGE : exitCodeFor(reported, args, io);
  }

  if (args.fix) {
    sources.forEach((source, index) => {
      if (source.absolute === undefined || source.text === original[index]!.text) return;
      try {
        writeManifest(source.absolute, source.text, source.encoding);
      } catch (error) {
        errors.push({ path: source.display, message: `cannot write the fixes: ${describeFsError(error)}` });
      }
    });
  }

  const report: Report = {
    toolVersion: toolVersion(),
    registry,
    files: sources.map((source) => source.display),
    texts: new Map(sources.map((source) => [source.display, source.text])),
    cwd: io.cwd,
    findings: reported,
    suppressed: result.findings.filter((finding) => finding.suppression),
    color: args.outputFile === undefined && colorEnabled(args.color, io.stdout.isTTY === true, io.env),
  };
  const reportStarted = now();
  const formatter = await loadFormatter(args.format);
  const failure = await writeOutput(formatter(report), args.outputFile, io);
  stats?.add("report", now() - reportStarted);
  if (failure) errors.push(failure);
  const summary = io.env["GITHUB_STEP_SUMMARY"];
  if (args.format === "github" && summary) {
    const summaryFailure = await appendStepSummary(summary, result, reported, io);
    if (summaryFailure) errors.push(summaryFailure);
  }
  if (stats) io.stderr.write(stats.format(sources.length, result.bundle.objects.length));
  if (args.fix && fixed > 0) io.stderr.write(`statelint: applied ${fixed} fix${fixed === 1 ? "" : "es"}.\n`);
  reportErrors();
  return errors.length ? EXIT_USAGE : exitCodeFor(reported, args, io);
}
