// Mirrors transformers/pipelines/feature_extraction.py (v5.17): the model's first output (the last
// hidden state) as nested number arrays, `[1][tokens][hidden]` per input, exactly as HF's
// `.tolist()` — so a list of texts gives `[B][1][tokens][hidden]`, and with `batch_size > 1` each
// row keeps the padding of its batch, as in HF.
//
// Extension (as transformers.js): `pooling: "mean" | "cls"` gives one vector per text — `[1][hidden]`
// for a string, `[B][hidden]` for a list — mean pooling over the attention mask, so padding never
// changes the result; `normalize: true` divides each vector (each token's vector when not pooled)
// by its L2 norm.
import type { Tensor } from "../../torch/index.js";
import { ValueError } from "../../utils/errors.js";
import { checkOptionKeys, type EncodeOptions } from "../tokenization_utils_base.js";
import { Pipeline, describe, rowsOf, type ModelRow, type PipelineBaseOptions, type RowPlace } from "./base.js";

export type Pooling = "none" | "mean" | "cls";

export interface FeatureExtractionOptions extends PipelineBaseOptions {
  truncation?: EncodeOptions["truncation"];
  /** Extra tokenizer options (`max_length`, `padding`, …), as HF's `tokenize_kwargs`. */
  tokenize_kwargs?: EncodeOptions;
  /** finetune-ts/transformers.js extension: pool the token vectors (default "none": HF's output). */
  pooling?: Pooling;
  /** finetune-ts/transformers.js extension: L2-normalise the output vectors. */
  normalize?: boolean;
}

/** Unpooled: `[1][tokens][hidden]` per text. Pooled: `[hidden]` per text. */
export type Features = number[][][] | number[];
type Raw = { hidden: number[][]; mask: number[] };

export interface FeatureExtractionPipeline {
  (inputs: string, options?: FeatureExtractionOptions & { pooling?: "none" }): Promise<number[][][]>;
  (inputs: string[], options?: FeatureExtractionOptions & { pooling?: "none" }): Promise<number[][][][]>;
  (inputs: string, options: FeatureExtractionOptions & { pooling: "mean" | "cls" }): Promise<number[][]>;
  (inputs: string[], options: FeatureExtractionOptions & { pooling: "mean" | "cls" }): Promise<number[][]>;
  (inputs: string | string[], options?: FeatureExtractionOptions): Promise<number[][][] | number[][][][] | number[][]>;
}

/**
 * HF's FeatureExtractionPipeline (task "feature-extraction"), plus transformers.js's pooling.
 * @example
 * const extractor = await pipeline("feature-extraction", { model: "./tests/fixtures/pipelines/text-cls" });
 * (await extractor("Hello world"))            // [1][6][32]: [CLS], 4 word pieces of "hello world" in the tiny vocabulary, [SEP]
 * (await extractor(["a", "b"], { pooling: "mean", normalize: true }))   // [2][32], each of unit length
 */
export class FeatureExtractionPipeline extends Pipeline<string, null, Raw, Features, FeatureExtractionOptions> {
  protected _sanitize_parameters(options: FeatureExtractionOptions): [Record<string, unknown>, Record<string, unknown>] {
    checkOptionKeys(options, ["truncation", "tokenize_kwargs", "pooling", "normalize", "batch_size"], "feature-extraction pipeline");
    const { truncation, tokenize_kwargs, pooling, normalize } = options;
    const tok = { ...(tokenize_kwargs ?? {}) } as Record<string, unknown>;
    this.tokenizerKwargs(tok, "feature-extraction tokenize_kwargs");
    if (truncation !== undefined && truncation !== null) {
      if ("truncation" in tok) throw new ValueError("truncation parameter defined twice (given as keyword argument as well as in tokenize_kwargs)");
      tok.truncation = truncation;
    }
    const post: Record<string, unknown> = {};
    if (pooling !== undefined) {
      if (!["none", "mean", "cls"].includes(pooling)) throw new ValueError(`pooling must be "none", "mean" or "cls", got ${String(pooling)}`);
      post.pooling = pooling;
    }
    if (normalize !== undefined) post.normalize = Boolean(normalize);
    return [tok, post];
  }

  protected preprocess(input: string, params: Record<string, unknown>): Array<ModelRow<null>> {
    if (typeof input !== "string") throw new ValueError(`feature-extraction expects a string or a list of strings; got ${describe(input)}`);
    const enc = this.tokenizer(input, params as EncodeOptions) as unknown as Record<string, unknown>;
    return [{ features: this.modelFeatures(enc), extra: null }];
  }

  protected _forward(inputs: Record<string, Tensor>, rows: Array<ModelRow<null>>, places: RowPlace[]): Raw[] {
    const out = this.model.forward(inputs) as { last_hidden_state?: Tensor; logits?: Tensor };
    const first = out.last_hidden_state ?? out.logits;
    if (!first) throw new ValueError(`${this.model.constructor.name}.forward returned neither last_hidden_state nor logits`);
    // HF keeps each row's padding (loader_batch_item slices the padded batch); so do we.
    const hidden = rowsOf(first, places, true);
    return hidden.map((h, i) => {
      const own = rows[i].features.attention_mask ?? new Array<number>(places[i].length).fill(1);
      const mask = new Array<number>(h.length).fill(0);
      for (let j = 0; j < own.length; j++) mask[places[i].offset + j] = own[j];
      return { hidden: h, mask };
    });
  }

  protected postprocess(_rows: Array<ModelRow<null>>, outputs: Raw[], params: Record<string, unknown>): Features {
    const { hidden, mask } = outputs[0];
    const pooling = (params.pooling as Pooling | undefined) ?? "none";
    const normalize = (params.normalize as boolean | undefined) ?? false;
    if (pooling === "none") return [normalize ? hidden.map(l2normalize) : hidden];
    let v: number[];
    if (pooling === "cls") {
      v = hidden[0].slice();
    } else {
      v = new Array<number>(hidden[0].length).fill(0);
      let n = 0;
      hidden.forEach((row, j) => {
        if (!mask[j]) return;
        n += 1;
        for (let d = 0; d < v.length; d++) v[d] += row[d];
      });
      v = v.map((x) => x / Math.max(n, 1e-9));
    }
    return normalize ? l2normalize(v) : v;
  }

  override __call__(inputs: unknown, options: FeatureExtractionOptions = {}): unknown {
    const result = super.__call__(inputs, options);
    const pooled = (options.pooling ?? this._postprocess_params.pooling ?? "none") !== "none";
    // A pooled single text keeps HF's leading batch axis of one: [1][hidden].
    if (pooled && typeof inputs === "string") return [result];
    return result;
  }
}

/** x / max(‖x‖₂, 1e-12), as torch.nn.functional.normalize. */
function l2normalize(x: number[]): number[] {
  let s = 0;
  for (const v of x) s += v * v;
  const n = Math.max(Math.sqrt(s), 1e-12);
  return x.map((v) => v / n);
}
