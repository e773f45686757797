// Mirrors transformers/models/albert/tokenization_albert_fast.py for tokenizer.json folders
// (Unigram model, Metaspace pre-tokenizer, "[CLS] $A [SEP]" template). Building from the
// SentencePiece `spiece.model` protobuf is not implemented: such folders need a tokenizer.json.
import { PreTrainedTokenizerFast, type TokenizerInit } from "../../tokenization_utils.js";
import { AddedToken } from "../../tokenizers/added_vocabulary.js";
import type { Tokenizer } from "../../tokenizers/tokenizer.js";
import { NotImplementedError } from "../../../utils/errors.js";

export class AlbertTokenizerFast extends PreTrainedTokenizerFast {
  static override vocab_files_names: Record<string, string> = { vocab_file: "spiece.model" };
  static override default_special_tokens = {
    bos_token: "[CLS]", eos_token: "[SEP]", unk_token: "<unk>", sep_token: "[SEP]", pad_token: "<pad>", cls_token: "[CLS]",
    mask_token: new AddedToken("[MASK]", { lstrip: true, rstrip: false, normalized: false, special: true }),
  };

  static override buildBackend(files: Record<string, string | null>, _init: TokenizerInit): Tokenizer | null {
    if (files.vocab_file) {
      throw new NotImplementedError(
        `${files.vocab_file}: reading SentencePiece .model files is not implemented yet; use a folder with tokenizer.json (HF's AlbertTokenizerFast.save_pretrained writes one).`,
      );
    }
    return null;
  }
}

export const AlbertTokenizer = AlbertTokenizerFast;
