// WordPiece: port of tokenizers/src/models/wordpiece/mod.rs (greedy longest-match-first with a
// `##` continuation prefix; words longer than max_input_chars_per_word become one unk token).
import type { Token } from "../normalized_string.js";
import type { JsonObject } from "../json.js";
import type { Model } from "./model.js";
import { ValueError } from "../../../utils/errors.js";

export interface WordPieceOptions {
  unk_token?: string;
  continuing_subword_prefix?: string;
  max_input_chars_per_word?: number;
}

export class WordPiece implements Model {
  readonly type = "WordPiece" as const;
  readonly vocab: Map<string, number>;
  private vocab_r: Map<number, string>;
  unk_token: string;
  continuing_subword_prefix: string;
  max_input_chars_per_word: number;
  /** Longest vocab entry in UTF-16 units: bounds the greedy search (a pure speed-up). */
  private maxLen: number;

  constructor(vocab: Map<string, number>, options: WordPieceOptions = {}) {
    this.vocab = vocab;
    this.vocab_r = new Map();
    let maxLen = 1;
    for (const [t, id] of vocab) {
      this.vocab_r.set(id, t);
      if (t.length > maxLen) maxLen = t.length;
    }
    this.maxLen = maxLen;
    this.unk_token = options.unk_token ?? "[UNK]";
    this.continuing_subword_prefix = options.continuing_subword_prefix ?? "##";
    this.max_input_chars_per_word = options.max_input_chars_per_word ?? 100;
  }

  /** Read a BERT `vocab.txt` (one token per line, id = line number). */
  static readVocabTxt(text: string): Map<string, number> {
    const vocab = new Map<string, number>();
    const lines = text.split("\n");
    if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    for (let i = 0; i < lines.length; i++) {
      const t = lines[i]!.replace(/\r$/, "").trimEnd();
      vocab.set(t, i);
    }
    return vocab;
  }

  private unk(len: number): Token[] {
    const id = this.vocab.get(this.unk_token);
    if (id === undefined) throw new ValueError(`WordPiece: the unk token "${this.unk_token}" is not in the vocabulary`);
    return [{ id, value: this.unk_token, offsets: [0, len] }];
  }

  tokenize(sequence: string): Token[] {
    const n = sequence.length;
    let charLen = 0;
    for (let i = 0; i < n; i++) {
      const c = sequence.charCodeAt(i);
      if (!(c >= 0xdc00 && c <= 0xdfff && i > 0)) charLen++;
    }
    if (charLen > this.max_input_chars_per_word) return this.unk(n);
    const out: Token[] = [];
    const prefix = this.continuing_subword_prefix;
    let start = 0;
    while (start < n) {
      let end = Math.min(n, start + this.maxLen);
      if (end < n && isLowSurrogate(sequence.charCodeAt(end))) end--;
      let found: Token | null = null;
      while (start < end) {
        const sub = start > 0 ? prefix + sequence.slice(start, end) : sequence.slice(start, end);
        const id = this.vocab.get(sub);
        if (id !== undefined) {
          found = { id, value: sub, offsets: [start, end] };
          break;
        }
        end -= end >= 2 && isLowSurrogate(sequence.charCodeAt(end - 1)) ? 2 : 1;
      }
      if (!found) return this.unk(n);
      out.push(found);
      start = end;
    }
    return out;
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
      type: "WordPiece",
      unk_token: this.unk_token,
      continuing_subword_prefix: this.continuing_subword_prefix,
      max_input_chars_per_word: this.max_input_chars_per_word,
      vocab,
    };
  }
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
