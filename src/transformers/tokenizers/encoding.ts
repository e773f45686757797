// Encoding: port of tokenizers/src/tokenizer/encoding.rs (merge, truncate with stride/overflow,
// pad) plus the Python-side word/char/token lookups. Offsets are UTF-16 indices of the input.
import type { Offsets } from "./normalized_string.js";
import { ValueError } from "../../utils/errors.js";

/** The concatenation of `lists` (whose lengths add up to `total`) into one new array. */
export function catLists<T>(lists: T[][], total: number): T[] {
  const out = new Array<T>(total);
  let k = 0;
  for (let j = 0; j < lists.length; j++) {
    const a = lists[j]!;
    for (let i = 0; i < a.length; i++) out[k++] = a[i]!;
  }
  return out;
}

export type TruncationDirection = "right" | "left";
export type PaddingDirection = "right" | "left";

/** The per-token lists of an Encoding, offsets flat ([start0, end0, start1, end1, …]). */
export interface EncodingLists {
  ids: number[];
  type_ids: number[];
  tokens: string[];
  words: Array<number | null>;
  flat_offsets: number[];
  special_tokens_mask: number[];
  attention_mask: number[];
}

export class Encoding {
  ids: number[];
  type_ids: number[];
  tokens: string[];
  words: Array<number | null>;
  special_tokens_mask: number[];
  attention_mask: number[];
  overflowing: Encoding[] = [];
  /** sequence id → [start, end) token range (Rust `sequence_ranges`). */
  sequence_ranges: Map<number, [number, number]> = new Map();

  // Offsets are stored flat — [start0, end0, start1, end1, …], no object per token — until
  // `offsets` is first read; from then on the array of pairs is the storage. Code on the hot path
  // (fast paths, post-processors, BatchEncoding) uses offsetStart/offsetEnd/setOffset/pushOffset
  // and stays on the flat form. Exactly one of the two is non-null.
  #flat: number[] | null;
  #pairs: Offsets[] | null = null;

  /** An empty encoding, or one that takes over the given lists (not copied). */
  constructor(lists?: EncodingLists) {
    this.ids = lists?.ids ?? [];
    this.type_ids = lists?.type_ids ?? [];
    this.tokens = lists?.tokens ?? [];
    this.words = lists?.words ?? [];
    this.#flat = lists?.flat_offsets ?? [];
    this.special_tokens_mask = lists?.special_tokens_mask ?? [];
    this.attention_mask = lists?.attention_mask ?? [];
  }

  /** [start, end) UTF-16 offsets of each token in its input (materialized on first read). */
  get offsets(): Offsets[] {
    if (this.#pairs === null) {
      const f = this.#flat!;
      const n = f.length >> 1;
      const out = new Array<Offsets>(n);
      for (let i = 0; i < n; i++) out[i] = [f[2 * i]!, f[2 * i + 1]!];
      this.#pairs = out;
      this.#flat = null;
    }
    return this.#pairs;
  }
  set offsets(v: Offsets[]) {
    this.#pairs = v;
    this.#flat = null;
  }

