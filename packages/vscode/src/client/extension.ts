import { commands, window, workspace, type ExtensionContext } from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node.js";
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

export async function activate(context: ExtensionContext): Promise<void> {
  context.subscriptions.push(
    workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("statelint")) void restart(context);
    }),
    workspace.onDidGrantWorkspaceTrust(() => void restart(context)),
    commands.registerCommand("statelint.restartServer", () => restart(context).then(() => window.setStatusBarMessage("statelint: server restarted", 3000))),
  );
  await restart(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
