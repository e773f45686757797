// Mirrors transformers/tokenization_utils_base.py: BatchEncoding, the call options, and the
// padding/truncation strategy resolution (`_get_padding_truncation_strategies`).
//
// Deliberate differences: offsets, char_to_token & co. use UTF-16 string indices (JS `text.slice`
// positions), where Python uses code points; they agree on text without characters above U+FFFF.
import { inspect } from "node:util";
import type { Encoding } from "./tokenizers/encoding.js";
import { ValueError } from "../utils/errors.js";
import type { Tensor } from "../torch/index.js";

type TorchModule = typeof import("../torch/index.js");
// The tokenizers work without libtorch; torch is loaded only if its addon is available.
let torchModule: TorchModule | null = null;
let torchError: unknown = null;
try {
  torchModule = await import("../torch/index.js");
} catch (e) {
  torchError = e;
}

/** finetune-ts torch, or a clear error when the native addon is not built. */
export function requireTorch(): TorchModule {
  if (!torchModule) {
    const why = torchError instanceof Error ? torchError.message : String(torchError);
    throw new ValueError(`return_tensors="pt" needs finetune-ts/torch, which could not be loaded: ${why}`);
  }
  return torchModule;
}

export const VERY_LARGE_INTEGER = 1e30;
export const LARGE_INTEGER = 1e20;

export type PaddingStrategy = "longest" | "max_length" | "do_not_pad";
export type TruncationStrategyName = "longest_first" | "only_first" | "only_second" | "do_not_truncate";
export type Side = "right" | "left";
export type TensorType = "pt";

export interface EncodeOptions {
  /** Add [CLS]/[SEP], <s>/</s>… (default true). */
  add_special_tokens?: boolean;
  /** true/"longest": pad to the longest in the batch; "max_length": to max_length. */
  padding?: boolean | PaddingStrategy;
  /** true/"longest_first", "only_first", "only_second"; false/"do_not_truncate". */
  truncation?: boolean | TruncationStrategyName;
  max_length?: number | null;
  stride?: number;
  is_split_into_words?: boolean;
  pad_to_multiple_of?: number | null;
  padding_side?: Side | null;
  /** "pt" → int64 finetune-ts tensors; otherwise nested arrays. */
  return_tensors?: TensorType | null;
  return_token_type_ids?: boolean | null;
  return_attention_mask?: boolean | null;
  return_overflowing_tokens?: boolean;
  return_special_tokens_mask?: boolean;
  return_offsets_mapping?: boolean;
  return_length?: boolean;
  verbose?: boolean;
  split_special_tokens?: boolean;
}

export interface TokenizerCallOptions extends EncodeOptions {
  text_pair?: TextInput | TextInput[] | null;
}

/** A text, or (is_split_into_words) a list of words. */
export type TextInput = string | string[];

export const CALL_OPTION_KEYS = [
  "text_pair", "add_special_tokens", "padding", "truncation", "max_length", "stride", "is_split_into_words",
  "pad_to_multiple_of", "padding_side", "return_tensors", "return_token_type_ids", "return_attention_mask",
  "return_overflowing_tokens", "return_special_tokens_mask", "return_offsets_mapping", "return_length", "verbose",
  "split_special_tokens",
] as const;

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

/** Throw a ValueError naming an unknown option key and the nearest valid one. */
export function checkOptionKeys(options: object, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(options)) {
    if (allowed.includes(k)) continue;
    let best = allowed[0]!;
    let bd = Infinity;
    for (const a of allowed) {
      const dd = editDistance(k, a);
      if (dd < bd) {
        bd = dd;
        best = a;
      }
    }
    throw new ValueError(`${where}: unknown option "${k}" (did you mean "${best}"?)`);
  }
}

export type Offsets = [number, number];
/** Values a BatchEncoding holds: one sequence, a batch, or a tensor. */
export type EncodingIds = number[] | number[][] | Tensor;
type OffsetsOf<I> = I extends Tensor ? Tensor : I extends number[][] ? Offsets[][] : Offsets[];
/** What `values()`/`items()`/`get()` give: every entry is a tensor after return_tensors "pt". */
export type BatchEncodingValue<I> = I extends Tensor ? Tensor : I | OffsetsOf<I> | number[] | number;

