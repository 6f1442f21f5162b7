// Assembles the published `statelint` package: the CLI, its parse worker, the language server and
// the policy worker bundled with every statelint package and third-party module they use, so the
// package installs with no dependencies (`npm install` fetches nothing but its tarball). Beside
// the bundles: the Kubernetes schemas, the rule docs, Mermaid's browser build for `statelint graph`
// and the licences of what was bundled.
//
// The CLI is one CommonJS file, dist/statelint.cjs, which bin/statelint.js (a CommonJS script) loads through
// dist/compile-cache.cjs so its compiled code is kept between runs (packages/cli/src/compile-cache.ts);
// the rest are ES modules sharing chunks. Modules locate files next to their own module at run time,
// and find them here because the layout matches: the schema catalog reads `../data/` (data/ beside
// dist/), the policy runner starts `./worker.js` and the CLI `./parse-worker.js` (entry points of
// this bundle), the CLI reads `../package.json` for its version and the graph `./mermaid.min.js`.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { commonJsOptions, commonJsPlugins } from "../cli/build/commonjs.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const packages = resolve(here, "..");
const repository = resolve(packages, "..");
const outdir = join(here, "dist");

// The policy worker asks the OPA SDK for its table of JavaScript builtins by resolving a file inside
// the SDK's folder, which a bundle does not have: point that lookup at the bundled module instead.
const opaBuiltinsLookup = 'require(join(dirname(require.resolve("@open-policy-agent/opa-wasm")), "builtins", "index.js"))';
const opaBuiltins = join(dirname(fileURLToPath(import.meta.resolve("@open-policy-agent/opa-wasm"))), "builtins", "index.js");

/** @type {import("esbuild").Plugin} */
const bundledOpaBuiltins = {
  name: "bundled-opa-builtins",
  setup(build) {
    build.onLoad({ filter: /[\\/]policy[\\/]dist[\\/]worker\.js$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!source.includes(opaBuiltinsLookup)) throw new Error(`${args.path} no longer looks up the OPA builtins as ${opaBuiltinsLookup}; update packages/statelint/bundle.mjs`);
      const contents = `import * as __statelintOpaBuiltins from ${JSON.stringify(opaBuiltins)};\n${source.replace(opaBuiltinsLookup, "__statelintOpaBuiltins")}`;
      return { contents, loader: "js", resolveDir: dirname(args.path) };
    });
  },
};

/**
 * Mermaid's browser build (3 MB) is read from a file beside the bundles when `statelint graph
 * --format html` asks for it, rather than carried in a module every bundle would have to hold.
 * @type {import("esbuild").Plugin}
 */
const mermaidBesideBundle = {
  name: "mermaid-beside-bundle",
  setup(build) {
    build.onLoad({ filter: /[\\/]graph[\\/]dist[\\/]mermaid-script\.js$/ }, () => ({
      contents: 'import { readFileSync } from "node:fs"; let script; export function mermaidBrowserScript() { return (script ??= readFileSync(new URL("./mermaid.min.js", import.meta.url), "utf8")); }',
      loader: "js",
    }));
  },
};
const mermaid = createRequire(join(packages, "graph/package.json")).resolve("mermaid/dist/mermaid.min.js");

for (const folder of ["dist", "data", "docs", "rules"]) rmSync(join(here, folder), { recursive: true, force: true });

const shared = {
  outdir,
  absWorkingDir: here,
  bundle: true,
  platform: "node",
  target: "node20",
  // No source maps: they would double the package for stack traces users do not read.
  sourcemap: false,
  legalComments: "none",
  metafile: true,
  plugins: [bundledOpaBuiltins, mermaidBesideBundle],
  logLevel: "warning",
};
const commonJs = await build({
  ...shared,
  ...commonJsOptions,
  entryPoints: { statelint: join(packages, "cli/dist/main.js"), "compile-cache": join(packages, "cli/dist/compile-cache.js") },
  plugins: [...commonJsPlugins, ...shared.plugins],
});
const modules = await build({
  ...shared,
  entryPoints: {
    "parse-worker": join(packages, "cli/dist/parse-worker.js"),
    "language-server": join(packages, "vscode/dist/server/bin.js"),
    worker: join(packages, "policy/dist/worker.js"),
  },
  splitting: true,
  format: "esm",
  // CommonJS dependencies (yaml, ajv, vscode-languageserver) require Node built-ins; give the ESM chunks a real `require`.
  banner: { js: 'import { createRequire as __statelintCreateRequire } from "node:module"; const require = __statelintCreateRequire(import.meta.url);' },
});
const bundledFiles = [...Object.keys(commonJs.metafile.inputs), ...Object.keys(modules.metafile.inputs), relative(here, mermaid)];
cpSync(mermaid, join(outdir, "mermaid.min.js"));

