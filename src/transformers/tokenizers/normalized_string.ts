// NormalizedString / PreTokenizedString: a port of tokenizers/src/tokenizer/{normalizer,pre_tokenizer}.rs.
//
// Deliberate difference: Rust keeps one alignment per UTF-8 *byte* of the normalized string;
// here there is one per UTF-16 *unit*, pointing at UTF-16 ranges of the original. Both units of a
// surrogate pair carry the whole character's range, exactly as all bytes of a char do in Rust, so
// every offset the pipeline reports is the Rust char offset re-expressed in JS string indices.
import { Encoding } from "./encoding.js";
import { cpWidth, isWhitespace } from "./unicode.js";

export type Offsets = [number, number];

/** A token produced by a model, offsets relative to the normalized split it came from. */
export interface Token {
  id: number;
  value: string;
  offsets: Offsets;
}

/** How `split` treats the matched delimiters (Rust `SplitDelimiterBehavior`). */
export type SplitDelimiterBehavior = "removed" | "isolated" | "merged_with_previous" | "merged_with_next" | "contiguous";

/** [offsets, isMatch] covering the whole input, as Rust `Pattern::find_matches` returns. */
export type Matches = Array<[number, number, boolean]>;

/** A pattern: a code-point predicate or a global regex (the `g` flag is required). */
export type Pattern = ((cp: number) => boolean) | RegExp | string;

export function findMatches(pattern: Pattern, inside: string): Matches {
  if (inside.length === 0) return [[0, 0, false]];
  const out: Matches = [];
  if (typeof pattern === "function") {
    let last = 0;
    for (let i = 0; i < inside.length; ) {
      const cp = inside.codePointAt(i)!;
      const w = cp > 0xffff ? 2 : 1;
      if (pattern(cp)) {
        if (last < i) out.push([last, i, false]);
        out.push([i, i + w, true]);
        last = i + w;
      }
      i += w;
    }
    if (last < inside.length) out.push([last, inside.length, false]);
    return out;
  }
  if (typeof pattern === "string") {
    if (pattern.length === 0) return [[0, inside.length, false]];
    let prev = 0;
    let at = inside.indexOf(pattern);
    while (at !== -1) {
      if (prev !== at) out.push([prev, at, false]);
      out.push([at, at + pattern.length, true]);
      prev = at + pattern.length;
      at = inside.indexOf(pattern, prev);
    }
    if (prev !== inside.length) out.push([prev, inside.length, false]);
    return out;
  }
  let prev = 0;
  pattern.lastIndex = 0;
  for (const m of inside.matchAll(pattern)) {
    const s = m.index!;
    const e = s + m[0].length;
    if (s === e) continue; // Rust regex find_iter never yields the empty matches that matter here
    if (prev !== s) out.push([prev, s, false]);
    out.push([s, e, true]);
    prev = e;
  }
  if (prev !== inside.length) out.push([prev, inside.length, false]);
  return out;
}

/** Invert which parts are matches (Rust `Invert(pattern)`). */
export function invertMatches(m: Matches): Matches {
  return m.map(([s, e, k]) => [s, e, !k]);
}

export class NormalizedString {
  /** Alignment of every UTF-16 unit of `normalized` with a [start, end) range of `original`. */
  constructor(
    public original: string,
    public normalized: string,
    public alignS: number[],
    public alignE: number[],
    public originalShift: number,
  ) {}

  static from(s: string): NormalizedString {
    const n = s.length;
    const as = new Array<number>(n);
    const ae = new Array<number>(n);
    for (let i = 0; i < n; ) {
      const w = cpWidth(s, i);
      for (let k = 0; k < w; k++) {
        as[i + k] = i;
        ae[i + k] = i + w;
      }
      i += w;
    }
    return new NormalizedString(s, s, as, ae, 0);
  }

  get(): string {
    return this.normalized;
  }
  get length(): number {
    return this.normalized.length;
  }
  isEmpty(): boolean {
    return this.normalized.length === 0;
  }
  offsetsOriginal(): Offsets {
    return [this.originalShift, this.originalShift + this.original.length];
  }

