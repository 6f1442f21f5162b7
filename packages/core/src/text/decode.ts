/**
 * The encodings YAML 1.2 allows (§5.2): UTF-8, and UTF-16 and UTF-32 in either byte order. Files
 * saved by Windows tools (PowerShell's `Out-File`, Notepad's "Unicode") are UTF-16 with a
 * byte-order mark; without decoding, their NUL bytes make them look binary.
 */
export type TextEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "utf-32le" | "utf-32be";

export interface DecodedText {
  /** The text, without its byte-order mark. */
  readonly text: string;
  /** What the bytes were, so a fix can be written back the same way. */
  readonly encoding: TextEncoding;
}

// Both exist in every runtime core runs in (Node, browsers); core compiles without DOM or Node types.
declare const TextDecoder: new (label: string) => { decode(bytes: Uint8Array): string };
declare const TextEncoder: new () => { encode(text: string): Uint8Array };

/** Checked longest first: a UTF-32LE mark starts with the UTF-16LE one. */
const BYTE_ORDER_MARKS: readonly (readonly [TextEncoding, readonly number[]])[] = [
  ["utf-32le", [0xff, 0xfe, 0x00, 0x00]],
  ["utf-32be", [0x00, 0x00, 0xfe, 0xff]],
  ["utf-8-bom", [0xef, 0xbb, 0xbf]],
  ["utf-16le", [0xff, 0xfe]],
  ["utf-16be", [0xfe, 0xff]],
];

function startsWith(bytes: Uint8Array, mark: readonly number[]): boolean {
  return bytes.length >= mark.length && mark.every((byte, index) => bytes[index] === byte);
}

/** The encoding named by the byte-order mark at the start of `bytes`; plain UTF-8 when there is none. */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  // Nearly every manifest starts with a character no mark starts with.
  const first = bytes[0];
  if (first !== 0xff && first !== 0x00 && first !== 0xef && first !== 0xfe) return "utf-8";
  return BYTE_ORDER_MARKS.find(([, mark]) => startsWith(bytes, mark))?.[0] ?? "utf-8";
}

function bomLength(encoding: TextEncoding): number {
  return BYTE_ORDER_MARKS.find(([name]) => name === encoding)?.[1].length ?? 0;
}

const CHUNK = 8192;

/** One decoder for every file: a decoder holds no state between calls to decode() without `stream`. */
let utf8Decoder: { decode(bytes: Uint8Array): string } | undefined;

/** Code points to a string in chunks: one call per character would be slow, one call for all would overflow the stack. */
function fromCodePoints(points: readonly number[]): string {
  let text = "";
  for (let start = 0; start < points.length; start += CHUNK) text += String.fromCodePoint(...points.slice(start, start + CHUNK));
  return text;
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  let text = "";
  const units: number[] = [];
  for (let at = 0; at + 2 <= bytes.length; at += 2) {
    units.push(littleEndian ? bytes[at]! | (bytes[at + 1]! << 8) : (bytes[at]! << 8) | bytes[at + 1]!);
    if (units.length === CHUNK) text += String.fromCharCode(...units.splice(0));
  }
  // Unpaired surrogates stay as they are (the parser sees them like any other character); a trailing odd byte is a truncated character.
  return text + String.fromCharCode(...units) + (bytes.length % 2 ? "\uFFFD" : "");
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const points: number[] = [];
  for (let at = 0; at + 4 <= bytes.length; at += 4) {
    const [a, b, c, d] = [bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!];
    const point = littleEndian ? a | (b << 8) | (c << 16) | (d << 24) : d | (c << 8) | (b << 16) | (a << 24);
    const unsigned = point >>> 0;
    points.push(unsigned > 0x10ffff || (unsigned >= 0xd800 && unsigned <= 0xdfff) ? 0xfffd : unsigned);
  }
  return fromCodePoints(points) + (bytes.length % 4 ? "\uFFFD" : "");
}

/**
 * Decodes a manifest's bytes by their byte-order mark (UTF-8 without one) and drops the mark, so
 * line 1 column 1 is the first character users see. Bytes that are not text stay recognisable:
 * their NUL characters survive decoding, and the parser reports the file as binary.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const encoding = detectEncoding(bytes);
  // Nearly every manifest is UTF-8 without a mark: no view of the bytes to make.
  const body = encoding === "utf-8" ? bytes : bytes.subarray(bomLength(encoding));
  switch (encoding) {
    case "utf-16le":
    case "utf-16be":
      return { text: decodeUtf16(body, encoding === "utf-16le"), encoding };
    case "utf-32le":
    case "utf-32be":
      return { text: decodeUtf32(body, encoding === "utf-32le"), encoding };
    default:
      utf8Decoder ??= new TextDecoder("utf-8");
      return { text: utf8Decoder.decode(body), encoding };
  }
}

/** Encodes text as `encoding`, with its byte-order mark, so fixes keep a file's encoding. */
export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  if (encoding === "utf-8" || encoding === "utf-8-bom") {
    const body = new TextEncoder().encode(text);
    if (encoding === "utf-8") return body;
    const bytes = new Uint8Array(body.length + 3);
    bytes.set([0xef, 0xbb, 0xbf]);
    bytes.set(body, 3);
    return bytes;
  }
  const wide = encoding === "utf-32le" || encoding === "utf-32be";
  const littleEndian = encoding.endsWith("le");
  const units: number[] = wide ? Array.from(text, (character) => character.codePointAt(0)!) : Array.from({ length: text.length }, (_, index) => text.charCodeAt(index));
  const size = wide ? 4 : 2;
  const bytes = new Uint8Array((units.length + 1) * size);
  const view = new DataView(bytes.buffer);
  const write = (offset: number, value: number) => (wide ? view.setUint32(offset, value, littleEndian) : view.setUint16(offset, value, littleEndian));
  write(0, 0xfeff);
  units.forEach((unit, index) => write((index + 1) * size, unit));
  return bytes;
}
