// Decoders: port of tokenizers/src/decoders/*.rs. `decode(tokens)` = decode_chain(tokens).join("").
import { CHAR_BYTES } from "./unicode.js";
import { JsonReader, type JsonObject } from "./json.js";
import { readPrependScheme, type PrependScheme } from "./pre_tokenizers.js";
import { compilePattern, type PatternSpec } from "./normalizers.js";

export interface Decoder {
  decode_chain(tokens: string[]): string[];
  toJSON(): JsonObject;
}

export function decodeTokens(d: Decoder, tokens: string[]): string {
  return d.decode_chain(tokens).join("");
}

/** transformers' `clean_up_tokenization` (PreTrainedTokenizerBase). */
export function cleanUpTokenization(s: string): string {
  return s
    .replaceAll(" .", ".").replaceAll(" ?", "?").replaceAll(" !", "!").replaceAll(" ,", ",")
    .replaceAll(" ' ", "'").replaceAll(" n't", "n't").replaceAll(" 'm", "'m").replaceAll(" 's", "'s")
    .replaceAll(" 've", "'ve").replaceAll(" 're", "'re");
}

/** The Rust WordPiece decoder's own cleanup (one more rule than transformers': " do not"). */
function wordpieceCleanup(s: string): string {
  return s
    .replaceAll(" .", ".").replaceAll(" ?", "?").replaceAll(" !", "!").replaceAll(" ,", ",")
    .replaceAll(" ' ", "'").replaceAll(" n't", "n't").replaceAll(" 'm", "'m").replaceAll(" do not", " don't")
    .replaceAll(" 's", "'s").replaceAll(" 've", "'ve").replaceAll(" 're", "'re");
}

export class WordPieceDecoder implements Decoder {
  constructor(public prefix = "##", public cleanup = true) {}
  decode_chain(tokens: string[]): string[] {
    return tokens.map((t, i) => {
      let s = t;
      if (i !== 0) s = s.startsWith(this.prefix) ? s.slice(this.prefix.length) : " " + s;
      return this.cleanup ? wordpieceCleanup(s) : s;
    });
  }
  toJSON(): JsonObject {
    return { type: "WordPiece", prefix: this.prefix, cleanup: this.cleanup };
  }
}

const utf8Lossy = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
const encoder = new TextEncoder();

export class ByteLevelDecoder implements Decoder {
  constructor(public add_prefix_space = true, public trim_offsets = true, public use_regex = true) {}
  decode_chain(tokens: string[]): string[] {
    const bytes: number[] = [];
    for (const t of tokens) {
      let ok = true;
      const start = bytes.length;
      for (let i = 0; i < t.length; i++) {
        const b = CHAR_BYTES.get(t.charCodeAt(i));
        if (b === undefined) {
          ok = false;
          break;
        }
        bytes.push(b);
      }
      if (!ok) {
        bytes.length = start;
        for (const b of encoder.encode(t)) bytes.push(b);
      }
    }
    return [utf8Lossy.decode(new Uint8Array(bytes))];
  }
  toJSON(): JsonObject {
    return { type: "ByteLevel", add_prefix_space: this.add_prefix_space, trim_offsets: this.trim_offsets, use_regex: this.use_regex };
  }
}

export class MetaspaceDecoder implements Decoder {
  constructor(public replacement = "\u2581", public prepend_scheme: PrependScheme = "always", public split = true) {}
  decode_chain(tokens: string[]): string[] {
    return tokens.map((t, i) => {
      // Rust drops every replacement char of the first token (not only a leading one).
      const dropFirst = i === 0 && this.prepend_scheme !== "never";
      return t.replaceAll(this.replacement, dropFirst ? "" : " ");
    });
  }
  toJSON(): JsonObject {
    return { type: "Metaspace", replacement: this.replacement, prepend_scheme: this.prepend_scheme, split: this.split };
  }
}

export class BPEDecoder implements Decoder {
  constructor(public suffix = "</w>") {}
  decode_chain(tokens: string[]): string[] {
    const n = tokens.length - 1;
    return tokens.map((t, i) => t.replaceAll(this.suffix, i === n ? "" : " "));
  }
  toJSON(): JsonObject {
    return { type: "BPEDecoder", suffix: this.suffix };
  }
}

