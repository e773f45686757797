// Model registry: reads the `model` section of tokenizer.json, current or older serialization.
// Older files have no "type": BPE is recognised by `merges`, Unigram by a vocab of [piece, score]
// pairs, WordPiece by its WordPiece-only keys, WordLevel otherwise (serde's untagged order).
import { JsonReader } from "../json.js";
import type { Model } from "./model.js";
import { BPE } from "./bpe.js";
import { WordPiece } from "./wordpiece.js";
import { Unigram } from "./unigram.js";
import { WordLevel } from "./wordlevel.js";

export type { Model } from "./model.js";
export { BPE, WordPiece, Unigram, WordLevel };

function readVocabObject(r: JsonReader): Map<string, number> {
  const v = r.get("vocab");
  const vocab = new Map<string, number>();
  for (const [k, id] of v.entries()) vocab.set(k, id.asNumber());
  return vocab;
}

function inferType(r: JsonReader): string {
  if (r.has("type")) return r.str("type");
  if (r.has("merges")) return "BPE";
  if (Array.isArray(r.raw("vocab"))) return "Unigram";
  if (r.has("continuing_subword_prefix") || r.has("max_input_chars_per_word")) return "WordPiece";
  return "WordLevel";
}

export function modelFromJSON(r: JsonReader): Model {
  if (r.isNull()) throw r.error(null, "missing (every tokenizer.json needs a model)");
  const type = inferType(r);
  switch (type) {
    case "WordPiece":
      return new WordPiece(readVocabObject(r), {
        unk_token: r.optStr("unk_token") ?? "[UNK]",
        continuing_subword_prefix: r.optStr("continuing_subword_prefix") ?? "##",
        max_input_chars_per_word: r.optNum("max_input_chars_per_word") ?? 100,
      });
    case "BPE": {
      const merges: Array<[string, string]> = r.arr("merges").map((m) => {
        if (typeof m.value === "string") {
          const parts = m.value.split(" ");
          if (parts.length !== 2) throw m.error(null, `expected "a b" (two tokens separated by one space), got "${m.value}"`);
          return [parts[0]!, parts[1]!];
        }
        const pair = m.items();
        if (pair.length !== 2) throw m.error(null, "expected a pair [a, b]");
        return [pair[0]!.asString(), pair[1]!.asString()];
      });
      return new BPE(readVocabObject(r), merges, {
        dropout: r.optNum("dropout"),
        unk_token: r.optStr("unk_token"),
        continuing_subword_prefix: r.optStr("continuing_subword_prefix"),
        end_of_word_suffix: r.optStr("end_of_word_suffix"),
        fuse_unk: r.optBool("fuse_unk") ?? false,
        byte_fallback: r.optBool("byte_fallback") ?? false,
        ignore_merges: r.optBool("ignore_merges") ?? false,
      });
    }
    case "Unigram": {
      const vocab: Array<[string, number]> = r.arr("vocab").map((e) => {
        const pair = e.items();
        if (pair.length !== 2) throw e.error(null, "expected [piece, score]");
        return [pair[0]!.asString(), pair[1]!.asNumber()];
      });
      return new Unigram(vocab, { unk_id: r.optNum("unk_id"), byte_fallback: r.optBool("byte_fallback") ?? false });
    }
    case "WordLevel":
      return new WordLevel(readVocabObject(r), r.optStr("unk_token") ?? "<unk>");
    default:
      throw r.error("type", `unknown model type "${type}" (known: BPE, WordPiece, Unigram, WordLevel)`);
  }
}
