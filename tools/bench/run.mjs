// `npm run bench`: lints the generated 10,000-object corpus and one small file with the real CLI,
// from process start to exit, and prints wall time, objects per second and peak memory.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { generateCorpus, writeSingleFile } from "./generate-corpus.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORK = join(ROOT, ".bench");
const CLI = join(ROOT, "packages/cli/bin/statelint.js");
const USAGE = join(ROOT, "tools/bench/report-usage.mjs");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function measure(args) {
  const usageFile = join(WORK, "usage.json");
  rmSync(usageFile, { force: true });
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--import", USAGE, CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, STATELINT_BENCH_FD: "3", NO_COLOR: "1" },
    stdio: ["ignore", "ignore", "pipe", "pipe"],
    maxBuffer: 1 << 28,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`statelint exited ${result.status}: ${result.stderr}`);
  const usage = JSON.parse(String(result.output[3]).trim().split("\n").pop());
  return { wallMs, maxRssMiB: usage.maxRssKiB / 1024 };
}

function summarize(samples) {
  const walls = samples.map((sample) => sample.wallMs).sort((a, b) => a - b);
  return { medianMs: walls[Math.floor(walls.length / 2)], minMs: walls[0], maxRssMiB: Math.max(...samples.map((sample) => sample.maxRssMiB)) };
}

mkdirSync(WORK, { recursive: true });
const corpusDir = join(WORK, "corpus");
const corpus = generateCorpus(corpusDir);
const single = join(WORK, "single.yaml");
writeSingleFile(single);
const version = JSON.parse(readFileSync(join(ROOT, "packages/cli/package.json"), "utf8")).version;

measure([single]);
const singleRuns = summarize(Array.from({ length: RUNS * 2 }, () => measure([single])));
const corpusRuns = summarize(Array.from({ length: RUNS }, () => measure([corpusDir])));

console.log(`statelint ${version}, node ${process.version}, ${RUNS} runs each (median)`);
console.log(`corpus: ${corpus.files} files, ${corpus.objects} objects, ${(corpus.bytes / 1e6).toFixed(2)} MB`);
console.log(`  wall ${corpusRuns.medianMs.toFixed(0)} ms (min ${corpusRuns.minMs.toFixed(0)}), ${Math.round(corpus.objects / (corpusRuns.medianMs / 1000))} objects/s, peak RSS ${corpusRuns.maxRssMiB.toFixed(0)} MiB`);
console.log(`single small file: wall ${singleRuns.medianMs.toFixed(0)} ms (min ${singleRuns.minMs.toFixed(0)}), peak RSS ${singleRuns.maxRssMiB.toFixed(0)} MiB`);
