// Masked-language-model pretraining from scratch, as HF's examples/pytorch/language-modeling/run_mlm.py
// does it with --model_type bert and no checkpoint: train a WordPiece tokenizer on the corpus
// (HF's "train a tokenizer from scratch" recipe), tokenize every line with its special tokens,
// concatenate and cut into max_seq_length blocks (run_mlm's group_texts), and train
// BertForMaskedLM with DataCollatorForLanguageModeling through the Trainer. Reports eval_loss and
// perplexity = exp(eval_loss) on held-out text, as run_mlm does. `finetune-ts pretrain` and the
// embedded default model (scripts/make_default_model.ts) both run this.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import * as torch from "../torch/index.js";
import type { Tensor } from "../torch/index.js";
import { Dataset } from "../datasets/index.js";
import { BertConfig } from "../transformers/models/bert/configuration_bert.js";
import { BertForMaskedLM } from "../transformers/models/bert/modeling_bert.js";
import { untrainedBertTokenizer } from "../transformers/models/bert/tokenization_bert.js";
import type { PreTrainedTokenizerFast } from "../transformers/tokenization_utils.js";
import { DataCollatorForLanguageModeling, type Batch } from "../transformers/data/data_collator.js";
import { TrainingArguments, type TrainingArgumentsInit } from "../transformers/training_args.js";
import { Trainer } from "../transformers/trainer.js";
import { ValueError } from "../utils/errors.js";

export interface PretrainOptions {
  /** Training text, one example per string (run_mlm's lines). */
  train_texts: readonly string[];
  /** Held-out text for eval_loss / perplexity. */
  validation_texts: readonly string[];
  output_dir: string;
  /** An existing tokenizer; otherwise a BERT WordPiece (uncased) is trained on train_texts. */
  tokenizer?: PreTrainedTokenizerFast | null;
  vocab_size?: number;
  /** BertConfig keys (run_mlm's --config_overrides); vocab_size comes from the tokenizer. */
  config?: Record<string, unknown>;
  max_seq_length?: number;
  mlm_probability?: number;
  /** TrainingArguments; output_dir is set from above. */
  training_args?: TrainingArgumentsInit;
  /** Save the final weights as float16 (half the size; from_pretrained loads them as float32). */
  save_fp16?: boolean;
}

export interface PretrainResult {
  output_dir: string;
  eval_loss: number;
  perplexity: number;
  train_runtime: number;
  num_parameters: number;
  train_blocks: number;
  eval_blocks: number;
}

/**
 * The Trainer of pretrain_mlm. Training runs the vocabulary head only on the masked positions
 * (fairseq's masked_tokens, ELECTRA's generator): the loss is the same mean cross-entropy over the
 * positions whose label is not -100 that BertForMaskedLM.forward computes on every position, but the
 * head (hidden × vocab matmul, softmax and their backward) shrinks to ~15% of the tokens: 2.4× the
 * samples/s for the default 4-layer, 256-wide model with an 8k vocabulary. Evaluation keeps the
 * model's own forward, so eval_loss/perplexity are HF's numbers. masked_lm_loss vs forward().loss is
 * tested (tests/cli/pretrain.test.ts).
 */
export class MaskedLMTrainer extends Trainer {
  override compute_loss(inputs: Batch): { loss: Tensor; logits: Tensor } {
    const model = this.model;
    if (!(model instanceof BertForMaskedLM) || !inputs.labels || this.args.label_smoothing_factor > 0) return super.compute_loss(inputs);
    const logits = torch.empty([0]); // the Trainer's training step reads only the loss
    return { loss: masked_lm_loss(model, inputs), logits };
  }
}

/** BertForMaskedLM's loss with the head run on the labelled (masked) positions only. */
export function masked_lm_loss(model: BertForMaskedLM, inputs: Batch): Tensor {
  return torch.tidy(() => {
    const { labels, ...rest } = inputs;
    if (!labels) throw new ValueError("masked_lm_loss: the batch has no labels");
    const hidden = model.bert.forward(rest).last_hidden_state;
    const flat = labels.view(-1);
    const positions = flat.ne(-100).nonzero().view(-1);
    const logits = model.cls.forward(hidden.view(-1, hidden.size(-1)).index_select(0, positions));
    return torch.nn.functional.cross_entropy(logits, flat.index_select(0, positions));
  });
}

