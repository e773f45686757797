// nn.Parameter: a leaf tensor that a Module owns. It shares storage with the tensor it was made
// from (as in PyTorch) through its own handle, and no tidy scope ever frees it.
import { Tensor } from "../tensor.js";
import { aten, callRaw } from "../ops/dispatch.js";
import type { Handle } from "../_C.js";

export class Parameter extends Tensor {
  /** `new nn.Parameter(data, requires_grad = true)`: `data` stays the caller's. */
  constructor(data: Tensor, requires_grad = true) {
    super(callRaw(aten("aten::detach"), data) as Handle);
    this._kept = true;
    if (requires_grad) this.requires_grad_(true);
  }

  /** @internal Makes a Parameter from a fresh tensor and frees the temporary handle. */
  static _adopt(t: Tensor, requires_grad = true): Parameter {
    try {
      return new Parameter(t, requires_grad);
    } finally {
      t.dispose();
    }
  }

}

/**
 * @internal Points `target` at `src`'s storage (a new detached handle) and frees its old handle:
 * module.to() moves parameters and buffers this way, so every reference to the object
 * (an optimizer's, a field's) sees the moved tensor.
 */
export function swapInPlace(target: Tensor, src: Tensor): void {
  const rg = target.requires_grad;
  target.grad = null;
  target._rebind(callRaw(aten("aten::detach"), src) as Handle);
  if (rg) target.requires_grad_(true);
}
