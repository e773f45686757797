// Mirrors transformers/models/roberta/tokenization_roberta_fast.py: GPT-2's byte-level BPE with
// RobertaProcessing (<s> A </s></s> B </s>, offsets trimmed of spaces) and <mask> with lstrip.
import { PreTrainedTokenizerFast, type TokenizerInit } from "../../tokenization_utils.js";
import { Tokenizer } from "../../tokenizers/tokenizer.js";
import { AddedToken } from "../../tokenizers/added_vocabulary.js";
import { RobertaProcessing } from "../../tokenizers/post_processors.js";
import { applyAddPrefixSpace, buildByteLevelBPE } from "../gpt2/tokenization_gpt2.js";
import { ValueError } from "../../../utils/errors.js";

function str(v: unknown, dflt: string): string {
  if (v === undefined || v === null) return dflt;
  return typeof v === "string" ? v : (v as { content: string }).content;
}

export class RobertaTokenizerFast extends PreTrainedTokenizerFast {
  static override vocab_files_names: Record<string, string> = { vocab_file: "vocab.json", merges_file: "merges.txt" };
  static override model_input_names = ["input_ids", "attention_mask"];
  static override default_special_tokens = {
    bos_token: "<s>", eos_token: "</s>", sep_token: "</s>", cls_token: "<s>", unk_token: "<unk>", pad_token: "<pad>",
    mask_token: new AddedToken("<mask>", { lstrip: true, rstrip: false, normalized: false, special: true }),
  };

  static override buildBackend(files: Record<string, string | null>, init: TokenizerInit): Tokenizer | null {
    if (!files.vocab_file || !files.merges_file) return null;
    const addPrefix = (init.add_prefix_space as boolean | undefined) ?? false;
    const tok = buildByteLevelBPE(files.vocab_file, files.merges_file, addPrefix);
    const sep = str(init.sep_token, "</s>");
    const cls = str(init.cls_token, "<s>");
    const sepId = tok.model.token_to_id(sep);
    const clsId = tok.model.token_to_id(cls);
    if (sepId === undefined || clsId === undefined) throw new ValueError(`${files.vocab_file}: the special tokens ${cls} and ${sep} must be in the vocabulary`);
    tok.post_processor = new RobertaProcessing([sep, sepId], [cls, clsId], (init.trim_offsets as boolean | undefined) ?? true, addPrefix);
    return tok;
  }

  protected override adjustBackend(init: TokenizerInit): void {
    applyAddPrefixSpace(this._tokenizer, (init.add_prefix_space as boolean | undefined) ?? false, (init.trim_offsets as boolean | undefined) ?? true);
  }

  constructor(init: TokenizerInit = {}) {
    // RobertaTokenizerFast.__init__: a string mask token behaves like a normal word (lstrip).
    const m = init.mask_token;
    super(typeof m === "string" ? { ...init, mask_token: new AddedToken(m, { lstrip: true, rstrip: false, normalized: false, special: true }) } : init);
  }
}

export const RobertaTokenizer = RobertaTokenizerFast;
