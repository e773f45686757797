// Mirrors transformers/pipelines/fill_mask.py (v5.17): FillMaskPipeline. Scores are the float32
// softmax over the vocabulary (or over `targets`) at each mask, computed with torch as HF does;
// several masks in one text give one list per mask, and the decoded `sequence` then keeps the
// special tokens (HF's skip_special_tokens=single_mask).
import * as torch from "../../torch/index.js";
import type { Tensor } from "../../torch/index.js";
import { ValueError } from "../../utils/errors.js";
import { checkOptionKeys, type EncodeOptions } from "../tokenization_utils_base.js";
import { Pipeline, describe, PipelineException, type ModelRow, type PipelineBaseOptions, type RowPlace } from "./base.js";

export interface FillMaskOptions extends PipelineBaseOptions {
  /** Predictions per mask (default 5; capped by the number of targets). */
  top_k?: number;
  /** Only score these tokens; a target outside the vocabulary is replaced by its first token (with a warning). */
  targets?: string | string[];
  tokenizer_kwargs?: EncodeOptions;
}

export interface FillMaskResult {
  score: number;
  token: number;
  token_str: string;
  sequence: string;
}

/** Per mask: the float32 probability of every vocabulary id. */
type Raw = Float32Array[];
type Extra = { input_ids: number[] };

export interface FillMaskPipeline {
  /** One text: its predictions (one mask), or one list per mask. */
  (inputs: string, options?: FillMaskOptions): Promise<FillMaskResult[] | FillMaskResult[][]>;
  (inputs: string[], options?: FillMaskOptions): Promise<Array<FillMaskResult[] | FillMaskResult[][]>>;
}

/**
 * HF's FillMaskPipeline (task "fill-mask").
 * @example
 * const unmasker = await pipeline("fill-mask", { model: "./tests/fixtures/pipelines/masked-lm" });
 * await unmasker("It [MASK] the end.", { top_k: 2 })
 * // [{ score: 0.2818, token: 331, token_str: "al", sequence: "it al the end." },
 * //  { score: 0.0665, token: 369, token_str: "com", sequence: "it com the end." }]   (a random tiny model)
 */
export class FillMaskPipeline extends Pipeline<string, Extra, Raw, FillMaskResult[] | FillMaskResult[][], FillMaskOptions> {
  private warned = new Set<string>();

  protected _sanitize_parameters(options: FillMaskOptions): [Record<string, unknown>, Record<string, unknown>] {
    checkOptionKeys(options, ["top_k", "targets", "tokenizer_kwargs", "batch_size"], "fill-mask pipeline");
    const { top_k, targets, tokenizer_kwargs } = options;
    const pre: Record<string, unknown> = {};
    if (tokenizer_kwargs !== undefined) {
      checkOptionKeys(tokenizer_kwargs, ["add_special_tokens", "truncation", "max_length", "padding", "stride", "pad_to_multiple_of", "return_token_type_ids", "return_attention_mask"], "fill-mask tokenizer_kwargs");
      pre.tokenizer_kwargs = tokenizer_kwargs;
    }
    const post: Record<string, unknown> = {};
    if (targets !== undefined && targets !== null) post.target_ids = this.get_target_ids(targets);
    if (top_k !== undefined && top_k !== null) {
      if (!Number.isInteger(top_k) || top_k < 1) throw new ValueError(`top_k must be a positive integer, got ${String(top_k)}`);
      post.top_k = top_k;
    }
    if (this.tokenizer.mask_token_id === null) {
      throw new PipelineException("fill-mask", this.baseModelPrefix(), "The tokenizer does not define a `mask_token`.");
    }
    return [pre, post];
  }

  private baseModelPrefix(): string {
    return (this.model.constructor as unknown as { base_model_prefix?: string }).base_model_prefix ?? "";
  }

  /** HF's get_target_ids: vocabulary ids of the targets (first sub-token of unknown ones), deduplicated. */
  get_target_ids(targets: string | string[]): number[] {
    const list = typeof targets === "string" ? [targets] : targets;
    const vocab = this.tokenizer.get_vocab();
    const ids: number[] = [];
    for (const target of list) {
      let id = vocab[target] as number | undefined;
      if (id === undefined) {
        const enc = this.tokenizer(target, { add_special_tokens: false, return_attention_mask: false, return_token_type_ids: false, max_length: 1, truncation: true });
        const found = enc.input_ids;
        if (found.length === 0) {
          this.warnOnce(`The specified target token \`${target}\` does not exist in the model vocabulary. We cannot replace it with anything meaningful, ignoring it`);
          continue;
        }
        id = found[0];
        this.warnOnce(`The specified target token \`${target}\` does not exist in the model vocabulary. Replacing with \`${this.tokenizer.convert_ids_to_tokens(id)}\`.`);
      }
      if (!ids.includes(id)) ids.push(id);
    }
    if (ids.length === 0) throw new ValueError("At least one target must be provided when passed.");
    return ids;
  }

