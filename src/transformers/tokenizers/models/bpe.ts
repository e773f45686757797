// BPE: port of tokenizers/src/models/bpe/{model,word}.rs. Merges are applied lowest rank first,
// leftmost on ties (Rust's heap of (rank, pos)); results are cached per word like Rust's 10k cache.
import type { Token } from "../normalized_string.js";
import type { JsonObject } from "../json.js";
import type { Model } from "./model.js";
import { ValueError } from "../../../utils/errors.js";
import { utf8 } from "../unicode.js";

export interface BPEOptions {
  dropout?: number | null;
  unk_token?: string | null;
  continuing_subword_prefix?: string | null;
  end_of_word_suffix?: string | null;
  fuse_unk?: boolean;
  byte_fallback?: boolean;
  ignore_merges?: boolean;
}

const CACHE_CAPACITY = 10_000;
const CACHE_MAX_WORD = 256;
// Pair key: ids < 2^21 each, so a*2^21+b stays an exact double.
const SHIFT = 2 ** 21;

/** A word being merged: parallel arrays of symbol ids and UTF-16 lengths. */
type Word = { ids: number[]; lens: number[] };

export class BPE implements Model {
  readonly type = "BPE" as const;
  readonly vocab: Map<string, number>;
  private vocab_r: Map<number, string>;
  /** pair key → rank * SHIFT + new id (one number, no object per merge) */
  private mergeMap: Map<number, number>;
  readonly merges: Array<[string, string]>;
  dropout: number | null;
  unk_token: string | null;
  continuing_subword_prefix: string | null;
  end_of_word_suffix: string | null;
  fuse_unk: boolean;
  byte_fallback: boolean;
  ignore_merges: boolean;
  private cache = new Map<string, Word>();

  constructor(vocab: Map<string, number>, merges: Array<[string, string]>, options: BPEOptions = {}) {
    this.vocab = vocab;
    this.vocab_r = new Map();
    for (const [t, id] of vocab) this.vocab_r.set(id, t);
    this.merges = merges;
    this.dropout = options.dropout ?? null;
    this.unk_token = options.unk_token ?? null;
    this.continuing_subword_prefix = options.continuing_subword_prefix ?? null;
    this.end_of_word_suffix = options.end_of_word_suffix ?? null;
    this.fuse_unk = options.fuse_unk ?? false;
    this.byte_fallback = options.byte_fallback ?? false;
    this.ignore_merges = options.ignore_merges ?? false;
    this.mergeMap = new Map();
    const prefixLen = this.continuing_subword_prefix?.length ?? 0;
    for (let rank = 0; rank < merges.length; rank++) {
      const [a, b] = merges[rank]!;
      const ia = vocab.get(a);
      const ib = vocab.get(b);
      if (ia === undefined) throw new ValueError(`BPE merges[${rank}] "${a} ${b}": token "${a}" is not in the vocabulary`);
      if (ib === undefined) throw new ValueError(`BPE merges[${rank}] "${a} ${b}": token "${b}" is not in the vocabulary`);
      const merged = a + (prefixLen > 0 && b.startsWith(this.continuing_subword_prefix!) ? b.slice(prefixLen) : b);
      const nid = vocab.get(merged);
      if (nid === undefined) throw new ValueError(`BPE merges[${rank}] "${a} ${b}": merged token "${merged}" is not in the vocabulary`);
      const key = ia * SHIFT + ib;
      if (!this.mergeMap.has(key)) this.mergeMap.set(key, rank * SHIFT + nid);
    }
  }

