// Two bundles, as VS Code extensions ship them: the client (VS Code provides `vscode` at run time)
// and the language server with every statelint package inlined, so the .vsix needs no node_modules.
import { build } from "esbuild";
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const out = join(root, "out");
// VS Code 1.82 (the oldest engine declared) runs extensions on Node 18.
const common = { bundle: true, platform: "node", target: "node18", sourcemap: true, logLevel: "warning", absWorkingDir: root };
// The server is ESM because the schema and policy packages locate their data and worker with
// import.meta.url; CommonJS dependencies inside it still need a real `require`.
const esm = {
  ...common,
  format: "esm",
  banner: { js: 'import { createRequire as __statelintCreateRequire } from "node:module"; const require = __statelintCreateRequire(import.meta.url);' },
};

// The bundle picture inlines Mermaid's browser build into its page. The server reads it from a
// copy next to its bundle (out/server/mermaid.min.js) instead of from node_modules, which the
// .vsix does not ship, and only when a picture is asked for.
const graphDist = join(root, "../graph/dist");
const require = createRequire(join(graphDist, "index.js"));
/** @type {import("esbuild").Plugin} */
const mermaidBesideServer = {
  name: "mermaid-beside-server",
  setup(build) {
    build.onLoad({ filter: /mermaid-script\.js$/ }, (args) => {
      if (args.path !== join(graphDist, "mermaid-script.js")) return undefined;
      return {
        contents: 'import { readFileSync } from "node:fs"; let script; export function mermaidBrowserScript() { script ??= readFileSync(new URL("./mermaid.min.js", import.meta.url), "utf8"); return script; }',
        loader: "js",
      };
    });
  },
};

rmSync(out, { recursive: true, force: true });
const policyWorker = join(root, "../policy/src/worker.ts");
await Promise.all([
  build({ ...common, format: "cjs", entryPoints: [join(root, "src/client/extension.ts")], outfile: join(out, "extension.cjs"), external: ["vscode"] }),
  build({ ...esm, entryPoints: [join(root, "src/server/bin.ts")], outfile: join(out, "server/server.mjs"), plugins: [mermaidBesideServer] }),
  // The policy runtime starts `./worker.js` next to its own module, which is now the server bundle.
  ...(existsSync(policyWorker) ? [build({ ...esm, entryPoints: [policyWorker], outfile: join(out, "server/worker.js") })] : []),
]);
// `@statelint/schemas` reads `../data/` relative to its module: the bundle in out/server/.
const schemaData = join(root, "../schemas/data");
if (existsSync(schemaData)) cpSync(schemaData, join(out, "data"), { recursive: true });
mkdirSync(join(out, "server"), { recursive: true });
copyFileSync(require.resolve("mermaid/dist/mermaid.min.js"), join(out, "server", "mermaid.min.js"));
