// Attention kernels shared by the encoder models (HF v5: eager_attention_forward,
// integrations/sdpa_attention.py, masking_utils.py). "eager" is the plain math and the oracle;
// "sdpa" is libtorch's fused scaled_dot_product_attention (libtorch ≥ 2.0); a test compares them.
import * as torch from "../torch/index.js";
import type { Tensor } from "../torch/index.js";

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

export function finfoMin(dtype: torch.dtype): number {
  if (dtype === torch.float16) return -65504;
  if (dtype === torch.bfloat16) return -3.3895313892515355e38;
  if (dtype === torch.float64) return -Number.MAX_VALUE;
  return FLOAT32_MIN;
}

export type AttnImplementation = "eager" | "sdpa";

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
 * (B, T, C) before any output projection. Returns [context, probs | null].
 */
export function multi_head_attention(
  hidden_states: Tensor, proj: AttentionProjections, head_size: number, mask: Tensor | null,
  options: { scaling: number; dropout_p: number; training: boolean; output_attentions: boolean; implementation: AttnImplementation | null | undefined },
): [Tensor, Tensor | null] {
  return torch.tidy(() => {
    const [B, T] = hidden_states.shape;
    const heads = (x: Tensor): Tensor => x.view(B, T, -1, head_size).transpose(1, 2); // (B, T, C) -> (B, nh, T, hs)
    const q = heads(proj.query.forward(hidden_states));
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

/** A block that maps hidden states to [next hidden states, attention probabilities | null]. */
export interface EncoderBlock {
  forward(h: Tensor, mask: Tensor | null, output_attentions: boolean): [Tensor, Tensor | null];
}

/**
 * Runs a stack of encoder blocks; collects each block's input (and the final output) into
 * `all_hidden_states` and the attention probabilities into `all_attentions` when those are given.
 */
export function run_encoder_layers(layers: Iterable<EncoderBlock>, hidden_states: Tensor, mask: Tensor | null, all_hidden_states: Tensor[] | null, all_attentions: Tensor[] | null): Tensor {
  let h = hidden_states;
  for (const layer of layers) {
    all_hidden_states?.push(h);
    const [next, probs] = layer.forward(h, mask, all_attentions !== null);
    if (probs) all_attentions!.push(probs);
    h = next;
  }
  all_hidden_states?.push(h);
  return h;
}