  /** Read GPT-2 style `vocab.json` text. */
  static readVocabJson(text: string, file = "vocab.json"): Map<string, number> {
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      throw new ValueError(`${file}: not valid JSON (${(e as Error).message})`);
    }
    if (typeof obj !== "object" || obj === null || Array.isArray(obj)) throw new ValueError(`${file}: expected an object mapping token → id`);
    const vocab = new Map<string, number>();
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
      if (typeof v !== "number") throw new ValueError(`${file}: "${k}": expected an integer id, got ${typeof v}`);
      vocab.set(k, v);
    }
    return vocab;
  }

  /** Read `merges.txt` (skips the `#version` header and blank lines). */
  static readMergesTxt(text: string, file = "merges.txt"): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.replace(/\r$/, "");
      if (line.startsWith("#version") || line.length === 0) continue;
      const parts = line.split(" ");
      if (parts.length !== 2) throw new ValueError(`${file}: line ${i + 1}: expected two tokens separated by one space, got "${line}"`);
      out.push([parts[0]!, parts[1]!]);
    }
    return out;
  }

  clearCache(): void {
    this.cache.clear();
  }

  private mergeWord(w: string): Word {
    const ids: number[] = [];
    const lens: number[] = [];
    let unkId = -1;
    let unkLen = 0;
    const n = w.length;
    for (let i = 0; i < n; ) {
      const c = w.charCodeAt(i);
      const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      const end = i + width;
      let s = width === 1 ? w[i]! : w.slice(i, end);
      if (i > 0 && this.continuing_subword_prefix) s = this.continuing_subword_prefix + s;
      if (end === n && this.end_of_word_suffix) s = s + this.end_of_word_suffix;
      const id = this.vocab.get(s);
      if (id !== undefined) {
        if (unkId >= 0) {
          ids.push(unkId);
          lens.push(unkLen);
          unkId = -1;
        }
        ids.push(id);
        lens.push(width);
      } else {
        let handled = false;
        if (this.byte_fallback) {
          const bytes = utf8(s);
          const bids: number[] = [];
          for (const b of bytes) {
            const bid = this.vocab.get(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
            if (bid === undefined) break;
            bids.push(bid);
          }
          if (bids.length === bytes.length) {
            // Rust gives each byte token a length of 1 byte; here the first byte token spans the char.
            for (let k = 0; k < bids.length; k++) {
              ids.push(bids[k]!);
              lens.push(k === 0 ? width : 0);
            }
            handled = true;
          }
        }
        if (!handled && this.unk_token !== null) {
          const uid = this.vocab.get(this.unk_token);
          if (uid === undefined) throw new ValueError(`BPE: unk token "${this.unk_token}" is not in the vocabulary`);
          if (unkId >= 0 && this.fuse_unk) unkLen += width;
          else {
            if (unkId >= 0) {
              ids.push(unkId);
              lens.push(unkLen);
            }
            unkId = uid;
            unkLen = width;
          }
        }
      }
      i = end;
    }
    if (unkId >= 0) {
      ids.push(unkId);
      lens.push(unkLen);
    }
    return this.mergeAll({ ids, lens });
  }

  /** Rust Word::merge_all without dropout: a binary heap of (rank, pos) with lazy invalidation. */
  private mergeAll(word: Word): Word {
    const { ids, lens } = word;
    const n = ids.length;
    if (n < 2) return word;
    const prev = new Int32Array(n);
    const next = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      prev[i] = i - 1;
      next[i] = i + 1 < n ? i + 1 : -1;
    }
    const alive = new Uint8Array(n).fill(1);
    // heap of [rank, pos, newId]
    const hr: number[] = [];
    const hp: number[] = [];
    const hn: number[] = [];
    const less = (i: number, j: number): boolean => hr[i]! < hr[j]! || (hr[i] === hr[j] && hp[i]! < hp[j]!);
    const swap = (i: number, j: number): void => {
      let t = hr[i]!; hr[i] = hr[j]!; hr[j] = t;
      t = hp[i]!; hp[i] = hp[j]!; hp[j] = t;
      t = hn[i]!; hn[i] = hn[j]!; hn[j] = t;
    };
    const push = (rank: number, pos: number, nid: number): void => {
      hr.push(rank); hp.push(pos); hn.push(nid);
      let i = hr.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!less(i, p)) break;
        swap(i, p);
        i = p;
      }
    };
    const pop = (): void => {
      const last = hr.length - 1;
      swap(0, last);
      hr.pop(); hp.pop(); hn.pop();
      let i = 0;
      const m = hr.length;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let s = i;
        if (l < m && less(l, s)) s = l;
        if (r < m && less(r, s)) s = r;
        if (s === i) break;
        swap(i, s);
        i = s;
      }
    };
    const merges = this.mergeMap;
    const pushMerge = (m: number | undefined, pos: number): void => {
      if (m !== undefined) push(Math.floor(m / SHIFT), pos, m % SHIFT);
    };
    for (let i = 0; i + 1 < n; i++) pushMerge(merges.get(ids[i]! * SHIFT + ids[i + 1]!), i);
    while (hr.length > 0) {
      const pos = hp[0]!;
      const nid = hn[0]!;
      pop();
      if (!alive[pos]) continue;
      const nx = next[pos]!;
      if (nx === -1) continue;
      const cur = merges.get(ids[pos]! * SHIFT + ids[nx]!);
      if (cur === undefined || cur % SHIFT !== nid) continue;
      ids[pos] = nid;
      lens[pos] = lens[pos]! + lens[nx]!;
      alive[nx] = 0;
      const nn = next[nx]!;
      next[pos] = nn;
      if (nn !== -1) prev[nn] = pos;
      const pv = prev[pos]!;
      if (pv >= 0) pushMerge(merges.get(ids[pv]! * SHIFT + ids[pos]!), pv);
      if (nn !== -1) pushMerge(merges.get(ids[pos]! * SHIFT + ids[nn]!), pos);
    }
    const oi: number[] = [];
    const ol: number[] = [];
    for (let i = 0; i < n; i++) {
      if (alive[i]) {
        oi.push(ids[i]!);
        ol.push(lens[i]!);
      }
    }
    return { ids: oi, lens: ol };
  }

  private wordToTokens(word: Word): Token[] {
    const out: Token[] = new Array(word.ids.length);
    let start = 0;
    for (let i = 0; i < word.ids.length; i++) {
      const id = word.ids[i]!;
      const len = word.lens[i]!;
      out[i] = { id, value: this.vocab_r.get(id)!, offsets: [start, start + len] };
      start += len;
    }
    // byte-fallback tokens of one char share its offsets
    for (let i = 1; i < out.length; i++) {
      if (word.lens[i] === 0) out[i]!.offsets = [out[i - 1]!.offsets[0], out[i - 1]!.offsets[1]];
    }
    return out;
  }

  tokenize(sequence: string): Token[] {
    if (sequence.length === 0) return [];
    if (this.ignore_merges) {
      const id = this.vocab.get(sequence);
      if (id !== undefined) return [{ id, value: sequence, offsets: [0, sequence.length] }];
    }
    const useCache = this.dropout === null || this.dropout === 0;
    if (useCache) {
      const hit = this.cache.get(sequence);
      if (hit) return this.wordToTokens(hit);
    }
    const word = this.mergeWord(sequence);
    if (useCache && sequence.length < CACHE_MAX_WORD && this.cache.size < CACHE_CAPACITY) this.cache.set(sequence, word);
    return this.wordToTokens(word);
  }

  token_to_id(token: string): number | undefined {
    return this.vocab.get(token);
  }
  id_to_token(id: number): string | undefined {
    return this.vocab_r.get(id);
  }
  get_vocab(): Map<string, number> {
    return new Map(this.vocab);
  }
  get_vocab_size(): number {
    return this.vocab.size;
  }

  toJSON(): JsonObject {
    const vocab: JsonObject = {};
    for (const [t, id] of [...this.vocab].sort((a, b) => a[1] - b[1])) vocab[t] = id;
    return {
      type: "BPE",
      dropout: this.dropout,
      unk_token: this.unk_token,
      continuing_subword_prefix: this.continuing_subword_prefix,
      end_of_word_suffix: this.end_of_word_suffix,
      fuse_unk: this.fuse_unk,
      byte_fallback: this.byte_fallback,
      ignore_merges: this.ignore_merges,
      vocab,
      merges: this.merges.map(([a, b]) => [a, b]),
    };
  }
}
