// Pre-tokenizers: port of tokenizers/src/pre_tokenizers/*.rs.
import {
  NormalizedString, PreTokenizedString, findMatches, invertMatches, type Offsets, type SplitDelimiterBehavior,
} from "./normalized_string.js";
import { BYTES_CHAR, isBertPunctuation, isNumeric, isPunctuation, isWhitespace, isWordChar } from "./unicode.js";
import { compilePattern, type PatternSpec } from "./normalizers.js";
import { JsonReader, type JsonObject } from "./json.js";

export interface PreTokenizer {
  preTokenize(pts: PreTokenizedString): void;
  toJSON(): JsonObject;
}

/** Python `pre_tokenizer.pre_tokenize_str`: pieces with their UTF-16 offsets. */
export function preTokenizeStr(p: PreTokenizer, s: string): Array<[string, Offsets]> {
  const pts = new PreTokenizedString(s);
  p.preTokenize(pts);
  return pts.getSplits();
}

export class BertPreTokenizer implements PreTokenizer {
  preTokenize(pts: PreTokenizedString): void {
    pts.split((_, ns) => ns.split(isWhitespace, "removed"));
    pts.split((_, ns) => ns.split(isBertPunctuation, "isolated"));
  }
  toJSON(): JsonObject {
    return { type: "BertPreTokenizer" };
  }
}

// GPT-2's pattern. Oniguruma's `\s` is the White_Space property (JS's `\s` differs on U+0085/U+FEFF).
export const GPT2_RE =
  /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\p{White_Space}\p{L}\p{N}]+|\p{White_Space}+(?![^\p{White_Space}])|\p{White_Space}+/gu;

export class ByteLevel implements PreTokenizer {
  constructor(public add_prefix_space = true, public trim_offsets = true, public use_regex = true) {}

  /** The 256 chars the byte-level alphabet uses (Python `ByteLevel.alphabet()`). */
  static alphabet(): string[] {
    return BYTES_CHAR.slice();
  }

  preTokenize(pts: PreTokenizedString): void {
    pts.split((_, ns) => {
      if (this.add_prefix_space && !ns.get().startsWith(" ")) ns.prepend(" ");
      return this.use_regex ? ns.split(GPT2_RE, "isolated") : [ns];
    });
    pts.normalize(byteLevelTransform);
  }

  toJSON(): JsonObject {
    return { type: "ByteLevel", add_prefix_space: this.add_prefix_space, trim_offsets: this.trim_offsets, use_regex: this.use_regex };
  }
}

const BYTE_CACHE = new Map<number, string[]>();
/** Replace every char by the byte-level chars of its UTF-8 bytes. */
export function byteLevelTransform(ns: NormalizedString): void {
  const s = ns.get();
  const dc: string[] = [];
  const dch: number[] = [];
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    if (cp < 128) {
      dc.push(BYTES_CHAR[cp]!);
      dch.push(0);
      i++;
      continue;
    }
    let bs = BYTE_CACHE.get(cp);
    if (!bs) {
      bs = Array.from(new TextEncoder().encode(String.fromCodePoint(cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp)), (b) => BYTES_CHAR[b]!);
      BYTE_CACHE.set(cp, bs);
    }
    for (let k = 0; k < bs.length; k++) {
      dc.push(bs[k]!);
      dch.push(k > 0 ? 1 : 0);
    }
    i += cp > 0xffff ? 2 : 1;
  }
  ns.transform(dc, dch, 0);
}

export class Whitespace implements PreTokenizer {
  private static RE = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]+|[^\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}\p{White_Space}]+/gu;
  preTokenize(pts: PreTokenizedString): void {
    pts.split((_, ns) => ns.split(invertMatches(findMatches(Whitespace.RE, ns.get())), "removed"));
  }
  toJSON(): JsonObject {
    return { type: "Whitespace" };
  }
}

export class WhitespaceSplit implements PreTokenizer {
  preTokenize(pts: PreTokenizedString): void {
    pts.split((_, ns) => ns.split(isWhitespace, "removed"));
  }
  toJSON(): JsonObject {
    return { type: "WhitespaceSplit" };
  }
}

export type PrependScheme = "always" | "never" | "first";

export class Metaspace implements PreTokenizer {
  constructor(public replacement = "\u2581", public prepend_scheme: PrependScheme = "always", public split = true) {}
  preTokenize(pts: PreTokenizedString): void {
    const rep = this.replacement;
    pts.split((_, ns) => {
      ns.replace(" ", rep);
      if (this.prepend_scheme === "always") {
        if (!ns.get().startsWith(rep)) ns.prepend(rep);
      } else if (this.prepend_scheme === "first") {
        if (!ns.get().startsWith(rep) && ns.originalShift === 0) ns.prepend(rep);
      }
      return this.split ? ns.split(rep, "merged_with_next") : [ns];
    });
  }
  toJSON(): JsonObject {
    return { type: "Metaspace", replacement: this.replacement, prepend_scheme: this.prepend_scheme, split: this.split };
  }
}