  offsetStart(i: number): number {
    return this.#flat !== null ? this.#flat[2 * i]! : this.#pairs![i]![0];
  }
  offsetEnd(i: number): number {
    return this.#flat !== null ? this.#flat[2 * i + 1]! : this.#pairs![i]![1];
  }
  setOffset(i: number, start: number, end: number): void {
    if (this.#flat !== null) {
      this.#flat[2 * i] = start;
      this.#flat[2 * i + 1] = end;
    } else this.#pairs![i] = [start, end];
  }
  pushOffset(start: number, end: number): void {
    if (this.#flat !== null) this.#flat.push(start, end);
    else this.#pairs!.push([start, end]);
  }
  /** Whether the offsets are stored flat (then offsetsFlat() is the storage itself). */
  hasFlatOffsets(): boolean {
    return this.#flat !== null;
  }
  /** The offsets as a flat list (the storage itself when flat: do not keep it past a change). */
  offsetsFlat(): number[] {
    if (this.#flat !== null) return this.#flat;
    const out: number[] = [];
    for (const o of this.#pairs!) out.push(o[0], o[1]);
    return out;
  }
  /** Replace the offsets by a flat list (owned by the encoding from now on). */
  setOffsetsFlat(flat: number[]): void {
    this.#flat = flat;
    this.#pairs = null;
  }
  /** A fresh array of fresh pairs (what BatchEncoding.offset_mapping holds), leaving the storage flat. */
  offsetsCopy(): Offsets[] {
    const n = this.length;
    const out = new Array<Offsets>(n);
    for (let i = 0; i < n; i++) out[i] = [this.offsetStart(i), this.offsetEnd(i)];
    return out;
  }

  get length(): number {
    return this.ids.length;
  }

  /** The plain-object form (what JSON.stringify wrote when offsets were a field). */
  toJSON(): Record<string, unknown> {
    return {
      ids: this.ids, type_ids: this.type_ids, tokens: this.tokens, words: this.words, offsets: this.offsetsCopy(),
      special_tokens_mask: this.special_tokens_mask, attention_mask: this.attention_mask, overflowing: this.overflowing,
      sequence_ranges: this.sequence_ranges,
    };
  }

  static fromSpecial(ids: number[], tokens: string[], typeId: number): Encoding {
    const n = ids.length;
    return new Encoding({
      ids: ids.slice(), tokens: tokens.slice(), type_ids: new Array<number>(n).fill(typeId), words: new Array<null>(n).fill(null),
      flat_offsets: new Array<number>(2 * n).fill(0), special_tokens_mask: new Array<number>(n).fill(1), attention_mask: new Array<number>(n).fill(1),
    });
  }

  clone(): Encoding {
    const e = new Encoding();
    e.ids = this.ids.slice();
    e.type_ids = this.type_ids.slice();
    e.tokens = this.tokens.slice();
    e.words = this.words.slice();
    if (this.#flat !== null) e.setOffsetsFlat(this.#flat.slice());
    else e.offsets = this.#pairs!.map((o) => [o[0], o[1]] as Offsets);
    e.special_tokens_mask = this.special_tokens_mask.slice();
    e.attention_mask = this.attention_mask.slice();
    e.overflowing = this.overflowing.map((o) => o.clone());
    e.sequence_ranges = new Map([...this.sequence_ranges].map(([k, v]) => [k, [v[0], v[1]] as [number, number]]));
    return e;
  }

  private slicePart(start: number, stop: number): Encoding {
    const e = new Encoding();
    e.ids = this.ids.slice(start, stop);
    e.type_ids = this.type_ids.slice(start, stop);
    e.tokens = this.tokens.slice(start, stop);
    e.words = this.words.slice(start, stop);
    if (this.#flat !== null) e.setOffsetsFlat(this.#flat.slice(2 * start, 2 * stop));
    else e.offsets = this.#pairs!.slice(start, stop);
    e.special_tokens_mask = this.special_tokens_mask.slice(start, stop);
    e.attention_mask = this.attention_mask.slice(start, stop);
    return e;
  }

  set_sequence_id(id: number): void {
    this.sequence_ranges.set(id, [0, this.length]);
  }

  n_sequences(): number {
    return this.sequence_ranges.size === 0 ? 1 : this.sequence_ranges.size;
  }

  sequence_range(seq: number): [number, number] {
    return this.sequence_ranges.get(seq) ?? [0, this.length];
  }

  get_sequence_ids(): Array<number | null> {
    const out = new Array<number | null>(this.length).fill(null);
    for (let s = 0; s < this.n_sequences(); s++) {
      const [a, b] = this.sequence_range(s);
      for (let i = a; i < b; i++) out[i] = s;
    }
    return out;
  }

  /** Rust `merge_with`, including its overflow combinations. */
  merge_with(pair: Encoding, growingOffsets = false): void {
    const overflowings: Encoding[] = [];
    for (const selfO of this.overflowing) {
      const n = selfO.clone();
      n.merge_with(pair.clone(), growingOffsets);
      overflowings.push(n);
      for (const otherO of pair.overflowing) {
        const m = selfO.clone();
        m.merge_with(otherO.clone(), growingOffsets);
        overflowings.push(m);
      }
    }
    for (const otherO of pair.overflowing) {
      const n = this.clone();
      n.merge_with(otherO.clone(), growingOffsets);
      overflowings.push(n);
    }
    const len = this.length;
    for (const [k, [a, b]] of pair.sequence_ranges) this.sequence_ranges.set(k, [len + a, len + b]);
    const shift = growingOffsets && this.length > 0 ? this.offsetEnd(this.length - 1) : 0;
    for (let i = 0; i < pair.length; i++) {
      this.ids.push(pair.ids[i]!);
      this.type_ids.push(pair.type_ids[i]!);
      this.tokens.push(pair.tokens[i]!);
      this.words.push(pair.words[i]!);
      this.pushOffset(pair.offsetStart(i) + shift, pair.offsetEnd(i) + shift);
      this.special_tokens_mask.push(pair.special_tokens_mask[i]!);
      this.attention_mask.push(pair.attention_mask[i]!);
    }
    this.overflowing = overflowings;
  }

  static merge(encodings: Encoding[], growingOffsets = false): Encoding {
    if (!growingOffsets && encodings.every((x) => x.overflowing.length === 0)) return Encoding.concat(encodings);
    const e = new Encoding();
    for (const s of encodings) e.merge_with(s, growingOffsets);
    return e;
  }

  /**
   * `merge(encodings, false)` when none has overflowing parts: plain concatenation (the
   * `merge_with` loop is the reference; tests compare both).
   */
  static concat(encodings: Encoding[]): Encoding {
    const m = encodings.length;
    const ids = new Array<number[]>(m);
    const typeIds = new Array<number[]>(m);
    const tokens = new Array<string[]>(m);
    const words = new Array<Array<number | null>>(m);
    const flat = new Array<number[]>(m);
    const special = new Array<number[]>(m);
    const attention = new Array<number[]>(m);
    let allFlat = true;
    let len = 0;
    const ranges = new Map<number, [number, number]>();
    for (let i = 0; i < m; i++) {
      const x = encodings[i]!;
      for (const [k, [a, b]] of x.sequence_ranges) ranges.set(k, [len + a, len + b]);
      len += x.length;
      ids[i] = x.ids;
      typeIds[i] = x.type_ids;
      tokens[i] = x.tokens;
      words[i] = x.words;
      flat[i] = x.#flat!;
      special[i] = x.special_tokens_mask;
      attention[i] = x.attention_mask;
      if (x.#flat === null) allFlat = false;
    }
    const e = new Encoding({
      ids: catLists(ids, len), type_ids: catLists(typeIds, len), tokens: catLists(tokens, len), words: catLists(words, len),
      flat_offsets: allFlat ? catLists(flat, 2 * len) : [], special_tokens_mask: catLists(special, len), attention_mask: catLists(attention, len),
    });
    if (!allFlat) e.offsets = ([] as Offsets[]).concat(...encodings.map((x) => x.offsets.map((o) => [o[0], o[1]] as Offsets)));
    e.sequence_ranges = ranges;
    return e;
  }

  /** Rust `truncate`: keep `maxLen` tokens, the rest become `overflowing` windows of `maxLen` with `stride` overlap. */
  truncate(maxLen: number, stride: number, direction: TruncationDirection): void {
    const n = this.length;
    if (maxLen >= n) return;
    if (maxLen === 0) {
      const o = this.clone();
      this.assign(new Encoding());
      this.overflowing = [o];
      return;
    }
    if (stride >= maxLen) {
      throw new ValueError(
        `\`stride\` must be strictly less than \`max_len=${maxLen}\` (note that \`max_len\` may be shorter than the max length of the original model, as it subtracts the number of special characters`,
      );
    }
    this.sequence_ranges.clear();
    const step = maxLen - stride;
    const parts: Array<[number, number]> = [];
    if (direction === "right") {
      for (let start = 0; start < n; start += step) {
        const stop = Math.min(start + maxLen, n);
        parts.push([start, stop]);
        if (stop === n) break;
      }
    } else {
      for (let s = n - 1; s >= 0; s -= step) {
        const stop = s + 1;
        const start = Math.max(0, stop - maxLen);
        parts.push([start, stop]);
        if (start === 0) break;
      }
    }
    const [s0, e0] = parts[0]!;
    const main = this.slicePart(s0, e0);
    for (let i = 1; i < parts.length; i++) main.overflowing.push(this.slicePart(parts[i]![0], parts[i]![1]));
    this.assign(main);
  }

  /** Take over every field of `o`. */
  private assign(o: Encoding): void {
    this.ids = o.ids;
    this.type_ids = o.type_ids;
    this.tokens = o.tokens;
    this.words = o.words;
    this.#flat = o.#flat;
    this.#pairs = o.#pairs;
    this.special_tokens_mask = o.special_tokens_mask;
    this.attention_mask = o.attention_mask;
    this.overflowing = o.overflowing;
    this.sequence_ranges = o.sequence_ranges;
  }

  /** Rust `pad`: pads overflowing parts too. */
  pad(target: number, padId: number, padTypeId: number, padToken: string, direction: PaddingDirection): void {
    for (const o of this.overflowing) o.pad(target, padId, padTypeId, padToken, direction);
    const n = this.length;
    if (n >= target) return;
    const k = target - n;
    const rep = <T>(v: T): T[] => new Array<T>(k).fill(v);
    const zeros = (): Offsets[] => Array.from({ length: k }, () => [0, 0] as Offsets);
    const flat = this.#flat;
    if (direction === "left") {
      this.ids = rep(padId).concat(this.ids);
      this.type_ids = rep(padTypeId).concat(this.type_ids);
      this.tokens = rep(padToken).concat(this.tokens);
      this.words = rep<number | null>(null).concat(this.words);
      this.attention_mask = rep(0).concat(this.attention_mask);
      this.special_tokens_mask = rep(1).concat(this.special_tokens_mask);
      if (flat !== null) this.#flat = new Array<number>(2 * k).fill(0).concat(flat);
      else this.offsets = zeros().concat(this.#pairs!);
      for (const [key, [a, b]] of this.sequence_ranges) this.sequence_ranges.set(key, [a + k, b + k]);
    } else {
      this.ids = this.ids.concat(rep(padId));
      this.type_ids = this.type_ids.concat(rep(padTypeId));
      this.tokens = this.tokens.concat(rep(padToken));
      this.words = this.words.concat(rep<number | null>(null));
      this.attention_mask = this.attention_mask.concat(rep(0));
      this.special_tokens_mask = this.special_tokens_mask.concat(rep(1));
      if (flat !== null) this.#flat = flat.concat(new Array<number>(2 * k).fill(0));
      else this.offsets = this.#pairs!.concat(zeros());
    }
  }

  // ---- lookups (Rust encoding.rs; positions are UTF-16 indices) ----

  /** First token whose offsets contain `pos` within sequence `seq`. */
  char_to_token(pos: number, seq = 0): number | null {
    const [a, b] = this.sequence_range(seq);
    for (let i = a; i < b; i++) if (pos >= this.offsetStart(i) && pos < this.offsetEnd(i)) return i;
    return null;
  }

  char_to_word(pos: number, seq = 0): number | null {
    const t = this.char_to_token(pos, seq);
    return t === null ? null : this.words[t] ?? null;
  }

  token_to_sequence(token: number): number | null {
    if (token >= this.length) return null;
    if (this.sequence_ranges.size === 0) return 0;
    for (const [k, [a, b]] of this.sequence_ranges) if (token >= a && token < b) return k;
    return null;
  }

  token_to_chars(token: number): [number, Offsets] | null {
    const seq = this.token_to_sequence(token);
    if (seq === null || !Number.isInteger(token) || token < 0 || token >= this.length) return null;
    return [seq, [this.offsetStart(token), this.offsetEnd(token)]];
  }

  token_to_word(token: number): [number, number] | null {
    const seq = this.token_to_sequence(token);
    const w = this.words[token];
    return seq === null || w === null || w === undefined ? null : [seq, w];
  }

  word_to_tokens(word: number, seq = 0): [number, number] | null {
    const [a, b] = this.sequence_range(seq);
    let start: number | null = null;
    let end: number | null = null;
    for (let i = a; i < b; i++) {
      if (this.words[i] === word) {
        if (start === null || i < start) start = i;
        if (end === null || i >= end) end = i + 1;
      }
    }
    return start === null || end === null ? null : [start, end];
  }

  word_to_chars(word: number, seq = 0): Offsets | null {
    const r = this.word_to_tokens(word, seq);
    if (!r) return null;
    return [this.offsetStart(r[0]), this.offsetEnd(r[1] - 1)];
  }
}
