// `npm run bench`: lints the generated 10,000-object corpus, one small file (with the CLI's compile
// cache, then without it, as a first run; and without NODE_EXTRA_CA_CERTS where it is set) and one
// file of 100,000 ConfigMaps with the real CLI, from process start to exit, and prints wall time,
// CPU time (the process's, and its main thread's), objects per second and peak memory; then the
// floor on the same machine (Node start; reading the corpus; reading and lexing it with `yaml`'s
// lexer) and statelint's ratio to it.
//   BENCH_RUNS=5 (runs per measure), BENCH_ONLY=corpus,single,large,floor (default all)
//   BENCH_BASE=<another checkout, built>: runs its CLI and this one's alternately on the same
//   inputs and prints both, because this machine's speed drifts by 2-3x over a day and only
//   figures taken back to back compare.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { generateCorpus, writeConfigMapFile, writeSingleFile } from "./generate-corpus.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORK = join(ROOT, ".bench");
const CLI = join(ROOT, "packages/cli/bin/statelint.js");
const USAGE = join(ROOT, "tools/bench/report-usage.mjs");
const FLOOR = join(ROOT, "tools/bench/floor.mjs");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BASE = process.env.BENCH_BASE;
const BASE_CLI = BASE ? join(BASE, "packages/cli/bin/statelint.js") : undefined;
const ONLY = new Set((process.env.BENCH_ONLY ?? "corpus,single,large,floor").split(","));

function measure(args, cli = CLI) {
  return measureNode([cli, ...args]);
}

/** Variables added to the measured process's environment (the uncached small-file measure). */
let measuredEnv = {};

function measureNode(args) {
  const usageFile = join(WORK, "usage.json");
  rmSync(usageFile, { force: true });
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--import", USAGE, ...args], {
    cwd: ROOT,
    env: { ...process.env, STATELINT_BENCH_FD: "3", NO_COLOR: "1", ...measuredEnv },
    stdio: ["ignore", "ignore", "pipe", "pipe"],
    maxBuffer: 1 << 28,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`statelint exited ${result.status}: ${result.stderr}`);
  const usage = JSON.parse(String(result.output[3]).trim().split("\n").pop());
  return { wallMs, maxRssMiB: usage.maxRssKiB / 1024, cpuMs: usage.cpuMs, mainThreadCpuMs: usage.mainThreadCpuMs };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function summarize(samples) {
  const mainThread = samples.map((sample) => sample.mainThreadCpuMs).filter((value) => value !== undefined);
  return {
    medianMs: median(samples.map((sample) => sample.wallMs)),
    minMs: Math.min(...samples.map((sample) => sample.wallMs)),
    maxRssMiB: Math.max(...samples.map((sample) => sample.maxRssMiB)),
    cpuMs: median(samples.map((sample) => sample.cpuMs)),
    mainThreadCpuMs: mainThread.length ? median(mainThread) : undefined,
  };
}

mkdirSync(WORK, { recursive: true });
const corpusDir = join(WORK, "corpus");
const corpus = generateCorpus(corpusDir);
const single = join(WORK, "single.yaml");
writeSingleFile(single);
const large = join(WORK, "configmaps-100k.yaml");
const largeFile = ONLY.has("large") ? writeConfigMapFile(large) : undefined;
const version = JSON.parse(readFileSync(join(ROOT, "packages/cli/package.json"), "utf8")).version;
// CPU: the whole process's (V8 compiles and collects garbage on other threads too), and the main
// thread's alone, which other processes' load barely moves.
const cpu = (runs) => `CPU ${runs.cpuMs.toFixed(0)} ms${runs.mainThreadCpuMs === undefined ? "" : ` (main thread ${runs.mainThreadCpuMs.toFixed(0)})`}`;
const line = (runs) => `wall ${runs.medianMs.toFixed(0)} ms (min ${runs.minMs.toFixed(0)}), ${cpu(runs)}, peak RSS ${runs.maxRssMiB.toFixed(0)} MiB`;
const compared = {};
/** Runs a CLI measure `count` times; with BENCH_BASE, the base CLI runs just before each. */
function runs(count, args, run = measure) {
  if (!BASE_CLI || run !== measure) return summarize(Array.from({ length: count }, () => run(args)));
  const base = [];
  const now = [];
  for (let index = 0; index < count; index++) {
    base.push(measure(args, BASE_CLI));
    now.push(measure(args));
  }
  compared.base = summarize(base);
  return summarize(now);
}
/** The base's figures for the measure just taken, when comparing. */
const baseLine = () => (BASE_CLI ? `\n    base (${BASE}): ${line(compared.base)}` : "");

