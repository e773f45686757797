// Mirrors transformers/models/gpt2/tokenization_gpt2_fast.py. Without tokenizer.json the backend is
// built from vocab.json + merges.txt as HF's GPT2Converter does (byte-level BPE, ByteLevel
// pre-tokenizer/decoder, ByteLevel post-processor without offset trimming).
import { readFileSync } from "node:fs";
import { PreTrainedTokenizerFast, type TokenizerInit } from "../../tokenization_utils.js";
import { Tokenizer } from "../../tokenizers/tokenizer.js";
import { BPE } from "../../tokenizers/models/bpe.js";
import { ByteLevel } from "../../tokenizers/pre_tokenizers.js";
import { ByteLevelDecoder } from "../../tokenizers/decoders.js";
import { ByteLevelProcessor, RobertaProcessing } from "../../tokenizers/post_processors.js";

/** Byte-level BPE from vocab.json + merges.txt (shared by GPT-2 and RoBERTa). */
export function buildByteLevelBPE(vocabFile: string, mergesFile: string, addPrefixSpace: boolean): Tokenizer {
  const vocab = BPE.readVocabJson(readFileSync(vocabFile, "utf8"), vocabFile);
  const merges = BPE.readMergesTxt(readFileSync(mergesFile, "utf8"), mergesFile);
  const tok = new Tokenizer(new BPE(vocab, merges, { continuing_subword_prefix: "", end_of_word_suffix: "", fuse_unk: false }));
  tok.pre_tokenizer = new ByteLevel(addPrefixSpace, true, true);
  tok.decoder = new ByteLevelDecoder();
  return tok;
}

/** GPT2/RobertaTokenizerFast.__init__: the pre-tokenizer follows the add_prefix_space kwarg. */
export function applyAddPrefixSpace(tok: Tokenizer, addPrefixSpace: boolean, trimOffsets: boolean | null): void {
  const pre = tok.pre_tokenizer;
  if (pre instanceof ByteLevel && pre.add_prefix_space !== addPrefixSpace) pre.add_prefix_space = addPrefixSpace;
  const post = tok.post_processor;
  if (post instanceof RobertaProcessing && trimOffsets !== null) {
    if (post.add_prefix_space !== addPrefixSpace || post.trim_offsets !== trimOffsets) {
      post.add_prefix_space = addPrefixSpace;
      post.trim_offsets = trimOffsets;
    }
  }
}

export class GPT2TokenizerFast extends PreTrainedTokenizerFast {
  static override vocab_files_names: Record<string, string> = { vocab_file: "vocab.json", merges_file: "merges.txt" };
  static override model_input_names = ["input_ids", "attention_mask"];
  static override default_special_tokens = { unk_token: "<|endoftext|>", bos_token: "<|endoftext|>", eos_token: "<|endoftext|>" };

  static override buildBackend(files: Record<string, string | null>, init: TokenizerInit): Tokenizer | null {
    if (!files.vocab_file || !files.merges_file) return null;
    const tok = buildByteLevelBPE(files.vocab_file, files.merges_file, (init.add_prefix_space as boolean | undefined) ?? false);
    tok.post_processor = new ByteLevelProcessor(true, false, true);
    return tok;
  }

  protected override adjustBackend(init: TokenizerInit): void {
    applyAddPrefixSpace(this._tokenizer, (init.add_prefix_space as boolean | undefined) ?? false, null);
  }
}

export const GPT2Tokenizer = GPT2TokenizerFast;