export class ByteFallbackDecoder implements Decoder {
  decode_chain(tokens: string[]): string[] {
    const out: string[] = [];
    let pending: number[] = [];
    const flush = (): void => {
      if (pending.length === 0) return;
      try {
        out.push(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(new Uint8Array(pending)));
      } catch {
        for (let k = 0; k < pending.length; k++) out.push("\ufffd");
      }
      pending = [];
    };
    for (const t of tokens) {
      const m = t.length === 6 && t.startsWith("<0x") && t.endsWith(">") ? /^[0-9a-fA-F]{2}$/.exec(t.slice(3, 5)) : null;
      if (m) pending.push(parseInt(t.slice(3, 5), 16));
      else {
        flush();
        out.push(t);
      }
    }
    flush();
    return out;
  }
  toJSON(): JsonObject {
    return { type: "ByteFallback" };
  }
}

export class FuseDecoder implements Decoder {
  decode_chain(tokens: string[]): string[] {
    return [tokens.join("")];
  }
  toJSON(): JsonObject {
    return { type: "Fuse" };
  }
}

export class StripDecoder implements Decoder {
  constructor(public content: string, public start: number, public stop: number) {}
  decode_chain(tokens: string[]): string[] {
    return tokens.map((t) => {
      const cs = Array.from(t);
      let a = 0;
      for (let i = 0; i < Math.min(this.start, cs.length); i++) {
        if (cs[i] === this.content) a = i + 1;
        else break;
      }
      let b = cs.length;
      for (let i = 0; i < this.stop && i < cs.length; i++) {
        const idx = cs.length - i - 1;
        if (cs[idx] === this.content) b = idx;
        else break;
      }
      return cs.slice(a, Math.max(a, b)).join("");
    });
  }
  toJSON(): JsonObject {
    return { type: "Strip", content: this.content, start: this.start, stop: this.stop };
  }
}

export class ReplaceDecoder implements Decoder {
  private compiled;
  constructor(public pattern: PatternSpec, public content: string) {
    this.compiled = compilePattern(pattern);
  }
  decode_chain(tokens: string[]): string[] {
    const p = this.compiled;
    return tokens.map((t) => (typeof p === "string" ? t.replaceAll(p, this.content) : t.replace(p, this.content)));
  }
  toJSON(): JsonObject {
    return { type: "Replace", pattern: this.pattern, content: this.content };
  }
}

export class DecoderSequence implements Decoder {
  constructor(public decoders: Decoder[]) {}
  decode_chain(tokens: string[]): string[] {
    let t = tokens;
    for (const d of this.decoders) t = d.decode_chain(t);
    return t;
  }
  toJSON(): JsonObject {
    return { type: "Sequence", decoders: this.decoders.map((d) => d.toJSON()) };
  }
}

export function decoderFromJSON(r: JsonReader): Decoder | null {
  if (r.isNull()) return null;
  const type = r.str("type");
  switch (type) {
    case "WordPiece":
      return new WordPieceDecoder(r.optStr("prefix") ?? "##", r.optBool("cleanup") ?? true);
    case "ByteLevel":
      return new ByteLevelDecoder(r.optBool("add_prefix_space") ?? true, r.optBool("trim_offsets") ?? true, r.optBool("use_regex") ?? true);
    case "Metaspace":
      return new MetaspaceDecoder(r.optStr("replacement") ?? r.optStr("str_rep") ?? "\u2581", readPrependScheme(r), r.optBool("split") ?? true);
    case "BPEDecoder":
      return new BPEDecoder(r.optStr("suffix") ?? "</w>");
    case "ByteFallback":
      return new ByteFallbackDecoder();
    case "Fuse":
      return new FuseDecoder();
    case "Strip":
      return new StripDecoder(r.str("content"), r.optNum("start") ?? 0, r.optNum("stop") ?? 0);
    case "Replace":
      return new ReplaceDecoder(r.pattern("pattern"), r.str("content"));
    case "Sequence":
      return new DecoderSequence(r.arr("decoders").map((d) => decoderFromJSON(d)!).filter((d) => d !== null));
    default:
      throw r.error("type", `unknown decoder type "${type}" (known: WordPiece, ByteLevel, Metaspace, BPEDecoder, ByteFallback, Fuse, Strip, Replace, Sequence)`);
  }
}
