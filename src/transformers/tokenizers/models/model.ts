// The interface every tokenization model (WordPiece, BPE, Unigram, WordLevel) implements.
import type { Token } from "../normalized_string.js";
import type { JsonObject } from "../json.js";

export interface Model {
  readonly type: "WordPiece" | "BPE" | "Unigram" | "WordLevel";
  /** Tokens of one pre-tokenized piece; offsets are UTF-16 indices into `sequence`. */
  tokenize(sequence: string): Token[];
  token_to_id(token: string): number | undefined;
  id_to_token(id: number): string | undefined;
  get_vocab(): Map<string, number>;
  get_vocab_size(): number;
  /** The `model` section of tokenizer.json (current serialization). */
  toJSON(): JsonObject;
}