export interface CharSpan {
  start: number;
  end: number;
}
export interface TokenSpan {
  start: number;
  end: number;
}

/**
 * HF's BatchEncoding: a plain object of model inputs (`input_ids`, `attention_mask`,
 * `token_type_ids`, …; `Object.keys`/spread give exactly those) with the fast-tokenizer lookups
 * (`tokens()`, `word_ids()`, `char_to_token()` …) on its prototype.
 * @example
 * const enc = tokenizer(["Hello world"], { padding: true });
 * enc.input_ids        // [[101, 7592, 2088, 102]]
 * enc.tokens(0)        // ["[CLS]", "hello", "world", "[SEP]"]
 * enc.word_ids(0)      // [null, 0, 1, null]
 */
export class BatchEncoding<I extends EncodingIds = EncodingIds> {
  declare input_ids: I;
  declare attention_mask?: I;
  declare token_type_ids?: I;
  declare special_tokens_mask?: I;
  declare offset_mapping?: OffsetsOf<I>;
  declare overflow_to_sample_mapping?: I extends Tensor ? Tensor : number[];
  declare length?: I extends Tensor ? Tensor : I extends number[][] ? number[] : number;
  [key: string]: unknown;

  #encodings: Encoding[] | null;
  #n_sequences: number | null;

  constructor(data: Record<string, unknown> = {}, encodings: Encoding[] | null = null, tensor_type: TensorType | null = null, n_sequences: number | null = null) {
    Object.assign(this, data);
    this.#encodings = encodings;
    this.#n_sequences = n_sequences ?? encodings?.[0]?.n_sequences() ?? null;
    if (tensor_type) this.convert_to_tensors(tensor_type);
  }

  /** The Rust-level encodings (one per row), or null for a BatchEncoding built from plain data. */
  get encodings(): Encoding[] | null {
    return this.#encodings;
  }
  get is_fast(): boolean {
    return this.#encodings !== null;
  }
  get n_sequences(): number | null {
    return this.#n_sequences;
  }

  keys(): string[] {
    return Object.keys(this);
  }
  values(): Array<BatchEncodingValue<I>> {
    return Object.values(this) as Array<BatchEncodingValue<I>>;
  }
  /** `for (const [k, v] of enc.items()) v.to(device)`: v is a Tensor when the encoding holds tensors. */
  items(): Array<[string, BatchEncodingValue<I>]> {
    return Object.entries(this) as Array<[string, BatchEncodingValue<I>]>;
  }
  get(key: string): BatchEncodingValue<I> | undefined {
    return (this as Record<string, unknown>)[key] as BatchEncodingValue<I> | undefined;
  }

