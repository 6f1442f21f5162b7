// An esbuild plugin for bundles that carry `statelint graph`: @statelint/graph reads Mermaid's
// browser build from node_modules at run time; in a bundle its text goes into the chunk that only
// `--format html` loads, so an installed CLI or language server needs no mermaid package.
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const graphDist = resolve(dirname(fileURLToPath(import.meta.url)), "../dist");

/** @type {import("esbuild").Plugin} */
export const inlineMermaid = {
  name: "inline-mermaid",
  setup(build) {
    build.onLoad({ filter: /mermaid-script\.js$/ }, (args) => {
      if (args.path !== resolve(graphDist, "mermaid-script.js")) return undefined;
      return { contents: 'import script from "mermaid/dist/mermaid.min.js"; export function mermaidBrowserScript() { return script; }', resolveDir: graphDist, loader: "js" };
    });
    build.onLoad({ filter: /mermaid\.min\.js$/ }, async (args) => ({ contents: await readFile(args.path, "utf8"), loader: "text" }));
  },
};
