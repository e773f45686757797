// Trainers: port of tokenizers/src/models/bpe/trainer.rs (BpeTrainer) and
// models/wordpiece/trainer.rs (WordPieceTrainer = BPE training with a "##" continuation prefix,
// then the learnt vocabulary becomes a WordPiece model).
//
// Rust counts words in a HashMap, so the ids of the "##x" alphabet (and thus tie-breaks between
// equally frequent pairs) depend on hash order there; here words are visited in sorted order so
// training is deterministic. The algorithm is otherwise the same: most frequent pair first, ties
// to the smaller (id, id) pair, counts updated incrementally in the words that contain the pair.
import { AddedToken } from "./added_vocabulary.js";
import { BPE } from "./models/bpe.js";
import { WordPiece } from "./models/wordpiece.js";
import type { Model } from "./models/model.js";

export interface Trainer {
  /** Learn a new model from word counts; options not learnt (unk token, …) come from `previous`. */
  train(wordCounts: Map<string, number>, previous?: Model): { model: Model; special_tokens: AddedToken[] };
}

export interface BpeTrainerOptions {
  vocab_size?: number;
  min_frequency?: number;
  special_tokens?: Array<string | AddedToken>;
  limit_alphabet?: number | null;
  initial_alphabet?: string[];
  continuing_subword_prefix?: string | null;
  end_of_word_suffix?: string | null;
  max_token_length?: number | null;
  show_progress?: boolean;
}

function toAdded(t: string | AddedToken): AddedToken {
  return typeof t === "string" ? new AddedToken(t, { special: true }) : t;
}

interface QItem {
  a: number;
  b: number;
  count: number;
  pos: Set<number>;
}

export class BpeTrainer implements Trainer {
  vocab_size: number;
  min_frequency: number;
  special_tokens: AddedToken[];
  limit_alphabet: number | null;
  initial_alphabet: string[];
  continuing_subword_prefix: string | null;
  end_of_word_suffix: string | null;
  max_token_length: number | null;

  constructor(options: BpeTrainerOptions = {}) {
    this.vocab_size = options.vocab_size ?? 30000;
    this.min_frequency = options.min_frequency ?? 0;
    this.special_tokens = (options.special_tokens ?? []).map(toAdded);
    this.limit_alphabet = options.limit_alphabet ?? null;
    this.initial_alphabet = options.initial_alphabet ?? [];
    this.continuing_subword_prefix = options.continuing_subword_prefix ?? null;
    this.end_of_word_suffix = options.end_of_word_suffix ?? null;
    this.max_token_length = options.max_token_length ?? null;
  }

