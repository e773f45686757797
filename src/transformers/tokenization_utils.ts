// Mirrors transformers/tokenization_utils_fast.py (PreTrainedTokenizerFast) on top of our port of
// HF's Rust `tokenizers` pipeline (./tokenizers/). Instances are callable like in Python and
// transformers.js: `tokenizer(texts, { padding: true, truncation: true })` → BatchEncoding.
//
// Deliberate differences from Python: offsets are UTF-16 indices (JS string positions); every
// call configures truncation/padding on the backend for that call only and restores it after.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { inspect } from "node:util";
import { Tokenizer, padEncodings, type PaddingParams, type TruncationParams } from "./tokenizers/tokenizer.js";
import { AddedToken } from "./tokenizers/added_vocabulary.js";
import { Encoding } from "./tokenizers/encoding.js";
import { cleanUpTokenization, decodeTokens } from "./tokenizers/decoders.js";
import { ByteLevel } from "./tokenizers/pre_tokenizers.js";
import { BpeTrainer, WordPieceTrainer, type BpeTrainerOptions, type Trainer } from "./tokenizers/trainers.js";
import type { JsonObject, JsonValue } from "./tokenizers/json.js";
import {
  BatchEncoding, CALL_OPTION_KEYS, VERY_LARGE_INTEGER, checkOptionKeys, requireTorch, resolveStrategies, warnOnce,
  type EncodeOptions, type Side, type TextInput, type TokenizerCallOptions,
} from "./tokenization_utils_base.js";
import { cached_file, type CachedFileOptions } from "./utils/hub.js";
import { ValueError } from "../utils/errors.js";
import type { Tensor } from "../torch/index.js";

export { BatchEncoding, AddedToken };
export type { TokenizerCallOptions, EncodeOptions, TextInput };

export const SPECIAL_TOKENS_ATTRIBUTES = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"] as const;
export type SpecialTokenKey = (typeof SPECIAL_TOKENS_ATTRIBUTES)[number];

/** A special token as configs write it: a string, or an AddedToken (object) form. */
export type SpecialTokenValue = string | AddedToken | { content: string; lstrip?: boolean; rstrip?: boolean; normalized?: boolean; single_word?: boolean; special?: boolean };

/** Keyword arguments of the constructor (what tokenizer_config.json holds). */
export interface TokenizerInit {
  tokenizer_object?: Tokenizer;
  tokenizer_file?: string | null;
  /** Paths of slow-tokenizer files (vocab.txt, vocab.json, merges.txt…) keyed like `vocab_files_names`. */
  vocab_files?: Record<string, string | null>;
  name_or_path?: string;
  model_max_length?: number;
  padding_side?: Side;
  truncation_side?: Side;
  model_input_names?: string[];
  clean_up_tokenization_spaces?: boolean;
  split_special_tokens?: boolean;
  bos_token?: SpecialTokenValue | null;
  eos_token?: SpecialTokenValue | null;
  unk_token?: SpecialTokenValue | null;
  sep_token?: SpecialTokenValue | null;
  pad_token?: SpecialTokenValue | null;
  cls_token?: SpecialTokenValue | null;
  mask_token?: SpecialTokenValue | null;
  additional_special_tokens?: SpecialTokenValue[];
  added_tokens_decoder?: Record<string, SpecialTokenValue>;
  /** Any other tokenizer_config.json key (do_lower_case, add_prefix_space, …), kept for save_pretrained. */
  [key: string]: unknown;
}

export interface DecodeOptions {
  skip_special_tokens?: boolean;
  clean_up_tokenization_spaces?: boolean | null;
}

export interface FromPretrainedOptions extends Omit<TokenizerInit, "tokenizer_object">, CachedFileOptions {}

export function toAddedToken(v: SpecialTokenValue, special = true): AddedToken {
  if (v instanceof AddedToken) return v;
  if (typeof v === "string") return new AddedToken(v, { special, normalized: !special });
  return new AddedToken(v.content, { lstrip: v.lstrip, rstrip: v.rstrip, normalized: v.normalized ?? !special, single_word: v.single_word, special: v.special ?? special });
}
function tokenContent(v: SpecialTokenValue | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === "string" ? v : v.content;
}

/** A class whose instances are functions (transformers.js's Callable). */
abstract class Callable {
  constructor() {
    const f = (...args: unknown[]): unknown => (f as unknown as Callable)._call(...args);
    return Object.setPrototypeOf(f, new.target.prototype);
  }
  protected abstract _call(...args: unknown[]): unknown;
}

type NoTensors = { return_tensors?: null; return_overflowing_tokens?: false; is_split_into_words?: false };
type WithTensors = { return_tensors: "pt" };
type TextBatch = string[] | string[][];

