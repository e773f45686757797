// Fast paths for the step "added tokens → normalizer → pre-tokenizer → model" of the two pipeline
// shapes the common checkpoints use, giving exactly the Encoding the reference pipeline gives:
//
//   BERT-like:      BertNormalizer + BertPreTokenizer      (bert, distilbert, …)
//   byte-level BPE: no normalizer + ByteLevel(use_regex)   (gpt2, roberta, …)
//
// with any deterministic model (WordPiece, WordLevel, Unigram, BPE without dropout).
//
// How: the text is cut at added tokens as the reference does (AddedVocabulary.splitRaw), then each
// remaining segment into independent pieces:
//   - BERT-like: the runs between ASCII whitespace (\t \n \r and space). BertNormalizer works char
//     by char (even NFD's reordering stops at a whitespace char) and never turns these four into
//     anything but a space, which BertPreTokenizer then removes — so every run normalizes and
//     pre-tokenizes on its own, exactly as inside the whole segment.
//   - byte-level: the GPT-2 regex's pieces (found by a hand-written scanner on ASCII segments,
//     which a test checks against the regex, and by the regex itself otherwise). Each piece is one
//     split of the reference.
// The tokens of a piece (ids, strings, offsets relative to the piece, word index within the piece)
// are computed by the REFERENCE code on that piece alone (NormalizedString, the normalizer, the
// pre-tokenizer, model.tokenize, convertOffsets) and cached by the piece's text, so repeated words
// cost one Map lookup. Anything these paths do not cover returns null → the reference pipeline.
// The token lists are collected in scratch lists and copied out once; for a single text without
// truncation, Tokenizer.encode also passes the post-processing as a SingleWrap (offset trimming,
// type ids, special tokens around; see post_processors.singleWrapOf), so the final Encoding is
// built in one go instead of encoding + processed copy + merged copy.
//
// The oracle: tests/transformers/tokenizers/fast_path.test.ts compares every fixture text (and
// random adversarial ones) with `Tokenizer.use_fast_paths = false`, for each post-processor kind.
import { Encoding } from "./encoding.js";
import { NormalizedString, PreTokenizedString } from "./normalized_string.js";
import { BertNormalizer, type Normalizer } from "./normalizers.js";
import { BertPreTokenizer, ByteLevel, GPT2_RE, byteLevelTransform, type PreTokenizer } from "./pre_tokenizers.js";
import { BPE } from "./models/bpe.js";
import { WordPiece } from "./models/wordpiece.js";
import { WordLevel } from "./models/wordlevel.js";
import { Unigram } from "./models/unigram.js";
import type { Model } from "./models/model.js";
import type { AddedVocabulary } from "./added_vocabulary.js";
import { trimFlatOffsets, type SingleWrap } from "./post_processors.js";

/** What a Tokenizer hands to a fast path (its current pipeline objects). */
export interface Pipeline {
  normalizer: Normalizer | null;
  pre_tokenizer: PreTokenizer | null;
  model: Model;
  readonly added_vocabulary: AddedVocabulary;
}

export interface FastPath {
  /** Built for exactly these objects (the Tokenizer rebuilds it when one is replaced). */
  readonly normalizer: Normalizer | null;
  readonly pre_tokenizer: PreTokenizer | null;
  readonly model: Model;
  /**
   * The Encoding the reference gives for `sequence` (PreTokenizedString.intoEncoding(wordIdx,
   * typeId) after added tokens, normalizer, pre-tokenizer and model), or null: use the reference.
   * With `wrap`, the result of post-processing that encoding alone as `wrap` describes.
   */
  encode(sequence: string, typeId: number, wordIdx?: number | null, wrap?: SingleWrap | null): Encoding | null;
}

/** The tokens of one piece, offsets relative to the piece's start in the original text. */
interface Piece {
  /** Per token: id, start, end, word (split) index within the piece. */
  data: number[];
  tokens: string[];
  /** How many splits the piece makes (the word index advances by this much). */
  nWords: number;
}

/** Pieces longer than this (UTF-16 units) are tokenized but not cached. */
const MAX_CACHED_PIECE = 256; // Rust's BPE word cache has the same bound
/** The cache is emptied when it reaches this many entries (bounded memory, adapts to new text). */
const CACHE_CAPACITY = 20_000;