  /** Normalized [start, end) → original [start, end) (relative to this string), or null. */
  convertOffsets(start: number, end: number): Offsets | null {
    if (start === end) return [start, end];
    if (start > end) return null;
    if (this.normalized.length === 0 && start === 0 && end === 0) return [0, this.original.length];
    if (end > this.alignS.length) return null;
    return [this.alignS[start]!, this.alignE[end - 1]!];
  }

  /** Normalized [start, end) → new NormalizedString (Rust `slice(Range::Normalized)`). */
  slice(start: number, end: number): NormalizedString | null {
    const r = this.convertOffsets(start, end);
    if (!r) return null;
    const [os, oe] = r;
    const as = this.alignS.slice(start, end);
    const ae = this.alignE.slice(start, end);
    for (let i = 0; i < as.length; i++) {
      as[i] = as[i]! - os;
      ae[i] = ae[i]! - os;
    }
    return new NormalizedString(this.original.slice(os, oe), this.normalized.slice(start, end), as, ae, this.originalShift + os);
  }

  /**
   * Rust `transform_range` over normalized [start, end): `dest` gives each new char and its change
   * (1 = inserted, 0 = replaces one char, -n = replaces one char and removes n after it);
   * `initialOffset` chars at the start of the range are removed first.
   */
  transformRange(start: number, end: number, destChars: string[], destChanges: number[], initialOffset: number): void {
    const src = this.normalized;
    let offset = start;
    for (let k = 0; k < initialOffset && offset < end; k++) offset += cpWidth(src, offset);
    const parts: string[] = [];
    const ns: number[] = [];
    const ne: number[] = [];
    for (let i = 0; i < destChars.length; i++) {
      const c = destChars[i]!;
      const change = destChanges[i]!;
      const idx = offset;
      let s: number;
      let e: number;
      if (change > 0) {
        if (idx < 1) {
          s = 0;
          e = 0;
        } else {
          s = this.alignS[idx - 1]!;
          e = this.alignE[idx - 1]!;
        }
      } else {
        s = this.alignS[idx] ?? 0;
        e = this.alignE[idx] ?? 0;
        if (offset < end) offset += cpWidth(src, offset);
      }
      for (let k = change; k < 0; k++) if (offset < end) offset += cpWidth(src, offset);
      parts.push(c);
      for (let k = 0; k < c.length; k++) {
        ns.push(s);
        ne.push(e);
      }
    }
    const mid = parts.join("");
    this.normalized = src.slice(0, start) + mid + src.slice(end);
    if (start === 0 && end === src.length) {
      this.alignS = ns;
      this.alignE = ne;
    } else {
      this.alignS = this.alignS.slice(0, start).concat(ns, this.alignS.slice(end));
      this.alignE = this.alignE.slice(0, start).concat(ne, this.alignE.slice(end));
    }
  }

  transform(destChars: string[], destChanges: number[], initialOffset = 0): void {
    this.transformRange(0, this.normalized.length, destChars, destChanges, initialOffset);
  }

  /** Keep only the chars for which `keep(cp)` holds (Rust `filter`). */
  filter(keep: (cp: number) => boolean): this {
    const s = this.normalized;
    // Fast path: nothing removed.
    let any = false;
    for (let i = 0; i < s.length; ) {
      const cp = s.codePointAt(i)!;
      if (!keep(cp)) {
        any = true;
        break;
      }
      i += cp > 0xffff ? 2 : 1;
    }
    if (!any) return this;
    const parts: string[] = [];
    const ns: number[] = [];
    const ne: number[] = [];
    for (let i = 0; i < s.length; ) {
      const cp = s.codePointAt(i)!;
      const w = cp > 0xffff ? 2 : 1;
      if (keep(cp)) {
        parts.push(w === 1 ? s[i]! : s.slice(i, i + 2));
        for (let k = 0; k < w; k++) {
          ns.push(this.alignS[i]!);
          ne.push(this.alignE[i]!);
        }
      }
      i += w;
    }
    this.normalized = parts.join("");
    this.alignS = ns;
    this.alignE = ne;
    return this;
  }