export interface PreTrainedTokenizerFast {
  (text: string, options?: TokenizerCallOptions & NoTensors): BatchEncoding<number[]>;
  (text: TextInput | TextBatch, options: TokenizerCallOptions & { return_overflowing_tokens: true; return_tensors?: null }): BatchEncoding<number[][]>;
  (text: string, text_pair: string, options?: EncodeOptions & NoTensors): BatchEncoding<number[]>;
  (text: TextInput | TextBatch, options: TokenizerCallOptions & WithTensors): BatchEncoding<Tensor>;
  (text: TextInput | TextBatch, text_pair: TextInput | TextBatch | null, options: EncodeOptions & WithTensors): BatchEncoding<Tensor>;
  (text: TextBatch, options?: TokenizerCallOptions & { return_tensors?: null }): BatchEncoding<number[][]>;
  (text: TextBatch, text_pair: TextBatch | null, options?: EncodeOptions & { return_tensors?: null }): BatchEncoding<number[][]>;
  (text: TextInput | TextBatch, text_pair?: TextInput | TextBatch | TokenizerCallOptions | null, options?: EncodeOptions): BatchEncoding;
}

/**
 * HF's PreTrainedTokenizerFast: a callable wrapping a `tokenizer.json` pipeline.
 * @example
 * const tok = await AutoTokenizer.from_pretrained("path/to/bert-base-uncased");
 * tok("Hello, world!").input_ids              // [101, 7592, 1010, 2088, 999, 102]
 * tok.decode([101, 7592, 102])                // "[CLS] hello [SEP]"
 */
export class PreTrainedTokenizerFast extends Callable {
  /** Files of the slow tokenizer this class can be built from (besides tokenizer.json). */
  static vocab_files_names: Record<string, string> = {};
  static model_input_names: string[] = ["input_ids", "token_type_ids", "attention_mask"];
  static padding_side: Side = "right";
  static default_special_tokens: Partial<Record<SpecialTokenKey, SpecialTokenValue>> = {};
  static default_clean_up_tokenization_spaces = false;

  /** Build the backend from slow-tokenizer files (vocab.txt, …) when there is no tokenizer.json. */
  static buildBackend(_files: Record<string, string | null>, _init: TokenizerInit): Tokenizer | null {
    return null;
  }

  _tokenizer: Tokenizer;
  name_or_path: string;
  model_max_length: number;
  padding_side: Side;
  truncation_side: Side;
  model_input_names: string[];
  clean_up_tokenization_spaces: boolean;
  split_special_tokens: boolean;
  pad_token_type_id = 0;
  /** The constructor arguments (tokenizer_config.json), saved again by save_pretrained. */
  init_kwargs: Record<string, unknown>;
  private _special: Map<SpecialTokenKey, AddedToken | null> = new Map();
  private _additional: AddedToken[] = [];

  constructor(init: TokenizerInit = {}) {
    super();
    const cls = this.constructor as typeof PreTrainedTokenizerFast;
    let backend: Tokenizer | null = init.tokenizer_object ?? null;
    if (!backend && init.tokenizer_file) backend = Tokenizer.from_file(init.tokenizer_file);
    if (!backend && init.vocab_files) backend = cls.buildBackend(init.vocab_files, init);
    if (!backend) {
      throw new ValueError(
        `Couldn't instantiate the backend tokenizer of ${cls.name}: pass tokenizer_object, tokenizer_file (a tokenizer.json), or the files ${JSON.stringify(Object.values(cls.vocab_files_names))}.`,
      );
    }
    this._tokenizer = backend;
    const { tokenizer_object: _o, vocab_files: _v, ...rest } = init;
    this.init_kwargs = rest;
    this.name_or_path = init.name_or_path ?? "";
    this.model_max_length = init.model_max_length ?? VERY_LARGE_INTEGER;
    this.padding_side = init.padding_side ?? cls.padding_side;
    this.truncation_side = init.truncation_side ?? "right";
    this.model_input_names = init.model_input_names ?? cls.model_input_names.slice();
    this.clean_up_tokenization_spaces = init.clean_up_tokenization_spaces ?? cls.default_clean_up_tokenization_spaces;
    this.split_special_tokens = init.split_special_tokens ?? false;
    for (const key of SPECIAL_TOKENS_ATTRIBUTES) {
      const v = key in init ? (init[key] as SpecialTokenValue | null | undefined) : cls.default_special_tokens[key];
      this._special.set(key, v === null || v === undefined ? null : toAddedToken(v));
    }
    this._additional = (init.additional_special_tokens ?? []).map((v) => toAddedToken(v));
    this.adjustBackend(init);
    // added_tokens_decoder of tokenizer_config.json, then special tokens missing from the backend
    const have = (c: string): boolean => this._tokenizer.added_vocabulary.get_vocab().has(c);
    for (const [, v] of Object.entries(init.added_tokens_decoder ?? {}).sort((a, b) => Number(a[0]) - Number(b[0]))) {
      const t = toAddedToken(v, typeof v === "object" && !(v instanceof AddedToken) ? v.special ?? false : false);
      if (!have(t.content)) this._tokenizer.added_vocabulary.add_tokens([t], this._tokenizer.model, this._tokenizer.normalizer);
    }
    const missing = [...this._special.values(), ...this._additional].filter((t): t is AddedToken => t !== null && !have(t.content));
    if (missing.length > 0) this._tokenizer.add_special_tokens(missing.map((t) => new AddedToken(t.content, { ...t, special: true })));
    // len(tokenizer) as `tokenizer.length` would clash with Function.length; give it the HF meaning.
    Object.defineProperty(this, "length", { get: () => this.__len__(), configurable: true });
  }

  /** Subclass hook: reconcile the backend with config flags (do_lower_case, add_prefix_space…). */
  protected adjustBackend(_init: TokenizerInit): void {}

