// WordLevel: each pre-tokenized piece is looked up whole (unknown pieces → unk_token).
import type { Token } from "../normalized_string.js";
import type { JsonObject } from "../json.js";
import type { Model } from "./model.js";
import { ValueError } from "../../../utils/errors.js";

export class WordLevel implements Model {
  readonly type = "WordLevel" as const;
  private vocab_r = new Map<number, string>();
  constructor(readonly vocab: Map<string, number>, public unk_token = "<unk>") {
    for (const [t, id] of vocab) this.vocab_r.set(id, t);
  }
  tokenize(sequence: string): Token[] {
    const id = this.vocab.get(sequence);
    if (id !== undefined) return [{ id, value: sequence, offsets: [0, sequence.length] }];
    const unk = this.vocab.get(this.unk_token);
    if (unk === undefined) throw new ValueError(`WordLevel: unk token "${this.unk_token}" is not in the vocabulary`);
    return [{ id: unk, value: this.unk_token, offsets: [0, sequence.length] }];
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
    return { type: "WordLevel", vocab, unk_token: this.unk_token };
  }
}
