// Tokenizer: the `tokenizer.json` pipeline, a port of tokenizers/src/tokenizer/mod.rs with the
// Python `tokenizers.Tokenizer` method names (encode, encode_batch, decode, enable_truncation,
// enable_padding, token_to_id, to_str, save, from_file, from_str, train_from_iterator).
//
//   added tokens → normalizer → pre-tokenizer → model → truncation → post-processor → padding
//
// Offsets are UTF-16 indices of the input string (Rust's char offsets re-expressed for JS).
import { readFileSync, writeFileSync } from "node:fs";
import { Encoding, type PaddingDirection, type TruncationDirection } from "./encoding.js";
import { AddedToken, AddedVocabulary } from "./added_vocabulary.js";
import { normalizerFromJSON, type Normalizer } from "./normalizers.js";
import { preTokenizerFromJSON, type PreTokenizer } from "./pre_tokenizers.js";
import { modelFromJSON, type Model } from "./models/index.js";
import { postProcess, postProcessorFromJSON, singleWrapOf, type PostProcessor } from "./post_processors.js";
import { decoderFromJSON, decodeTokens, type Decoder } from "./decoders.js";
import { JsonReader, type JsonObject, type JsonValue } from "./json.js";
import { NormalizedString, PreTokenizedString } from "./normalized_string.js";
import { createFastPath, type FastPath } from "./fast_path.js";
import { ValueError } from "../../utils/errors.js";
import type { Trainer } from "./trainers.js";

export type TruncationStrategy = "longest_first" | "only_first" | "only_second";

export interface TruncationParams {
  max_length: number;
  stride: number;
  strategy: TruncationStrategy;
  direction: TruncationDirection;
}

export interface PaddingParams {
  /** null = pad to the longest in the batch (BatchLongest), a number = Fixed(length). */
  length: number | null;
  direction: PaddingDirection;
  pad_to_multiple_of: number | null;
  pad_id: number;
  pad_type_id: number;
  pad_token: string;
}

/** An input: a text, or a [text, text_pair] pair. */
export type EncodeInput = string | [string, string];

export class TruncationError extends ValueError {}

const TRUNC_STRATEGIES: Record<string, TruncationStrategy> = { LongestFirst: "longest_first", OnlyFirst: "only_first", OnlySecond: "only_second" };

/** Rust `truncate_encodings`. */
export function truncateEncodings(encoding: Encoding, pair: Encoding | null, p: TruncationParams): void {
  if (p.max_length === 0) {
    encoding.truncate(0, p.stride, p.direction);
    pair?.truncate(0, p.stride, p.direction);
    return;
  }
  const total = encoding.length + (pair?.length ?? 0);
  if (total <= p.max_length) return;
  const toRemove = total - p.max_length;
  if (p.strategy === "longest_first") {
    if (pair) {
      let n1 = encoding.length;
      let n2 = pair.length;
      let swap = false;
      if (n1 > n2) {
        swap = true;
        [n1, n2] = [n2, n1];
      }
      if (n1 > p.max_length) n2 = n1;
      else n2 = Math.max(n1, p.max_length - n1);
      if (n1 + n2 > p.max_length) {
        n1 = Math.floor(p.max_length / 2);
        n2 = n1 + (p.max_length % 2);
      }
      if (swap) [n1, n2] = [n2, n1];
      encoding.truncate(n1, p.stride, p.direction);
      pair.truncate(n2, p.stride, p.direction);
    } else {
      encoding.truncate(total - toRemove, p.stride, p.direction);
    }
    return;
  }
  let target: Encoding;
  if (p.strategy === "only_first") target = encoding;
  else if (pair) target = pair;
  else throw new TruncationError("Truncation error: Second sequence not provided");
  const len = target.length;
  if (len > toRemove) target.truncate(len - toRemove, p.stride, p.direction);
  else throw new TruncationError("Truncation error: Sequence to truncate too short to respect the provided max_length");
}

/** Rust `pad_encodings`. */
export function padEncodings(encodings: Encoding[], p: PaddingParams): void {
  if (encodings.length === 0) return;
  let len = p.length ?? Math.max(...encodings.map((e) => e.length));
  const m = p.pad_to_multiple_of;
  if (m !== null && m > 0 && len % m > 0) len += m - (len % m);
  for (const e of encodings) e.pad(len, p.pad_id, p.pad_type_id, p.pad_token, p.direction);
}

