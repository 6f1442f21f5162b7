import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

let cached: string | undefined;

/**
 * Mermaid's browser build, which the HTML page inlines. Read from the installed `mermaid`
 * package; the CLI and editor bundles replace this module with the file's text at build time.
 */
export function mermaidBrowserScript(): string {
  cached ??= readFileSync(createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js"), "utf8");
  return cached;
}