class PieceCache {
  private map = new Map<string, Piece>();
  private sig = "";
  /** Empty the cache when the model/normalizer settings it was filled under changed. */
  check(sig: string): void {
    if (sig !== this.sig) {
      this.map.clear();
      this.sig = sig;
    }
  }
  get(key: string): Piece | undefined {
    return this.map.get(key);
  }
  set(key: string, p: Piece): void {
    if (key.length > MAX_CACHED_PIECE) return;
    if (this.map.size >= CACHE_CAPACITY) this.map.clear();
    this.map.set(key, p);
  }
}

/** Rust-equivalent determinism: the model's tokens depend only on the piece (no BPE dropout). */
function modelSignature(m: Model): string | null {
  const proto = Object.getPrototypeOf(m) as object;
  if (proto === BPE.prototype) {
    const b = m as BPE;
    if (b.dropout !== null && b.dropout !== 0) return null;
    return `BPE\0${b.unk_token}\0${b.continuing_subword_prefix}\0${b.end_of_word_suffix}\0${b.fuse_unk}\0${b.byte_fallback}\0${b.ignore_merges}`;
  }
  if (proto === WordPiece.prototype) {
    const w = m as WordPiece;
    return `WordPiece\0${w.unk_token}\0${w.continuing_subword_prefix}\0${w.max_input_chars_per_word}`;
  }
  if (proto === WordLevel.prototype) return `WordLevel\0${(m as WordLevel).unk_token}`;
  if (proto === Unigram.prototype) {
    const u = m as Unigram;
    return `Unigram\0${u.unk_id}\0${u.byte_fallback}\0${u.fuse_unk}`;
  }
  return null;
}

/**
 * The per-token lists of the Encoding being built: scratch lists that keep their size from one
 * text to the next (one Builder per fast path; encode is synchronous). The first `n` entries are
 * the current text's; `finish` copies them out at their exact size.
 */
class Builder {
  private n = 0;
  private ids: number[] = [];
  private tokens: string[] = [];
  private offsets: number[] = [];
  private words: number[] = [];

  reset(): this {
    this.n = 0;
    return this;
  }

  /** Append a piece's tokens (offsets shifted by `base`, word ids by `word`). */
  piece(p: Piece, base: number, word: number): void {
    const { data, tokens } = p;
    const { ids, offsets, words } = this;
    let n = this.n;
    for (let k = 0, d = 0; k < tokens.length; k++, d += 4, n++) {
      ids[n] = data[d]!;
      this.tokens[n] = tokens[k]!;
      offsets[2 * n] = base + data[d + 1]!;
      offsets[2 * n + 1] = base + data[d + 2]!;
      words[n] = word + data[d + 3]!;
    }
    this.n = n;
  }

  /** Append one added token (a split of its own). */
  added(id: number, value: string, start: number, end: number, word: number): void {
    const n = this.n++;
    this.ids[n] = id;
    this.tokens[n] = value;
    this.offsets[2 * n] = start;
    this.offsets[2 * n + 1] = end;
    this.words[n] = word;
  }

  /** What the reference `intoEncoding(wordIdx, typeId)` gives: no special token, all attended. */
  finish(typeId: number, wordIdx: number | null, wrap: SingleWrap | null): Encoding {
    if (wrap) return this.finishWrapped(typeId, wordIdx, wrap);
    const n = this.n;
    this.n = 0;
    return new Encoding({
      ids: this.ids.slice(0, n), tokens: this.tokens.slice(0, n), flat_offsets: this.offsets.slice(0, 2 * n),
      words: wordIdx === null ? this.words.slice(0, n) : new Array<number>(n).fill(wordIdx),
      type_ids: new Array<number>(n).fill(typeId), special_tokens_mask: new Array<number>(n).fill(0), attention_mask: new Array<number>(n).fill(1),
    });
  }

