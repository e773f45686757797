// torch.nn.functional: activations, normalisation, embedding, dropout and losses with PyTorch's
// argument names and defaults. Each is one ATen call where ATen has the op.
import { Tensor } from "../tensor.js";
import { toDtype, type DTypeLike } from "../dtype.js";
import { aten, callT, callTs, hasOp } from "../ops/dispatch.js";
import { ValueError } from "../../utils/errors.js";

export type Reduction = "none" | "mean" | "sum";
function reductionCode(r: Reduction | undefined, fn: string): number {
  switch (r ?? "mean") {
    case "none": return 0;
    case "mean": return 1;
    case "sum": return 2;
    default: throw new ValueError(`${fn}: reduction must be 'none', 'mean' or 'sum', got '${String(r)}'`);
  }
}
const dt = (d: DTypeLike | undefined): number | undefined => (d === undefined ? undefined : toDtype(d).code);

declare module "../tensor.js" {
  interface Tensor {
    softmax(dim: number, options?: { dtype?: DTypeLike }): Tensor;
    log_softmax(dim: number, options?: { dtype?: DTypeLike }): Tensor;
  }
}
Tensor.prototype.softmax = function (dim, options = {}) { return softmax(this, dim, options); };
Tensor.prototype.log_softmax = function (dim, options = {}) { return log_softmax(this, dim, options); };

// ---- activations --------------------------------------------------------------------------------
export function relu(input: Tensor): Tensor { return callT(aten("aten::relu"), input); }
/** GELU: `approximate: "none"` is the exact erf form (HF "gelu"); "tanh" is HF's "gelu_new". */
export function gelu(input: Tensor, options: { approximate?: "none" | "tanh" } = {}): Tensor {
  return callT(aten("aten::gelu"), input, options.approximate ?? "none");
}
export function tanh(input: Tensor): Tensor { return callT(aten("aten::tanh"), input); }
export function sigmoid(input: Tensor): Tensor { return callT(aten("aten::sigmoid"), input); }
export function silu(input: Tensor): Tensor { return callT(aten("aten::silu"), input); }
export function mish(input: Tensor): Tensor { return callT(aten("aten::mish"), input); }
export function logsigmoid(input: Tensor): Tensor { return callT(aten("aten::log_sigmoid"), input); }
export function leaky_relu(input: Tensor, negative_slope = 0.01): Tensor { return callT(aten("aten::leaky_relu"), input, negative_slope); }
export function elu(input: Tensor, alpha = 1.0): Tensor { return callT(aten("aten::elu"), input, alpha, 1, 1); }
export function softplus(input: Tensor, beta = 1, threshold = 20): Tensor { return callT(aten("aten::softplus"), input, beta, threshold); }
export function hardtanh(input: Tensor, min_val = -1, max_val = 1): Tensor { return callT(aten("aten::hardtanh"), input, min_val, max_val); }
export function softmax(input: Tensor, dim: number, options: { dtype?: DTypeLike } = {}): Tensor {
  return callT(aten("aten::softmax.int"), input, dim, dt(options.dtype));
}
export function log_softmax(input: Tensor, dim: number, options: { dtype?: DTypeLike } = {}): Tensor {
  return callT(aten("aten::log_softmax.int"), input, dim, dt(options.dtype));
}

// ---- layers ---------------------------------------------------------------------------------------
/** y = x Wᵀ + b */
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  return callT(aten("aten::linear"), input, weight, bias);
}
export function layer_norm(input: Tensor, normalized_shape: number[], weight: Tensor | null = null, bias: Tensor | null = null, eps = 1e-5): Tensor {
  return callT(aten("aten::layer_norm"), input, normalized_shape, weight, bias, eps, true);
}
/** F.embedding(input, weight, padding_idx): rows of `weight` at `input`; the padding row gets no gradient. */
export function embedding(input: Tensor, weight: Tensor, padding_idx: number | null = null): Tensor {
  let p = padding_idx ?? -1;
  if (padding_idx !== null && padding_idx < 0) p = weight.size(0) + padding_idx;
  return callT(aten("aten::embedding"), weight, input, p, false, false);
}
/** Dropout with the default generator (seeded by torch.manual_seed). */
export function dropout(input: Tensor, p = 0.5, training = true): Tensor {
  if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  return callT(aten("aten::dropout"), input, p, training);
}
export function pad(input: Tensor, padding: number[], mode: "constant" = "constant", value = 0): Tensor {
  if (mode !== "constant") throw new ValueError(`pad: only mode 'constant' is supported, got '${mode}'`);
  return callT(aten("aten::constant_pad_nd"), input, padding, value);
}
export function one_hot(tensor: Tensor, num_classes = -1): Tensor {
  return callT(aten("aten::one_hot"), tensor, num_classes);
}
export function cosine_similarity(x1: Tensor, x2: Tensor, dim = 1, eps = 1e-8): Tensor {
  return callT(aten("aten::cosine_similarity"), x1, x2, dim, eps);
}
/** F.normalize: x / max(‖x‖_p, eps) along dim. */
export function normalize(input: Tensor, options: { p?: number; dim?: number; eps?: number } = {}): Tensor {
  const n = callT(aten("aten::norm.ScalarOpt_dim"), input, options.p ?? 2, [options.dim ?? 1], true);
  try {
    const d = n.clamp(options.eps ?? 1e-12);
    try {
      return input.div(d.expand_as(input));
    } finally {
      d.dispose();
    }
  } finally {
    n.dispose();
  }
}