  /** Replace every char by `f(char)`, which may be 0..n chars (Rust `map` for 1→1, `lowercase` for 1→n). */
  mapChars(f: (c: string, cp: number) => string): this {
    const s = this.normalized;
    // Fast path (the common case: lowercase, whitespace → " "): every char maps to a string of
    // the same UTF-16 length, so Rust's alignments (change 0 per char) stay as they are.
    const parts: string[] = [];
    let changed = false;
    let sameLen = true;
    for (let i = 0; i < s.length; ) {
      const cp = s.codePointAt(i)!;
      const w = cp > 0xffff ? 2 : 1;
      const c = w === 1 ? s[i]! : s.slice(i, i + 2);
      const r = f(c, cp);
      if (r !== c) {
        changed = true;
        if (r.length !== w) sameLen = false;
        else if (w === 2 && Array.from(r).length !== 1) sameLen = false;
      }
      parts.push(r);
      i += w;
    }
    if (!changed) return this;
    if (sameLen) {
      this.normalized = parts.join("");
      return this;
    }
    const dc: string[] = [];
    const dch: number[] = [];
    for (const r of parts) {
      let first = true;
      for (const rc of r) {
        dc.push(rc);
        dch.push(first ? 0 : 1);
        first = false;
      }
      if (first) {
        // mapped to nothing: placeholder, attributed below like Rust's filter
        dc.push("");
        dch.push(0);
      }
    }
    const oc: string[] = [];
    const och: number[] = [];
    let leading = 0;
    for (let i = 0; i < dc.length; i++) {
      if (dc[i] === "") {
        if (och.length === 0) leading++;
        else och[och.length - 1]! -= 1;
        continue;
      }
      oc.push(dc[i]!);
      och.push(dch[i]!);
    }
    this.transformRemovals(oc, och, leading);
    return this;
  }

  /** transform() where negative changes mean extra removed source chars after this one. */
  private transformRemovals(chars: string[], changes: number[], leading: number): void {
    this.transform(chars, changes, leading);
  }

  lowercase(): this {
    // No char is upper/title case when the whole-string lowercase changes nothing.
    if (this.normalized.toLowerCase() === this.normalized) return this;
    return this.mapChars((c, cp) => (cp < 128 ? (cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : c) : lowerChar(c)));
  }

  uppercase(): this {
    return this.mapChars((c, cp) => (cp < 128 ? (cp >= 97 && cp <= 122 ? String.fromCharCode(cp - 32) : c) : c.toUpperCase()));
  }

  /** Unicode normalization (NFD/NFKD exact per char; NFC/NFKC per base+marks cluster). */
  unicodeNormalize(form: "NFD" | "NFKD" | "NFC" | "NFKC"): this {
    const s = this.normalized;
    if (s.normalize(form) === s) return this;
    const dc: string[] = [];
    const dch: number[] = [];
    if (form === "NFD" || form === "NFKD") {
      for (let i = 0; i < s.length; ) {
        const w = cpWidth(s, i);
        const c = s.slice(i, i + w);
        const d = c.normalize(form);
        let first = true;
        for (const dcc of d) {
          dc.push(dcc);
          dch.push(first ? 0 : 1);
          first = false;
        }
        i += w;
      }
      // Canonical reordering across source chars (rare: stacked marks) is applied on the result.
      const joined = dc.join("");
      if (joined.normalize(form) !== joined) {
        const fixed = Array.from(joined.normalize(form));
        if (fixed.length === dc.length) for (let i = 0; i < fixed.length; i++) dc[i] = fixed[i]!;
      }
      this.transform(dc, dch, 0);
      return this;
    }
    // Compose: group a char with its following marks / conjoining jamo, normalize each group.
    const groups: string[][] = [];
    for (const c of s) {
      const cp = c.codePointAt(0)!;
      const joins = /\p{M}/u.test(c) || (cp >= 0x1160 && cp <= 0x11ff);
      if (joins && groups.length > 0) groups[groups.length - 1]!.push(c);
      else groups.push([c]);
    }
    for (const g of groups) {
      const out = Array.from(g.join("").normalize(form));
      const n = g.length;
      const m = out.length;
      for (let k = 0; k < m; k++) {
        dc.push(out[k]!);
        if (k < n) dch.push(k === m - 1 && m < n ? -(n - m) : 0);
        else dch.push(1);
      }
      if (m === 0 && dc.length > 0) dch[dch.length - 1]! -= n;
    }
    this.transform(dc, dch, 0);
    return this;
  }