  /** `finish` then post-processing as `wrap` says (trim offsets, type ids, special tokens around). */
  private finishWrapped(typeId: number, wordIdx: number | null, wrap: SingleWrap): Encoding {
    const n = this.n;
    this.n = 0;
    if (wrap.trim !== null) trimFlatOffsets(this.tokens, this.offsets, n, wrap.trim);
    const { head, tail } = wrap;
    const h = head.ids.length;
    const total = h + n + tail.ids.length;
    const ids = new Array<number>(total);
    const tokens = new Array<string>(total);
    const typeIds = new Array<number>(total);
    const words = new Array<number | null>(total);
    const offsets = new Array<number>(2 * total);
    const special = new Array<number>(total);
    const seqType = wrap.typeId ?? typeId;
    for (let j = 0; j < h; j++) {
      ids[j] = head.ids[j]!;
      tokens[j] = head.tokens[j]!;
      typeIds[j] = head.type_ids[j]!;
      words[j] = null;
      offsets[2 * j] = 0;
      offsets[2 * j + 1] = 0;
      special[j] = 1;
    }
    let k = h;
    for (let j = 0; j < n; j++, k++) {
      ids[k] = this.ids[j]!;
      tokens[k] = this.tokens[j]!;
      typeIds[k] = seqType;
      words[k] = wordIdx ?? this.words[j]!;
      offsets[2 * k] = this.offsets[2 * j]!;
      offsets[2 * k + 1] = this.offsets[2 * j + 1]!;
      special[k] = 0;
    }
    for (let j = 0; j < tail.ids.length; j++, k++) {
      ids[k] = tail.ids[j]!;
      tokens[k] = tail.tokens[j]!;
      typeIds[k] = tail.type_ids[j]!;
      words[k] = null;
      offsets[2 * k] = 0;
      offsets[2 * k + 1] = 0;
      special[k] = 1;
    }
    const enc = new Encoding({
      ids, tokens, type_ids: typeIds, words, flat_offsets: offsets, special_tokens_mask: special, attention_mask: new Array<number>(total).fill(1),
    });
    if (wrap.range) enc.sequence_ranges.set(0, [h, h + n]);
    return enc;
  }
}

/**
 * Tokenize the splits of `pts` with `model` and collect them as a Piece (offsets relative to the
 * piece, the reference `intoEncoding` arithmetic). null when an offset does not convert (the
 * reference then keeps the raw model offsets; not worth a fast path).
 */
function collect(pts: PreTokenizedString, model: Model): Piece | null {
  const p: Piece = { data: [], tokens: [], nWords: pts.splits.length };
  for (let idx = 0; idx < pts.splits.length; idx++) {
    const sp = pts.splits[idx]!;
    const ns = sp.normalized;
    const toks = sp.tokens ?? model.tokenize(ns.get());
    const shift = ns.originalShift;
    for (const t of toks) {
      const r = ns.convertOffsets(t.offsets[0], t.offsets[1]);
      if (!r) return null;
      p.data.push(t.id, shift + r[0], shift + r[1], idx);
      p.tokens.push(t.value);
    }
  }
  return p;
}

// ---------------------------------------------------------------- BERT-like

export class BertFastPath implements FastPath {
  private cache = new PieceCache();
  private out = new Builder();
  constructor(readonly normalizer: BertNormalizer, readonly pre_tokenizer: BertPreTokenizer, readonly model: Model, private added: AddedVocabulary) {}

  static create(p: Pipeline): BertFastPath | null {
    const n = p.normalizer;
    const pre = p.pre_tokenizer;
    if (!n || Object.getPrototypeOf(n) !== BertNormalizer.prototype) return null;
    if (!pre || Object.getPrototypeOf(pre) !== BertPreTokenizer.prototype) return null;
    if (modelSignature(p.model) === null) return null;
    return new BertFastPath(n as BertNormalizer, pre as BertPreTokenizer, p.model, p.added_vocabulary);
  }

