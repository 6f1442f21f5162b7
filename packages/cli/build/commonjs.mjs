// esbuild options for a CLI bundle in CommonJS, the format whose compiled code src/compile-cache.ts
// can keep on Node 20, and for that loader itself (CommonJS loads without Node's ESM machinery).
// The bundled modules are ES modules: `import.meta.url` and `import.meta.resolve` become the
// bundle file's own URL and a resolver from it.
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
