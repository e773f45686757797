// Mirrors transformers/models/bert/tokenization_bert_fast.py. Without tokenizer.json the backend is
// built from vocab.txt exactly as HF's BertConverter does (WordPiece + BertNormalizer +
// BertPreTokenizer + "[CLS] $A [SEP]" template + WordPiece decoder).
import { readFileSync } from "node:fs";
import { PreTrainedTokenizerFast, type TokenizerInit } from "../../tokenization_utils.js";
import { Tokenizer } from "../../tokenizers/tokenizer.js";
import { WordPiece } from "../../tokenizers/models/wordpiece.js";
import { BertNormalizer } from "../../tokenizers/normalizers.js";
import { BertPreTokenizer } from "../../tokenizers/pre_tokenizers.js";
import { TemplateProcessing, parseTemplate } from "../../tokenizers/post_processors.js";
import { WordPieceDecoder } from "../../tokenizers/decoders.js";
import { ValueError } from "../../../utils/errors.js";

function str(v: unknown, dflt: string): string {
  if (v === undefined || v === null) return dflt;
  return typeof v === "string" ? v : (v as { content: string }).content;
}

/** The backend HF's BertConverter builds from a WordPiece vocab.txt. */
export function buildBertBackend(vocabFile: string, init: TokenizerInit): Tokenizer {
  return bertBackendFromVocab(WordPiece.readVocabTxt(readFileSync(vocabFile, "utf8")), init, vocabFile);
}

/** The same backend from an in-memory vocabulary (e.g. only the special tokens, before training). */
export function bertBackendFromVocab(vocab: Map<string, number>, init: TokenizerInit, where = "vocab"): Tokenizer {
  const unk = str(init.unk_token, "[UNK]");
  const cls = str(init.cls_token, "[CLS]");
  const sep = str(init.sep_token, "[SEP]");
  const tok = new Tokenizer(new WordPiece(vocab, { unk_token: unk, continuing_subword_prefix: "##", max_input_chars_per_word: 100 }));
  tok.normalizer = new BertNormalizer(
    true,
    (init.tokenize_chinese_chars as boolean | undefined) ?? true,
    (init.strip_accents as boolean | null | undefined) ?? null,
    (init.do_lower_case as boolean | undefined) ?? true,
  );
  tok.pre_tokenizer = new BertPreTokenizer();
  const clsId = vocab.get(cls);
  const sepId = vocab.get(sep);
  if (clsId === undefined || sepId === undefined) throw new ValueError(`${where}: the special tokens ${cls} and ${sep} must be in the vocabulary`);
  tok.post_processor = new TemplateProcessing(
    parseTemplate(`${cls}:0 $A:0 ${sep}:0`),
    parseTemplate(`${cls}:0 $A:0 ${sep}:0 $B:1 ${sep}:1`),
    new Map([[cls, { id: cls, ids: [clsId], tokens: [cls] }], [sep, { id: sep, ids: [sepId], tokens: [sep] }]]),
  );
  tok.decoder = new WordPieceDecoder("##", true);
  return tok;
}

export class BertTokenizerFast extends PreTrainedTokenizerFast {
  static override vocab_files_names: Record<string, string> = { vocab_file: "vocab.txt" };
  static override model_input_names = ["input_ids", "token_type_ids", "attention_mask"];
  static override default_special_tokens = { unk_token: "[UNK]", sep_token: "[SEP]", pad_token: "[PAD]", cls_token: "[CLS]", mask_token: "[MASK]" };
  static override default_clean_up_tokenization_spaces = true;

  static override buildBackend(files: Record<string, string | null>, init: TokenizerInit): Tokenizer | null {
    return files.vocab_file ? buildBertBackend(files.vocab_file, init) : null;
  }

  /** BertTokenizerFast.__init__: rebuild the normalizer when do_lower_case & co. disagree with it. */
  protected override adjustBackend(init: TokenizerInit): void {
    const n = this._tokenizer.normalizer;
    if (!(n instanceof BertNormalizer)) return;
    const lower = (init.do_lower_case as boolean | undefined) ?? true;
    const strip = (init.strip_accents as boolean | null | undefined) ?? null;
    const chinese = (init.tokenize_chinese_chars as boolean | undefined) ?? true;
    if (n.lowercase !== lower || n.strip_accents !== strip || n.handle_chinese_chars !== chinese) {
      this._tokenizer.set_normalizer(new BertNormalizer(n.clean_text, chinese, strip, lower));
    }
  }
}

/**
 * An untrained BERT WordPiece tokenizer (BertNormalizer, BertPreTokenizer, "[CLS] $A [SEP]", only
 * the five special tokens in its vocabulary): the starting point of
 * `train_new_from_iterator(texts, vocab_size)` when there is no pretrained tokenizer to copy, as when
 * pretraining from scratch offline.
 */
export function untrainedBertTokenizer(options: { do_lower_case?: boolean; model_max_length?: number } = {}): BertTokenizerFast {
  const specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
  const init: TokenizerInit = { do_lower_case: options.do_lower_case ?? true, model_max_length: options.model_max_length ?? 512 };
  const backend = bertBackendFromVocab(new Map(specials.map((t, i) => [t, i])), init);
  return new BertTokenizerFast({ ...init, tokenizer_object: backend, ...BertTokenizerFast.default_special_tokens });
}

/** Alias: finetune-ts has only fast (tokenizer.json-pipeline) tokenizers. */
export const BertTokenizer = BertTokenizerFast;