// ---- losses --------------------------------------------------------------------------------------------
export interface CrossEntropyOptions {
  weight?: Tensor | null;
  ignore_index?: number;
  reduction?: Reduction;
  label_smoothing?: number;
}
/** F.cross_entropy(input (N, C) or (N, C, d…), target class indices or probabilities). */
export function cross_entropy(input: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  return callT(
    aten("aten::cross_entropy_loss"), input, target, options.weight ?? null,
    reductionCode(options.reduction, "cross_entropy"), options.ignore_index ?? -100, options.label_smoothing ?? 0,
  );
}
export function nll_loss(input: Tensor, target: Tensor, options: Omit<CrossEntropyOptions, "label_smoothing"> = {}): Tensor {
  return callT(aten("aten::nll_loss_nd"), input, target, options.weight ?? null, reductionCode(options.reduction, "nll_loss"), options.ignore_index ?? -100);
}
function broadcastPair(input: Tensor, target: Tensor): [Tensor, Tensor, Tensor[]] {
  const a = input.shape.join(",");
  const b = target.shape.join(",");
  if (a === b) return [input, target, []];
  const [x, y] = callTs(aten("aten::broadcast_tensors"), [input, target]);
  return [x, y, [x, y]];
}
export function mse_loss(input: Tensor, target: Tensor, options: { reduction?: Reduction } = {}): Tensor {
  const [x, y, tmp] = broadcastPair(input, target);
  try {
    return callT(aten("aten::mse_loss"), x, y, reductionCode(options.reduction, "mse_loss"));
  } finally {
    for (const t of tmp) t.dispose();
  }
}
export function l1_loss(input: Tensor, target: Tensor, options: { reduction?: Reduction } = {}): Tensor {
  const [x, y, tmp] = broadcastPair(input, target);
  try {
    return callT(aten("aten::l1_loss"), x, y, reductionCode(options.reduction, "l1_loss"));
  } finally {
    for (const t of tmp) t.dispose();
  }
}
export function smooth_l1_loss(input: Tensor, target: Tensor, options: { reduction?: Reduction; beta?: number } = {}): Tensor {
  return callT(aten("aten::smooth_l1_loss"), input, target, reductionCode(options.reduction, "smooth_l1_loss"), options.beta ?? 1.0);
}
export function binary_cross_entropy_with_logits(
  input: Tensor, target: Tensor,
  options: { weight?: Tensor | null; pos_weight?: Tensor | null; reduction?: Reduction } = {},
): Tensor {
  if (input.shape.join(",") !== target.shape.join(",")) {
    throw new ValueError(`binary_cross_entropy_with_logits: target size (${target.shape}) must be the same as input size (${input.shape})`);
  }
  return callT(aten("aten::binary_cross_entropy_with_logits"), input, target, options.weight ?? null, options.pos_weight ?? null, reductionCode(options.reduction, "binary_cross_entropy_with_logits"));
}
export function binary_cross_entropy(input: Tensor, target: Tensor, options: { weight?: Tensor | null; reduction?: Reduction } = {}): Tensor {
  return callT(aten("aten::binary_cross_entropy"), input, target, options.weight ?? null, reductionCode(options.reduction, "binary_cross_entropy"));
}
export function kl_div(input: Tensor, target: Tensor, options: { reduction?: Reduction | "batchmean"; log_target?: boolean } = {}): Tensor {
  const r = options.reduction ?? "mean";
  if (r === "batchmean") {
    const s = callT(aten("aten::kl_div"), input, target, 2, options.log_target ?? false);
    try {
      return s.div(input.size(0));
    } finally {
      s.dispose();
    }
  }
  return callT(aten("aten::kl_div"), input, target, reductionCode(r, "kl_div"), options.log_target ?? false);
}

// ---- attention -----------------------------------------------------------------------------------------
/**
 * softmax(q kᵀ · scale + mask) v. Uses ATen's fused kernel where this libtorch has it (2.x);
 * `scaled_dot_product_attention_reference` is the plain formula kept as its oracle.
 */
export function scaled_dot_product_attention(
  query: Tensor, key: Tensor, value: Tensor,
  options: { attn_mask?: Tensor | null; dropout_p?: number; is_causal?: boolean; scale?: number | null } = {},
): Tensor {
  if (hasOp("aten::scaled_dot_product_attention")) {
    return callT(aten("aten::scaled_dot_product_attention"), query, key, value, options.attn_mask ?? null, options.dropout_p ?? 0, options.is_causal ?? false, options.scale ?? null);
  }
  return scaled_dot_product_attention_reference(query, key, value, options);
}

export function scaled_dot_product_attention_reference(
  query: Tensor, key: Tensor, value: Tensor,
  options: { attn_mask?: Tensor | null; dropout_p?: number; is_causal?: boolean; scale?: number | null } = {},
): Tensor {
  const tmp: Tensor[] = [];
  const t = <T extends Tensor>(x: T): T => { tmp.push(x); return x; };
  try {
    const L = query.size(-2);
    const S = key.size(-2);
    const scale = options.scale ?? 1 / Math.sqrt(query.size(-1));
    let scores = t(t(query.matmul(t(key.transpose(-2, -1)))).mul(scale)); // (…, L, S)
    if (options.is_causal) {
      const ones = t(callT(aten("aten::ones"), [L, S], 11));
      const causal = t(ones.tril());
      scores = t(scores.masked_fill(t(causal.logical_not()), -Infinity));
    }
    const m = options.attn_mask;
    if (m) scores = t(m.dtype.name === "bool" ? scores.masked_fill(t(m.logical_not()), -Infinity) : scores.add(m));
    let probs = t(scores.softmax(-1));
    if (options.dropout_p) probs = t(dropout(probs, options.dropout_p, true));
    return probs.matmul(value);
  } finally {
    for (const x of tmp) x.dispose();
  }
}

