// Mirrors transformers/pipelines/base.py (v5.17): the Pipeline contract
// `_sanitize_parameters` → `preprocess` → `_forward` → `postprocess`, batching with per-batch
// padding (pad_collate_fn), and ChunkPipeline's "one input → several model rows" packing.
//
// Deliberate differences: a pipeline instance is an async callable (`await pipe(text)`); every
// batch runs inside one `torch.tidy` + `no_grad`, and `_forward` turns the model output into plain
// JS numbers there, so postprocess (and the caller) never hold a tensor. There is no DataLoader or
// worker pool: inputs are tokenized and run in order, `batch_size` rows at a time.
import * as torch from "../../torch/index.js";
import type { Tensor } from "../../torch/index.js";
import type { PreTrainedModel } from "../modeling_utils.js";
import type { PreTrainedTokenizerFast } from "../tokenization_utils.js";
import { ValueError } from "../../utils/errors.js";
import { CALL_OPTION_KEYS, checkOptionKeys } from "../tokenization_utils_base.js";

/** `device`: -1 or "cpu" (the default), a CUDA ordinal (0 → "cuda:0"), "cuda:N" or a torch.device. */
export type DeviceArg = number | string | torch.device;

/** HF's PipelineException(task, model, reason): `message` is the reason, as `str(e)` in Python. */
export class PipelineException extends Error {
  override name = "PipelineException";
  constructor(readonly task: string, readonly model: string, readonly reason: string) {
    super(reason);
  }
}

/** Options every pipeline call takes (the task options add theirs). */
export interface PipelineBaseOptions {
  /** Rows per forward pass; each batch is padded to its longest row (default: the pipeline's, else 1). */
  batch_size?: number;
}

/** One row for the model: its own input ids etc. (unpadded), plus what postprocess needs. */
export interface ModelRow<Extra> {
  features: Record<string, number[]>;
  extra: Extra;
}

/** Where a row sits inside its padded batch: `offset` is the left padding before its tokens. */
export interface RowPlace {
  batch_index: number;
  offset: number;
  length: number;
}

/** Tokenizer call options a pipeline forwards (HF's `**tokenizer_kwargs`). */
export const TOKENIZER_KWARGS = CALL_OPTION_KEYS.filter((k) => !["text_pair", "return_tensors"].includes(k));

export function toTorchDevice(device: DeviceArg | null | undefined): torch.device {
  if (device === null || device === undefined) return new torch.device("cpu");
  if (typeof device === "number") {
    if (!Number.isInteger(device) || device < -1) throw new ValueError(`device must be -1 (cpu) or a CUDA ordinal >= 0, got ${device}`);
    return new torch.device(device === -1 ? "cpu" : `cuda:${device}`);
  }
  return new torch.device(device);
}

/** A class whose instances are functions (transformers.js's Callable): `pipe(inputs, options)`. */
abstract class Callable {
  constructor() {
    const f = (...args: unknown[]): unknown => (f as unknown as Callable)._call(...args);
    return Object.setPrototypeOf(f, new.target.prototype) as Callable;
  }
  protected abstract _call(...args: unknown[]): unknown;
}

export interface PipelineInit {
  task: string;
  model: PreTrainedModel;
  tokenizer: PreTrainedTokenizerFast;
  device?: DeviceArg | null;
  batch_size?: number;
}

/**
 * Base of every pipeline. `In` is one input, `Row` the per-row extra data, `Out` one result, `O`
 * the task's call options. Subclasses implement the four HF steps; `__call__` handles lists,
 * batching, memory scopes and device placement.
 */
export abstract class Pipeline<In, Extra, Raw, Out, O extends object> extends Callable {
  readonly task: string;
  readonly model: PreTrainedModel;
  readonly tokenizer: PreTrainedTokenizerFast;
  readonly device: torch.device;
  batch_size: number | null;
  /** The construction options split as `_sanitize_parameters` splits them. */
  protected _preprocess_params: Record<string, unknown> = {};
  protected _postprocess_params: Record<string, unknown> = {};
  call_count = 0;

  constructor(init: PipelineInit, options: O) {
    super();
    this.task = init.task;
    this.model = init.model;
    this.tokenizer = init.tokenizer;
    this.device = toTorchDevice(init.device);
    this.batch_size = init.batch_size ?? null;
    if (!this.device.equals("cpu") || init.device !== undefined) this.model.to(this.device);
    this.model.eval();
    const [pre, post] = this._sanitize_parameters(options);
    this._preprocess_params = pre;
    this._postprocess_params = post;
  }

  /** Split call options into (preprocess, postprocess) parameters; unknown keys throw. */
  protected abstract _sanitize_parameters(options: O): [Record<string, unknown>, Record<string, unknown>];
  /** One input → one or more model rows (more for chunked inputs: token classification with stride). */
  protected abstract preprocess(input: In, params: Record<string, unknown>): Array<ModelRow<Extra>>;
  /** Runs the model on a padded batch and returns each row's output as plain JS (inside tidy/no_grad). */
  protected abstract _forward(inputs: Record<string, Tensor>, rows: Array<ModelRow<Extra>>, places: RowPlace[]): Raw[];
  /** The rows of one input, with their outputs → the result for that input. */
  protected abstract postprocess(rows: Array<ModelRow<Extra>>, outputs: Raw[], params: Record<string, unknown>): Out;

  protected _call(...args: unknown[]): Promise<unknown> {
    const [inputs, options] = args as [unknown, O | undefined];
    return Promise.resolve().then(() => this.__call__(inputs, options ?? ({} as O)));
  }

