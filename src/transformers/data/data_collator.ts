// Data collators (transformers/data/data_collator.py): a list of tokenized rows → a padded batch
// of tensors. DataCollatorWithPadding (dynamic padding) is our default: each batch is padded to
// its own longest row, not to max_length. Collators are callable with or without `new`, like
// HF's dataclass instances: `const collate = DataCollatorWithPadding({ tokenizer }); collate(rows)`.
import * as torch from "../../torch/index.js";
import type { Tensor } from "../../torch/index.js";
import type { PreTrainedTokenizerFast } from "../tokenization_utils.js";
import { ValueError } from "../../utils/errors.js";

export type Feature = Record<string, unknown>;
export type Batch = Record<string, Tensor>;
export type DataCollator = (features: Feature[]) => Batch;

/** Keys the tokenizer pads; everything else is label-like or dropped. */
const TOKEN_KEYS = new Set(["input_ids", "attention_mask", "token_type_ids", "special_tokens_mask", "position_ids"]);

function labelTensor(values: unknown[]): Tensor {
  const first = values[0];
  if (first instanceof torch.Tensor) return torch.stack(values as Tensor[]);
  const flat = (values as unknown[]).flat(Infinity) as number[];
  // HF: integer labels → long (classification), float labels → float32 (regression, multi-label).
  const dtype = flat.every((v) => typeof v === "number" && Number.isInteger(v)) && !flat.some((v) => typeof v === "boolean") ? torch.int64 : torch.float32;
  return torch.tensor(values as number[], { dtype });
}

/** Splits rows into the tokenizer's columns and the labels (label/label_ids → labels). */
function splitFeatures(features: Feature[]): { tokens: Feature[]; labels: unknown[] | null } {
  if (!features.length) throw new ValueError("data collator: got an empty list of features");
  const labelKey = ["label", "labels", "label_ids"].find((k) => k in features[0]) ?? null;
  const tokens = features.map((f) => {
    const row: Feature = {};
    for (const [k, v] of Object.entries(f)) if (TOKEN_KEYS.has(k)) row[k] = v instanceof torch.Tensor ? v.tolist() : v;
    return row;
  });
  return { tokens, labels: labelKey ? features.map((f) => f[labelKey]) : null };
}

export interface PaddingOptions {
  tokenizer: PreTrainedTokenizerFast;
  padding?: boolean | "longest" | "max_length" | "do_not_pad";
  max_length?: number | null;
  pad_to_multiple_of?: number | null;
  return_tensors?: "pt";
}

type CollatorFactory<O, F = DataCollator> = { (options: O): F; new (options: O): F };

function callable<O, F>(build: (o: O) => F): CollatorFactory<O, F> {
  return function (this: unknown, options: O) {
    return build(options);
  } as unknown as CollatorFactory<O, F>;
}

function padTokens(o: PaddingOptions, tokens: Feature[]): Batch {
  const enc = o.tokenizer.pad(tokens, { padding: o.padding ?? true, max_length: o.max_length ?? null, pad_to_multiple_of: o.pad_to_multiple_of ?? null, return_tensors: "pt" });
  const out: Batch = {};
  for (const [k, v] of Object.entries(enc)) out[k] = v as Tensor;
  return out;
}

/** Pads every batch to its longest row (dynamic padding) and turns labels into `labels`. */
export const DataCollatorWithPadding = callable((o: PaddingOptions): DataCollator => (features) => {
  const { tokens, labels } = splitFeatures(features);
  const batch = padTokens(o, tokens);
  if (labels) batch.labels = labelTensor(labels);
  return batch;
});

/** Stacks rows that are already the same length (no padding); labels → `labels`. */
export function default_data_collator(features: Feature[]): Batch {
  const { labels } = splitFeatures(features);
  const batch: Batch = {};
  for (const k of Object.keys(features[0])) {
    if (["label", "labels", "label_ids"].includes(k)) continue;
    const v = features[0][k];
    if (typeof v === "string" || v === null || v === undefined) continue;
    const vals = features.map((f) => f[k]);
    batch[k] = v instanceof torch.Tensor ? torch.stack(vals as Tensor[]) : torch.tensor(vals as number[], { dtype: Number.isInteger((vals.flat(Infinity) as number[])[0]) ? torch.int64 : torch.float32 });
  }
  if (labels) batch.labels = labelTensor(labels);
  return batch;
}

/** Pads token rows and their per-token labels (with label_pad_token_id, -100 = ignored). */
export const DataCollatorForTokenClassification = callable((o: PaddingOptions & { label_pad_token_id?: number }): DataCollator => (features) => {
  const { tokens, labels } = splitFeatures(features);
  const batch = padTokens(o, tokens);
  if (labels) {
    const T = batch.input_ids.size(1);
    const pad = o.label_pad_token_id ?? -100;
    const right = (o.tokenizer.padding_side ?? "right") === "right";
    const rows = (labels as Array<number[] | Tensor>).map((l) => {
      const arr = l instanceof torch.Tensor ? (l.tolist() as number[]) : l;
      const fill = Array<number>(T - arr.length).fill(pad);
      return right ? [...arr, ...fill] : [...fill, ...arr];
    });
    batch.labels = torch.tensor(rows, { dtype: torch.int64 });
  }
  return batch;
});

/**
 * Masked (mlm: true) or causal (mlm: false) language modelling batches. MLM picks each non-special
 * token with mlm_probability (default generator: torch.manual_seed makes it reproducible); of those
 * 80% become [MASK], 10% a random token, 10% stay; labels are -100 everywhere else.
 */
export const DataCollatorForLanguageModeling = callable((o: PaddingOptions & { mlm?: boolean; mlm_probability?: number }): DataCollator => (features) => {
  const { tokens } = splitFeatures(features);
  const batch = padTokens(o, tokens);
  const mlm = o.mlm ?? true;
  const tok = o.tokenizer;
  return torch.tidy(() => {
    const ids = batch.input_ids;
    const padId = tok.pad_token_id;
    if (!mlm) {
      const labels = padId === null ? ids.clone() : ids.masked_fill(ids.eq(padId), -100);
      return { ...batch, labels: torch.keep(labels) };
    }
    if (tok.mask_token_id === null) throw new ValueError("This tokenizer does not have a mask token which is necessary for masked language modeling. Remove the --mlm flag if you want to use this tokenizer.");
    const special = torch.tensor((ids.tolist() as number[][]).map((row) => row.map((id) => tok.all_special_ids.includes(id))), { dtype: torch.bool });
    const prob = torch.full(ids.shape, o.mlm_probability ?? 0.15).masked_fill(special, 0);
    const masked = prob.bernoulli().bool();
    const labels = ids.masked_fill(masked.logical_not(), -100);
    const replace = torch.full(ids.shape, 0.8).bernoulli().bool().logical_and(masked);
    let inputs = ids.masked_fill(replace, tok.mask_token_id);
    const random = torch.full(ids.shape, 0.5).bernoulli().bool().logical_and(masked).logical_and(replace.logical_not());
    const words = torch.randint(tok.vocab_size, ids.shape);
    inputs = torch.where(random, words, inputs);
    ids.dispose();
    return { ...batch, input_ids: torch.keep(inputs), labels: torch.keep(labels) };
  });
});