  get backend_tokenizer(): Tokenizer {
    return this._tokenizer;
  }
  get is_fast(): boolean {
    return true;
  }

  // ---------------------------------------------------------------- special tokens

  private getSpecial(k: SpecialTokenKey): string | null {
    return this._special.get(k)?.content ?? null;
  }
  private setSpecial(k: SpecialTokenKey, v: SpecialTokenValue | null): void {
    this._special.set(k, v === null ? null : toAddedToken(v));
  }
  get bos_token(): string | null { return this.getSpecial("bos_token"); }
  set bos_token(v: SpecialTokenValue | null) { this.setSpecial("bos_token", v); }
  get eos_token(): string | null { return this.getSpecial("eos_token"); }
  set eos_token(v: SpecialTokenValue | null) { this.setSpecial("eos_token", v); }
  get unk_token(): string | null { return this.getSpecial("unk_token"); }
  set unk_token(v: SpecialTokenValue | null) { this.setSpecial("unk_token", v); }
  get sep_token(): string | null { return this.getSpecial("sep_token"); }
  set sep_token(v: SpecialTokenValue | null) { this.setSpecial("sep_token", v); }
  get pad_token(): string | null { return this.getSpecial("pad_token"); }
  set pad_token(v: SpecialTokenValue | null) { this.setSpecial("pad_token", v); }
  get cls_token(): string | null { return this.getSpecial("cls_token"); }
  set cls_token(v: SpecialTokenValue | null) { this.setSpecial("cls_token", v); }
  get mask_token(): string | null { return this.getSpecial("mask_token"); }
  set mask_token(v: SpecialTokenValue | null) { this.setSpecial("mask_token", v); }
  get additional_special_tokens(): string[] { return this._additional.map((t) => t.content); }
  set additional_special_tokens(v: SpecialTokenValue[]) { this._additional = v.map((x) => toAddedToken(x)); }

  private idOf(t: string | null): number | null {
    return t === null ? null : this.convert_tokens_to_ids(t);
  }
  get bos_token_id(): number | null { return this.idOf(this.bos_token); }
  get eos_token_id(): number | null { return this.idOf(this.eos_token); }
  get unk_token_id(): number | null { return this.unk_token === null ? null : this._tokenizer.token_to_id(this.unk_token) ?? null; }
  get sep_token_id(): number | null { return this.idOf(this.sep_token); }
  get pad_token_id(): number | null { return this.idOf(this.pad_token); }
  set pad_token_id(id: number | null) { this.pad_token = id === null ? null : this.convert_ids_to_tokens(id); }
  get cls_token_id(): number | null { return this.idOf(this.cls_token); }
  get mask_token_id(): number | null { return this.idOf(this.mask_token); }
  get additional_special_tokens_ids(): number[] { return this.convert_tokens_to_ids(this.additional_special_tokens); }

