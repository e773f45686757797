// Attention kernels shared by the encoder models (HF v5: eager_attention_forward,
// integrations/sdpa_attention.py, masking_utils.py). "eager" is the plain math and the oracle;
// "sdpa" is libtorch's fused scaled_dot_product_attention (libtorch ≥ 2.0); a test compares them.
import * as torch from "../torch/index.js";
import type { Tensor } from "../torch/index.js";
import { ValueError } from "../utils/errors.js";

const F = torch.nn.functional;

/** float32's most negative value, what HF adds at masked positions. */
export const FLOAT32_MIN = -3.4028234663852886e38;

/** (B, T) {0,1} → (B, 1, 1, T) additive mask: 0 where attended, finfo(dtype).min where padded. */
export function additive_padding_mask(attention_mask: Tensor, dtype: torch.dtype = torch.float32): Tensor {
  return torch.tidy(() => {
    const m = attention_mask.index(":", null, null, ":").to(dtype); // (B, T) -> (B, 1, 1, T)
    return m.rsub(1.0).mul(finfoMin(dtype));
  });
}

/**
 * The mask the encoders hand their attention layers (HF v5 masking_utils.create_bidirectional_mask):
 * none at all when SDPA runs and no position is padded (`_ignore_bidirectional_mask_sdpa`, which
 * lets libtorch pick its flash kernel), else the additive mask of `additive_padding_mask`.
 */
export function encoder_attention_mask(attention_mask: Tensor | null, dtype: torch.dtype, implementation: AttnImplementation | null | undefined): Tensor | null {
  if (!attention_mask) return null;
  if (implementation === "sdpa" && torch.tidy(() => attention_mask.bool().all().item() === 1)) return null;
  return additive_padding_mask(attention_mask, dtype);
}

export function finfoMin(dtype: torch.dtype): number {
  if (dtype === torch.float16) return -65504;
  if (dtype === torch.bfloat16) return -3.3895313892515355e38;
  if (dtype === torch.float64) return -Number.MAX_VALUE;
  return FLOAT32_MIN;
}

export type AttnImplementation = "eager" | "sdpa";

/**
 * A clear error for an attention implementation finetune-ts does not have (HF's flash_attention_2,
 * flex_attention, …). "sdpa" runs everywhere: libtorch's fused kernel on 2.x, and on 1.13
 * F.scaled_dot_product_attention's reference math.
 */
export function check_attn_implementation(implementation: string | null | undefined): void {
  if (implementation === "eager" || implementation === "sdpa" || implementation === null || implementation === undefined) return;
  throw new ValueError(`attn_implementation "${implementation}" is not supported in finetune-ts: use "sdpa" (the default on libtorch ≥ 2.0) or "eager" (the plain math).`);
}

/** The default: sdpa where this libtorch has it (2.x), else eager. */
export function default_attn_implementation(): AttnImplementation {
  return torch.hasOp("aten::scaled_dot_product_attention") ? "sdpa" : "eager";
}

/**
 * q, k, v: (B, nh, T, hs); mask additive (B, 1, Tq, Tk) or null. Returns [(B, T, nh, hs), probs|null].
 * softmax((q kᵀ)·scaling + mask) → dropout → @ v, exactly as HF's eager_attention_forward.
 */
export function eager_attention_forward(
  q: Tensor, k: Tensor, v: Tensor, mask: Tensor | null, scaling: number, dropout_p: number, training: boolean, output_attentions = false,
): [Tensor, Tensor | null] {
  return torch.tidy(() => {
    let scores = q.matmul(k.transpose(2, 3)).mul(scaling); // (B, nh, T, T)
    if (mask) scores = scores.add(mask);
    let probs = scores.softmax(-1);
    probs = F.dropout(probs, dropout_p, training);
    const out = probs.matmul(v).transpose(1, 2).contiguous(); // (B, nh, T, hs) -> (B, T, nh, hs)
    return [out, output_attentions ? probs : null] as [Tensor, Tensor | null];
  });
}

/** The fused path: same inputs and output layout as eager_attention_forward (no probabilities). */
export function sdpa_attention_forward(q: Tensor, k: Tensor, v: Tensor, mask: Tensor | null, scaling: number, dropout_p: number, training: boolean): Tensor {
  return torch.tidy(() =>
    F.scaled_dot_product_attention(q, k, v, { attn_mask: mask, dropout_p: training ? dropout_p : 0, scale: scaling }).transpose(1, 2).contiguous(),
  );
}