  /** Prepend `s` (aligned with the first char), Rust `prepend`. */
  prepend(s: string): this {
    if (this.normalized.length === 0) return this;
    const w = cpWidth(this.normalized, 0);
    const first = this.normalized.slice(0, w);
    const cs = Array.from(s);
    const ch = cs.map((_, i) => (i === 0 ? 0 : 1));
    cs.push(first);
    ch.push(1);
    this.transformRange(0, w, cs, ch, 0);
    return this;
  }

  /** Append `s` (aligned with the last char), Rust `append`. */
  append(s: string): this {
    const n = this.normalized.length;
    if (n === 0) return this;
    let start = n - 1;
    const c = this.normalized.charCodeAt(start);
    if (c >= 0xdc00 && c <= 0xdfff && start > 0) start--;
    const last = this.normalized.slice(start);
    const cs = [last, ...Array.from(s)];
    const ch = cs.map((_, i) => (i === 0 ? 0 : 1));
    this.transformRange(start, n, cs, ch, 0);
    return this;
  }

  /** Replace every match of `pattern` by `content` (Rust `replace`). */
  replace(pattern: Pattern, content: string): this {
    const matches = findMatches(pattern, this.normalized);
    if (!matches.some((m) => m[2])) return this;
    const parts: string[] = [];
    const ns: number[] = [];
    const ne: number[] = [];
    for (const [s, e, isMatch] of matches) {
      if (!isMatch) {
        parts.push(this.normalized.slice(s, e));
        for (let i = s; i < e; i++) {
          ns.push(this.alignS[i]!);
          ne.push(this.alignE[i]!);
        }
        continue;
      }
      // Every inserted char takes the alignment of the last replaced unit (Rust: change = 1 after
      // removing the whole match).
      const as = e > 0 ? this.alignS[e - 1]! : 0;
      const ae = e > 0 ? this.alignE[e - 1]! : 0;
      parts.push(content);
      for (let k = 0; k < content.length; k++) {
        ns.push(as);
        ne.push(ae);
      }
    }
    this.normalized = parts.join("");
    this.alignS = ns;
    this.alignE = ne;
    return this;
  }

  /** Strip whitespace on the left and/or right (Rust `lrstrip`). */
  strip(left = true, right = true): this {
    const s = this.normalized;
    let a = 0;
    let b = s.length;
    if (left) while (a < b && isWhitespace(s.charCodeAt(a))) a++;
    if (right) while (b > a && isWhitespace(s.charCodeAt(b - 1))) b--;
    if (a === 0 && b === s.length) return this;
    this.normalized = s.slice(a, b);
    this.alignS = this.alignS.slice(a, b);
    this.alignE = this.alignE.slice(a, b);
    return this;
  }

  /** Split by `pattern` with the given delimiter behaviour (Rust `split`). */
  split(pattern: Pattern | Matches, behavior: SplitDelimiterBehavior): NormalizedString[] {
    const matches = Array.isArray(pattern) ? pattern : findMatches(pattern, this.normalized);
    const splits = applyBehavior(matches, behavior);
    const out: NormalizedString[] = [];
    for (const [s, e, remove] of splits) {
      if (remove) continue;
      const sl = this.slice(s, e);
      if (sl) out.push(sl);
    }
    return out;
  }
}

const lowerCache = new Map<string, string>();
function lowerChar(c: string): string {
  let r = lowerCache.get(c);
  if (r === undefined) {
    // Rust char::to_lowercase has no context: capital sigma is always σ.
    r = c === "\u03a3" ? "\u03c3" : c.toLowerCase();
    lowerCache.set(c, r);
  }
  return r;
}