  encode(sequence: string, typeId: number, wordIdx: number | null = null, wrap: SingleWrap | null = null): Encoding | null {
    // normalized=true added tokens are matched on the normalized segment, across whitespace.
    if (this.added.hasNormalizedTokens()) return null;
    const msig = modelSignature(this.model);
    if (msig === null) return null;
    const n = this.normalizer;
    this.cache.check(`${msig}\0${n.clean_text}\0${n.handle_chinese_chars}\0${n.strip_accents}\0${n.lowercase}`);
    const out = this.out.reset();
    let word = 0;
    for (const [id, s, e] of this.added.splitRaw(sequence, false)) {
      if (id !== null) {
        out.added(id, sequence.slice(s, e), s, e, word++);
        continue;
      }
      // runs between ASCII whitespace
      let i = s;
      while (i < e) {
        let c = sequence.charCodeAt(i);
        while (c === 32 || c === 10 || c === 9 || c === 13) {
          if (++i === e) break;
          c = sequence.charCodeAt(i);
        }
        if (i === e) break;
        const start = i;
        while (++i < e) {
          c = sequence.charCodeAt(i);
          if (c === 32 || c === 10 || c === 9 || c === 13) break;
        }
        const text = sequence.slice(start, i);
        let p = this.cache.get(text);
        if (p === undefined) {
          const q = this.piece(text);
          if (q === null) return null;
          this.cache.set(text, q);
          p = q;
        }
        out.piece(p, start, word);
        word += p.nWords;
      }
    }
    return out.finish(typeId, wordIdx, wrap);
  }

  /** The reference pipeline on one whitespace-free run. */
  private piece(text: string): Piece | null {
    const ns = NormalizedString.from(text);
    this.normalizer.normalize(ns);
    const pts = new PreTokenizedString(text);
    pts.splits = ns.get().length > 0 ? [{ normalized: ns, tokens: null }] : [];
    this.pre_tokenizer.preTokenize(pts);
    return collect(pts, this.model);
  }
}

// ---------------------------------------------------------------- byte-level BPE

// ASCII classes for the GPT-2 pattern: 1 White_Space, 2 letter, 3 digit, 4 anything else.
const G_WS = 1;
const G_L = 2;
const G_N = 3;
const G_O = 4;
const GPT2_CLASS = (() => {
  const t = new Uint8Array(128).fill(G_O);
  for (const c of [9, 10, 11, 12, 13, 32]) t[c] = G_WS;
  for (let c = 65; c <= 90; c++) t[c] = G_L;
  for (let c = 97; c <= 122; c++) t[c] = G_L;
  for (let c = 48; c <= 57; c++) t[c] = G_N;
  return t;
})();

