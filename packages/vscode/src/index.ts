export { startServer, type InitializationOptions, type ServerOptions } from "./server/server.js";
export { WorkspaceLintService, type BundleReport, type FileReport, type LintServiceOptions, type OpenDocument } from "./service/workspace-lint.js";
export { noFieldDescriptions, schemaFieldDescriptions, type FieldDescriber, type FieldQuery } from "./service/schema-docs.js";
export type { ManifestFileSystem } from "./service/file-system.js";
export { BUNDLE_GRAPH_REQUEST, type BundleGraphParams, type BundleGraphResult } from "./protocol.js";
