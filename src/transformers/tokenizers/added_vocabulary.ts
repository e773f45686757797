// AddedVocabulary: port of tokenizers/src/tokenizer/added_vocabulary.rs. Added tokens are cut out
// of the input before the model sees it: first those with normalized=false on the raw text, then
// the normalizer runs on the remaining pieces and the normalized=true ones are cut out of those.
// Matching is leftmost-longest (Rust uses aho-corasick LeftmostLongest; here one alternation
// regex with longer patterns first, which V8 matches leftmost then in alternation order).
import { NormalizedString, PreTokenizedString, type Split } from "./normalized_string.js";
import type { Normalizer } from "./normalizers.js";
import type { Model } from "./models/model.js";
import { isWhitespace, isWordChar } from "./unicode.js";
import type { JsonObject } from "./json.js";

export interface AddedTokenOptions {
  single_word?: boolean;
  lstrip?: boolean;
  rstrip?: boolean;
  normalized?: boolean;
  special?: boolean;
}

/** HF `AddedToken` (tokenizers.AddedToken): `normalized` defaults to `!special`. */
export class AddedToken {
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
  constructor(content: string, options: AddedTokenOptions = {}) {
    this.content = content;
    this.special = options.special ?? false;
    this.single_word = options.single_word ?? false;
    this.lstrip = options.lstrip ?? false;
    this.rstrip = options.rstrip ?? false;
    this.normalized = options.normalized ?? !this.special;
  }
  toJSON(id?: number): JsonObject {
    const o: JsonObject = {};
    if (id !== undefined) o.id = id;
    Object.assign(o, {
      content: this.content, single_word: this.single_word, lstrip: this.lstrip, rstrip: this.rstrip,
      normalized: this.normalized, special: this.special,
    });
    return o;
  }
  toString(): string {
    return this.content;
  }
}

interface MatchingSet {
  re: RegExp | null;
  ids: Map<string, number>;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

export class AddedVocabulary {
  private map = new Map<string, number>();
  private mapR = new Map<number, AddedToken>();
  /** Non-special added tokens in insertion order. */
  added: AddedToken[] = [];
  special: AddedToken[] = [];
  private specialSet = new Set<string>();
  private splitSet: MatchingSet = { re: null, ids: new Map() };
  private splitNormalizedSet: MatchingSet = { re: null, ids: new Map() };
  /** When true, special tokens in the text are not matched (Rust `encode_special_tokens`). */
  encode_special_tokens = false;

  get size(): number {
    return this.map.size;
  }

  token_to_id(content: string, model: Model): number | undefined {
    return this.map.get(content) ?? model.token_to_id(content);
  }
  /** The added token with this id, if any. */
  id_to_token(id: number): string | undefined {
    return this.mapR.get(id)?.content;
  }
  get_added_token(id: number): AddedToken | undefined {
    return this.mapR.get(id);
  }
  is_special_token(content: string): boolean {
    return this.specialSet.has(content);
  }
  get_vocab(): Map<string, number> {
    return new Map(this.map);
  }
  /** id → AddedToken, sorted by id (Python `added_tokens_decoder`). */
  get_added_tokens_decoder(): Map<number, AddedToken> {
    return new Map([...this.mapR].sort((a, b) => a[0] - b[0]));
  }

  /**
   * Add tokens; `fixedIds` (from tokenizer.json) pins ids, otherwise the model's id or the next
   * free one is used. Returns how many were new.
   */
  add_tokens(tokens: AddedToken[], model: Model, normalizer: Normalizer | null, fixedIds?: number[]): number {
    for (const t of tokens) {
      if (t.special && t.content.length > 0 && !this.specialSet.has(t.content)) {
        this.special.push(t);
        this.specialSet.add(t.content);
      }
    }
    let ignored = 0;
    tokens.forEach((t, i) => {
      if (t.content.length === 0) {
        ignored++;
        return;
      }
      const existing = this.map.get(t.content);
      if (existing !== undefined && fixedIds === undefined) {
        ignored++;
        // options (lstrip, …) of a re-added token are updated, as Python's add_tokens does
        this.mapR.set(existing, t);
        return;
      }
      let id = fixedIds?.[i] ?? model.token_to_id(t.content);
      if (id === undefined) {
        const vs = model.get_vocab_size();
        let max = -1;
        for (const v of this.map.values()) if (v > max) max = v;
        id = max >= 0 && (max >= vs || vs === 0) ? max + 1 : vs;
      }
      this.map.set(t.content, id);
      this.mapR.set(id, t);
      if (!this.specialSet.has(t.content) && !this.added.some((a) => a.content === t.content)) this.added.push(t);
    });
    this.refresh(normalizer);
    return tokens.length - ignored;
  }

