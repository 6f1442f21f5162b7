// `node tools/bench/schema.mjs` (after `npm run build`): what offline schema validation costs.
//
// - cold start: a fresh Node process imports @statelint/schemas and validates one StatefulSet; the
//   time from import to the first result is what a one-file pre-commit run pays once;
// - throughput: the objects of fixtures/real-world validated again and again in one process, both
//   straight through the validators and through the two schema rules in the engine.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRegistry, lintTextsSync, objectsOf, parseSource, resolveConfig } from "@statelint/core";
import { builtinRules } from "@statelint/rules";
import { builtinSchema, DEFAULT_VERSION } from "@statelint/schemas";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CORPUS = `${ROOT}fixtures/real-world/`;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// The child prints JSON timings; it runs with this file's module resolution (the workspace root).
const COLD_START = `
const t0 = performance.now();
const { builtinSchema } = await import("@statelint/schemas");
const t1 = performance.now();
const problems = builtinSchema("${DEFAULT_VERSION}", "apps/v1", "StatefulSet").validate({
  apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "db" },
  spec: { serviceName: "db", selector: { matchLabels: { app: "db" } },
    template: { metadata: { labels: { app: "db" } }, spec: { containers: [{ name: "db", image: "postgres:16" }] } } },
});
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, firstValidationMs: t2 - t1, problems: problems.length }));
`;

function coldStart() {
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", COLD_START], { cwd: ROOT, encoding: "utf8" });
    if (result.status !== 0) throw new Error(result.stderr);
    samples.push(JSON.parse(result.stdout));
  }
  return {
    importMs: median(samples.map((sample) => sample.importMs)),
    firstValidationMs: median(samples.map((sample) => sample.firstValidationMs)),
    totalMs: median(samples.map((sample) => sample.importMs + sample.firstValidationMs)),
  };
}

function corpusTexts() {
  return readdirSync(CORPUS)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .map((name) => ({ path: name, text: readFileSync(CORPUS + name, "utf8") }));
}

function loop(body) {
  let objects = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  while (performance.now() < deadline) objects += body();
  return objects / ((performance.now() - started) / 1000);
}

function validatorThroughput(texts) {
  const objects = texts.flatMap(({ path, text }) => objectsOf(parseSource(path, text)));
  const pairs = objects.map((object) => ({ raw: object.raw, schema: builtinSchema(DEFAULT_VERSION, object.apiVersion, object.kind) })).filter((pair) => pair.schema);
  let problems = 0;
  const perSecond = loop(() => {
    for (const pair of pairs) problems += pair.schema.validate(pair.raw).length;
    return pairs.length;
  });
  return { objects: pairs.length, perSecond, problems };
}

// Parsing and the bundle dominate a lint run; the difference between a run with the two schema
// rules and one with no rule at all is what the rules add per object.
function ruleCost(texts) {
  const objectCount = texts.reduce((sum, { path, text }) => sum + objectsOf(parseSource(path, text)).length, 0);
  const rate = (rules) => {
    const registry = createRegistry(rules);
    const config = resolveConfig(registry).config;
    return loop(() => (lintTextsSync(texts, { registry, config }), objectCount));
  };
  const schemaRules = builtinRules.filter((rule) => rule.id.startsWith("schema-"));
  // One untimed pass of each first, so that neither measurement pays the JIT's warm-up.
  rate([]);
  rate(schemaRules);
  const bare = rate([]);
  const withSchema = rate(schemaRules);
  return { objects: objectCount, bare, withSchema, addedMicroseconds: Math.max(0, 1e6 / withSchema - 1e6 / bare) };
}

const cold = coldStart();
const texts = corpusTexts();
const direct = validatorThroughput(texts);
const rules = ruleCost(texts);

console.log(`schema cold start (median of ${RUNS} fresh processes, Kubernetes ${DEFAULT_VERSION}):`);
console.log(`  import @statelint/schemas      ${cold.importMs.toFixed(1)} ms`);
console.log(`  first StatefulSet validation   ${cold.firstValidationMs.toFixed(1)} ms  (reads the version index and its definition chunks)`);
console.log(`  import + first validation      ${cold.totalMs.toFixed(1)} ms  (median of the per-process sums)`);
console.log(`throughput on fixtures/real-world (${texts.length} files, ${SECONDS} s each):`);
console.log(`  definition walk                ${Math.round(direct.perSecond).toLocaleString("en")} objects/s  (${direct.objects} objects, ${direct.problems === 0 ? "no" : direct.problems} problems)`);
console.log(`  whole lint, no rules           ${Math.round(rules.bare).toLocaleString("en")} objects/s  (parse + bundle, ${rules.objects} objects)`);
console.log(`  whole lint, both schema rules  ${Math.round(rules.withSchema).toLocaleString("en")} objects/s  (${rules.addedMicroseconds > 0 ? `the rules add ${rules.addedMicroseconds.toFixed(1)} µs per object` : "what the rules add is below this measurement's noise"})`);
