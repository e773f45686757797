// torch.nn.utils.clip_grad_norm_ / clip_grad_value_ (torch/nn/utils/clip_grad.py).
import type { Tensor } from "../../tensor.js";
import { no_grad } from "../../autograd.js";
import { stack } from "../../ops/shape.js";
import { scalar_tensor } from "../../factories.js";
import { aten, callT } from "../../ops/dispatch.js";
import { RuntimeError } from "../../../utils/errors.js";

function vectorNorm(t: Tensor, ord: number): Tensor {
  return callT(aten("aten::linalg_vector_norm"), t, ord, null, false, null);
}

/**
 * Scales all gradients together so that their joint norm is at most max_norm. Returns the
 * total norm BEFORE clipping (a 0-d tensor), as PyTorch does; HF's Trainer logs it as grad_norm.
 */
export function clip_grad_norm_(
  parameters: Iterable<Tensor>,
  max_norm: number,
  options: { norm_type?: number; error_if_nonfinite?: boolean } = {},
): Tensor {
  const normType = options.norm_type ?? 2;
  const grads = [...parameters].map((p) => p.grad).filter((g): g is Tensor => g !== null);
  if (grads.length === 0) return scalar_tensor(0);
  return no_grad(() => {
    const norms = grads.map((g) => (normType === Infinity ? g.abs().max() : vectorNorm(g, normType)));
    const stacked = stack(norms);
    const total = normType === Infinity ? stacked.max() : vectorNorm(stacked, normType);
    for (const n of norms) n.dispose();
    stacked.dispose();
    if (options.error_if_nonfinite && !Number.isFinite(total.item())) {
      total.dispose();
      throw new RuntimeError(`The total norm of order ${normType} for gradients from \`parameters\` is non-finite, so it cannot be clipped.`);
    }
    // clip_coef = max_norm / (total + 1e-6), clamped to 1: multiplying by exactly 1 when under the
    // limit keeps the same arithmetic as PyTorch (no branch on the device value).
    const denom = total.add(1e-6);
    const coef = denom.reciprocal().mul_(max_norm).clamp_(null, 1.0);
    for (const g of grads) g.mul_(coef);
    denom.dispose();
    coef.dispose();
    return total;
  });
}

/** Clamps every gradient element into [-clip_value, clip_value]. */
export function clip_grad_value_(parameters: Iterable<Tensor>, clip_value: number): void {
  no_grad(() => {
    for (const p of parameters) p.grad?.clamp_(-clip_value, clip_value);
  });
}
