// Normalizers: port of tokenizers/src/normalizers/*.rs. Each has `normalize(ns)` and `toJSON()`
// giving the tokenizer.json section; `normalizerFromJSON` reads both old and current files.
import { NormalizedString, type Pattern } from "./normalized_string.js";
import { isChineseChar, isMarkNonspacing, isOther, isWhitespace } from "./unicode.js";
import { JsonReader, type JsonObject } from "./json.js";
import { Precompiled } from "./precompiled.js";

export interface Normalizer {
  normalize(ns: NormalizedString): void;
  toJSON(): JsonObject;
}

/** Normalize a plain string (Python `normalizer.normalize_str`). */
export function normalizeStr(n: Normalizer, s: string): string {
  const ns = NormalizedString.from(s);
  n.normalize(ns);
  return ns.get();
}

export class BertNormalizer implements Normalizer {
  constructor(
    public clean_text = true,
    public handle_chinese_chars = true,
    public strip_accents: boolean | null = null,
    public lowercase = true,
  ) {}

  normalize(ns: NormalizedString): void {
    if (this.clean_text) {
      ns.filter((cp) => !(cp === 0 || cp === 0xfffd || isBertControl(cp)));
      ns.mapChars((c, cp) => (isBertWhitespace(cp) && c !== " " ? " " : c));
    }
    if (this.handle_chinese_chars) {
      const s = ns.get();
      let has = false;
      for (let i = 0; i < s.length && !has; i++) {
        const cp = s.codePointAt(i)!;
        if (isChineseChar(cp)) has = true;
      }
      if (has) {
        const dc: string[] = [];
        const dch: number[] = [];
        for (const c of s) {
          if (isChineseChar(c.codePointAt(0)!)) {
            dc.push(" ", c, " ");
            dch.push(0, 1, 1);
          } else {
            dc.push(c);
            dch.push(0);
          }
        }
        ns.transform(dc, dch, 0);
      }
    }
    if (this.strip_accents ?? this.lowercase) {
      ns.unicodeNormalize("NFD");
      ns.filter((cp) => !isMarkNonspacing(cp));
    }
    if (this.lowercase) ns.lowercase();
  }

  toJSON(): JsonObject {
    return {
      type: "BertNormalizer",
      clean_text: this.clean_text,
      handle_chinese_chars: this.handle_chinese_chars,
      strip_accents: this.strip_accents,
      lowercase: this.lowercase,
    };
  }
}

function isBertWhitespace(cp: number): boolean {
  return cp === 9 || cp === 10 || cp === 13 || isWhitespace(cp);
}
function isBertControl(cp: number): boolean {
  if (cp === 9 || cp === 10 || cp === 13) return false;
  return isOther(cp);
}

export class Lowercase implements Normalizer {
  normalize(ns: NormalizedString): void {
    ns.lowercase();
  }
  toJSON(): JsonObject {
    return { type: "Lowercase" };
  }
}

export class UnicodeNormalizer implements Normalizer {
  constructor(public form: "NFC" | "NFD" | "NFKC" | "NFKD") {}
  normalize(ns: NormalizedString): void {
    ns.unicodeNormalize(this.form);
  }
  toJSON(): JsonObject {
    return { type: this.form };
  }
}

export class StripAccents implements Normalizer {
  normalize(ns: NormalizedString): void {
    ns.filter((cp) => !isMarkNonspacing(cp));
  }
  toJSON(): JsonObject {
    return { type: "StripAccents" };
  }
}

export class Strip implements Normalizer {
  constructor(public strip_left = true, public strip_right = true) {}
  normalize(ns: NormalizedString): void {
    ns.strip(this.strip_left, this.strip_right);
  }
  toJSON(): JsonObject {
    return { type: "Strip", strip_left: this.strip_left, strip_right: this.strip_right };
  }
}

export class Prepend implements Normalizer {
  constructor(public prepend: string) {}
  normalize(ns: NormalizedString): void {
    if (!ns.isEmpty()) ns.prepend(this.prepend);
  }
  toJSON(): JsonObject {
    return { type: "Prepend", prepend: this.prepend };
  }
}

/** A tokenizer.json pattern: `{"String": s}` or `{"Regex": r}`. */
export type PatternSpec = { String: string } | { Regex: string };

export function compilePattern(spec: PatternSpec): string | RegExp {
  if ("String" in spec) return spec.String;
  return new RegExp(spec.Regex, "gu");
}

export class Replace implements Normalizer {
  private compiled: string | RegExp;
  constructor(public pattern: PatternSpec, public content: string) {
    this.compiled = compilePattern(pattern);
  }
  normalize(ns: NormalizedString): void {
    ns.replace(this.compiled, this.content);
  }
  toJSON(): JsonObject {
    return { type: "Replace", pattern: this.pattern, content: this.content };
  }
}

export class NormalizerSequence implements Normalizer {
  constructor(public normalizers: Normalizer[]) {}
  normalize(ns: NormalizedString): void {
    for (const n of this.normalizers) n.normalize(ns);
  }
  toJSON(): JsonObject {
    return { type: "Sequence", normalizers: this.normalizers.map((n) => n.toJSON()) };
  }
}

/** SentencePiece's compiled normalization rules (T5, ALBERT, XLNet tokenizer.json). */
export class PrecompiledNormalizer implements Normalizer {
  private map: Precompiled;
  constructor(public precompiled_charsmap: string) {
    this.map = Precompiled.fromBase64(precompiled_charsmap);
  }
  normalize(ns: NormalizedString): void {
    this.map.normalize(ns);
  }
  toJSON(): JsonObject {
    return { type: "Precompiled", precompiled_charsmap: this.precompiled_charsmap };
  }
}

/** Read a `normalizer` section of tokenizer.json (null → no normalizer). */
export function normalizerFromJSON(r: JsonReader): Normalizer | null {
  if (r.isNull()) return null;
  const type = r.str("type");
  switch (type) {
    case "BertNormalizer":
      return new BertNormalizer(
        r.optBool("clean_text") ?? true,
        r.optBool("handle_chinese_chars") ?? true,
        r.optBool("strip_accents") ?? null,
        r.optBool("lowercase") ?? true,
      );
    case "Lowercase":
      return new Lowercase();
    case "NFC":
    case "NFD":
    case "NFKC":
    case "NFKD":
      return new UnicodeNormalizer(type);
    case "StripAccents":
      return new StripAccents();
    case "Strip":
      return new Strip(r.optBool("strip_left") ?? true, r.optBool("strip_right") ?? true);
    case "Prepend":
      return new Prepend(r.str("prepend"));
    case "Replace":
      return new Replace(r.pattern("pattern"), r.str("content"));
    case "Sequence":
      return new NormalizerSequence(r.arr("normalizers").map((x) => normalizerFromJSON(x)!).filter((x) => x !== null));
    case "Precompiled": {
      const cm = r.raw("precompiled_charsmap");
      if (cm === null || cm === "") return new NormalizerSequence([]);
      return new PrecompiledNormalizer(r.str("precompiled_charsmap"));
    }
    default:
      throw r.error("type", `unknown normalizer type "${type}" (known: BertNormalizer, Lowercase, NFC, NFD, NFKC, NFKD, StripAccents, Strip, Prepend, Replace, Sequence, Precompiled)`);
  }
}