export class Tokenizer {
  normalizer: Normalizer | null = null;
  pre_tokenizer: PreTokenizer | null = null;
  post_processor: PostProcessor | null = null;
  decoder: Decoder | null = null;
  truncation: TruncationParams | null = null;
  padding: PaddingParams | null = null;
  readonly added_vocabulary = new AddedVocabulary();
  /**
   * Use the fast paths of ./fast_path.ts for the pipelines they cover (same output). false forces
   * the reference pipeline, the oracle the fast paths are tested against.
   */
  use_fast_paths = true;
  /** The fast path built for the current normalizer/pre-tokenizer/model (null: none covers them). */
  private fastPath: FastPath | null = null;
  private fastPathFor: [Normalizer | null, PreTokenizer | null, Model] | null = null;

  constructor(public model: Model) {}

  // ---------------------------------------------------------------- loading / saving

  /** Parse a tokenizer.json object; `file` names the source in error messages. */
  static fromJSON(json: unknown, file = "tokenizer.json"): Tokenizer {
    const r = new JsonReader(json, file, "");
    const tok = new Tokenizer(modelFromJSON(r.get("model")));
    tok.normalizer = normalizerFromJSON(r.get("normalizer"));
    tok.pre_tokenizer = preTokenizerFromJSON(r.get("pre_tokenizer"));
    tok.post_processor = postProcessorFromJSON(r.get("post_processor"));
    tok.decoder = decoderFromJSON(r.get("decoder"));
    const added = r.get("added_tokens");
    if (!added.isNull()) {
      const toks: AddedToken[] = [];
      const ids: number[] = [];
      for (const a of added.items()) {
        toks.push(new AddedToken(a.str("content"), {
          single_word: a.optBool("single_word") ?? false, lstrip: a.optBool("lstrip") ?? false,
          rstrip: a.optBool("rstrip") ?? false, special: a.optBool("special") ?? false,
          normalized: a.optBool("normalized") ?? !(a.optBool("special") ?? false),
        }));
        ids.push(a.num("id"));
      }
      tok.added_vocabulary.add_tokens(toks, tok.model, tok.normalizer, ids);
    }
    const tr = r.get("truncation");
    if (!tr.isNull()) {
      const strat = tr.optStr("strategy") ?? "LongestFirst";
      tok.truncation = {
        max_length: tr.num("max_length"), stride: tr.optNum("stride") ?? 0,
        strategy: TRUNC_STRATEGIES[strat] ?? "longest_first",
        direction: (tr.optStr("direction") ?? "Right").toLowerCase() === "left" ? "left" : "right",
      };
    }
    const pr = r.get("padding");
    if (!pr.isNull()) {
      const st = pr.raw("strategy");
      const fixed = st && typeof st === "object" && "Fixed" in st ? Number((st as { Fixed: number }).Fixed) : null;
      tok.padding = {
        length: fixed, direction: (pr.optStr("direction") ?? "Right").toLowerCase() === "left" ? "left" : "right",
        pad_to_multiple_of: pr.optNum("pad_to_multiple_of"), pad_id: pr.optNum("pad_id") ?? 0,
        pad_type_id: pr.optNum("pad_type_id") ?? 0, pad_token: pr.optStr("pad_token") ?? "[PAD]",
      };
    }
    return tok;
  }