cpSync(join(packages, "schemas/data"), join(here, "data"), { recursive: true });
mkdirSync(join(here, "docs/rules"), { recursive: true });
for (const name of readdirSync(join(repository, "docs/rules"))) if (name.endsWith(".md")) cpSync(join(repository, "docs/rules", name), join(here, "docs/rules", name));
// `statelint explain <id>` prints a rule's prose from rules/src/<id>/docs.md of the nearest
// @statelint/rules package folder; this is that folder, docs only.
for (const entry of readdirSync(join(repository, "rules/src"), { withFileTypes: true })) {
  const prose = join(repository, "rules/src", entry.name, "docs.md");
  if (entry.isDirectory() && existsSync(prose)) cpSync(prose, join(here, "rules/src", entry.name, "docs.md"));
}
writeFileSync(join(here, "rules/package.json"), `${JSON.stringify({ name: "@statelint/rules", private: true, description: "Rule prose for statelint explain" }, null, 2)}\n`);

/** Every third-party package the bundles contain, with its licence text, as its licence asks. */
function thirdPartyNotices() {
  const seen = new Map();
  for (const input of bundledFiles) {
    const absolute = resolve(here, input);
    const at = absolute.lastIndexOf(`${sep}node_modules${sep}`);
    if (at === -1) continue;
    const rest = absolute.slice(at + "/node_modules/".length).split(sep);
    const root = join(absolute.slice(0, at), "node_modules", ...rest.slice(0, rest[0].startsWith("@") ? 2 : 1));
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    if (seen.has(`${manifest.name}@${manifest.version}`)) continue;
    const licenceFile = readdirSync(root).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
    seen.set(`${manifest.name}@${manifest.version}`, { name: manifest.name, version: manifest.version, license: manifest.license, text: licenceFile ? readFileSync(join(root, licenceFile), "utf8").trim() : undefined });
  }
  const entries = [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
  const missing = entries.filter((entry) => !entry.license);
  if (missing.length) throw new Error(`no licence declared by bundled ${missing.map((entry) => entry.name).join(", ")}`);
  return [
    "# Third-party software bundled in statelint",
    "",
    "The files in `dist/` contain the following packages. Their licences follow.",
    "",
    "The operator schemas in `data/operators/` are derived from the operators' CustomResourceDefinitions",
    "(CloudNativePG, Crunchy PGO, Strimzi and MongoDB under Apache-2.0, Zalando under MIT, MySQL Operator",
    "under UPL-1.0, ECK under the Elastic License 2.0): `data/operators/index.json` names each source and",
    "`data/operators/licenses/` holds their licence texts.",
    "",
    ...entries.flatMap((entry) => [`## ${entry.name} ${entry.version} (${entry.license})`, "", entry.text ?? `Licensed under ${entry.license}; the package ships no licence file.`, ""]),
  ].join("\n");
}
writeFileSync(join(here, "THIRD_PARTY_LICENSES.md"), thirdPartyNotices());

// The bins are committed launchers; what they load must exist now.
for (const name of ["statelint.cjs", "compile-cache.cjs", "language-server.js", "parse-worker.js", "worker.js", "mermaid.min.js"]) {
  if (!existsSync(join(outdir, name))) throw new Error(`bundle is missing dist/${name}`);
}
console.log(`statelint package assembled in ${relative(process.cwd(), here) || "."}`);
