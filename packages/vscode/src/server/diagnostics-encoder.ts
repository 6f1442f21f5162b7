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
  const { diagnostics } = message.params;
  // Indexed loops: a publish has hundreds of diagnostics, and iterators cost an object or two each
  // until the JIT has optimized them away.
  const pieces = new Array<Buffer>(diagnostics.length);
  let length = Buffer.byteLength(head) + Buffer.byteLength(tail) + pieces.length - 1;
  for (let index = 0; index < diagnostics.length; index++) length += (pieces[index] = jsonOf(diagnostics[index] as object)).length;
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