  /** Python's `pipe(inputs, **kwargs)`, synchronously. Task subclasses wrap it for their nesting rules. */
  __call__(inputs: unknown, options: O = {} as O): unknown {
    if ("device" in options) throw new ValueError("device is set when the pipeline is built: pipeline(task, { device })");
    const { batch_size, ...rest } = options as O & { batch_size?: number };
    const bs = batch_size ?? this.batch_size ?? 1;
    if (!Number.isInteger(bs) || bs < 1) throw new ValueError(`batch_size must be a positive integer, got ${bs}`);
    const [pre, post] = this._sanitize_parameters(rest as O);
    const preParams = { ...this._preprocess_params, ...pre };
    const postParams = { ...this._postprocess_params, ...post };
    this.call_count += 1;
    if (Array.isArray(inputs)) return this.runMany(inputs as In[], bs, preParams, postParams);
    return this.runMany([inputs as In], 1, preParams, postParams)[0];
  }

  /** Preprocess every input, run the rows `batch_size` at a time, postprocess per input. */
  protected runMany(inputs: In[], batchSize: number, pre: Record<string, unknown>, post: Record<string, unknown>): Out[] {
    const perInput = inputs.map((x) => this.preprocess(x, pre));
    const flat = perInput.flat();
    const outputs: Raw[] = [];
    for (let i = 0; i < flat.length; i += batchSize) {
      outputs.push(...this.forwardBatch(flat.slice(i, i + batchSize)));
    }
    const results: Out[] = [];
    let k = 0;
    for (const rows of perInput) {
      results.push(this.postprocess(rows, outputs.slice(k, k + rows.length), post));
      k += rows.length;
    }
    return results;
  }

  /** HF's pad_collate_fn + forward for one batch, inside one memory scope. */
  protected forwardBatch(rows: Array<ModelRow<Extra>>): Raw[] {
    if (rows.length > 1 && this.tokenizer.pad_token_id === null) {
      throw new ValueError(
        "Pipeline with tokenizer without pad_token cannot do batching. You can try to set it with `pipe.tokenizer.pad_token_id = model.config.eos_token_id`.",
      );
    }
    const keys = Object.keys(rows[0].features);
    for (const r of rows) {
      const k = Object.keys(r.features);
      if (k.length !== keys.length || k.some((x) => !keys.includes(x))) {
        throw new ValueError(`The elements of the batch contain different keys. Cannot batch them (${k.join(", ")} != ${keys.join(", ")})`);
      }
    }
    const maxLen = Math.max(...rows.map((r) => r.features[keys[0]].length));
    const left = this.tokenizer.padding_side === "left";
    const places: RowPlace[] = rows.map((r, i) => {
      const length = r.features[keys[0]].length;
      return { batch_index: i, offset: left ? maxLen - length : 0, length };
    });
    return torch.tidy(() =>
      torch.no_grad(() => {
        const inputs: Record<string, Tensor> = {};
        for (const key of keys) {
          const pad = key === "input_ids" ? this.tokenizer.pad_token_id ?? 0 : 0;
          const data = new BigInt64Array(rows.length * maxLen).fill(BigInt(pad));
          rows.forEach((r, i) => {
            const v = r.features[key];
            const at = i * maxLen + places[i].offset;
            for (let j = 0; j < v.length; j++) data[at + j] = BigInt(v[j]);
          });
          inputs[key] = torch.tensor(data, { device: this.device }).view(rows.length, maxLen);
        }
        return this._forward(inputs, rows, places);
      }),
    );
  }

  /** Model inputs of a tokenizer output: the keys the tokenizer lists as model inputs. */
  protected modelFeatures(enc: Record<string, unknown>): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const k of ["input_ids", "token_type_ids", "attention_mask"]) {
      const v = enc[k];
      if (Array.isArray(v)) out[k] = v as number[];
    }
    return out;
  }

  /** The call options that go to the tokenizer: every key must be a tokenizer option (nearest-key error). */
  protected tokenizerKwargs(options: Record<string, unknown>, where: string): Record<string, unknown> {
    checkOptionKeys(options, TOKENIZER_KWARGS, where);
    return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  }
}

/** Rows of a (B, T, C) float tensor as JS arrays, each cut to its own tokens (`place`). */
export function rowsOf(t: Tensor, places: RowPlace[], full = false): number[][][] {
  const [, T, C] = t.shape;
  const flat = t.float().cpu().contiguous().toTypedArray() as Float32Array;
  return places.map((p) => {
    const start = full ? 0 : p.offset;
    const len = full ? T : p.length;
    const out: number[][] = [];
    for (let j = 0; j < len; j++) {
      const base = (p.batch_index * T + start + j) * C;
      out.push(Array.from(flat.subarray(base, base + C)));
    }
    return out;
  });
}

/** softmax over the last axis of a row of float32 scores, in float32 like numpy on float32 input. */
export function softmax(x: number[]): number[] {
  const m = Math.max(...x);
  const e = x.map((v) => Math.fround(Math.exp(Math.fround(v - m))));
  let s = 0;
  for (const v of e) s += v;
  return e.map((v) => Math.fround(v / Math.fround(s)));
}

export function sigmoid(x: number[]): number[] {
  return x.map((v) => Math.fround(1 / (1 + Math.exp(-v))));
}

export function argmax(x: number[]): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
  return best;
}

/** "a number", "an array", "an object with keys …": what a wrong input was, for error messages. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? `an object with keys ${Object.keys(v as object).join(", ") || "(none)"}` : `a ${typeof v}`;
}
