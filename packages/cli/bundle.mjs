// Bundles the CLI with every statelint package it uses (core, rules, schemas, policy) and the
// third-party code they import into a few ESM chunks: one file to load instead of ~200 modules is
// what keeps a run on one file fast. This bundle is what bin/statelint.js runs in the repository
// (the tests spawn it); the published `statelint` package, which pre-commit installs too, is
// assembled separately by packages/statelint/bundle.mjs. Lazy imports stay lazy (code splitting).
//
// Two packages load files next to their own modules: schemas reads ../data/ and policy starts
// ./worker.js. In their bundled code `import.meta.url` is rewritten to the URL their module had
// before bundling (relative to the chunk), so those files are read from packages/schemas/data and
// packages/policy/dist as before.
import { readFile, rm } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { inlineMermaid } from "../graph/build/inline-mermaid.mjs";

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
      // Every chunk lands in outdir itself (no subfolders), so one relative path serves all of them.
      const original = relative(outdir, args.path).split(sep).join("/");
      return { contents: source.replaceAll("import.meta.url", `new URL(${JSON.stringify(original)}, import.meta.url).href`), loader: "js" };
    });
  },
};

// Chunk names carry content hashes: start empty so no stale chunk is left to ship.
await rm(outdir, { recursive: true, force: true });

await build({
  entryPoints: { main: "dist/main.js", "parse-worker": "dist/parse-worker.js" },
  outdir,
  absWorkingDir: here,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  legalComments: "none",
  external: ["@microsoft/sarif-multitool"],
  plugins: [keepModuleLocation, inlineMermaid],
  // yaml and ajv ship CommonJS that requires Node built-ins; give the ESM chunks a real `require`.
  banner: { js: 'import { createRequire as __statelintCreateRequire } from "node:module"; const require = __statelintCreateRequire(import.meta.url);' },
  logLevel: "warning",
});
