// esbuild options for a CLI bundle in CommonJS, the format whose compiled code src/compile-cache.ts
// can keep on Node 20, and for that loader itself (CommonJS loads without Node's ESM machinery).
// The bundled modules are ES modules: `import.meta.url` and `import.meta.resolve` become the
// bundle file's own URL and a resolver from it.

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
export const commonJsPlugins = [ajvOnFirstUse];