/** Whether every char of s[start, end) is ASCII. */
function isAscii(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * The pieces GPT2_RE (with "isolated" splitting) cuts an all-ASCII `s[start, end)` into, as
 * [start, end) pairs pushed onto `out`. The pattern, alternative by alternative:
 *   's|'t|'re|'ve|'m|'ll|'d | ␠?L+ | ␠?N+ | ␠?[^\s L N]+ | \s+(?!\S) | \s+
 * Every char starts a match of one alternative, so the pieces tile the input.
 */
export function gpt2SplitAscii(s: string, start: number, end: number, out: number[]): void {
  const cls = GPT2_CLASS;
  let i = start;
  while (i < end) {
    const c = s.charCodeAt(i);
    let k = cls[c]!;
    let j = i + 1;
    if (c === 39 && j < end) {
      // contractions
      const d = s.charCodeAt(j);
      if (d === 115 || d === 116 || d === 109 || d === 100) {
        out.push(i, i + 2);
        i += 2;
        continue;
      }
      if (j + 1 < end) {
        const e2 = s.charCodeAt(j + 1);
        if ((d === 114 && e2 === 101) || (d === 118 && e2 === 101) || (d === 108 && e2 === 108)) {
          out.push(i, i + 3);
          i += 3;
          continue;
        }
      }
    } else if (c === 32 && j < end) {
      // " ?" before a letter / digit / other run
      const k2 = cls[s.charCodeAt(j)]!;
      if (k2 !== G_WS) {
        k = k2;
        j++;
      }
    }
    if (k === G_WS) {
      while (j < end && cls[s.charCodeAt(j)] === G_WS) j++;
      // \s+(?!\S): leave the last whitespace char for the next piece when a non-space follows
      if (j < end && j - 1 > i) j--;
    } else {
      while (j < end && cls[s.charCodeAt(j)] === k) j++;
    }
    out.push(i, j);
    i = j;
  }
}

/** GPT2_RE "isolated" pieces of any `s` (the regex itself), as [start, end) pairs onto `out`. */
function gpt2SplitRegex(s: string, out: number[]): void {
  let prev = 0;
  GPT2_RE.lastIndex = 0;
  for (const m of s.matchAll(GPT2_RE)) {
    const a = m.index!;
    const b = a + m[0].length;
    if (a === b) continue;
    if (prev !== a) out.push(prev, a);
    out.push(a, b);
    prev = b;
  }
  if (prev !== s.length) out.push(prev, s.length);
}

export class ByteLevelFastPath implements FastPath {
  readonly normalizer = null;
  private cache = new PieceCache();
  private out = new Builder();
  private bounds: number[] = [];
  constructor(readonly pre_tokenizer: ByteLevel, readonly model: Model, private added: AddedVocabulary) {}

  static create(p: Pipeline): ByteLevelFastPath | null {
    const pre = p.pre_tokenizer;
    if (p.normalizer !== null) return null;
    if (!pre || Object.getPrototypeOf(pre) !== ByteLevel.prototype) return null;
    if (modelSignature(p.model) === null) return null;
    return new ByteLevelFastPath(pre as ByteLevel, p.model, p.added_vocabulary);
  }

  encode(sequence: string, typeId: number, wordIdx: number | null = null, wrap: SingleWrap | null = null): Encoding | null {
    const pre = this.pre_tokenizer;
    if (!pre.use_regex) return null;
    const msig = modelSignature(this.model);
    if (msig === null) return null;
    this.cache.check(msig);
    const out = this.out.reset();
    const bounds = this.bounds;
    let word = 0;
    for (const [id, s, e] of this.added.splitRaw(sequence, true)) {
      if (id !== null) {
        out.added(id, sequence.slice(s, e), s, e, word++);
        continue;
      }
      bounds.length = 0;
      // The reference prepends " " (aligned with the first char) to each segment without one.
      const prefix = pre.add_prefix_space && sequence.charCodeAt(s) !== 32;
      const seg = prefix ? " " + sequence.slice(s, e) : s === 0 && e === sequence.length ? sequence : sequence.slice(s, e);
      if (isAscii(seg, 0, seg.length)) gpt2SplitAscii(seg, 0, seg.length, bounds);
      else gpt2SplitRegex(seg, bounds);
      for (let b = 0; b < bounds.length; b += 2) {
        const ps = bounds[b]!;
        const pe = bounds[b + 1]!;
        if (prefix && ps === 0) {
          const p = this.prefixedPiece(seg, pe);
          if (p === null) return null;
          out.piece(p, s, word);
          word += p.nWords;
          continue;
        }
        const text = seg.slice(ps, pe);
        let p = this.cache.get(text);
        if (p === undefined) {
          const q = this.piece(NormalizedString.from(text));
          if (q === null) return null;
          this.cache.set(text, q);
          p = q;
        }
        out.piece(p, s + ps - (prefix ? 1 : 0), word);
        word += p.nWords;
      }
    }
    return out.finish(typeId, wordIdx, wrap);
  }

  /** The reference on one piece (its NormalizedString as the segment's slice would be). */
  private piece(ns: NormalizedString): Piece | null {
    byteLevelTransform(ns);
    const pts = new PreTokenizedString("");
    pts.splits = [{ normalized: ns, tokens: null }];
    return collect(pts, this.model);
  }

  /** The first piece [0, pe) of " " + segment: the prepended space is aligned with the first char. */
  private prefixedPiece(seg: string, pe: number): Piece | null {
    // Only the chars the piece covers matter, and at least the first char (the space's alignment).
    // (A piece that is the space alone is followed by whitespace: the first char is one unit.)
    const ns = NormalizedString.from(seg.slice(1, Math.max(pe, 2)));
    ns.prepend(" ");
    const sl = ns.slice(0, pe);
    return sl === null ? null : this.piece(sl);
  }
}

/** The fast path for this pipeline, or null (the reference pipeline handles it). */
export function createFastPath(p: Pipeline): FastPath | null {
  return BertFastPath.create(p) ?? ByteLevelFastPath.create(p);
}
