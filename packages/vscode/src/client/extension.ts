import { commands, ViewColumn, window, workspace, type ExtensionContext, type Uri } from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node.js";
import { BUNDLE_GRAPH_REQUEST, type BundleGraphParams, type BundleGraphResult } from "../protocol.js";
import type { InitializationOptions } from "../server/server.js";

let client: LanguageClient | undefined;

function createClient(context: ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath("out/server/server.mjs");
  const settings = workspace.getConfiguration("statelint");
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6019"] } },
  };
  const initializationOptions: InitializationOptions = {
    // Read at start; granting trust restarts the server so policies load then.
    trusted: workspace.isTrusted,
    run: settings.get<"onType" | "onSave">("run", "onType"),
    configPath: settings.get<string | null>("configPath", null),
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "yaml" },
      { scheme: "file", language: "json" },
      { scheme: "untitled", language: "yaml" },
    ],
    initializationOptions,
  };
  // The id "statelint" is what makes the `statelint.trace.server` setting apply.
  return new LanguageClient("statelint", "statelint", serverOptions, clientOptions);
}

async function restart(context: ExtensionContext): Promise<void> {
  const previous = client;
  client = undefined;
  await previous?.stop();
  if (!workspace.getConfiguration("statelint").get<boolean>("enable", true)) return;
  client = createClient(context);
  await client.start();
}

/** The folder of the active editor's file, else the first folder, else the active file alone. */
function bundleToDraw(): { uri: Uri; name: string } | undefined {
  const active = window.activeTextEditor?.document.uri;
  const folder = (active && workspace.getWorkspaceFolder(active)) ?? workspace.workspaceFolders?.[0];
  if (folder) return { uri: folder.uri, name: folder.name };
  return active ? { uri: active, name: active.path.split("/").pop() ?? active.path } : undefined;
}

/**
 * Asks the server for the bundle's picture and shows it in a webview. The page is the same
 * self-contained HTML `statelint graph --format html` writes: Mermaid inlined, and a content
 * security policy that lets it load nothing, so the webview needs no resource roots.
 */
async function showBundleGraph(): Promise<void> {
  if (!client) {
    void window.showWarningMessage("statelint: the language server is not running (is statelint.enable off?).");
    return;
  }
  const target = bundleToDraw();
  if (!target) {
    void window.showInformationMessage("statelint: open a folder or a manifest to draw its bundle.");
    return;
  }
  const params: BundleGraphParams = { uri: target.uri.toString(), format: "html" };
  const result = await client.sendRequest<BundleGraphResult | null>(BUNDLE_GRAPH_REQUEST, params);
  if (!result) {
    void window.showErrorMessage("statelint: the bundle could not be drawn; see the statelint output channel.");
    return;
  }
  const panel = window.createWebviewPanel("statelint.bundleGraph", `statelint: ${target.name}`, ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
  panel.webview.html = result.content;
}

export async function activate(context: ExtensionContext): Promise<void> {
  context.subscriptions.push(
    workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("statelint")) void restart(context);
    }),
    workspace.onDidGrantWorkspaceTrust(() => void restart(context)),
    commands.registerCommand("statelint.restartServer", () => restart(context).then(() => window.setStatusBarMessage("statelint: server restarted", 3000))),
    commands.registerCommand("statelint.showBundleGraph", showBundleGraph),
  );
  await restart(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