console.log(`statelint ${version}, node ${process.version}, ${RUNS} runs each (median)${BASE ? `, alternating with ${BASE}` : ""}`);
let corpusRuns;
if (ONLY.has("corpus")) {
  corpusRuns = runs(RUNS, [corpusDir]);
  console.log(`corpus: ${corpus.files} files, ${corpus.objects} objects, ${(corpus.bytes / 1e6).toFixed(2)} MB`);
  console.log(`  ${line(corpusRuns)}, ${Math.round(corpus.objects / (corpusRuns.medianMs / 1000))} objects/s${baseLine()}`);
}
if (ONLY.has("single")) {
  measure([single]);
  if (BASE_CLI) measure([single], BASE_CLI);
  console.log(`single small file: ${line(runs(RUNS * 2, [single]))}${baseLine()}`);
  // A first run after an install or a build compiles the bundle: the same without the compile cache.
  measuredEnv = { NODE_DISABLE_COMPILE_CACHE: "1" };
  console.log(`single small file, compile cache off (a first run): ${line(runs(RUNS * 2, [single]))}${baseLine()}`);
  measuredEnv = {};
  // Node reads the certificates NODE_EXTRA_CA_CERTS names at start, before any JavaScript runs:
  // on a machine that sets it, the small file is measured without it too, beside Node's own start.
  if (process.env.NODE_EXTRA_CA_CERTS) {
    measuredEnv = { NODE_EXTRA_CA_CERTS: "" };
    const bare = runs(RUNS, ["-e", "0"], measureNode);
    console.log(`single small file, NODE_EXTRA_CA_CERTS unset (node -e 0: ${bare.medianMs.toFixed(0)} ms): ${line(runs(RUNS * 2, [single]))}${baseLine()}`);
    measuredEnv = {};
  }
}
if (largeFile) {
  // Fewer runs: each takes many seconds.
  const largeRuns = runs(Math.max(1, Math.ceil(RUNS / 2)), [large]);
  console.log(`one file of ${largeFile.objects} ConfigMaps, ${(largeFile.bytes / 1e6).toFixed(2)} MB: ${line(largeRuns)}, ${Math.round(largeFile.objects / (largeRuns.medianMs / 1000))} objects/s${baseLine()}`);
}
if (ONLY.has("floor")) {
  const start = runs(RUNS, ["-e", "0"], measureNode);
  const read = runs(RUNS, [FLOOR, corpusDir], measureNode);
  const lexed = runs(RUNS, [FLOOR, "--lex", corpusDir], measureNode);
  console.log(`floor: node start ${start.medianMs.toFixed(0)} ms; reading the corpus ${read.medianMs.toFixed(0)} ms; reading and lexing it (yaml Lexer) ${lexed.medianMs.toFixed(0)} ms, peak RSS ${lexed.maxRssMiB.toFixed(0)} MiB`);
  if (corpusRuns) console.log(`  statelint on the corpus takes ${(corpusRuns.medianMs / lexed.medianMs).toFixed(1)}× the floor (read + lex) and ${(corpusRuns.maxRssMiB / lexed.maxRssMiB).toFixed(1)}× its memory`);
}
