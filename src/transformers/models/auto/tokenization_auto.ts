// Mirrors transformers/models/auto/tokenization_auto.py: AutoTokenizer picks the tokenizer class
// from tokenizer_config.json's `tokenizer_class`, else config.json's `model_type`.
//
// Deliberate difference: when a folder has neither (e.g. a bare tokenizer.json), the class is
// inferred from the pipeline (WordPiece+BertNormalizer → BERT, RobertaProcessing → RoBERTa,
// byte-level BPE → GPT-2, …) instead of raising, and PreTrainedTokenizerFast is the fallback.
import { readFile } from "node:fs/promises";
import { PreTrainedTokenizerFast, loadTokenizerInit, type FromPretrainedOptions } from "../../tokenization_utils.js";
import { BertTokenizerFast } from "../bert/tokenization_bert.js";
import { DistilBertTokenizerFast } from "../distilbert/tokenization_distilbert.js";
import { RobertaTokenizerFast } from "../roberta/tokenization_roberta.js";
import { GPT2TokenizerFast } from "../gpt2/tokenization_gpt2.js";
import { AlbertTokenizerFast } from "../albert/tokenization_albert.js";
import { cached_file, type CachedFileOptions } from "../../utils/hub.js";
import { ValueError } from "../../../utils/errors.js";

export type TokenizerClass = typeof PreTrainedTokenizerFast;

/** model_type → tokenizer class. Each architecture adds one line here. */
export const TOKENIZER_MAPPING = new Map<string, TokenizerClass>([
  ["bert", BertTokenizerFast],
  ["distilbert", DistilBertTokenizerFast],
  ["roberta", RobertaTokenizerFast],
  ["gpt2", GPT2TokenizerFast],
  ["albert", AlbertTokenizerFast],
]);

/** tokenizer_class names (with or without "Fast") → class. */
function byClassName(name: string): TokenizerClass | undefined {
  const n = name.endsWith("Fast") ? name : `${name}Fast`;
  if (n === "PreTrainedTokenizerFast") return PreTrainedTokenizerFast;
  for (const cls of TOKENIZER_MAPPING.values()) if (cls.name === n) return cls;
  return undefined;
}

function inferFromTokenizerJson(j: Record<string, unknown>): TokenizerClass {
  const type = (o: unknown): string | undefined => (o && typeof o === "object" ? ((o as Record<string, unknown>).type as string | undefined) : undefined);
  const model = j.model as Record<string, unknown> | undefined;
  const modelType = type(model) ?? (model && "merges" in model ? "BPE" : model && Array.isArray(model.vocab) ? "Unigram" : "WordPiece");
  const post = type(j.post_processor);
  const pre = type(j.pre_tokenizer);
  if (post === "RobertaProcessing") return RobertaTokenizerFast;
  if (modelType === "WordPiece" && type(j.normalizer) === "BertNormalizer") return BertTokenizerFast;
  if (modelType === "BPE" && pre === "ByteLevel" && (post === "ByteLevel" || post === undefined)) return GPT2TokenizerFast;
  if (modelType === "Unigram" && JSON.stringify(j.post_processor ?? null).includes('"[CLS]"')) return AlbertTokenizerFast;
  return PreTrainedTokenizerFast;
}

async function readJson(file: string | null): Promise<Record<string, unknown> | null> {
  if (!file) return null;
  try {
    return JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  } catch (e) {
    throw new ValueError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

export class AutoTokenizer {
  /**
   * Load the tokenizer of a model folder (or hub repo id through utils/hub).
   * @example
   * const tok = await AutoTokenizer.from_pretrained("./distilbert-base-uncased");
   * tok("Hello!", { return_tensors: "pt" }).input_ids   // tensor([[101, 7592, 999, 102]])
   */
  static async from_pretrained(pretrained_model_name_or_path: string, options: FromPretrainedOptions & { use_fast?: boolean; tokenizer_type?: string } = {}): Promise<PreTrainedTokenizerFast> {
    const { use_fast: _fast, tokenizer_type, ...rest } = options;
    const hub: CachedFileOptions = {
      cache_dir: rest.cache_dir, revision: rest.revision, token: rest.token, local_files_only: rest.local_files_only,
      subfolder: rest.subfolder, endpoint: rest.endpoint,
    };
    for (const k of Object.keys(hub) as Array<keyof CachedFileOptions>) if (hub[k] === undefined) delete hub[k];
    const opt = (f: string): Promise<string | null> => cached_file(pretrained_model_name_or_path, f, { ...hub, optional: true });
    const tokConfig = await readJson(await opt("tokenizer_config.json"));
    let cls: TokenizerClass | undefined;
    if (tokenizer_type) {
      cls = TOKENIZER_MAPPING.get(tokenizer_type);
      if (!cls) throw new ValueError(`Tokenizer type ${tokenizer_type} not found; known: ${[...TOKENIZER_MAPPING.keys()].join(", ")}`);
    }
    const cfgClass = tokConfig?.tokenizer_class;
    if (!cls && typeof cfgClass === "string") {
      cls = byClassName(cfgClass);
      if (!cls) throw new ValueError(`Tokenizer class ${cfgClass} does not exist or is not currently supported (known: ${[...TOKENIZER_MAPPING.values()].map((c) => c.name).join(", ")}, PreTrainedTokenizerFast).`);
    }
    if (!cls) {
      const config = await readJson(await opt("config.json"));
      const mt = config?.model_type;
      if (typeof mt === "string") cls = TOKENIZER_MAPPING.get(mt);
    }
    if (!cls) {
      const tj = await opt("tokenizer.json");
      if (tj) cls = inferFromTokenizerJson((await readJson(tj)) ?? {});
      else if (await opt("vocab.txt")) cls = BertTokenizerFast;
      else if ((await opt("vocab.json")) && (await opt("merges.txt"))) cls = GPT2TokenizerFast;
      else throw new ValueError(`Can't load tokenizer for '${pretrained_model_name_or_path}': no tokenizer.json, vocab.txt or vocab.json+merges.txt found, and no tokenizer_class/model_type to go by.`);
    }
    const init = await loadTokenizerInit(cls, pretrained_model_name_or_path, rest, { tokenizer_config: tokConfig });
    return new cls(init);
  }

  /** Register a tokenizer class for a model_type (HF `AutoTokenizer.register`). */
  static register(model_type: string, tokenizer_class: TokenizerClass): void {
    TOKENIZER_MAPPING.set(model_type, tokenizer_class);
  }
}