/** Rust SplitDelimiterBehavior → list of [start, end, shouldRemove]. */
function applyBehavior(matches: Matches, behavior: SplitDelimiterBehavior): Matches {
  switch (behavior) {
    case "isolated":
      return matches.map(([s, e]) => [s, e, false]);
    case "removed":
      return matches;
    case "contiguous": {
      const acc: Matches = [];
      let prev = false;
      for (const [s, e, m] of matches) {
        if (m === prev && acc.length > 0) acc[acc.length - 1]![1] = e;
        else acc.push([s, e, false]);
        prev = m;
      }
      return acc;
    }
    case "merged_with_previous": {
      const acc: Matches = [];
      let prev = false;
      for (const [s, e, m] of matches) {
        if (m && !prev && acc.length > 0) acc[acc.length - 1]![1] = e;
        else acc.push([s, e, false]);
        prev = m;
      }
      return acc;
    }
    case "merged_with_next": {
      const acc: Matches = [];
      let prev = false;
      for (let i = matches.length - 1; i >= 0; i--) {
        const [s, e, m] = matches[i]!;
        if (m && !prev && acc.length > 0) acc[acc.length - 1]![0] = s;
        else acc.push([s, e, false]);
        prev = m;
      }
      return acc.reverse();
    }
  }
}

export interface Split {
  normalized: NormalizedString;
  tokens: Token[] | null;
}

/** Rust PreTokenizedString: the text cut into splits, each later tokenized by the model. */
export class PreTokenizedString {
  splits: Split[];
  constructor(public original: string) {
    this.splits = [{ normalized: NormalizedString.from(original), tokens: null }];
  }

  /** Replace every untokenized split by what `f` returns (empty pieces are dropped). */
  split(f: (i: number, ns: NormalizedString) => Array<NormalizedString | Split>): void {
    const out: Split[] = [];
    for (let i = 0; i < this.splits.length; i++) {
      const sp = this.splits[i]!;
      if (sp.tokens !== null) {
        out.push(sp);
        continue;
      }
      for (const r of f(i, sp.normalized)) {
        const s: Split = r instanceof NormalizedString ? { normalized: r, tokens: null } : r;
        if (s.normalized.normalized.length > 0) out.push(s);
      }
    }
    this.splits = out;
  }

  normalize(f: (ns: NormalizedString) => void): void {
    for (const sp of this.splits) if (sp.tokens === null) f(sp.normalized);
  }

  tokenize(f: (ns: NormalizedString) => Token[]): void {
    for (const sp of this.splits) if (sp.tokens === null) sp.tokens = f(sp.normalized);
  }

  /** Splits as [normalized string, original offsets] (for trainers and pre_tokenize_str). */
  getSplits(): Array<[string, Offsets]> {
    return this.splits.map((s) => [s.normalized.normalized, s.normalized.offsetsOriginal()]);
  }

  /** Rust `into_encoding` with UTF-16 offsets of the original input. */
  intoEncoding(wordIdx: number | null, typeId: number): Encoding {
    const enc = new Encoding();
    for (let idx = 0; idx < this.splits.length; idx++) {
      const { normalized, tokens } = this.splits[idx]!;
      if (tokens === null) throw new Error("Split has not been tokenized, call `PreTokenizedString::tokenize` first");
      const shift = normalized.originalShift;
      for (const t of tokens) {
        const r = normalized.convertOffsets(t.offsets[0], t.offsets[1]);
        if (r) enc.pushOffset(shift + r[0], shift + r[1]);
        else enc.pushOffset(t.offsets[0], t.offsets[1]);
        enc.ids.push(t.id);
        enc.tokens.push(t.value);
        enc.words.push(wordIdx ?? idx);
        enc.type_ids.push(typeId);
        enc.special_tokens_mask.push(0);
        enc.attention_mask.push(1);
      }
    }
    return enc;
  }
}
