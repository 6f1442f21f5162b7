// Bundles the CLI with every statelint package it uses (core, rules, schemas, policy, graph) and
// the third-party code they import into one CommonJS file, bundle/main.cjs, which bin/statelint.js
// loads through bundle/compile-cache.cjs: one file to load instead of ~200 modules, and its compiled
// code kept between runs, is what keeps a run on one small file fast (see src/compile-cache.ts).
// Beside it, an ES module: the parse worker, started for large inputs. This bundle is what the
// repository's bin runs (the tests spawn it); the published `statelint` package, which pre-commit
// installs too, is assembled separately by packages/statelint/bundle.mjs.
//
// Two packages load files next to their own modules: schemas reads ../data/ and policy starts
// ./worker.js. In their bundled code `import.meta.url` is rewritten to the URL their module had
// before bundling (relative to the bundle), so those files are read from packages/schemas/data and
// packages/policy/dist as before; `statelint graph` reads Mermaid from node_modules as unbundled.
import { readFile, rm } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { commonJsOptions, commonJsPlugins } from "./build/commonjs.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const outdir = resolve(here, "bundle");
const located = [resolve(here, "../schemas/dist"), resolve(here, "../policy/dist")];

/** @type {import("esbuild").Plugin} */
const keepModuleLocation = {
  name: "keep-module-location",
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!located.some((directory) => args.path.startsWith(directory + sep))) return undefined;
      const source = await readFile(args.path, "utf8");
      if (!source.includes("import.meta.url")) return { contents: source, loader: "js" };
      // Every output lands in outdir itself (no subfolders), so one relative path serves all of them.
      const original = relative(outdir, args.path).split(sep).join("/");
      return { contents: source.replaceAll("import.meta.url", `new URL(${JSON.stringify(original)}, import.meta.url).href`), loader: "js" };
    });
  },
};

await rm(outdir, { recursive: true, force: true });

const shared = { outdir, absWorkingDir: here, bundle: true, platform: "node", target: "node20", sourcemap: true, legalComments: "none", logLevel: "warning" };
await build({ ...shared, ...commonJsOptions, entryPoints: { main: "dist/main.js", "compile-cache": "dist/compile-cache.js" }, plugins: [...commonJsPlugins, keepModuleLocation] });
await build({
  ...shared,
  entryPoints: { "parse-worker": "dist/parse-worker.js" },
  format: "esm",
  // yaml ships CommonJS that requires Node built-ins; give the ESM output a real `require`.
  banner: { js: 'import { createRequire as __statelintCreateRequire } from "node:module"; const require = __statelintCreateRequire(import.meta.url);' },
});
