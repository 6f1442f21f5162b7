/**
 * Requests the statelint language server answers beyond LSP. Kept free of imports so the VS Code
 * client can share the names without bundling the server's code.
 */

/** `statelint/bundleGraph`: the picture of the bundle (workspace folder) holding `uri`. */
export const BUNDLE_GRAPH_REQUEST = "statelint/bundleGraph";

export interface BundleGraphParams {
  /** A workspace folder, or any file in one; a file outside every folder is a bundle of its own. */
  readonly uri: string;
  /** `html` (default): a self-contained page for a webview; `mermaid`, `json`, `dot` or `text` otherwise. */
  readonly format?: "html" | "mermaid" | "json" | "dot" | "text";
}

export interface BundleGraphResult {
  /** The bundle drawn: the workspace folder's path, or the file's. */
  readonly bundle: string;
  readonly format: NonNullable<BundleGraphParams["format"]>;
  readonly content: string;
  readonly nodes: number;
  readonly findings: number;
}