  /** { bos_token: "<s>", … } for the special tokens that are set. */
  get special_tokens_map(): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const k of SPECIAL_TOKENS_ATTRIBUTES) {
      const v = this.getSpecial(k);
      if (v !== null) out[k] = v;
    }
    if (this._additional.length > 0) out.additional_special_tokens = this.additional_special_tokens;
    return out;
  }
  get all_special_tokens(): string[] {
    const out: string[] = [];
    for (const k of SPECIAL_TOKENS_ATTRIBUTES) {
      const v = this.getSpecial(k);
      if (v !== null && !out.includes(v)) out.push(v);
    }
    for (const t of this._additional) if (!out.includes(t.content)) out.push(t.content);
    return out;
  }
  get all_special_ids(): number[] {
    return this.convert_tokens_to_ids(this.all_special_tokens);
  }

  // ---------------------------------------------------------------- vocabulary

  /** Size of the base vocabulary (without added tokens). */
  get vocab_size(): number {
    return this._tokenizer.get_vocab_size(false);
  }
  /** Python `len(tokenizer)`: vocabulary size with added tokens. */
  __len__(): number {
    return this._tokenizer.get_vocab_size(true);
  }
  get_vocab(): Record<string, number> {
    const out: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const [k, v] of this._tokenizer.get_vocab(true)) out[k] = v;
    return out;
  }
  get vocab(): Record<string, number> {
    return this.get_vocab();
  }
  get added_tokens_encoder(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [id, t] of this._tokenizer.get_added_tokens_decoder()) out[t.content] = id;
    return out;
  }
  get added_tokens_decoder(): Map<number, AddedToken> {
    return this._tokenizer.get_added_tokens_decoder();
  }

  convert_tokens_to_ids(tokens: string): number;
  convert_tokens_to_ids(tokens: string[]): number[];
  convert_tokens_to_ids(tokens: string | string[]): number | number[] {
    const one = (t: string): number => {
      const id = this._tokenizer.token_to_id(t);
      if (id !== undefined) return id;
      const unk = this.unk_token_id;
      if (unk === null) throw new ValueError(`Token "${t}" is not in the vocabulary and the tokenizer has no unk_token`);
      return unk;
    };
    return typeof tokens === "string" ? one(tokens) : tokens.map(one);
  }

  convert_ids_to_tokens(ids: number, skip_special_tokens?: boolean): string;
  convert_ids_to_tokens(ids: number[], skip_special_tokens?: boolean): string[];
  convert_ids_to_tokens(ids: number | number[], skip_special_tokens = false): string | string[] {
    const name = (id: number): string => {
      const t = this._tokenizer.id_to_token(id);
      if (t === undefined) throw new ValueError(`id ${id} is outside the vocabulary (size ${this.__len__()})`);
      return t;
    };
    if (typeof ids === "number") return name(ids);
    const special = new Set(this.all_special_ids);
    return ids.filter((id) => !(skip_special_tokens && special.has(id))).map(name);
  }

  convert_tokens_to_string(tokens: string[]): string {
    const d = this._tokenizer.decoder;
    return d ? decodeTokens(d, tokens) : tokens.join(" ");
  }

  /** Add regular (or special) tokens; returns how many were new. */
  add_tokens(new_tokens: SpecialTokenValue | SpecialTokenValue[], special_tokens = false): number {
    const list = (Array.isArray(new_tokens) ? new_tokens : [new_tokens]).map((v) => toAddedToken(v, special_tokens));
    return special_tokens ? this._tokenizer.add_special_tokens(list) : this._tokenizer.add_tokens(list);
  }

  /** `add_special_tokens({ pad_token: "[PAD]" })`: sets the attributes and adds new tokens. */
  add_special_tokens(special_tokens_dict: Partial<Record<SpecialTokenKey, SpecialTokenValue>> & { additional_special_tokens?: SpecialTokenValue[] }, replace_additional_special_tokens = true): number {
    checkOptionKeys(special_tokens_dict, [...SPECIAL_TOKENS_ATTRIBUTES, "additional_special_tokens"], "add_special_tokens");
    const toAdd: AddedToken[] = [];
    for (const k of SPECIAL_TOKENS_ATTRIBUTES) {
      const v = special_tokens_dict[k];
      if (v === undefined) continue;
      const t = toAddedToken(v);
      this._special.set(k, t);
      toAdd.push(t);
    }
    if (special_tokens_dict.additional_special_tokens) {
      const extra = special_tokens_dict.additional_special_tokens.map((v) => toAddedToken(v));
      this._additional = replace_additional_special_tokens ? extra : [...this._additional, ...extra.filter((e) => !this._additional.some((a) => a.content === e.content))];
      toAdd.push(...extra);
    }
    return this._tokenizer.add_special_tokens(toAdd);
  }

  num_special_tokens_to_add(pair = false): number {
    return this._tokenizer.post_processor?.added_tokens(pair) ?? 0;
  }

  // ---------------------------------------------------------------- encoding

  protected _call(text: unknown, a?: unknown, b?: unknown): BatchEncoding {
    let options: TokenizerCallOptions;
    let pair: unknown;
    if (typeof a === "string" || Array.isArray(a) || a === null) {
      pair = a;
      options = (b ?? {}) as TokenizerCallOptions;
      if ("text_pair" in options) throw new ValueError("tokenizer(...): text_pair given both positionally and in the options");
    } else {
      options = (a ?? {}) as TokenizerCallOptions;
      pair = options.text_pair ?? null;
    }
    checkOptionKeys(options, CALL_OPTION_KEYS, "tokenizer(...)");
    const split = options.is_split_into_words ?? false;
    const isText = (t: unknown): boolean => (split ? Array.isArray(t) && t.every((w) => typeof w === "string") : typeof t === "string");
    const isBatch = (t: unknown): boolean => Array.isArray(t) && t.every(isText);
    let inputs: Array<[TextInput, TextInput | null]>;
    let batched: boolean;
    if (isText(text) && !(split && Array.isArray(text) && text.length > 0 && Array.isArray(text[0]))) {
      if (pair !== null && pair !== undefined && !isText(pair)) throw new ValueError("text_pair must be of the same kind as text (a string, or a list of words with is_split_into_words)");
      inputs = [[text as TextInput, (pair ?? null) as TextInput | null]];
      batched = false;
    } else if (isBatch(text)) {
      const t = text as TextInput[];
      if (pair !== null && pair !== undefined) {
        if (!isBatch(pair) || (pair as unknown[]).length !== t.length) {
          throw new ValueError(`text_pair must be a list of the same length as text (${t.length})`);
        }
      }
      inputs = t.map((x, i) => [x, pair ? (pair as TextInput[])[i]! : null]);
      batched = true;
    } else {
      throw new ValueError(
        "text input must be of type `string` (single example), `string[]` (batch or single pretokenized example) or `string[][]` (batch of pretokenized examples).",
      );
    }
    return this._batch_encode_plus(inputs, options, batched);
  }

  /** Python `__call__` spelled out (the instance itself is callable too). */
  __call__(text: TextInput | TextBatch, text_pair?: TextInput | TextBatch | TokenizerCallOptions | null, options?: EncodeOptions): BatchEncoding {
    return this._call(text, text_pair, options);
  }

  /** Encode with truncation/padding configured for this call (HF `_batch_encode_plus`). */
  protected _batch_encode_plus(inputs: Array<[TextInput, TextInput | null]>, o: EncodeOptions, batched: boolean): BatchEncoding {
    const st = resolveStrategies(o, this);
    const stride = o.stride ?? 0;
    const trunc: TruncationParams | null = st.truncation === "do_not_truncate" ? null : {
      max_length: st.max_length!, stride, strategy: st.truncation, direction: this.truncation_side,
    };
    const pad: PaddingParams | null = st.padding === "do_not_pad" ? null : {
      length: st.padding === "max_length" ? st.max_length : null,
      direction: o.padding_side ?? this.padding_side,
      pad_to_multiple_of: o.pad_to_multiple_of ?? null,
      pad_id: this.pad_token_id ?? 0, pad_type_id: this.pad_token_type_id, pad_token: this.pad_token ?? "",
    };
    const backend = this._tokenizer;
    const saved = [backend.truncation, backend.padding, backend.added_vocabulary.encode_special_tokens] as const;
    backend.truncation = trunc;
    backend.padding = pad;
    backend.added_vocabulary.encode_special_tokens = o.split_special_tokens ?? this.split_special_tokens;
    let encodings: Encoding[];
    try {
      const add = o.add_special_tokens ?? true;
      encodings = inputs.map(([a, b]) => backend.encode(a, b, add));
      if (pad) padEncodings(encodings, pad);
    } finally {
      [backend.truncation, backend.padding, backend.added_vocabulary.encode_special_tokens] = saved;
    }
    const wantTT = o.return_token_type_ids ?? this.model_input_names.includes("token_type_ids");
    const wantAM = o.return_attention_mask ?? this.model_input_names.includes("attention_mask");
    const rows: Encoding[] = [];
    const mapping: number[] = [];
    encodings.forEach((e, i) => {
      const all = o.return_overflowing_tokens ? [e, ...e.overflowing] : [e];
      for (const r of all) {
        rows.push(r);
        mapping.push(i);
      }
    });
    const data: Record<string, unknown> = { input_ids: rows.map((r) => r.ids) };
    if (wantTT) data.token_type_ids = rows.map((r) => r.type_ids);
    if (wantAM) data.attention_mask = rows.map((r) => r.attention_mask);
    if (o.return_special_tokens_mask) data.special_tokens_mask = rows.map((r) => r.special_tokens_mask);
    if (o.return_offsets_mapping) data.offset_mapping = rows.map((r) => r.offsetsCopy());
    if (o.return_length) data.length = rows.map((r) => r.length);
    if (o.return_overflowing_tokens) data.overflow_to_sample_mapping = mapping;
    if (st.max_length === null && (o.verbose ?? true)) {
      for (const r of rows) {
        if (r.length > this.model_max_length) {
          warnOnce(
            `Token indices sequence length is longer than the specified maximum sequence length for this model (${r.length} > ${this.model_max_length}). Running this sequence through the model will result in indexing errors`,
            "sequence-length-is-longer-than-the-specified-maximum",
          );
          break;
        }
      }
    }
    if (!batched && !o.return_tensors && !o.return_overflowing_tokens) {
      for (const k of Object.keys(data)) data[k] = (data[k] as unknown[])[0];
    }
    return new BatchEncoding(data, rows, o.return_tensors ?? null);
  }

  /** The ids of one text (or pair): `tokenizer(text, …).input_ids`. */
  encode(text: TextInput, text_pair?: TextInput | EncodeOptions | null, options?: EncodeOptions & NoTensors): number[];
  encode(text: TextInput, text_pair: TextInput | EncodeOptions | null | undefined, options: EncodeOptions & WithTensors): Tensor;
  encode(text: TextInput, text_pair: TextInput | EncodeOptions | null = null, options: EncodeOptions = {}): number[] | Tensor {
    let o = options;
    let p: TextInput | null = null;
    if (text_pair !== null && typeof text_pair === "object" && !Array.isArray(text_pair)) o = text_pair;
    else p = text_pair;
    const enc = this._call(text, p, { ...o }) as BatchEncoding;
    return enc.input_ids as number[] | Tensor;
  }

  /** Tokens of a text (no special tokens unless asked), HF fast `tokenize`. */
  tokenize(text: string, options: { pair?: string | null; add_special_tokens?: boolean } & EncodeOptions = {}): string[] {
    const { pair = null, add_special_tokens = false, ...rest } = options;
    const enc = this._call(text, pair, { ...rest, add_special_tokens }) as BatchEncoding;
    return enc.tokens(0);
  }

  // ---------------------------------------------------------------- decoding

  private idsOf(token_ids: number | number[] | Tensor | bigint[]): number[] {
    if (typeof token_ids === "number") return [token_ids];
    if (Array.isArray(token_ids)) return (token_ids as Array<number | bigint>).map(Number);
    const l = (token_ids as Tensor).tolist();
    return (Array.isArray(l) ? (l as unknown[]).flat(Infinity) : [l]).map(Number);
  }

  decode(token_ids: number | number[] | bigint[] | Tensor, options: DecodeOptions = {}): string {
    checkOptionKeys(options, ["skip_special_tokens", "clean_up_tokenization_spaces"], "decode");
    const text = this._tokenizer.decode(this.idsOf(token_ids), options.skip_special_tokens ?? false);
    const clean = options.clean_up_tokenization_spaces ?? this.clean_up_tokenization_spaces;
    return clean ? cleanUpTokenization(text) : text;
  }

  batch_decode(sequences: number[][] | Tensor, options: DecodeOptions = {}): string[] {
    const rows = Array.isArray(sequences) ? sequences : ((sequences as Tensor).tolist() as number[][]);
    return rows.map((s) => this.decode(s, options));
  }

  clean_up_tokenization(out_string: string): string {
    return cleanUpTokenization(out_string);
  }

  // ---------------------------------------------------------------- pad (DataCollatorWithPadding)

  /**
   * Pad already-encoded examples (a BatchEncoding, a dict of lists, or a list of dicts) to the
   * longest / max_length, as HF's `tokenizer.pad` does for DataCollatorWithPadding.
   */
  pad(
    encoded_inputs: BatchEncoding | Record<string, unknown> | Array<Record<string, unknown>>,
    options: { padding?: boolean | "longest" | "max_length" | "do_not_pad"; max_length?: number | null; pad_to_multiple_of?: number | null; padding_side?: Side | null; return_attention_mask?: boolean | null; return_tensors?: "pt" | null; verbose?: boolean } = {},
  ): BatchEncoding {
    checkOptionKeys(options, ["padding", "max_length", "pad_to_multiple_of", "padding_side", "return_attention_mask", "return_tensors", "verbose"], "pad");
    let dict: Record<string, unknown[]>;
    if (Array.isArray(encoded_inputs)) {
      dict = {};
      for (const ex of encoded_inputs) for (const [k, v] of Object.entries(ex)) (dict[k] ??= []).push(v);
    } else dict = { ...(encoded_inputs as Record<string, unknown[]>) };
    const ids = dict.input_ids;
    if (!ids) throw new ValueError(`pad: You should supply an encoding or a list of encodings that includes input_ids, but you provided ${JSON.stringify(Object.keys(dict))}`);
    const batched = Array.isArray(ids[0]);
    const rows = batched ? (ids as number[][]) : [ids as unknown as number[]];
    const st = resolveStrategies({ padding: options.padding ?? true, max_length: options.max_length ?? null, pad_to_multiple_of: options.pad_to_multiple_of ?? null, verbose: options.verbose, truncation: false }, this);
    let target = st.padding === "longest" ? Math.max(0, ...rows.map((r) => r.length)) : st.padding === "max_length" ? st.max_length! : 0;
    const m = options.pad_to_multiple_of ?? null;
    if (st.padding !== "do_not_pad" && m && target % m !== 0) target = (Math.floor(target / m) + 1) * m;
    const side = options.padding_side ?? this.padding_side;
    const wantAM = options.return_attention_mask ?? this.model_input_names.includes("attention_mask");
    const get = (k: string): number[][] | null => (dict[k] ? (batched ? (dict[k] as number[][]) : [dict[k] as unknown as number[]]) : null);
    const am = get("attention_mask") ?? (wantAM ? rows.map((r) => r.map(() => 1)) : null);
    const fills: Array<[string, number[][] | null, number]> = [
      ["input_ids", rows, this.pad_token_id ?? 0], ["attention_mask", am, 0], ["token_type_ids", get("token_type_ids"), this.pad_token_type_id],
      ["special_tokens_mask", get("special_tokens_mask"), 1],
    ];
    const out: Record<string, unknown> = { ...dict };
    for (const [k, vals, fill] of fills) {
      if (!vals) continue;
      const padded = vals.map((r) => {
        const d = st.padding === "do_not_pad" ? 0 : Math.max(0, target - r.length);
        const p = new Array<number>(d).fill(fill);
        return side === "left" ? [...p, ...r] : [...r, ...p];
      });
      out[k] = batched ? padded : padded[0];
    }
    return new BatchEncoding(out, null, options.return_tensors ?? null);
  }

  // ---------------------------------------------------------------- saving / loading

  /** The tokenizer_config.json this tokenizer would write. */
  tokenizer_config(): JsonObject {
    const cls = this.constructor as typeof PreTrainedTokenizerFast;
    const cfg: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.init_kwargs)) {
      if (["tokenizer_file", "name_or_path", "added_tokens_decoder", "vocab_files"].includes(k) || v === undefined) continue;
      cfg[k] = v;
    }
    const dec: JsonObject = {};
    for (const [id, t] of this._tokenizer.get_added_tokens_decoder()) {
      dec[String(id)] = { content: t.content, lstrip: t.lstrip, normalized: t.normalized, rstrip: t.rstrip, single_word: t.single_word, special: t.special };
    }
    cfg.added_tokens_decoder = dec;
    for (const k of SPECIAL_TOKENS_ATTRIBUTES) {
      const v = this.getSpecial(k);
      if (v !== null) cfg[k] = v;
      else delete cfg[k];
    }
    if (this._additional.length > 0) cfg.additional_special_tokens = this.additional_special_tokens;
    cfg.clean_up_tokenization_spaces = this.clean_up_tokenization_spaces;
    cfg.model_max_length = this.model_max_length;
    cfg.padding_side = this.padding_side;
    cfg.truncation_side = this.truncation_side;
    const name = cls.name;
    cfg.tokenizer_class = name.endsWith("Fast") && name !== "PreTrainedTokenizerFast" ? name.slice(0, -4) : name;
    return cfg as JsonObject;
  }

  /** Writes tokenizer.json, tokenizer_config.json and special_tokens_map.json; returns their paths. */
  async save_pretrained(save_directory: string, options: { filename_prefix?: string | null; legacy_format?: boolean | null } = {}): Promise<string[]> {
    checkOptionKeys(options, ["filename_prefix", "legacy_format"], "save_pretrained");
    await mkdir(save_directory, { recursive: true });
    const prefix = options.filename_prefix ? `${options.filename_prefix}-` : "";
    const files = {
      config: path.join(save_directory, `${prefix}tokenizer_config.json`),
      special: path.join(save_directory, `${prefix}special_tokens_map.json`),
      tokenizer: path.join(save_directory, `${prefix}tokenizer.json`),
    };
    await writeFile(files.config, pyJson(this.tokenizer_config()) + "\n");
    const stm: Record<string, JsonValue> = {};
    for (const k of SPECIAL_TOKENS_ATTRIBUTES) {
      const t = this._special.get(k);
      if (!t) continue;
      stm[k] = t.lstrip || t.rstrip || t.single_word || t.normalized
        ? { content: t.content, lstrip: t.lstrip, normalized: t.normalized, rstrip: t.rstrip, single_word: t.single_word }
        : t.content;
    }
    if (this._additional.length > 0) stm.additional_special_tokens = this.additional_special_tokens;
    await writeFile(files.special, pyJson(stm) + "\n");
    await writeFile(files.tokenizer, this._tokenizer.to_str(true));
    return [files.config, files.special, files.tokenizer];
  }

  /** Load from a folder (or a hub repo id through utils/hub) with this class. */
  static async from_pretrained<T extends PreTrainedTokenizerFast>(this: new (init: TokenizerInit) => T, pretrained_model_name_or_path: string, options: FromPretrainedOptions = {}): Promise<T> {
    const init = await loadTokenizerInit(this as unknown as typeof PreTrainedTokenizerFast, pretrained_model_name_or_path, options);
    return new this(init);
  }

  // ---------------------------------------------------------------- training

  /**
   * A new tokenizer of the same kind (normalizer, pre-tokenizer, post-processor, special tokens)
   * with a model trained on `text_iterator` (HF `train_new_from_iterator`; WordPiece and BPE).
   */
  train_new_from_iterator(
    text_iterator: Iterable<string> | Iterable<string[]>,
    vocab_size: number,
    options: { new_special_tokens?: SpecialTokenValue[]; special_tokens_map?: Record<string, string>; length?: number } & Omit<BpeTrainerOptions, "vocab_size" | "special_tokens"> = {},
  ): this {
    const { new_special_tokens, special_tokens_map, length: _len, ...trainerKw } = options;
    const json = this._tokenizer.toJSON();
    const added = (json.added_tokens as JsonObject[]) ?? [];
    const postProcessor = json.post_processor as JsonObject | null;
    json.added_tokens = [];
    json.post_processor = null;
    const model = json.model as JsonObject;
    const type = model.type as string;
    if (type === "BPE") {
      model.vocab = {};
      model.merges = [];
    } else if (type === "WordPiece" || type === "WordLevel") model.vocab = {};
    else throw new ValueError(`train_new_from_iterator supports BPE and WordPiece models, not ${type}`);
    if (special_tokens_map && typeof model.unk_token === "string" && model.unk_token in special_tokens_map) model.unk_token = special_tokens_map[model.unk_token]!;
    const fresh = Tokenizer.fromJSON(json, "train_new_from_iterator");
    const special: AddedToken[] = [];
    for (const a of added) {
      if (!a.special) continue;
      let content = a.content as string;
      if (special_tokens_map && content in special_tokens_map) content = special_tokens_map[content]!;
      special.push(new AddedToken(content, { lstrip: a.lstrip as boolean, rstrip: a.rstrip as boolean, normalized: a.normalized as boolean, single_word: a.single_word as boolean, special: true }));
    }
    for (const t of new_special_tokens ?? []) special.push(toAddedToken(t));
    const kw: BpeTrainerOptions = { ...trainerKw, vocab_size, special_tokens: special };
    if (type === "BPE") {
      if (kw.continuing_subword_prefix === undefined && model.continuing_subword_prefix) kw.continuing_subword_prefix = model.continuing_subword_prefix as string;
      if (kw.end_of_word_suffix === undefined && model.end_of_word_suffix) kw.end_of_word_suffix = model.end_of_word_suffix as string;
    }
    const pre = json.pre_tokenizer as JsonObject | null;
    if (pre && (pre.type === "ByteLevel" || (pre.type === "Sequence" && (pre.pretokenizers as JsonObject[]).some((p) => p.type === "ByteLevel")))) {
      kw.initial_alphabet = ByteLevel.alphabet();
    }
    const trainer: Trainer = type === "BPE" ? new BpeTrainer(kw) : new WordPieceTrainer(kw);
    const texts = (function* () {
      for (const t of text_iterator as Iterable<string | string[]>) {
        if (typeof t === "string") yield t;
        else yield* t;
      }
    })();
    fresh.train_from_iterator(texts, trainer);
    let trained = fresh;
    if (postProcessor) {
      const pp = JSON.parse(JSON.stringify(postProcessor)) as JsonObject;
      const idOf = (t: string): number => {
        const id = trained.token_to_id(t);
        if (id === undefined) throw new ValueError(`Attempted to set a token in the post processor that does not exist in the mapping: "${t}"`);
        return id;
      };
      const fix = (p: JsonObject): void => {
        if (p.special_tokens) {
          for (const v of Object.values(p.special_tokens as Record<string, JsonObject>)) {
            const toks = (v.tokens as string[]).map((t) => special_tokens_map?.[t] ?? t);
            v.tokens = toks;
            v.ids = toks.map(idOf);
          }
        }
        for (const k of ["cls", "sep"]) {
          if (Array.isArray(p[k])) {
            const t = special_tokens_map?.[(p[k] as string[])[0]!] ?? ((p[k] as string[])[0] as string);
            p[k] = [t, idOf(t)];
          }
        }
        if (Array.isArray(p.processors)) (p.processors as JsonObject[]).forEach(fix);
      };
      fix(pp);
      const tj = trained.toJSON();
      tj.post_processor = pp;
      trained = Tokenizer.fromJSON(tj, "train_new_from_iterator");
    }
    const kwargs: TokenizerInit = { ...this.init_kwargs, tokenizer_object: trained, tokenizer_file: null };
    for (const k of SPECIAL_TOKENS_ATTRIBUTES) {
      const t = this._special.get(k);
      if (!t) continue;
      const c = special_tokens_map?.[t.content] ?? t.content;
      kwargs[k] = new AddedToken(c, { lstrip: t.lstrip, rstrip: t.rstrip, normalized: t.normalized, single_word: t.single_word, special: true });
    }
    delete kwargs.added_tokens_decoder;
    const Cls = this.constructor as new (init: TokenizerInit) => this;
    return new Cls(kwargs);
  }

  [inspect.custom](): string {
    const cls = (this.constructor as typeof PreTrainedTokenizerFast).name;
    return `${cls}(name_or_path='${this.name_or_path}', vocab_size=${this.vocab_size}, model_max_length=${this.model_max_length}, is_fast=true, padding_side='${this.padding_side}', truncation_side='${this.truncation_side}', special_tokens=${inspect(this.special_tokens_map)})`;
  }
}