  private warnOnce(msg: string): void {
    if (this.warned.has(msg)) return;
    this.warned.add(msg);
    console.warn(msg);
  }

  protected preprocess(input: string, params: Record<string, unknown>): Array<ModelRow<Extra>> {
    if (typeof input !== "string") throw new ValueError(`fill-mask expects a string or a list of strings; got ${describe(input)}`);
    const enc = this.tokenizer(input, (params.tokenizer_kwargs ?? {}) as EncodeOptions) as unknown as Record<string, unknown>;
    const features = this.modelFeatures(enc);
    if (!features.input_ids.includes(this.tokenizer.mask_token_id!)) {
      throw new PipelineException("fill-mask", this.baseModelPrefix(), `No mask_token (${this.tokenizer.mask_token}) found on the input`);
    }
    return [{ features, extra: { input_ids: features.input_ids } }];
  }

  protected _forward(inputs: Record<string, Tensor>, rows: Array<ModelRow<Extra>>, places: RowPlace[]): Raw[] {
    const { logits } = this.model.forward(inputs) as { logits: Tensor };
    const maskId = this.tokenizer.mask_token_id!;
    return rows.map((row, i) => {
      const positions = row.extra.input_ids.flatMap((id, j) => (id === maskId ? [places[i].offset + j] : []));
      const index = torch.tensor(positions, { dtype: torch.int64, device: logits.device });
      // (T, V) -> (n_masks, V): the float32 softmax HF takes, then topk.
      const probs = logits.select(0, places[i].batch_index).index_select(0, index).float().softmax(-1).cpu().contiguous();
      const [n, V] = probs.shape;
      const flat = probs.toTypedArray() as Float32Array;
      return Array.from({ length: n }, (_, m) => flat.slice(m * V, (m + 1) * V));
    });
  }

  protected postprocess(rows: Array<ModelRow<Extra>>, outputs: Raw[], params: Record<string, unknown>): FillMaskResult[] | FillMaskResult[][] {
    const targetIds = params.target_ids as number[] | undefined;
    let topK = (params.top_k as number | undefined) ?? 5;
    if (targetIds && targetIds.length < topK) topK = targetIds.length;
    const inputIds = rows[0].extra.input_ids;
    const maskId = this.tokenizer.mask_token_id!;
    const padId = this.tokenizer.pad_token_id;
    const positions = inputIds.flatMap((id, j) => (id === maskId ? [j] : []));
    const singleMask = positions.length === 1;
    const result = outputs[0].map((probs, m) => {
      const ids = targetIds ?? null;
      const best = topk(probs, ids, topK);
      return best.map(([score, token]) => {
        const tokens = inputIds.slice();
        tokens[positions[m]] = token;
        const kept = tokens.filter((t) => t !== padId);
        return {
          score,
          token,
          token_str: this.tokenizer.decode([token]),
          sequence: this.tokenizer.decode(kept, { skip_special_tokens: singleMask }),
        };
      });
    });
    return singleMask ? result[0] : result;
  }

  override __call__(inputs: unknown, options: FillMaskOptions = {}): unknown {
    const outputs = super.__call__(inputs, options);
    if (Array.isArray(inputs) && inputs.length === 1) return (outputs as unknown[])[0];
    return outputs;
  }
}

/**
 * torch.topk over `probs` (or over `probs[ids]`): the k best (score, id), by score descending,
 * ties to the lower position (as topk on CPU returns them), without sorting the whole vocabulary.
 */
function topk(probs: Float32Array, ids: number[] | null, k: number): Array<[number, number]> {
  const n = ids ? ids.length : probs.length;
  const best: Array<[number, number, number]> = []; // score, id, position
  for (let i = 0; i < n; i++) {
    const id = ids ? ids[i] : i;
    const v = probs[id];
    if (best.length === k && v <= best[k - 1][0]) continue;
    let j = best.length;
    while (j > 0 && best[j - 1][0] < v) j--;
    best.splice(j, 0, [v, id, i]);
    if (best.length > k) best.pop();
  }
  return best.map(([v, id]) => [v, id]);
}
