// The string-processing half of sklearn/feature_extraction/text.py (scikit-learn 1.9.1): accent
// stripping, Python-`re` token patterns run as JS regexes, and word/char n-grams. Python strings are
// sequences of code points while JS strings are UTF-16, so everything that indexes or sorts text
// works on code points to give sklearn's tokens and sklearn's feature order.
import { NotImplementedError, ValueError } from "../../utils/errors.js";
import { COMBINING_RANGES } from "./_combining.js";

// Python's Unicode `\w` is `str.isalnum() or "_"`; over every code point that is exactly the
// categories L* and N* plus "_" (checked against `re` in scripts/make_sklearn_text_goldens.py's
// Python, 0 differences), so marks such as U+0301 are NOT word characters.
const W = "\\p{L}\\p{N}_";
// Python's `\s` is `str.isspace()`: JS's `\s` minus U+FEFF plus U+001C..U+001F and U+0085.
const S = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
// `\b` must be built from that `\w` (JS's own `\b` is ASCII-only even with the `u` flag).
const B = `(?:(?<=[${W}])(?![${W}])|(?<![${W}])(?=[${W}]))`;
const NB = `(?:(?<=[${W}])(?=[${W}])|(?<![${W}])(?![${W}]))`;
const WHITE_SPACES = new RegExp(`[${S}][${S}]+`, "gu");
const SPLIT_SPACE = new RegExp(`[${S}]+`, "u");
const HAS_SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Compile a Python `re` pattern (as sklearn's `token_pattern`) to an equivalent JS RegExp with the
 * `g` and `u` flags. Translates `\w \W \b \B \d \D \s \S`, `(?P<name>...)`, `(?P=name)` and leading
 * inline flags `(?u)`, `(?i)`, `(?s)`, `(?m)`; other Python-only syntax is not supported.
 */
export function compilePythonRegex(pattern: string): RegExp {
  let flags = "gu";
  let src = pattern;
  for (let m = /^\(\?([a-zA-Z]+)\)/.exec(src); m !== null; m = /^\(\?([a-zA-Z]+)\)/.exec(src)) {
    for (const f of m[1]) {
      if (f === "u") continue; // str patterns are Unicode in Python 3 already
      if (f === "i" || f === "s" || f === "m") flags += f;
      else throw new NotImplementedError(`inline regex flag (?${f}) is not supported in token_pattern`);
    }
    src = src.slice(m[0].length);
  }
  let out = "";
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\" && i + 1 < src.length) {
      const e = src[++i];
      if (inClass) {
        if (e === "w") out += W;
        else if (e === "d") out += "\\p{Nd}";
        else if (e === "s") out += S;
        else if (e === "W" || e === "D" || e === "S") throw new NotImplementedError(`\\${e} inside a character class is not supported in token_pattern`);
        else out += "\\" + e;
      } else if (e === "w") out += `[${W}]`;
      else if (e === "W") out += `[^${W}]`;
      else if (e === "d") out += "\\p{Nd}";
      else if (e === "D") out += "\\P{Nd}";
      else if (e === "s") out += `[${S}]`;
      else if (e === "S") out += `[^${S}]`;
      else if (e === "b") out += B;
      else if (e === "B") out += NB;
      else if (e === "A") out += "(?<![\\s\\S])";
      else if (e === "Z") out += "(?![\\s\\S])";
      else out += "\\" + e;
    } else if (inClass) {
      if (c === "]") inClass = false;
      out += c;
    } else if (c === "[") {
      inClass = true;
      out += c;
      if (src[i + 1] === "^") out += src[++i];
      if (src[i + 1] === "]") { out += "\\]"; i++; } // Python allows a literal "]" first in a class
    } else if (c === "(" && src.startsWith("(?P<", i)) {
      out += "(?<";
      i += 3;
    } else if (c === "(" && src.startsWith("(?P=", i)) {
      const end = src.indexOf(")", i);
      out += `\\k<${src.slice(i + 4, end)}>`;
      i = end;
    } else out += c;
  }
  try {
    return new RegExp(out, flags);
  } catch (err) {
    throw new ValueError(`token_pattern ${JSON.stringify(pattern)} could not be compiled as a JS regex: ${(err as Error).message}`);
  }
}

/** Python's `re.compile(p).groups`: the number of capturing groups. */
export function regexGroupCount(re: RegExp): number {
  return (new RegExp(re.source + "|", re.flags.replace("g", "")).exec("") as RegExpExecArray).length - 1;
}

/** `pattern.findall`: whole matches, or the single group's text when the pattern has one group. */
export function makeFindall(re: RegExp): (doc: string) => string[] {
  const useGroup = regexGroupCount(re) === 1;
  return (doc: string) => {
    const out: string[] = [];
    re.lastIndex = 0;
    for (const m of doc.matchAll(re)) out.push(useGroup ? (m[1] ?? "") : m[0]);
    return out;
  };
}