  /** Rebuild the two matchers (call after the normalizer changes). */
  refresh(normalizer: Normalizer | null): void {
    const nonNorm = new Map<string, number>();
    const norm = new Map<string, number>();
    for (const t of [...this.special, ...this.added]) {
      const id = this.map.get(t.content);
      if (id === undefined) continue;
      if (t.normalized) {
        let c = t.content;
        if (normalizer) {
          const ns = NormalizedString.from(c);
          normalizer.normalize(ns);
          c = ns.get();
        }
        if (c.length > 0 && !norm.has(c)) norm.set(c, id);
      } else if (!nonNorm.has(t.content)) nonNorm.set(t.content, id);
    }
    const build = (m: Map<string, number>): MatchingSet => {
      if (m.size === 0) return { re: null, ids: m };
      const pats = [...m.keys()].sort((a, b) => b.length - a.length).map(escapeRe);
      return { re: new RegExp(pats.join("|"), "gu"), ids: m };
    };
    this.splitSet = build(nonNorm);
    this.splitNormalizedSet = build(norm);
  }

  /** Rust `find_matches`: [id | null, start, end] covering the sentence. */
  private findMatches(sentence: string, set: MatchingSet): Array<[number | null, number, number]> {
    if (sentence.length === 0) return [[null, 0, 0]];
    const out: Array<[number | null, number, number]> = [];
    if (!set.re) return [[null, 0, sentence.length]];
    let startOffset = 0;
    set.re.lastIndex = 0;
    for (const m of sentence.matchAll(set.re)) {
      let start = m.index!;
      let stop = start + m[0].length;
      const id = set.ids.get(m[0])!;
      const tok = this.mapR.get(id)!;
      if (this.encode_special_tokens && this.specialSet.has(tok.content)) continue;
      if (tok.single_word) {
        const before = start === 0 ? -1 : sentence.codePointAt(start - 1 - (isLow(sentence.charCodeAt(start - 1)) && start >= 2 ? 1 : 0))!;
        const after = stop >= sentence.length ? -1 : sentence.codePointAt(stop)!;
        const startSpace = before === -1 || !isWordChar(before);
        const stopSpace = after === -1 || !isWordChar(after);
        if (!startSpace || !stopSpace) continue;
      }
      if (tok.lstrip) {
        let ns = start;
        while (ns > 0 && isWhitespace(sentence.charCodeAt(ns - 1))) ns--;
        start = Math.max(ns, startOffset);
      }
      if (tok.rstrip) {
        while (stop < sentence.length && isWhitespace(sentence.charCodeAt(stop))) stop++;
      }
      if (startOffset < start) out.push([null, startOffset, start]);
      out.push([id, start, stop]);
      startOffset = stop;
    }
    if (startOffset !== sentence.length) out.push([null, startOffset, sentence.length]);
    return out;
  }

  private splitWithIndices(ns: NormalizedString, set: MatchingSet): Array<NormalizedString | Split> {
    const out: Array<NormalizedString | Split> = [];
    for (const [id, s, e] of this.findMatches(ns.get(), set)) {
      const slice = ns.slice(s, e);
      if (!slice) continue;
      if (id !== null) {
        const value = slice.get();
        out.push({ normalized: slice, tokens: [{ id, value, offsets: [0, value.length] }] });
      } else out.push(slice);
    }
    return out;
  }

  /** Whether some added token is matched on normalized text (normalized=true). */
  hasNormalizedTokens(): boolean {
    return this.splitNormalizedSet.re !== null;
  }

  /**
   * The added-token cut of a raw `sequence` as [id | null, start, end] pieces, empty pieces dropped:
   * what `extractAndNormalize` splits off when the normalizer keeps every piece as it is (no
   * normalizer), so the normalized=true tokens are matched on the raw pieces too. With
   * `normalizedToo` false only the normalized=false tokens are cut (the caller checks
   * `hasNormalizedTokens()`). The fast paths use this instead of building NormalizedStrings.
   */
  splitRaw(sequence: string, normalizedToo: boolean): Array<[number | null, number, number]> {
    const n = sequence.length;
    if (n === 0) return [];
    const first: Array<[number | null, number, number]> = this.splitSet.re ? this.findMatches(sequence, this.splitSet) : [[null, 0, n]];
    const normSet = this.splitNormalizedSet;
    const out: Array<[number | null, number, number]> = [];
    for (const p of first) {
      if (p[1] === p[2]) continue;
      if (p[0] !== null || !normalizedToo || !normSet.re) {
        out.push(p);
        continue;
      }
      const base = p[1];
      const piece = base === 0 && p[2] === n ? sequence : sequence.slice(base, p[2]);
      for (const q of this.findMatches(piece, normSet)) if (q[1] !== q[2]) out.push([q[0], q[1] + base, q[2] + base]);
    }
    return out;
  }

  /** Cut added tokens out of `sequence` and normalize the rest. */
  extractAndNormalize(normalizer: Normalizer | null, sequence: string): PreTokenizedString {
    const pts = new PreTokenizedString(sequence);
    if (this.splitSet.re) pts.split((_, ns) => this.splitWithIndices(ns, this.splitSet));
    pts.split((_, ns) => {
      if (normalizer) normalizer.normalize(ns);
      return this.splitNormalizedSet.re ? this.splitWithIndices(ns, this.splitNormalizedSet) : [ns];
    });
    return pts;
  }
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
