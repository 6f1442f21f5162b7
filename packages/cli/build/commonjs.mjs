// esbuild options for a CLI bundle in CommonJS, the format whose compiled code src/compile-cache.ts
// can keep on Node 20, and for that loader itself (CommonJS loads without Node's ESM machinery).
// The bundled modules are ES modules: `import.meta.url` and `import.meta.resolve` become the
// bundle file's own URL and a resolver from it.
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// Core is the package that imports `yaml`.
const core = new URL("../../core/", import.meta.url);

/**
 * ajv is needed only by a run with a configuration file or CustomResourceDefinitions, yet every
 * module that imports it would initialize its ~60 modules at start-up (and put them in the code
 * cache). Its importers get a stand-in `Ajv` whose constructor loads ajv and returns the real
 * instance; the bundle keeps ajv as a CommonJS module initialized by that first `new Ajv()`.
 * @type {import("esbuild").Plugin}
 */
const ajvOnFirstUse = {
  name: "ajv-on-first-use",
  setup(build) {
    build.onResolve({ filter: /^ajv$/ }, (args) => (args.namespace === "ajv-on-first-use" ? undefined : { path: "ajv", namespace: "ajv-on-first-use" }));
    build.onLoad({ filter: /.*/, namespace: "ajv-on-first-use" }, () => ({
      contents: 'let ajv; export class Ajv { constructor(...options) { ajv ??= require("ajv"); return new ajv.Ajv(...options); } }',
      resolveDir: build.initialOptions.absWorkingDir,
      loader: "js",
    }));
  },
};

/**
 * A plugin that gives the importers of `specifier` a stand-in module with the same exports, each a
 * getter that requires the real module when a run first reads one: `import { Parser } from "yaml"`
 * reads `Parser` where it is used, not at import. The bundle keeps the real module as it was.
 * @param {string} name the plugin's name
 * @param {RegExp} filter the import specifiers to stand in for
 * @param {string} specifier what the stand-in requires
 * @param {string} resolveDir where that require resolves from
 * @returns {import("esbuild").Plugin}
 */
function loadedOnFirstRead(name, filter, specifier, resolveDir) {
  const names = Object.keys(createRequire(join(resolveDir, "package.json"))(specifier));
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, (args) => (args.namespace === name ? undefined : { path: specifier, namespace: name }));
      build.onLoad({ filter: /.*/, namespace: name }, () => ({
        contents: [
          "let loaded;",
          `for (const name of ${JSON.stringify(names)}) Object.defineProperty(module.exports, name, { enumerable: true, get: () => (loaded ??= require(${JSON.stringify(specifier)}))[name] });`,
        ].join("\n"),
        resolveDir,
        loader: "js",
      }));
    },
  };
}

/**
 * `yaml` is needed only for YAML the common-YAML parser leaves to it (anchors, tags, flow
 * collections, syntax errors...), for floats and other rare numbers, and by `--fix`; yet its ~70
 * modules would be initialized at start-up by every run (and be put in the code cache).
 */
const yamlOnFirstUse = loadedOnFirstRead("yaml-on-first-use", /^yaml$/, "yaml", fileURLToPath(core));

/**
 * Node built-ins most runs do not use: `node:v8` (the young generation's size, read once the heap
 * has grown) loads Node's heap utilities, `node:module` (createRequire, for the parse worker and the
 * operator schemas) its ES module loader. `statelint --version` runs ~4 M instructions fewer
 * without them (valgrind), a lint of one small file ~1 M.
 */
const builtinsOnFirstUse = [
  loadedOnFirstRead("v8-on-first-use", /^(node:)?v8$/, "node:v8", fileURLToPath(core)),
  loadedOnFirstRead("module-on-first-use", /^(node:)?module$/, "node:module", fileURLToPath(core)),
];

/** @type {import("esbuild").BuildOptions} */
export const commonJsOptions = {
  format: "cjs",
  // A third less to read and, on a run without a cache, to compile; names stay as they are.
  minifyWhitespace: true,
  outExtension: { ".js": ".cjs" },
  define: { "import.meta.url": "__statelintImportMetaUrl", "import.meta.resolve": "__statelintImportMetaResolve" },
  banner: {
    js: [
      'var __statelintImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
      'var __statelintImportMetaResolve = (specifier) => require("node:url").pathToFileURL(require.resolve(specifier)).href;',
    ].join("\n"),
  },
};

/** The plugins every CommonJS CLI bundle uses, before the build's own. */
export const commonJsPlugins = [ajvOnFirstUse, yamlOnFirstUse, ...builtinsOnFirstUse];