/** What the encoder attention modules share: projections to heads, eager or SDPA, back to (B, T, C). */
export interface AttentionProjections {
  query: { forward(x: Tensor): Tensor };
  key: { forward(x: Tensor): Tensor };
  value: { forward(x: Tensor): Tensor };
}

/**
 * Bidirectional multi-head attention over `hidden_states` (B, T, C): q/k/v projections split into
 * heads, eager (the oracle, and whenever probabilities are asked for) or SDPA, merged back to
 * (B, Tq, C) before any output projection. Queries come from `query_states` (B, Tq, C) when given
 * (the first-token-only last layer), else from `hidden_states`. Returns [context, probs | null].
 */
export function multi_head_attention(
  hidden_states: Tensor, proj: AttentionProjections, head_size: number, mask: Tensor | null,
  options: { scaling: number; dropout_p: number; training: boolean; output_attentions: boolean; implementation: AttnImplementation | null | undefined; query_states?: Tensor },
): [Tensor, Tensor | null] {
  return torch.tidy(() => {
    const B = hidden_states.size(0);
    const heads = (x: Tensor): Tensor => x.view(B, x.size(1), -1, head_size).transpose(1, 2); // (B, T, C) -> (B, nh, T, hs)
    const queries = options.query_states ?? hidden_states;
    const T = queries.size(1);
    const q = heads(proj.query.forward(queries));
    const k = heads(proj.key.forward(hidden_states));
    const v = heads(proj.value.forward(hidden_states));
    let out: Tensor;
    let probs: Tensor | null = null;
    if (options.output_attentions || options.implementation !== "sdpa") {
      [out, probs] = eager_attention_forward(q, k, v, mask, options.scaling, options.dropout_p, options.training, options.output_attentions);
    } else {
      out = sdpa_attention_forward(q, k, v, mask, options.scaling, options.dropout_p, options.training);
    }
    return [out.reshape(B, T, -1).contiguous(), probs] as [Tensor, Tensor | null]; // (B, T, nh, hs) -> (B, T, C)
  });
}

/**
 * A block that maps hidden states to [next hidden states, attention probabilities | null]. With
 * `first_token_only` it computes position 0's output alone, (B, 1, C): keys and values still come
 * from every position, but the query, residuals, LayerNorms and feed-forward run on one row.
 */
export interface EncoderBlock {
  forward(h: Tensor, mask: Tensor | null, output_attentions: boolean, first_token_only?: boolean): [Tensor, Tensor | null];
}

/** What the encoder models take besides their inputs (not part of HF's API). */
export interface EncoderRunOptions {
  /**
   * Run the last layer for position 0 only, so `last_hidden_state` is (B, 1, C). The sequence
   * classification heads read nothing else ([CLS] / <s>), and every op after the attention is
   * row-wise, so their logits are unchanged while the last layer costs about a sixth of a full one.
   */
  first_token_only?: boolean;
}

/**
 * Whether a sequence-classification head may ask its encoder for the first token only: the model
 * allows it (`first_token_only`, on by default; off gives the full last layer, the oracle) and
 * nobody wants every position's hidden states or attentions.
 */
export function may_skip_to_first_token(enabled: boolean, inputs: { output_hidden_states?: boolean; output_attentions?: boolean }, config: { output_hidden_states?: boolean; output_attentions?: boolean }): boolean {
  return enabled && !(inputs.output_hidden_states ?? config.output_hidden_states) && !(inputs.output_attentions ?? config.output_attentions);
}

/**
 * Runs a stack of encoder blocks; collects each block's input (and the final output) into
 * `all_hidden_states` and the attention probabilities into `all_attentions` when those are given.
 * `first_token_only` applies to the last block (see EncoderRunOptions).
 */
export function run_encoder_layers(
  layers: Iterable<EncoderBlock>, hidden_states: Tensor, mask: Tensor | null, all_hidden_states: Tensor[] | null, all_attentions: Tensor[] | null, first_token_only = false,
): Tensor {
  let h = hidden_states;
  const stack = [...layers];
  for (const [i, layer] of stack.entries()) {
    all_hidden_states?.push(h);
    const [next, probs] = layer.forward(h, mask, all_attentions !== null, first_token_only && i === stack.length - 1);
    if (probs) all_attentions!.push(probs);
    h = next;
  }
  all_hidden_states?.push(h);
  return h;
}