  private enc(i: number): Encoding {
    if (!this.#encodings) throw new ValueError("This method is only available on a BatchEncoding returned by a fast tokenizer");
    const e = this.#encodings[i];
    if (!e) throw new ValueError(`batch index ${i} is out of range (batch size ${this.#encodings.length})`);
    return e;
  }

  /** Split a (batch_or_index, index?) call as HF does: one argument means batch 0. */
  private split(a: number, b: number | null | undefined): [number, number] {
    if (b === undefined || b === null) {
      if (this.#encodings && this.#encodings.length > 1) {
        throw new ValueError("A single index is only allowed when the batch has one sequence; pass (batch_index, index)");
      }
      return [0, a];
    }
    return [a, b];
  }

  tokens(batch_index = 0): string[] {
    return this.enc(batch_index).tokens.slice();
  }
  word_ids(batch_index = 0): Array<number | null> {
    return this.enc(batch_index).words.slice();
  }
  /** Deprecated alias of word_ids (as in HF). */
  words(batch_index = 0): Array<number | null> {
    return this.word_ids(batch_index);
  }
  sequence_ids(batch_index = 0): Array<number | null> {
    return this.enc(batch_index).get_sequence_ids();
  }
  token_to_sequence(batch_or_token_index: number, token_index?: number | null): number | null {
    const [b, t] = this.split(batch_or_token_index, token_index);
    return this.enc(b).token_to_sequence(t < 0 ? this.enc(b).length + t : t);
  }
  token_to_word(batch_or_token_index: number, token_index?: number | null): number | null {
    const [b, t] = this.split(batch_or_token_index, token_index);
    return this.enc(b).token_to_word(t < 0 ? this.enc(b).length + t : t)?.[1] ?? null;
  }
  token_to_chars(batch_or_token_index: number, token_index?: number | null): CharSpan | null {
    const [b, t] = this.split(batch_or_token_index, token_index);
    const r = this.enc(b).token_to_chars(t < 0 ? this.enc(b).length + t : t);
    return r ? { start: r[1][0], end: r[1][1] } : null;
  }
  char_to_token(batch_or_char_index: number, char_index?: number | null, sequence_index = 0): number | null {
    const [b, c] = this.split(batch_or_char_index, char_index);
    return this.enc(b).char_to_token(c, sequence_index);
  }
  char_to_word(batch_or_char_index: number, char_index?: number | null, sequence_index = 0): number | null {
    const [b, c] = this.split(batch_or_char_index, char_index);
    return this.enc(b).char_to_word(c, sequence_index);
  }
  word_to_tokens(batch_or_word_index: number, word_index?: number | null, sequence_index = 0): TokenSpan | null {
    const [b, w] = this.split(batch_or_word_index, word_index);
    const r = this.enc(b).word_to_tokens(w, sequence_index);
    return r ? { start: r[0], end: r[1] } : null;
  }
  word_to_chars(batch_or_word_index: number, word_index?: number | null, sequence_index = 0): CharSpan | null {
    const [b, w] = this.split(batch_or_word_index, word_index);
    const r = this.enc(b).word_to_chars(w, sequence_index);
    return r ? { start: r[0], end: r[1] } : null;
  }

  /** Convert every array field to int64 tensors (offset_mapping to shape (B, T, 2)). */
  convert_to_tensors(tensor_type: TensorType | null = "pt"): this {
    if (tensor_type === null) return this;
    if (tensor_type !== "pt") throw new ValueError(`return_tensors="${String(tensor_type)}" is not supported; use "pt" (or leave it unset for nested arrays)`);
    const torch = requireTorch();
    for (const [k, v] of Object.entries(this)) {
      if (v instanceof torch.Tensor || !Array.isArray(v)) continue;
      const nested = v.length > 0 && !Array.isArray(v[0]) && k !== "overflow_to_sample_mapping" && k !== "length" && typeof v[0] === "number" ? [v] : v;
      if (!isRectangular(nested)) {
        throw new ValueError(
          `Unable to create tensor for "${k}": sequences have different lengths. You should probably activate truncation and/or padding with 'padding=True' 'truncation=True' to have batched tensors with the same length.`,
        );
      }
      const flat = (nested as unknown[]).flat(Infinity) as unknown[];
      const isFloat = flat.some((x) => typeof x === "number" && !Number.isInteger(x));
      (this as Record<string, unknown>)[k] = torch.tensor(nested as number[], { dtype: isFloat ? torch.float32 : torch.int64 });
    }
    return this;
  }

  /** Move every tensor to `device` (HF `BatchEncoding.to`). */
  to(device: string): this {
    const torch = requireTorch();
    for (const [k, v] of Object.entries(this)) {
      if (v instanceof torch.Tensor) (this as Record<string, unknown>)[k] = v.to(device);
    }
    return this;
  }

  [inspect.custom](): string {
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) data[k] = v;
    return `BatchEncoding ${inspect(data, { depth: 3 })}`;
  }
}

function isRectangular(v: unknown): boolean {
  if (!Array.isArray(v)) return true;
  if (v.length === 0) return true;
  if (!Array.isArray(v[0])) return v.every((x) => !Array.isArray(x));
  const len = (v[0] as unknown[]).length;
  return v.every((x) => Array.isArray(x) && x.length === len && isRectangular(x));
}

