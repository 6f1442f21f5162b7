import { PublishDiagnosticsNotification, type ContentTypeEncoder, type Message } from "vscode-languageserver/node.js";

/*
 * A publishDiagnostics of a long file is hundreds of kilobytes, and an edit sends it again with
 * most diagnostics unchanged: the publisher hands over the same Diagnostic instances, so each is
 * serialized once here and the message is put together from those pieces. Every other message,
 * and any diagnostic not seen before, is plain JSON.stringify, so the bytes parse to the same
 * message either way.
 */

/** The UTF-8 JSON of each Diagnostic object sent; diagnostics are never changed once published. */
const serialized = new WeakMap<object, Buffer>();

function jsonOf(diagnostic: object): Buffer {
  let json = serialized.get(diagnostic);
  if (json === undefined) serialized.set(diagnostic, (json = Buffer.from(JSON.stringify(diagnostic), "utf8")));
  return json;
}

/**
 * A publish's diagnostics in the runs the publisher made them in, one run per document whose
 * findings the linter kept: a run sent again is the same array, copied as one piece.
 */
export const publishedInRuns = new WeakMap<readonly object[], readonly (readonly object[])[]>();

/** The UTF-8 JSON of each run of diagnostics, comma-separated, without brackets. */
const serializedRuns = new WeakMap<readonly object[], Buffer>();

function jsonOfRun(run: readonly object[]): Buffer {
  let json = serializedRuns.get(run);
  if (json === undefined) {
    json = joined(run.map(jsonOf));
    serializedRuns.set(run, json);
  }
  return json;
}

/** Pieces of JSON joined with commas. */
function joined(pieces: readonly Buffer[]): Buffer {
  let length = Math.max(0, pieces.length - 1);
  for (let index = 0; index < pieces.length; index++) length += (pieces[index] as Buffer).length;
  const buffer = Buffer.allocUnsafe(length);
  let offset = 0;
  for (let index = 0; index < pieces.length; index++) {
    if (index > 0) buffer[offset++] = 0x2c;
    const piece = pieces[index] as Buffer;
    buffer.set(piece, offset);
    offset += piece.length;
  }
  return buffer;
}

/** The pieces of a publish's diagnostics: whole runs when the publisher said how it made them, else one per diagnostic. */
function piecesOf(diagnostics: readonly object[]): Buffer[] {
  const runs = publishedInRuns.get(diagnostics);
  if (runs !== undefined) {
    let count = 0;
    for (let index = 0; index < runs.length; index++) count += (runs[index] as readonly object[]).length;
    // Runs are only a shortcut: a publish put together otherwise is serialized diagnostic by diagnostic.
    if (count === diagnostics.length) {
      const pieces: Buffer[] = [];
      for (let index = 0; index < runs.length; index++) if ((runs[index] as readonly object[]).length > 0) pieces.push(jsonOfRun(runs[index] as readonly object[]));
      return pieces;
    }
  }
  const pieces = new Array<Buffer>(diagnostics.length);
  for (let index = 0; index < diagnostics.length; index++) pieces[index] = jsonOf(diagnostics[index] as object);
  return pieces;
}

interface Publish {
  readonly params: { readonly diagnostics: readonly object[] };
}

function isPublish(message: Message): message is Message & Publish {
  if (!("method" in message) || message.method !== PublishDiagnosticsNotification.method || !("params" in message)) return false;
  const diagnostics = (message.params as { diagnostics?: unknown } | undefined)?.diagnostics;
  return Array.isArray(diagnostics) && diagnostics.length > 0;
}

const EMPTY_LIST = '"diagnostics":[]';

/** `message` as UTF-8 JSON, each published diagnostic serialized once. */
export function encodeMessage(message: Message): Buffer {
  if (!isPublish(message)) return Buffer.from(JSON.stringify(message), "utf8");
  const shell = JSON.stringify({ ...message, params: { ...message.params, diagnostics: [] } });
  // Inside a JSON string a quote is escaped, so the one unescaped match is the key itself.
  const split = shell.lastIndexOf(EMPTY_LIST) + EMPTY_LIST.length - 1;
  const head = shell.slice(0, split);
  const tail = shell.slice(split);
  const pieces = piecesOf(message.params.diagnostics);
  // Indexed loops: a publish has hundreds of pieces, and iterators cost an object or two each
  // until the JIT has optimized them away.
  let length = Buffer.byteLength(head) + Buffer.byteLength(tail) + pieces.length - 1;
  for (let index = 0; index < pieces.length; index++) length += (pieces[index] as Buffer).length;
  const buffer = Buffer.allocUnsafe(length);
  let offset = buffer.write(head, 0);
  for (let index = 0; index < pieces.length; index++) {
    if (index > 0) buffer[offset++] = 0x2c;
    const piece = pieces[index] as Buffer;
    buffer.set(piece, offset);
    offset += piece.length;
  }
  buffer.write(tail, offset);
  return buffer;
}

/** `application/json` for vscode-jsonrpc's stream writer, always UTF-8 (the LSP default). */
export const diagnosticsEncoder: ContentTypeEncoder = {
  name: "application/json",
  encode: (message) => {
    try {
      return Promise.resolve(encodeMessage(message));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};