export class Punctuation implements PreTokenizer {
  constructor(public behavior: SplitDelimiterBehavior = "isolated") {}
  preTokenize(pts: PreTokenizedString): void {
    pts.split((_, ns) => ns.split(isPunctuation, this.behavior));
  }
  toJSON(): JsonObject {
    return { type: "Punctuation", behavior: behaviorToJSON(this.behavior) };
  }
}

export class Digits implements PreTokenizer {
  constructor(public individual_digits = false) {}
  preTokenize(pts: PreTokenizedString): void {
    pts.split((_, ns) => ns.split(isNumeric, this.individual_digits ? "isolated" : "contiguous"));
  }
  toJSON(): JsonObject {
    return { type: "Digits", individual_digits: this.individual_digits };
  }
}

export class CharDelimiterSplit implements PreTokenizer {
  constructor(public delimiter: string) {}
  preTokenize(pts: PreTokenizedString): void {
    const d = this.delimiter.codePointAt(0)!;
    pts.split((_, ns) => ns.split((cp) => cp === d, "removed"));
  }
  toJSON(): JsonObject {
    return { type: "CharDelimiterSplit", delimiter: this.delimiter };
  }
}

export class Split implements PreTokenizer {
  private compiled;
  constructor(public pattern: PatternSpec, public behavior: SplitDelimiterBehavior, public invert = false) {
    this.compiled = compilePattern(pattern);
  }
  preTokenize(pts: PreTokenizedString): void {
    pts.split((_, ns) => {
      const m = findMatches(this.compiled, ns.get());
      return ns.split(this.invert ? invertMatches(m) : m, this.behavior);
    });
  }
  toJSON(): JsonObject {
    return { type: "Split", pattern: this.pattern, behavior: behaviorToJSON(this.behavior), invert: this.invert };
  }
}

export class PreTokenizerSequence implements PreTokenizer {
  constructor(public pretokenizers: PreTokenizer[]) {}
  preTokenize(pts: PreTokenizedString): void {
    for (const p of this.pretokenizers) p.preTokenize(pts);
  }
  toJSON(): JsonObject {
    return { type: "Sequence", pretokenizers: this.pretokenizers.map((p) => p.toJSON()) };
  }
}

const BEHAVIORS: Record<string, SplitDelimiterBehavior> = {
  Removed: "removed", Isolated: "isolated", MergedWithPrevious: "merged_with_previous",
  MergedWithNext: "merged_with_next", Contiguous: "contiguous",
};
function behaviorToJSON(b: SplitDelimiterBehavior): string {
  return Object.keys(BEHAVIORS).find((k) => BEHAVIORS[k] === b)!;
}
function readBehavior(r: JsonReader, key: string, dflt: SplitDelimiterBehavior): SplitDelimiterBehavior {
  const v = r.optStr(key);
  if (v === null) return dflt;
  const b = BEHAVIORS[v];
  if (!b) throw r.error(key, `unknown split behavior "${v}" (known: ${Object.keys(BEHAVIORS).join(", ")})`);
  return b;
}

export function readPrependScheme(r: JsonReader): PrependScheme {
  const s = r.optStr("prepend_scheme");
  if (s !== null) {
    if (s !== "always" && s !== "never" && s !== "first") throw r.error("prepend_scheme", `expected "always", "never" or "first", got "${s}"`);
    return s;
  }
  const add = r.optBool("add_prefix_space");
  return add === false ? "never" : "always";
}

/** Read a `pre_tokenizer` section of tokenizer.json. */
export function preTokenizerFromJSON(r: JsonReader): PreTokenizer | null {
  if (r.isNull()) return null;
  const type = r.str("type");
  switch (type) {
    case "BertPreTokenizer":
      return new BertPreTokenizer();
    case "ByteLevel":
      return new ByteLevel(r.optBool("add_prefix_space") ?? true, r.optBool("trim_offsets") ?? true, r.optBool("use_regex") ?? true);
    case "Whitespace":
      return new Whitespace();
    case "WhitespaceSplit":
      return new WhitespaceSplit();
    case "Metaspace":
      return new Metaspace(r.optStr("replacement") ?? r.optStr("str_rep") ?? "\u2581", readPrependScheme(r), r.optBool("split") ?? true);
    case "Punctuation":
      return new Punctuation(readBehavior(r, "behavior", "isolated"));
    case "Digits":
      return new Digits(r.optBool("individual_digits") ?? false);
    case "CharDelimiterSplit":
      return new CharDelimiterSplit(r.str("delimiter"));
    case "Split":
      return new Split(r.pattern("pattern"), readBehavior(r, "behavior", "isolated"), r.optBool("invert") ?? false);
    case "Sequence":
      return new PreTokenizerSequence(r.arr("pretokenizers").map((x) => preTokenizerFromJSON(x)!).filter((x) => x !== null));
    default:
      throw r.error("type", `unknown pre_tokenizer type "${type}" (known: BertPreTokenizer, ByteLevel, Whitespace, WhitespaceSplit, Metaspace, Punctuation, Digits, CharDelimiterSplit, Split, Sequence)`);
  }
}

export { isWordChar };