export interface ResolvedStrategies {
  padding: PaddingStrategy;
  truncation: TruncationStrategyName;
  max_length: number | null;
}

const warned = new Set<string>();
/** Emit a warning once per `key` (default: the message), like HF's deprecation_warnings dict. */
export function warnOnce(msg: string, key: string = msg): void {
  if (warned.has(key)) return;
  warned.add(key);
  process.emitWarning(msg, { code: "FINETUNE_TS_TOKENIZER" });
}

/** transformers' `_get_padding_truncation_strategies`. */
export function resolveStrategies(
  opts: { padding?: boolean | PaddingStrategy; truncation?: boolean | TruncationStrategyName | null; max_length?: number | null; pad_to_multiple_of?: number | null; verbose?: boolean },
  tok: { model_max_length: number; pad_token: string | null; pad_token_id: number | null },
): ResolvedStrategies {
  let padding = opts.padding ?? false;
  let truncation = opts.truncation;
  let max_length = opts.max_length ?? null;
  const verbose = opts.verbose ?? true;
  if (max_length !== null && padding === false && (truncation === undefined || truncation === null)) {
    if (verbose) {
      warnOnce(
        "Truncation was not explicitly activated but `max_length` is provided a specific value, please use `truncation=True` to explicitly truncate examples to max length. Defaulting to 'longest_first' truncation strategy.",
      );
    }
    truncation = "longest_first";
  }
  let ps: PaddingStrategy;
  if (padding === false || padding === "do_not_pad") ps = "do_not_pad";
  else if (padding === true || padding === "longest") {
    if (padding === true && verbose && max_length !== null && (truncation === undefined || truncation === null || truncation === false || truncation === "do_not_truncate")) {
      warnOnce("`max_length` is ignored when `padding`=`True` and there is no truncation strategy. To pad to max length, use `padding='max_length'`.");
    }
    ps = "longest";
  } else if (padding === "max_length") ps = "max_length";
  else throw new ValueError(`padding: expected true, false, "longest", "max_length" or "do_not_pad", got ${JSON.stringify(padding)}`);
  void padding;
  let ts: TruncationStrategyName;
  if (truncation === undefined || truncation === null || truncation === false || truncation === "do_not_truncate") ts = "do_not_truncate";
  else if (truncation === true || truncation === "longest_first") ts = "longest_first";
  else if (truncation === "only_first" || truncation === "only_second") ts = truncation;
  else throw new ValueError(`truncation: expected true, false, "longest_first", "only_first", "only_second" or "do_not_truncate", got ${JSON.stringify(truncation)}`);

  if (max_length === null) {
    if (ps === "max_length") {
      if (tok.model_max_length > LARGE_INTEGER) {
        if (verbose) warnOnce("Asking to pad to max_length but no maximum length is provided and the model has no predefined maximum length. Default to no padding.");
        ps = "do_not_pad";
      } else max_length = tok.model_max_length;
    }
    if (ts !== "do_not_truncate") {
      if (tok.model_max_length > LARGE_INTEGER) {
        if (verbose) warnOnce("Asking to truncate to max_length but no maximum length is provided and the model has no predefined maximum length. Default to no truncation.");
        ts = "do_not_truncate";
      } else max_length = tok.model_max_length;
    }
  }
  if (ps !== "do_not_pad" && (tok.pad_token === null || tok.pad_token_id === null || tok.pad_token_id < 0)) {
    throw new ValueError(
      "Asking to pad but the tokenizer does not have a padding token. Please select a token to use as `pad_token` `(tokenizer.pad_token = tokenizer.eos_token e.g.)` or add a new pad token via `tokenizer.add_special_tokens({ pad_token: '[PAD]' })`.",
    );
  }
  const m = opts.pad_to_multiple_of ?? null;
  if (ts !== "do_not_truncate" && ps === "max_length" && m !== null && max_length !== null && max_length % m !== 0) {
    throw new ValueError(`Truncation and padding are both activated but truncation length (${max_length}) is not a multiple of pad_to_multiple_of (${m}).`);
  }
  return { padding: ps, truncation: ts, max_length };
}
