// `node tools/bench/operator-schemas.mjs` (after `npm run build`): what the first validation of an
// operator kind costs. Each shipped operator kind has its validator compiled ahead of time into its own
// module (packages/schemas/data/operators/*.validators.cjs), loaded at the kind's first use in a
// process, so this is what a one-file pre-commit run pays for each operator kind in its files.
// Each kind is measured in fresh processes (median of BENCH_RUNS), after `@statelint/schemas` and
// the Kubernetes schema document are loaded, so the figure is that kind's own cost: loading its
// module and, as the object is invalid (`spec: {}`), deriving the field names its messages need.
// `cpuMs` (CPU time of the process for the kind) moves less than wall time on a busy machine.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { operatorKinds } from "@statelint/schemas";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const child = (apiVersion, kind) => `
const { isBuiltinKind, operatorSchema, DEFAULT_VERSION } = await import("@statelint/schemas");
isBuiltinKind(DEFAULT_VERSION, "v1", "ConfigMap");
const t1 = performance.now();
const cpu0 = process.cpuUsage();
const shipped = operatorSchema(${JSON.stringify(apiVersion)}, ${JSON.stringify(kind)});
const problems = shipped.schema.validate({ apiVersion: ${JSON.stringify(apiVersion)}, kind: ${JSON.stringify(kind)}, metadata: { name: "x" }, spec: {} });
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ firstValidationMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000, problems: problems.length }));
`;

const rows = [];
for (const { apiVersion, kind, origin } of operatorKinds()) {
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", child(apiVersion, kind)], { cwd: ROOT, encoding: "utf8" });
    if (result.status !== 0) throw new Error(result.stderr);
    samples.push(JSON.parse(result.stdout));
  }
  const cpu = samples.map((sample) => sample.cpuMs);
  rows.push({ kind: `${apiVersion} ${kind}`, release: `${origin.operator} ${origin.tag}`, firstValidationMs: Math.round(median(samples.map((sample) => sample.firstValidationMs))), cpuMs: Math.round(median(cpu)), cpuMinMs: Math.round(Math.min(...cpu)) });
}
console.table(rows);
