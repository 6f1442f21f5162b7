#!/usr/bin/env node
import { createConnection, ProposedFeatures } from "vscode-languageserver/node.js";
import { startServer } from "./server.js";

// The transport (--stdio, --node-ipc, --socket=N) comes from the command line, as LSP clients expect.
const connection = createConnection(ProposedFeatures.all);

// A stray exception in a callback must not take the editor's diagnostics down with it.
process.on("uncaughtException", (error) => connection.console.error(`statelint: uncaught ${error.stack ?? String(error)}`));
process.on("unhandledRejection", (reason) => connection.console.error(`statelint: unhandled rejection ${reason instanceof Error ? reason.stack : String(reason)}`));

startServer(connection);
