#!/usr/bin/env node
import { format } from "node:util";
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection, type MessageReader } from "vscode-languageserver/node.js";
import { diagnosticsEncoder } from "./diagnostics-encoder.js";
import { startServer } from "./server.js";

/**
 * Over stdio the library's stream writer gets statelint's encoder, which serializes each
 * diagnostic once (diagnostics-encoder.ts). Handing the library streams instead of `--stdio` keeps
 * its exit when the client goes away, but not its console redirection: stdout is the protocol, so
 * console output goes to the client's log here.
 */
function stdioConnection(): Connection {
  const writer = new StreamMessageWriter(process.stdout, { charset: "utf-8", contentTypeEncoder: diagnosticsEncoder });
  // The declared overloads pair a stream with a stream; the library takes input and output apart.
  const connection = createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, writer);
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  console.dir = (item: unknown) => connection.console.log(format("%O", item));
  console.trace = (...args: unknown[]) => connection.console.log(`${format("Trace:", ...args)}\n${new Error().stack?.split("\n").slice(2).join("\n") ?? ""}`);
  return connection;
}

// The transport (--stdio, --node-ipc, --socket=N) comes from the command line, as LSP clients expect.
const connection = process.argv.includes("--stdio") ? stdioConnection() : createConnection(ProposedFeatures.all);

// A stray exception in a callback must not take the editor's diagnostics down with it.
process.on("uncaughtException", (error) => connection.console.error(`statelint: uncaught ${error.stack ?? String(error)}`));
process.on("unhandledRejection", (reason) => connection.console.error(`statelint: unhandled rejection ${reason instanceof Error ? reason.stack : String(reason)}`));

startServer(connection);