/** Default model shape: a 4-layer, 256-wide BERT (≈ 5M parameters with an 8k vocabulary). */
export const SMALL_BERT = { hidden_size: 256, num_hidden_layers: 4, num_attention_heads: 4, intermediate_size: 1024, max_position_embeddings: 512 };

/** run_mlm's tokenize + group_texts: every text with its special tokens, concatenated, cut into full blocks. */
export function group_texts(tokenizer: PreTrainedTokenizerFast, texts: readonly string[], block: number): number[][] {
  const all: number[] = [];
  for (const t of texts) {
    if (!t.trim()) continue;
    for (const id of tokenizer(t).input_ids as number[]) all.push(id);
  }
  const n = Math.floor(all.length / block) * block; // run_mlm drops the remainder
  const out: number[][] = [];
  for (let i = 0; i < n; i += block) out.push(all.slice(i, i + block));
  return out;
}

export async function pretrain_mlm(o: PretrainOptions): Promise<PretrainResult> {
  const block = o.max_seq_length ?? 128;
  if (o.train_texts.length === 0) throw new ValueError("pretrain: no training text");
  if (o.validation_texts.length === 0) throw new ValueError("pretrain: no validation text (needed for the perplexity)");
  const tokenizer = o.tokenizer ?? untrainedBertTokenizer({ model_max_length: 512 }).train_new_from_iterator(o.train_texts, o.vocab_size ?? 8000);
  const train = group_texts(tokenizer, o.train_texts, block);
  const evalBlocks = group_texts(tokenizer, o.validation_texts, block);
  if (train.length === 0 || evalBlocks.length === 0) throw new ValueError(`pretrain: the text makes ${train.length} training and ${evalBlocks.length} validation blocks of ${block} tokens; give more text or a smaller max_seq_length`);
  const config = new BertConfig({ ...SMALL_BERT, ...o.config, vocab_size: tokenizer.vocab_size, pad_token_id: tokenizer.pad_token_id ?? 0 });
  if (config.max_position_embeddings < block) throw new ValueError(`pretrain: max_seq_length ${block} exceeds max_position_embeddings ${config.max_position_embeddings}`);
  torch.manual_seed(o.training_args?.seed ?? 42); // HF's Trainer seeds before model init (model_init); here before from_config
  const model = BertForMaskedLM.from_config(config);
  const args = new TrainingArguments({
    per_device_train_batch_size: 16, per_device_eval_batch_size: 32, learning_rate: 5e-4, weight_decay: 0.01, warmup_ratio: 0.06,
    num_train_epochs: 3, eval_strategy: "epoch", save_strategy: "epoch", save_total_limit: 1, logging_steps: 50,
    ...o.training_args, output_dir: o.output_dir,
  });
  const toDs = (blocks: number[][]): Dataset => Dataset.from_dict({ input_ids: blocks, attention_mask: blocks.map((b) => b.map(() => 1)) });
  const trainer = new MaskedLMTrainer({
    model, args, tokenizer, train_dataset: toDs(train), eval_dataset: toDs(evalBlocks),
    data_collator: DataCollatorForLanguageModeling({ tokenizer, mlm_probability: o.mlm_probability ?? 0.15 }),
  });
  const res = await trainer.train();
  const metrics = await trainer.evaluate();
  const perplexity = Math.exp(metrics.eval_loss);
  if (o.save_fp16) model.to(torch.float16);
  await trainer.save_model(o.output_dir);
  const results = { ...res.metrics, eval_loss: metrics.eval_loss, perplexity, eval_samples: evalBlocks.length, train_samples: train.length };
  await writeFile(path.join(o.output_dir, "all_results.json"), JSON.stringify(results, null, 2) + "\n");
  await writeFile(path.join(o.output_dir, "eval_results.json"), JSON.stringify({ eval_loss: metrics.eval_loss, perplexity, eval_samples: evalBlocks.length }, null, 2) + "\n");
  const out: PretrainResult = {
    output_dir: o.output_dir, eval_loss: metrics.eval_loss, perplexity, train_runtime: res.metrics.train_runtime,
    num_parameters: model.num_parameters(), train_blocks: train.length, eval_blocks: evalBlocks.length,
  };
  model.dispose();
  return out;
}
