import type { RuleRegistry } from "@statelint/core";
import { builtinRegistry } from "@statelint/rules";
import { isAbsolute, resolve } from "node:path";
import {
  CodeActionKind, DidChangeWatchedFilesNotification, FileChangeType, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeParams, type InitializeResult,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { isConfigPath } from "../service/configs.js";
import { isManifestPath } from "../service/file-system.js";
import type { PolicyLoader } from "../service/policies.js";
import { schemaFieldDescriptions, type FieldDescriber } from "../service/schema-docs.js";
import { WorkspaceLintService, type DiskChange, type FileReport } from "../service/workspace-lint.js";
import { BUNDLE_GRAPH_REQUEST, type BundleGraphParams, type BundleGraphResult } from "../protocol.js";
import { bundleGraph } from "./handlers/bundle-graph.js";
import { codeActions, FIX_ALL_KIND } from "./handlers/code-actions.js";
import { DiagnosticsPublisher } from "./handlers/diagnostics.js";
import { hover } from "./handlers/hover.js";
import { UriMap } from "./uris.js";

/** What a client may pass as `initializationOptions`. */
export interface InitializationOptions {
  /** Whether the workspace is trusted; user policies run only then. Defaults to false. */
  readonly trusted?: boolean;
  /** Lint as you type (default) or only on open and save. */
  readonly run?: "onType" | "onSave";
  /** A config file used instead of the nearest `.statelint.yaml` (relative to the first folder). */
  readonly configPath?: string | null;
  /** Quiet time after a keystroke before linting, in milliseconds (default 75). */
  readonly debounceMs?: number;
}

export interface ServerOptions {
  readonly registry?: RuleRegistry;
  readonly describer?: FieldDescriber;
  readonly loadPolicies?: PolicyLoader;
}

const DEFAULT_DEBOUNCE_MS = 75;
const DISK_CHANGE: Readonly<Record<number, DiskChange>> = {
  [FileChangeType.Created]: "created",
  [FileChangeType.Changed]: "changed",
  [FileChangeType.Deleted]: "deleted",
};

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

function foldersOf(params: InitializeParams, uris: UriMap): string[] {
  const folders = params.workspaceFolders?.map((folder) => uris.toPath(folder.uri)) ?? [];
  if (folders.length > 0) return folders;
  if (params.rootUri) return [uris.toPath(params.rootUri)];
  return params.rootPath ? [params.rootPath] : [];
}

/**
 * Wires the LSP protocol to the workspace lint service. Every handler is guarded: a bug shows up
 * in the client's log and as an empty answer, and the server keeps answering.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const registry = options.registry ?? builtinRegistry();
  const describer = options.describer ?? schemaFieldDescriptions;
  const documents = new TextDocuments(TextDocument);
  const uris = new UriMap();
  let service: WorkspaceLintService | undefined;
  let publisher: DiagnosticsPublisher | undefined;
  let runOnType = true;
  let watchRegistration = false;
  let folderNotifications = false;
  let folders: string[] = [];

  const guard = <A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R | Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await handler(...args);
      } catch (error) {
        connection.console.error(`statelint: ${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
        return fallback;
      }
    };

  const versionOf = (path: string) => documents.get(uris.toUri(path))?.version;
  const isManifestDocument = (document: TextDocument) =>
    document.languageId === "yaml" || document.languageId === "json" || isManifestPath(uris.toPath(document.uri));

  /** The report for the text the client has now, linting again if the last one is older. */
  const currentReport = async (uri: string): Promise<FileReport | undefined> => {
    const document = documents.get(uri);
    if (!service || !document) return undefined;
    const path = uris.toPath(uri);
    const last = service.lastReport(path);
    if (last && last.version === document.version) return last;
    return (await service.lint(service.bundleOf(path))).files.get(path);
  };

  connection.onInitialize((params): InitializeResult => {
    const init = record(params.initializationOptions) as InitializationOptions;
    folders = foldersOf(params, uris);
    const configPath = typeof init.configPath === "string" && init.configPath !== ""
      ? (isAbsolute(init.configPath) || folders[0] === undefined ? init.configPath : resolve(folders[0], init.configPath))
      : undefined;
    service = new WorkspaceLintService({
      registry,
      trusted: init.trusted === true,
      configPath,
      ...(options.loadPolicies ? { loadPolicies: options.loadPolicies } : {}),
    });
    service.setFolders(folders);
    runOnType = init.run !== "onSave";
    const debounceMs = typeof init.debounceMs === "number" && init.debounceMs >= 0 ? init.debounceMs : DEFAULT_DEBOUNCE_MS;
    publisher = new DiagnosticsPublisher(connection, service, uris, { debounceMs, versionOf });
    watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folderNotifications = params.capabilities.workspace?.workspaceFolders === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "statelint-language-server", version: "0.1.0" },
    };
  });

  connection.onInitialized(guard("initialized", undefined, async () => {
    if (watchRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/*.{yaml,yml,json}" }],
      });
    }
    if (folderNotifications) {
      connection.workspace.onDidChangeWorkspaceFolders(guard("workspace folders", undefined, (event) => {
        if (!service || !publisher) return;
        const removed = new Set(event.removed.map((folder) => uris.toPath(folder.uri)));
        folders = [...folders.filter((folder) => !removed.has(folder)), ...event.added.map((folder) => uris.toPath(folder.uri))];
        service.setFolders(folders);
        for (const bundle of service.openBundles()) publisher.schedule(bundle, 0);
      }));
    }
  }));

  const track = (document: TextDocument) => {
    if (!service || !isManifestDocument(document)) return undefined;
    const path = uris.remember(document.uri);
    service.updateDocument({ path, version: document.version, text: document.getText() });
    return path;
  };

  /** A config file can govern every folder below it; a manifest affects its own bundle. */
  const affectedBundles = (path: string): Iterable<string> => {
    if (!service) return [];
    return isConfigPath(path) ? new Set([...service.openBundles(), service.bundleOf(path)]) : [service.bundleOf(path)];
  };

  documents.onDidOpen(guard("open", undefined, (event) => {
    const path = track(event.document);
    if (path !== undefined && publisher) for (const bundle of affectedBundles(path)) publisher.schedule(bundle, 0);
  }));

  documents.onDidChangeContent(guard("change", undefined, (event) => {
    const path = track(event.document);
    if (path !== undefined && publisher && runOnType) for (const bundle of affectedBundles(path)) publisher.schedule(bundle);
  }));

  documents.onDidSave(guard("save", undefined, (event) => {
    if (!service || !publisher || !isManifestDocument(event.document)) return;
    const path = uris.toPath(event.document.uri);
    for (const bundle of service.diskChanged([{ path, change: "changed" }])) publisher.schedule(bundle, 0);
  }));

  documents.onDidClose(guard("close", undefined, (event) => {
    if (!service || !publisher || !isManifestDocument(event.document)) return;
    const path = uris.toPath(event.document.uri);
    service.closeDocument(path);
    publisher.clear(path);
    uris.forget(path);
    // The file's saved text now stands in for the buffer in the bundle.
    const bundle = service.bundleOf(path);
    if (service.openBundles().has(bundle)) publisher.schedule(bundle, 0);
  }));

  connection.onDidChangeWatchedFiles(guard("watched files", undefined, (params) => {
    if (!service || !publisher) return;
    const changes = params.changes.map((change) => ({ path: uris.toPath(change.uri), change: DISK_CHANGE[change.type] ?? "changed" }));
    const open = service.openBundles();
    for (const bundle of service.diskChanged(changes)) if (open.has(bundle)) publisher.schedule(bundle, 0);
  }));

  connection.onDidChangeConfiguration(guard("configuration", undefined, (params) => {
    const run = record(record(params.settings)["statelint"])["run"];
    if (run === "onType" || run === "onSave") runOnType = run === "onType";
  }));

  connection.onCodeAction(guard("code action", [], async (params) => {
    const report = await currentReport(params.textDocument.uri);
    return report ? codeActions(report, params, (path) => uris.toUri(path)) : [];
  }));

  connection.onHover(guard("hover", null, async (params) => {
    const report = await currentReport(params.textDocument.uri);
    return report ? hover(report, params.position, { registry, describer, kubernetesVersion: report.kubernetesVersion }) : null;
  }));

  connection.onRequest(BUNDLE_GRAPH_REQUEST, guard("bundle graph", null, async (params: BundleGraphParams): Promise<BundleGraphResult | null> => {
    if (!service || typeof params?.uri !== "string") return null;
    return bundleGraph(await service.lint(service.bundleOf(uris.toPath(params.uri))), params.format);
  }));

  connection.onShutdown(guard("shutdown", undefined, async () => {
    publisher?.dispose();
    await service?.dispose();
  }));

  documents.listen(connection);
  connection.listen();
}