  /** Learn vocab + merges (returned as a BPE model). */
  trainBPE(wordCounts: Map<string, number>): { vocab: Map<string, number>; merges: Array<[string, string]> } {
    const w2id = new Map<string, number>();
    const id2w: string[] = [];
    const add = (s: string): number => {
      let id = w2id.get(s);
      if (id === undefined) {
        id = id2w.length;
        id2w.push(s);
        w2id.set(s, id);
      }
      return id;
    };
    for (const t of this.special_tokens) add(t.content);

    // alphabet
    const alphabet = new Map<string, number>();
    for (const [w, c] of wordCounts) for (const ch of w) alphabet.set(ch, (alphabet.get(ch) ?? 0) + c);
    for (const ch of this.initial_alphabet) {
      const first = Array.from(ch)[0];
      if (first !== undefined) alphabet.set(first, Number.MAX_SAFE_INTEGER);
    }
    let kept = [...alphabet];
    if (this.limit_alphabet !== null && kept.length > this.limit_alphabet) {
      kept.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1));
      kept = kept.slice(kept.length - this.limit_alphabet);
    }
    kept.sort((x, y) => x[0].codePointAt(0)! - y[0].codePointAt(0)!);
    for (const [ch] of kept) add(ch);

    // words as symbol ids (chars outside the kept alphabet are dropped, as in Rust)
    const entries = [...wordCounts].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    const words: number[][] = [];
    const lens: number[][] = [];
    const counts: number[] = [];
    for (const [w, c] of entries) {
      const cs = Array.from(w);
      const sym: number[] = [];
      for (let i = 0; i < cs.length; i++) {
        let s = cs[i]!;
        if (!w2id.has(s)) continue;
        if (i > 0 && this.continuing_subword_prefix) s = this.continuing_subword_prefix + s;
        if (i === cs.length - 1 && this.end_of_word_suffix) s = s + this.end_of_word_suffix;
        sym.push(add(s));
      }
      words.push(sym);
      lens.push(sym.map(() => 1));
      counts.push(c);
    }

    const key = (a: number, b: number): number => a * 2 ** 21 + b;
    const pairCounts = new Map<number, number>();
    let whereToUpdate = new Map<number, Set<number>>();
    words.forEach((sym, i) => {
      for (let k = 0; k + 1 < sym.length; k++) {
        const p = key(sym[k]!, sym[k + 1]!);
        pairCounts.set(p, (pairCounts.get(p) ?? 0) + counts[i]!);
        let s = whereToUpdate.get(p);
        if (!s) whereToUpdate.set(p, (s = new Set()));
        s.add(i);
      }
    });

    // max-heap by count, ties → smaller pair first
    const heap: QItem[] = [];
    const better = (x: QItem, y: QItem): boolean => x.count > y.count || (x.count === y.count && (x.a < y.a || (x.a === y.a && x.b < y.b)));
    const push = (it: QItem): void => {
      heap.push(it);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!better(heap[i]!, heap[p]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    };
    const pop = (): QItem => {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let s = i;
          if (l < heap.length && better(heap[l]!, heap[s]!)) s = l;
          if (r < heap.length && better(heap[r]!, heap[s]!)) s = r;
          if (s === i) break;
          [heap[i], heap[s]] = [heap[s]!, heap[i]!];
          i = s;
        }
      }
      return top;
    };
    const seed = (): void => {
      for (const [p, pos] of whereToUpdate) {
        const c = pairCounts.get(p) ?? 0;
        if (c > 0) push({ a: Math.floor(p / 2 ** 21), b: p % 2 ** 21, count: c, pos });
      }
      whereToUpdate = new Map();
    };
    seed();

    const maxLen = this.max_token_length ?? Number.MAX_SAFE_INTEGER;
    const merges: Array<[string, string]> = [];
    const prefix = this.continuing_subword_prefix;
    while (w2id.size < this.vocab_size && heap.length > 0) {
      const top = pop();
      const cur = pairCounts.get(key(top.a, top.b)) ?? 0;
      if (top.count !== cur) {
        top.count = cur;
        push(top);
        continue;
      }
      if (top.count < 1 || this.min_frequency > top.count) break;
      const partA = id2w[top.a]!;
      let partB = id2w[top.b]!;
      if (prefix && partB.startsWith(prefix)) partB = partB.slice(prefix.length);
      const newId = add(partA + partB);
      merges.push([partA, id2w[top.b]!]);

      for (const wi of top.pos) {
        const sym = words[wi]!;
        const ln = lens[wi]!;
        const c = counts[wi]!;
        for (let i = 0; i < sym.length; i++) {
          if (sym[i] !== top.a || i + 1 >= sym.length || sym[i + 1] !== top.b) continue;
          const newLen = ln[i]! + ln[i + 1]!;
          const change = (p: number, d: number): void => {
            pairCounts.set(p, (pairCounts.get(p) ?? 0) + d * c);
            if (d > 0) {
              let s = whereToUpdate.get(p);
              if (!s) whereToUpdate.set(p, (s = new Set()));
              s.add(wi);
            }
          };
          if (i > 0) {
            change(key(sym[i - 1]!, top.a), -1);
            if (ln[i - 1]! + newLen < maxLen) change(key(sym[i - 1]!, newId), 1);
          }
          const second = sym[i + 1]!;
          sym.splice(i, 2, newId);
          ln.splice(i, 2, newLen);
          if (i < sym.length - 1) {
            change(key(second, sym[i + 1]!), -1);
            if (ln[i + 1]! + newLen < maxLen) change(key(newId, sym[i + 1]!), 1);
          }
        }
      }
      seed();
    }
    return { vocab: w2id, merges };
  }

  train(wordCounts: Map<string, number>, previous?: Model): { model: Model; special_tokens: AddedToken[] } {
    const { vocab, merges } = this.trainBPE(wordCounts);
    const old = previous instanceof BPE ? previous : null;
    const model = new BPE(vocab, merges, {
      continuing_subword_prefix: this.continuing_subword_prefix,
      end_of_word_suffix: this.end_of_word_suffix,
      dropout: old?.dropout ?? null,
      unk_token: old?.unk_token ?? null,
      fuse_unk: old?.fuse_unk ?? false,
      byte_fallback: old?.byte_fallback ?? false,
    });
    return { model, special_tokens: this.special_tokens };
  }
}

export interface WordPieceTrainerOptions extends BpeTrainerOptions {
  unk_token?: string;
  max_input_chars_per_word?: number;
}

export class WordPieceTrainer implements Trainer {
  private bpe: BpeTrainer;
  constructor(public options: WordPieceTrainerOptions = {}) {
    this.bpe = new BpeTrainer({ ...options, continuing_subword_prefix: options.continuing_subword_prefix ?? "##" });
  }
  train(wordCounts: Map<string, number>, previous?: Model): { model: Model; special_tokens: AddedToken[] } {
    const { vocab } = this.bpe.trainBPE(wordCounts);
    const old = previous instanceof WordPiece ? previous : null;
    const model = new WordPiece(vocab, {
      unk_token: this.options.unk_token ?? old?.unk_token ?? "[UNK]",
      continuing_subword_prefix: this.bpe.continuing_subword_prefix ?? "##",
      max_input_chars_per_word: this.options.max_input_chars_per_word ?? old?.max_input_chars_per_word ?? 100,
    });
    return { model, special_tokens: this.bpe.special_tokens };
  }
}
