import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node.js";
import type { Diagnostic, PublishDiagnosticsParams } from "vscode-languageserver";

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SERVER_BIN = join(PACKAGE_DIR, "dist", "server", "bin.js");

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/** A throw-away workspace folder holding the given files. */
export function workspace(files: Record<string, string>): { root: string; path: (name: string) => string; uri: (name: string) => string; write: (name: string, text: string) => void; dispose: () => void } {
  const root = mkdtempSync(join(tmpdir(), "statelint-lsp-"));
  const write = (name: string, text: string) => {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  };
  for (const [name, text] of Object.entries(files)) write(name, text);
  return { root, path: (name) => join(root, name), uri: (name) => uriOf(join(root, name)), write, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * A minimal LSP client over the server's real stdio: it spawns the built server, speaks JSON-RPC
 * with Content-Length framing (vscode-jsonrpc), and records every publishDiagnostics.
 */
export class LspClient {
  readonly process: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  private waiters: { test: () => boolean; resolve: () => void }[] = [];
  private versions = new Map<string, number>();
  stderr = "";

  constructor(serverPath = SERVER_BIN) {
    this.process = spawn(process.execPath, [serverPath, "--stdio"], { stdio: "pipe" });
    this.process.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.wake();
    });
    this.connection.onNotification("window/logMessage", (params: { message: string }) => this.logs.push(params.message));
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.listen();
  }

  private wake(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.test()) return true;
      waiter.resolve();
      return false;
    });
  }

  async initialize(rootPath: string | undefined, initializationOptions: Record<string, unknown> = {}, capabilities: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const result = await this.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: rootPath ? uriOf(rootPath) : null,
      workspaceFolders: rootPath ? [{ uri: uriOf(rootPath), name: "root" }] : null,
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification("initialized", {});
    return result as Record<string, unknown>;
  }

  /** The latest diagnostics published for `uri`, or `undefined` when none were. */
  latest(uri: string): Diagnostic[] | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i]?.uri === uri) return this.published[i]?.diagnostics;
    return undefined;
  }

  /** Waits until the latest diagnostics of `uri` satisfy `predicate`. */
  diagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const test = () => {
        const latest = this.latest(uri);
        return latest !== undefined && predicate(latest);
      };
      if (test()) return resolve(this.latest(uri) as Diagnostic[]);
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.latest(uri))}\nstderr: ${this.stderr}\nlog: ${this.logs.join("\n")}`)), timeoutMs);
      this.waiters.push({ test, resolve: () => {
        clearTimeout(timer);
        resolve(this.latest(uri) as Diagnostic[]);
      } });
    });
  }

  /** Resolves on the next publishDiagnostics for `uri` (whatever it says). */
  nextPublish(uri: string, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const count = this.published.filter((params) => params.uri === uri).length;
    return new Promise((resolve, reject) => {
      const test = () => this.published.filter((params) => params.uri === uri).length > count;
      const timer = setTimeout(() => reject(new Error(`no publish for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ test, resolve: () => {
        clearTimeout(timer);
        resolve(this.latest(uri) as Diagnostic[]);
      } });
    });
  }

  open(uri: string, text: string, languageId = "yaml"): Promise<void> {
    this.versions.set(uri, 1);
    return this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (a full-document content change). */
  change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    return this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** An incremental change of one range. */
  edit(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    return this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  close(uri: string): Promise<void> {
    this.versions.delete(uri);
    return this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** shutdown, exit, and the process's exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.process.exitCode !== null) resolve(this.process.exitCode);
      else this.process.once("exit", (code) => resolve(code));
    });
    try {
      await this.connection.sendRequest("shutdown");
      await this.connection.sendNotification("exit");
    } catch {
      this.process.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