  static from_str(json: string, file = "tokenizer.json"): Tokenizer {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      throw new ValueError(`${file}: not valid JSON (${(e as Error).message})`);
    }
    return Tokenizer.fromJSON(parsed, file);
  }

  static from_file(path: string): Tokenizer {
    return Tokenizer.from_str(readFileSync(path, "utf8"), path);
  }

  /** The tokenizer.json object (current serialization: "type" in model, merges as pairs). */
  toJSON(): JsonObject {
    const added: JsonValue[] = [...this.added_vocabulary.get_added_tokens_decoder()].map(([id, t]) => t.toJSON(id));
    const trunc: JsonValue = this.truncation && {
      direction: this.truncation.direction === "left" ? "Left" : "Right",
      max_length: this.truncation.max_length,
      strategy: Object.keys(TRUNC_STRATEGIES).find((k) => TRUNC_STRATEGIES[k] === this.truncation!.strategy)!,
      stride: this.truncation.stride,
    };
    const pad: JsonValue = this.padding && {
      strategy: this.padding.length === null ? "BatchLongest" : { Fixed: this.padding.length },
      direction: this.padding.direction === "left" ? "Left" : "Right",
      pad_to_multiple_of: this.padding.pad_to_multiple_of,
      pad_id: this.padding.pad_id, pad_type_id: this.padding.pad_type_id, pad_token: this.padding.pad_token,
    };
    return {
      version: "1.0",
      truncation: trunc,
      padding: pad,
      added_tokens: added,
      normalizer: this.normalizer?.toJSON() ?? null,
      pre_tokenizer: this.pre_tokenizer?.toJSON() ?? null,
      post_processor: this.post_processor?.toJSON() ?? null,
      decoder: this.decoder?.toJSON() ?? null,
      model: this.model.toJSON(),
    };
  }

  to_str(pretty = false): string {
    return JSON.stringify(this.toJSON(), null, pretty ? 2 : undefined);
  }

  save(path: string, pretty = true): void {
    writeFileSync(path, this.to_str(pretty));
  }

  // ---------------------------------------------------------------- configuration

  enable_truncation(max_length: number, options: Partial<Omit<TruncationParams, "max_length">> = {}): void {
    this.truncation = { max_length, stride: options.stride ?? 0, strategy: options.strategy ?? "longest_first", direction: options.direction ?? "right" };
  }
  no_truncation(): void {
    this.truncation = null;
  }
  enable_padding(options: Partial<PaddingParams> = {}): void {
    this.padding = {
      length: options.length ?? null, direction: options.direction ?? "right", pad_to_multiple_of: options.pad_to_multiple_of ?? null,
      pad_id: options.pad_id ?? 0, pad_type_id: options.pad_type_id ?? 0, pad_token: options.pad_token ?? "[PAD]",
    };
  }
  no_padding(): void {
    this.padding = null;
  }

  /** Replace the normalizer and rebuild the added-token matchers that depend on it. */
  set_normalizer(n: Normalizer | null): void {
    this.normalizer = n;
    this.added_vocabulary.refresh(n);
  }

  add_tokens(tokens: Array<string | AddedToken>): number {
    const t = tokens.map((x) => (typeof x === "string" ? new AddedToken(x) : x));
    return this.added_vocabulary.add_tokens(t, this.model, this.normalizer);
  }
  add_special_tokens(tokens: Array<string | AddedToken>): number {
    const t = tokens.map((x) => (typeof x === "string" ? new AddedToken(x, { special: true }) : x));
    return this.added_vocabulary.add_tokens(t, this.model, this.normalizer);
  }

  token_to_id(token: string): number | undefined {
    return this.added_vocabulary.token_to_id(token, this.model);
  }
  id_to_token(id: number): string | undefined {
    return this.added_vocabulary.id_to_token(id) ?? this.model.id_to_token(id);
  }
  get_vocab(with_added_tokens = true): Map<string, number> {
    const v = this.model.get_vocab();
    if (with_added_tokens) for (const [k, id] of this.added_vocabulary.get_vocab()) v.set(k, id);
    return v;
  }
  get_vocab_size(with_added_tokens = true): number {
    return with_added_tokens ? this.get_vocab(true).size : this.model.get_vocab_size();
  }
  get_added_tokens_decoder(): Map<number, AddedToken> {
    return this.added_vocabulary.get_added_tokens_decoder();
  }

  // ---------------------------------------------------------------- encoding

  /** Normalize + pre-tokenize + tokenize one sequence (no truncation, no special tokens). */
  encode_single_sequence(sequence: string | string[], typeId: number): Encoding {
    const one = (s: string, wordIdx: number | null): Encoding => {
      const fast = this.use_fast_paths ? this.currentFastPath()?.encode(s, typeId, wordIdx) : null;
      if (fast) return fast;
      const pts = this.added_vocabulary.extractAndNormalize(this.normalizer, s);
      this.pre_tokenizer?.preTokenize(pts);
      pts.tokenize((ns) => this.model.tokenize(ns.get()));
      return pts.intoEncoding(wordIdx, typeId);
    };
    if (typeof sequence === "string") return one(sequence, null);
    // pre-tokenized input: one word per element, offsets relative to each word (as in Rust)
    return Encoding.merge(sequence.map((w, i) => one(w, i)), false);
  }

  private currentFastPath(): FastPath | null {
    const f = this.fastPathFor;
    if (f === null || f[0] !== this.normalizer || f[1] !== this.pre_tokenizer || f[2] !== this.model) {
      this.fastPath = createFastPath(this);
      this.fastPathFor = [this.normalizer, this.pre_tokenizer, this.model];
    }
    return this.fastPath;
  }

  /** Truncate, add special tokens, pad (Rust `post_process`). */
  post_process(encoding: Encoding, pair: Encoding | null, add_special_tokens = true): Encoding {
    if (this.truncation) {
      const nAdded = add_special_tokens && this.post_processor ? this.post_processor.added_tokens(pair !== null) : 0;
      if (nAdded > 0) {
        if (this.truncation.max_length < nAdded) {
          throw new TruncationError(`Truncation error: max_length ${this.truncation.max_length} is smaller than the ${nAdded} special tokens the post-processor adds`);
        }
        truncateEncodings(encoding, pair, { ...this.truncation, max_length: this.truncation.max_length - nAdded });
      } else truncateEncodings(encoding, pair, this.truncation);
    }
    const out = postProcess(this.post_processor, encoding, pair, add_special_tokens);
    if (this.padding) padEncodings([out], this.padding);
    return out;
  }

  encode(sequence: string | string[], pair: string | string[] | null = null, add_special_tokens = true): Encoding {
    if (pair === null && this.truncation === null && typeof sequence === "string" && this.use_fast_paths) {
      // one text, nothing to truncate: the fast path also does the post-processing it can
      const wrap = singleWrapOf(this.post_processor, add_special_tokens);
      const enc = wrap && this.currentFastPath()?.encode(sequence, 0, null, wrap);
      if (enc) {
        if (this.padding) padEncodings([enc], this.padding);
        return enc;
      }
    }
    const enc = this.encode_single_sequence(sequence, 0);
    const penc = pair === null ? null : this.encode_single_sequence(pair, 1);
    return this.post_process(enc, penc, add_special_tokens);
  }

  encode_batch(inputs: EncodeInput[], add_special_tokens = true): Encoding[] {
    const encs = inputs.map((x) => (typeof x === "string" ? this.encode(x, null, add_special_tokens) : this.encode(x[0], x[1], add_special_tokens)));
    if (this.padding) padEncodings(encs, this.padding);
    return encs;
  }

  // ---------------------------------------------------------------- decoding

  decode(ids: number[], skip_special_tokens = true): string {
    const tokens: string[] = [];
    for (const id of ids) {
      const t = this.id_to_token(id);
      if (t === undefined) continue;
      if (skip_special_tokens && this.added_vocabulary.is_special_token(t)) continue;
      tokens.push(t);
    }
    return this.decoder ? decodeTokens(this.decoder, tokens) : tokens.join(" ");
  }

  decode_batch(sequences: number[][], skip_special_tokens = true): string[] {
    return sequences.map((s) => this.decode(s, skip_special_tokens));
  }

  /** Normalize a string with this tokenizer's normalizer. */
  normalize(s: string): string {
    const ns = NormalizedString.from(s);
    this.normalizer?.normalize(ns);
    return ns.get();
  }

  /** The pieces the model would see for `s` (normalizer + pre-tokenizer, no added tokens). */
  pre_tokenize_words(s: string): string[] {
    const pts = new PreTokenizedString(s);
    pts.normalize((ns) => this.normalizer?.normalize(ns));
    this.pre_tokenizer?.preTokenize(pts);
    return pts.splits.map((sp) => sp.normalized.get());
  }

  // ---------------------------------------------------------------- training

  /** Train the model on `texts` with `trainer` (replaces the model; special tokens are added). */
  train_from_iterator(texts: Iterable<string>, trainer: Trainer): this {
    const words = new Map<string, number>();
    for (const t of texts) for (const w of this.pre_tokenize_words(t)) words.set(w, (words.get(w) ?? 0) + 1);
    const { model, special_tokens } = trainer.train(words, this.model);
    this.model = model;
    this.add_special_tokens(special_tokens);
    return this;
  }
}
