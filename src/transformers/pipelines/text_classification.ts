// Mirrors transformers/pipelines/text_classification.py (v5.17): TextClassificationPipeline, with
// HF's nesting rules (a bare string without `top_k` gives `[{label, score}]`, a list without
// `top_k` gives one dict per text, any `top_k` — even at construction — gives lists), HF's default
// function_to_apply per problem_type/num_labels, and `{ text, text_pair }` inputs.
import type { Tensor } from "../../torch/index.js";
import { ValueError } from "../../utils/errors.js";
import type { EncodeOptions } from "../tokenization_utils_base.js";
import { Pipeline, describe, sigmoid, softmax, argmax, type ModelRow, type PipelineBaseOptions, type RowPlace } from "./base.js";

export type ClassificationFunction = "softmax" | "sigmoid" | "none";

/** A text, or a text pair `{ text, text_pair }`. */
export type TextClassificationInput = string | { text: string; text_pair?: string | null };

export interface TextClassificationOptions extends PipelineBaseOptions, EncodeOptions {
  /** Number of labels to return, sorted by score; `null`: all labels. Unset: HF's legacy single dict. */
  top_k?: number | null;
  /** Default: "none" for regression, "sigmoid" for multi-label or one label, else "softmax". */
  function_to_apply?: ClassificationFunction | "default" | null;
}

export interface ClassificationResult {
  label: string;
  score: number;
}

type Raw = number[];

export interface TextClassificationPipeline {
  /** One text: `[{ label, score }]`; with `top_k`: the `top_k` best as a list. */
  (inputs: TextClassificationInput, options?: TextClassificationOptions): Promise<ClassificationResult[]>;
  /** Several texts: one result per text (a dict, or a list of dicts when `top_k` is set). */
  (inputs: TextClassificationInput[], options?: TextClassificationOptions): Promise<Array<ClassificationResult | ClassificationResult[]>>;
}

/**
 * HF's TextClassificationPipeline (tasks "text-classification" and "sentiment-analysis").
 * @example
 * const classifier = await pipeline("text-classification", { model: "./tests/fixtures/pipelines/text-cls" });
 * await classifier("The jury said the election was conducted well.")
 * // [{ label: "negative", score: 0.7436516284942627 }]
 * await classifier("The jury said …", { top_k: null })   // every label, best first
 */
export class TextClassificationPipeline extends Pipeline<TextClassificationInput, null, Raw, ClassificationResult | ClassificationResult[], TextClassificationOptions> {
  protected _sanitize_parameters(options: TextClassificationOptions): [Record<string, unknown>, Record<string, unknown>] {
    const { top_k, function_to_apply, batch_size: _b, ...tok } = options;
    const pre = this.tokenizerKwargs(tok, `${this.task} pipeline`);
    const post: Record<string, unknown> = {};
    // HF uses "" as the "not given" default so that `top_k: null` can mean "all labels".
    if ("top_k" in options && top_k !== undefined) {
      if (top_k !== null && (!Number.isInteger(top_k) || top_k < 1)) throw new ValueError(`top_k must be a positive integer or null, got ${String(top_k)}`);
      post.top_k = top_k;
      post._legacy = false;
    }
    if (function_to_apply !== undefined && function_to_apply !== null && function_to_apply !== "default") {
      const f = String(function_to_apply).toLowerCase();
      if (!["softmax", "sigmoid", "none"].includes(f)) {
        throw new ValueError(`Unrecognized \`function_to_apply\` argument: ${String(function_to_apply)} (expected "softmax", "sigmoid" or "none")`);
      }
      post.function_to_apply = f;
    }
    return [pre, post];
  }

  protected preprocess(input: TextClassificationInput, params: Record<string, unknown>): Array<ModelRow<null>> {
    let enc: Record<string, unknown>;
    if (typeof input === "string") {
      enc = this.tokenizer(input, params as EncodeOptions) as unknown as Record<string, unknown>;
    } else if (Array.isArray(input)) {
      throw new ValueError(
        'The pipeline received invalid inputs, if you are trying to send text pairs, you can try to send a dictionary `{"text": "My text", "text_pair": "My pair"}` in order to send a text pair.',
      );
    } else if (input !== null && typeof input === "object" && typeof input.text === "string") {
      const extra = Object.keys(input).filter((k) => k !== "text" && k !== "text_pair");
      if (extra.length) throw new ValueError(`text-classification input: unknown key(s) ${extra.join(", ")} (expected { text, text_pair })`);
      const pair = input.text_pair ?? null;
      if (pair !== null && typeof pair !== "string") throw new ValueError("text_pair must be a string");
      enc = (pair === null ? this.tokenizer(input.text, params as EncodeOptions) : this.tokenizer(input.text, pair, params as EncodeOptions)) as unknown as Record<string, unknown>;
    } else {
      throw new ValueError(`text-classification expects a string, { text, text_pair }, or a list of those; got ${describe(input)}`);
    }
    return [{ features: this.modelFeatures(enc), extra: null }];
  }

  protected _forward(inputs: Record<string, Tensor>, _rows: Array<ModelRow<null>>, places: RowPlace[]): Raw[] {
    const out = this.model.forward(inputs) as { logits: Tensor };
    const logits = out.logits.float().cpu().contiguous();
    const [, C] = logits.shape;
    const flat = logits.toTypedArray() as Float32Array;
    return places.map((p) => Array.from(flat.subarray(p.batch_index * C, (p.batch_index + 1) * C)));
  }

  private defaultFunction(): ClassificationFunction {
    const c = this.model.config;
    if (c.problem_type === "regression") return "none";
    if (c.problem_type === "multi_label_classification" || c.num_labels === 1) return "sigmoid";
    if (c.problem_type === "single_label_classification" || c.num_labels > 1) return "softmax";
    const f = c.function_to_apply;
    return typeof f === "string" && ["softmax", "sigmoid", "none"].includes(f) ? (f as ClassificationFunction) : "none";
  }

  protected postprocess(_rows: Array<ModelRow<null>>, outputs: Raw[], params: Record<string, unknown>): ClassificationResult | ClassificationResult[] {
    const fn = (params.function_to_apply as ClassificationFunction | undefined) ?? this.defaultFunction();
    const topK = "top_k" in params ? (params.top_k as number | null) : 1;
    const legacy = (params._legacy as boolean | undefined) ?? true;
    const logits = outputs[0];
    const scores = fn === "sigmoid" ? sigmoid(logits) : fn === "softmax" ? softmax(logits) : logits;
    const id2label = this.model.config.id2label;
    if (topK === 1 && legacy) {
      const i = argmax(scores);
      return { label: id2label[i], score: scores[i] };
    }
    let dict = scores.map((score, i) => ({ label: id2label[i], score }));
    if (!legacy) {
      // Python's sort is stable, as Array.prototype.sort is.
      dict.sort((a, b) => b.score - a.score);
      if (topK !== null) dict = dict.slice(0, topK);
    }
    return dict;
  }

  override __call__(inputs: unknown, options: TextClassificationOptions = {}): unknown {
    const result = super.__call__(inputs, options);
    const legacy = !("top_k" in options) || options.top_k === undefined;
    // HF: "This pipeline is odd, and return a list when single item is run".
    if (typeof inputs === "string" && legacy) return [result];
    return result;
  }
}