/** The default token_pattern, as users write it and without the flag. */
export const DEFAULT_TOKEN_PATTERNS: ReadonlySet<string> = new Set(["(?u)\\b\\w\\w+\\b", "\\b\\w\\w+\\b"]);
const ASCII_TOKENS = /\b\w\w+\b/g;

/**
 * findall for the default token_pattern. Fast path: on an ASCII-only document Python's Unicode
 * `\w`/`\b` and JS's ASCII ones agree exactly, so V8's native `\b\w\w+\b` (about 2× faster than the
 * lookaround form) gives the same tokens; any other document takes `reference`, which is also the
 * oracle the tests compare this with.
 */
export function defaultTokenFindall(reference: (doc: string) => string[]): (doc: string) => string[] {
  return (doc: string) => (ASCII_ONLY.test(doc) ? (doc.match(ASCII_TOKENS) ?? []) : reference(doc));
}

function isCombining(cp: number): boolean {
  if (cp < 0x300) return false;
  let lo = 0;
  let hi = COMBINING_RANGES.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < COMBINING_RANGES[2 * mid]) hi = mid - 1;
    else if (cp > COMBINING_RANGES[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** sklearn's strip_accents_unicode: NFKD, then drop code points with a non-zero combining class. */
export function strip_accents_unicode(s: string): string {
  if (ASCII_ONLY.test(s)) return s;
  let out = "";
  for (const ch of s.normalize("NFKD")) if (!isCombining(ch.codePointAt(0) as number)) out += ch;
  return out;
}

/** sklearn's strip_accents_ascii: NFKD, then drop everything that is not ASCII. */
export function strip_accents_ascii(s: string): string {
  return s.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
}

/** `s.split()` with no argument: split on runs of Python whitespace, dropping empty pieces. */
export function pySplit(s: string): string[] {
  return s.split(SPLIT_SPACE).filter((w) => w.length > 0);
}

/** `_VectorizerMixin._white_spaces.sub(" ", s)`: collapse runs of 2+ whitespace to one space. */
export function collapseWhiteSpace(s: string): string {
  return s.replace(WHITE_SPACES, " ");
}

/** Code points of `s` (only split when it has surrogates, the common case stays a string). */
function codePoints(s: string): string | string[] {
  return HAS_SURROGATE.test(s) ? Array.from(s) : s;
}

function sliceCp(s: string | string[], a: number, b: number): string {
  return typeof s === "string" ? s.slice(a, b) : s.slice(a, b).join("");
}

/** `_word_ngrams`: drop stop words, then all n-grams for n in [min_n, max_n] joined by spaces. */
export function wordNgrams(tokens: string[], ngram: readonly [number, number], stop: ReadonlySet<string> | null): string[] {
  if (stop !== null) tokens = tokens.filter((w) => !stop.has(w));
  let [minN] = ngram;
  const maxN = ngram[1];
  if (maxN === 1) return tokens;
  const original = tokens;
  const out: string[] = minN === 1 ? original.slice() : [];
  if (minN === 1) minN += 1;
  const n0 = original.length;
  for (let n = minN; n < Math.min(maxN + 1, n0 + 1); n++) {
    for (let i = 0; i < n0 - n + 1; i++) {
      let g = original[i];
      for (let k = 1; k < n; k++) g += " " + original[i + k];
      out.push(g);
    }
  }
  return out;
}

/** `_char_ngrams`: character n-grams over the whole (whitespace-collapsed) text. */
export function charNgrams(text: string, ngram: readonly [number, number]): string[] {
  const t = codePoints(collapseWhiteSpace(text));
  const len = t.length;
  let [minN] = ngram;
  const maxN = ngram[1];
  const out: string[] = [];
  if (minN === 1) {
    for (let i = 0; i < len; i++) out.push(t[i]);
    minN += 1;
  }
  for (let n = minN; n < Math.min(maxN + 1, len + 1); n++) for (let i = 0; i < len - n + 1; i++) out.push(sliceCp(t, i, i + n));
  return out;
}

/** `_char_wb_ngrams`: character n-grams inside each space-padded word only. */
export function charWbNgrams(text: string, ngram: readonly [number, number]): string[] {
  const [minN, maxN] = ngram;
  const out: string[] = [];
  for (const word of pySplit(collapseWhiteSpace(text))) {
    const w = codePoints(" " + word + " ");
    const wLen = w.length;
    for (let n = minN; n < maxN + 1; n++) {
      let offset = 0;
      out.push(sliceCp(w, offset, offset + n));
      while (offset + n < wLen) {
        offset += 1;
        out.push(sliceCp(w, offset, offset + n));
      }
      if (offset === 0) break; // a word shorter than n is counted once
    }
  }
  return out;
}

/** Python's string order (by code point); JS's `<` compares UTF-16 units, which differs above U+D7FF. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (D800-DFFF) encode code points above every BMP unit, E000-FFFF included.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}
