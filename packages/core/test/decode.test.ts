import { describe, expect, it } from "vitest";
import { decodeText, detectEncoding, encodeText } from "../src/text/decode.js";

const TEXT = "kind: Secret # ключ 🔑\n";

describe("decodeText", () => {
  it("reads UTF-8 without a mark as UTF-8", () => {
    expect(decodeText(new TextEncoder().encode(TEXT))).toEqual({ text: TEXT, encoding: "utf-8" });
  });

  for (const encoding of ["utf-8-bom", "utf-16le", "utf-16be", "utf-32le", "utf-32be"] as const) {
    it(`drops the byte-order mark of ${encoding} and round-trips through encodeText`, () => {
      const bytes = encodeText(TEXT, encoding);
      expect(detectEncoding(bytes)).toBe(encoding);
      expect(decodeText(bytes)).toEqual({ text: TEXT, encoding });
    });
  }

  it("keeps the NUL characters of bytes that are not text, so the parser can call them binary", () => {
    expect(decodeText(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x00])).text).toBe("\u007fELF\u0002\u0000");
  });

  it("marks a truncated last character instead of dropping it", () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x62])).text).toBe("a\uFFFD");
  });
});