/** JSON like Python's json.dumps(indent=2, sort_keys=True, ensure_ascii=False), 1e30 as an int. */
export function pyJson(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x && typeof x === "object" && !(x instanceof AddedToken)) {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(x as object).sort()) o[k] = sort((x as Record<string, unknown>)[k]);
      return o;
    }
    if (x instanceof AddedToken) return x.content;
    return x;
  };
  return JSON.stringify(sort(v), null, 2).replace(/: 1e\+30\b/g, ": 1000000000000000019884624838656");
}

async function readJsonFile(file: string | null): Promise<Record<string, unknown> | null> {
  if (!file) return null;
  const text = await readFile(file, "utf8");
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("expected a JSON object");
    return v as Record<string, unknown>;
  } catch (e) {
    throw new ValueError(`${file}: not a valid JSON object (${(e as Error).message})`);
  }
}

const HUB_KEYS = ["cache_dir", "revision", "token", "local_files_only", "subfolder", "endpoint", "progress", "repo_type", "optional"] as const;

/** Gather constructor arguments from a tokenizer folder (HF `_from_pretrained`). */
export async function loadTokenizerInit(
  cls: typeof PreTrainedTokenizerFast,
  nameOrPath: string,
  options: FromPretrainedOptions = {},
  files: { tokenizer_config?: Record<string, unknown> | null } = {},
): Promise<TokenizerInit> {
  const hub: CachedFileOptions = {};
  const user: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) {
    if ((HUB_KEYS as readonly string[]).includes(k)) (hub as Record<string, unknown>)[k] = v;
    else user[k] = v;
  }
  const opt = (f: string): Promise<string | null> => cached_file(nameOrPath, f, { ...hub, optional: true });
  const config = files.tokenizer_config !== undefined ? files.tokenizer_config : await readJsonFile(await opt("tokenizer_config.json"));
  const stm = await readJsonFile(await opt("special_tokens_map.json"));
  const addedJson = await readJsonFile(await opt("added_tokens.json"));
  const tokenizerFile = await opt("tokenizer.json");
  const init: TokenizerInit = { ...(config ?? {}) };
  for (const [k, v] of Object.entries(stm ?? {})) {
    if (k in user && user[k]) continue;
    init[k] = v;
  }
  if (addedJson && !init.added_tokens_decoder) {
    const dec: Record<string, SpecialTokenValue> = {};
    for (const [content, id] of Object.entries(addedJson)) dec[String(id)] = { content, special: false };
    init.added_tokens_decoder = dec;
  }
  Object.assign(init, user);
  init.name_or_path = nameOrPath;
  if (tokenizerFile) init.tokenizer_file = tokenizerFile;
  else {
    const vf: Record<string, string | null> = {};
    for (const [key, fname] of Object.entries(cls.vocab_files_names)) vf[key] = await opt(fname);
    if (Object.values(vf).every((x) => x === null)) {
      throw new ValueError(
        `Can't load tokenizer for '${nameOrPath}': no tokenizer.json${Object.keys(cls.vocab_files_names).length ? ` and none of ${JSON.stringify(Object.values(cls.vocab_files_names))}` : ""} found.`,
      );
    }
    init.vocab_files = vf;
  }
  return init;
}

export { requireTorch };
