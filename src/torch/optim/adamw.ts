// AdamW and Adam with torch 1.13's single-tensor update (torch/optim/adamw.py, adam.py).
// The state holds `step` (a float32 0-d tensor, as PyTorch), `exp_avg`, `exp_avg_sq`
// (and `max_exp_avg_sq` with amsgrad).
import type { Tensor } from "../tensor.js";
import { zeros_like, scalar_tensor } from "../factories.js";
import { float32 } from "../dtype.js";
import { Optimizer, type ParamsArg, type ParamGroup, type ParamState } from "./optimizer.js";
import { ValueError } from "../../utils/errors.js";

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weight_decay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
}

function check(o: Required<AdamOptions>): void {
  if (o.lr < 0) throw new ValueError(`Invalid learning rate: ${o.lr}`);
  if (o.eps < 0) throw new ValueError(`Invalid epsilon value: ${o.eps}`);
  if (!(o.betas[0] >= 0 && o.betas[0] < 1)) throw new ValueError(`Invalid beta parameter at index 0: ${o.betas[0]}`);
  if (!(o.betas[1] >= 0 && o.betas[1] < 1)) throw new ValueError(`Invalid beta parameter at index 1: ${o.betas[1]}`);
  if (o.weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${o.weight_decay}`);
}

abstract class AdamBase extends Optimizer {
  constructor(params: ParamsArg, options: AdamOptions, weightDecayDefault: number) {
    const d: Required<AdamOptions> = {
      lr: options.lr ?? 1e-3,
      betas: options.betas ?? [0.9, 0.999],
      eps: options.eps ?? 1e-8,
      weight_decay: options.weight_decay ?? weightDecayDefault,
      amsgrad: options.amsgrad ?? false,
      maximize: options.maximize ?? false,
    };
    check(d);
    super(params, d);
  }
  /** Decoupled (AdamW) or L2 (Adam) weight decay, applied before the moments. */
  protected abstract decay(param: Tensor, grad: Tensor, lr: number, wd: number): Tensor;

  protected update(param: Tensor, gradIn: Tensor, st: ParamState, g: ParamGroup): void {
    const [beta1, beta2] = g.betas as [number, number];
    const lr = g.lr;
    const eps = g.eps as number;
    const wd = g.weight_decay as number;
    if (st.step === undefined) {
      st.step = this.own(scalar_tensor(0, { dtype: float32 }));
      st.exp_avg = this.own(zeros_like(param));
      st.exp_avg_sq = this.own(zeros_like(param));
      if (g.amsgrad) st.max_exp_avg_sq = this.own(zeros_like(param));
    }
    const stepT = st.step as Tensor;
    const m = st.exp_avg as Tensor;
    const v = st.exp_avg_sq as Tensor;
    const tmp: Tensor[] = [];
    try {
      let grad = gradIn;
      if (g.maximize) tmp.push((grad = grad.neg()));
      const decayed = this.decay(param, grad, lr, wd);
      if (decayed !== grad) tmp.push((grad = decayed));
      stepT.add_(1);
      const step = stepT.item();
      m.mul_(beta1).add_(grad, { alpha: 1 - beta1 });
      v.mul_(beta2).addcmul_(grad, grad, { value: 1 - beta2 });
      const bc1 = 1 - beta1 ** step;
      const bc2 = 1 - beta2 ** step;
      const stepSize = lr / bc1;
      const bc2Sqrt = Math.sqrt(bc2);
      let second = v;
      if (g.amsgrad) {
        const mx = st.max_exp_avg_sq as Tensor;
        const newMax = mx.maximum(v);
        mx.copy_(newMax);
        newMax.dispose();
        second = mx;
      }
      const root = second.sqrt();
      tmp.push(root);
      const denom = root.div_(bc2Sqrt).add_(eps);
      param.addcdiv_(m, denom, { value: -stepSize });
    } finally {
      for (const t of tmp) t.dispose();
    }
  }
}

/**
 * torch.optim.AdamW: p ← p·(1 − lr·wd), then the Adam step. Default weight_decay 0.01.
 * @example
 * const opt = new torch.optim.AdamW(model.parameters(), { lr: 5e-5, weight_decay: 0.01 });
 */
export class AdamW extends AdamBase {
  constructor(params: ParamsArg, options: AdamOptions = {}) {
    super(params, options, 1e-2);
  }
  protected decay(param: Tensor, grad: Tensor, lr: number, wd: number): Tensor {
    if (wd !== 0) param.mul_(1 - lr * wd);
    return grad;
  }
}

/** torch.optim.Adam: weight decay as L2 (grad + wd·p). Default weight_decay 0. */
export class Adam extends AdamBase {
  constructor(params: ParamsArg, options: AdamOptions = {}) {
    super(params, options, 0);
  }
  protected decay(param: Tensor, grad: Tensor, _lr: number, wd: number): Tensor {
    return wd !== 0 ? grad.add(param, { alpha: wd }) : grad;
  }
}
