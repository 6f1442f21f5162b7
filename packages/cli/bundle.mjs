// Bundles the CLI with core, the rules and yaml into a few ESM chunks: one file to load instead
// of ~200 modules is what keeps a pre-commit run on one file fast. Lazy imports stay lazy
// (code splitting). Packages that load files next to their own modules (schema data, the
// policy worker) stay external and are resolved from node_modules at run time.
import { build } from "esbuild";

await build({
  entryPoints: { main: "dist/main.js" },
  outdir: "bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  legalComments: "none",
  external: ["@statelint/schemas", "@statelint/policy", "@microsoft/sarif-multitool"],
  // yaml and ajv ship CommonJS that requires Node built-ins; give the ESM chunks a real `require`.
  banner: { js: 'import { createRequire as __statelintCreateRequire } from "node:module"; const require = __statelintCreateRequire(import.meta.url);' },
  logLevel: "warning",
});
