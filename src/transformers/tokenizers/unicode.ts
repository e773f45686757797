// Character classes with the exact definitions HF's Rust `tokenizers` uses (Rust's `char` methods
// and the `unicode_categories` crate), plus GPT-2's bytes_to_unicode map. Every predicate takes a
// code point; ASCII is answered without a regex because these run once per input character.

/** Rust `char::is_whitespace` (the White_Space property; unlike JS `\s` it has U+0085 and not U+FEFF). */
export function isWhitespace(cp: number): boolean {
  if (cp < 128) return cp === 32 || (cp >= 9 && cp <= 13);
  return (
    cp === 0x85 || cp === 0xa0 || cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000
  );
}

const P_RE = /^\p{P}$/u;
const C_RE = /^\p{C}$/u;
const MN_RE = /^\p{Mn}$/u;
const W_RE = /^[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]$/u;
const N_RE = /^\p{N}$/u;

function cached(re: RegExp): (cp: number) => boolean {
  const memo = new Map<number, boolean>();
  return (cp: number) => {
    let v = memo.get(cp);
    if (v === undefined) {
      v = re.test(String.fromCodePoint(cp));
      memo.set(cp, v);
    }
    return v;
  };
}
const isP = cached(P_RE);
const isC = cached(C_RE);
const isMn = cached(MN_RE);
const isW = cached(W_RE);
const isN = cached(N_RE);

/** Unicode general category P* (Pc Pd Pe Pf Pi Po Ps): `unicode_categories::is_punctuation`. */
export function isPunctuation(cp: number): boolean {
  if (cp < 128) return isAsciiPunctuation(cp) && !ASCII_SYMBOLS.has(cp);
  return isP(cp);
}
const ASCII_SYMBOLS = new Set([0x24, 0x2b, 0x3c, 0x3d, 0x3e, 0x5e, 0x60, 0x7c, 0x7e]); // $ + < = > ^ ` | ~

/** Rust `char::is_ascii_punctuation`: !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~ */
export function isAsciiPunctuation(cp: number): boolean {
  return (cp >= 0x21 && cp <= 0x2f) || (cp >= 0x3a && cp <= 0x40) || (cp >= 0x5b && cp <= 0x60) || (cp >= 0x7b && cp <= 0x7e);
}

/** BertPreTokenizer's split predicate: ASCII punctuation (incl. symbols like `$`) or Unicode P*. */
export function isBertPunctuation(cp: number): boolean {
  return cp < 128 ? isAsciiPunctuation(cp) : isP(cp);
}

/** `unicode_categories::is_other`: Cc, Cf, Cn, Co, Cs. */
export function isOther(cp: number): boolean {
  if (cp < 128) return cp < 32 || cp === 127;
  return isC(cp);
}

/** Nonspacing mark (Mn). */
export function isMarkNonspacing(cp: number): boolean {
  return cp >= 0x300 && isMn(cp);
}

/** Rust regex `\w` (Unicode): Alphabetic, M, Nd, Pc, Join_Control. */
export function isWordChar(cp: number): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || cp === 95;
  return isW(cp);
}

/** Rust `char::is_numeric` (N*). */
export function isNumeric(cp: number): boolean {
  if (cp < 128) return cp >= 48 && cp <= 57;
  return isN(cp);
}

/** BertNormalizer's CJK ideograph ranges (tokenizers/src/normalizers/bert.rs). */
export function isChineseChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) || (cp >= 0x2b740 && cp <= 0x2b81f) || (cp >= 0x2b920 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** GPT-2's bytes_to_unicode: byte → printable char (every value is one UTF-16 unit). */
export const BYTES_CHAR: readonly string[] = (() => {
  const bs: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) bs.push(b);
  for (let b = 0xa1; b <= 0xac; b++) bs.push(b);
  for (let b = 0xae; b <= 0xff; b++) bs.push(b);
  const cs = bs.slice();
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n);
      n++;
    }
  }
  const out = new Array<string>(256);
  for (let i = 0; i < bs.length; i++) out[bs[i]!] = String.fromCharCode(cs[i]!);
  return out;
})();

/** Inverse of BYTES_CHAR: char code → byte. */
export const CHAR_BYTES: ReadonlyMap<number, number> = new Map(BYTES_CHAR.map((c, b) => [c.charCodeAt(0), b]));

/** Code points of `s` as strings (surrogate pairs kept together). */
export function chars(s: string): string[] {
  return Array.from(s);
}

/** Width in UTF-16 units of the code point starting at `i`. */
export function cpWidth(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

const encoder = new TextEncoder();
/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}
