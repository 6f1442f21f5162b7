// esbuild options for a CLI bundle in CommonJS, the format whose compiled code src/compile-cache.ts
// can keep on Node 20, and for that loader itself (CommonJS loads without Node's ESM machinery).
// The bundled modules are ES modules: `import.meta.url` and `import.meta.resolve` become the
// bundle file's own URL and a resolver from it.
import { createRequire } from "node:module";
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
 * `yaml` is needed only for YAML the common-YAML parser leaves to it (anchors, tags, flow
 * collections, syntax errors...), for floats and other rare numbers, and by `--fix`; yet its ~70
 * modules would be initialized at start-up by every run (and be put in the code cache). Its
 * importers get a stand-in module with the same exports, each a getter that loads `yaml` when a run
 * first reads one: `import { Parser } from "yaml"` reads `Parser` where it is used, not at import.
 * @type {import("esbuild").Plugin}
 */
const yamlOnFirstUse = {
  name: "yaml-on-first-use",
  setup(build) {
    const names = Object.keys(createRequire(new URL("package.json", core))("yaml"));
    build.onResolve({ filter: /^yaml$/ }, (args) => (args.namespace === "yaml-on-first-use" ? undefined : { path: "yaml", namespace: "yaml-on-first-use" }));
    build.onLoad({ filter: /.*/, namespace: "yaml-on-first-use" }, () => ({
      contents: [
        "let yaml;",
        `for (const name of ${JSON.stringify(names)}) Object.defineProperty(module.exports, name, { enumerable: true, get: () => (yaml ??= require("yaml"))[name] });`,
      ].join("\n"),
      resolveDir: fileURLToPath(core),
      loader: "js",
    }));
  },
};

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
export const commonJsPlugins = [ajvOnFirstUse, yamlOnFirstUse];
