// AdamW and Adam with torch 1.13's single-tensor update (torch/optim/adamw.py, adam.py).
// The state holds `step` (a float32 0-d tensor, as PyTorch), `exp_avg`, `exp_avg_sq`
// (and `max_exp_avg_sq` with amsgrad).
import type { Tensor } from "../tensor.js";
import { zeros_like, scalar_tensor } from "../factories.js";
import { float32 } from "../dtype.js";
import { Optimizer, type ParamsArg, type ParamGroup, type ParamState } from "./optimizer.js";
import { aten, callList, hasOp } from "../ops/dispatch.js";
import { no_grad } from "../autograd.js";
import { __version__ } from "../runtime.js";
import { ValueError } from "../../utils/errors.js";

export interface AdamOptions {
  /**
   * One fused kernel for all parameters of a group (aten::_fused_adam(w)_, libtorch ≥ 2.4 on CPU
   * and CUDA); the single-tensor update stays as its oracle. Default false, as PyTorch's None.
   */
  fused?: boolean;
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weight_decay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
}

function check(o: Required<Omit<AdamOptions, "fused">>): void {
  if (o.lr < 0) throw new ValueError(`Invalid learning rate: ${o.lr}`);
  if (o.eps < 0) throw new ValueError(`Invalid epsilon value: ${o.eps}`);
  if (!(o.betas[0] >= 0 && o.betas[0] < 1)) throw new ValueError(`Invalid beta parameter at index 0: ${o.betas[0]}`);
  if (!(o.betas[1] >= 0 && o.betas[1] < 1)) throw new ValueError(`Invalid beta parameter at index 1: ${o.betas[1]}`);
  if (o.weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${o.weight_decay}`);
}

abstract class AdamBase extends Optimizer {
  protected abstract readonly fusedOp: string;
  readonly fused: boolean;
  constructor(params: ParamsArg, options: AdamOptions, weightDecayDefault: number) {
    const d: Required<Omit<AdamOptions, "fused">> = {
      lr: options.lr ?? 1e-3,
      betas: options.betas ?? [0.9, 0.999],
      eps: options.eps ?? 1e-8,
      weight_decay: options.weight_decay ?? weightDecayDefault,
      amsgrad: options.amsgrad ?? false,
      maximize: options.maximize ?? false,
    };
    check(d);
    super(params, d);
    this.fused = options.fused ?? false;
  }

  override step(closure?: () => number): number | undefined {
    if (!this.fused) return super.step(closure);
    // The CPU fused kernels arrived together with _fused_adamw_ (libtorch 2.4); 1.13 has a
    // CUDA-only _fused_adam_, so its presence alone proves nothing.
    if (!hasOp("aten::_fused_adamw_")) throw new ValueError(`fused=true needs ${this.fusedOp}, which this libtorch (${__version__}) does not have; use fused: false`);
    const loss = closure?.();
    no_grad(() => {
      for (const g of this.param_groups) {
        const params = g.params.filter((p) => p.grad !== null);
        if (!params.length) continue;
        const st = params.map((p) => {
          let s = this.state.get(p);
          if (s === undefined || s.step === undefined) {
            s = { step: this.own(scalar_tensor(0, { dtype: float32, device: p.device })), exp_avg: this.own(zeros_like(p)), exp_avg_sq: this.own(zeros_like(p)) };
            if (g.amsgrad) s.max_exp_avg_sq = this.own(zeros_like(p));
            this.state.set(p, s);
          }
          return s;
        });
        const steps = st.map((s) => s.step as Tensor);
        callList(aten("aten::_foreach_add_.Scalar"), [steps, 1]);
        const [b1, b2] = g.betas as [number, number];
        callList(aten(this.fusedOp), [
          params, params.map((p) => p.grad!), st.map((s) => s.exp_avg), st.map((s) => s.exp_avg_sq),
          g.amsgrad ? st.map((s) => s.max_exp_avg_sq) : [], steps,
          g.lr, b1, b2, g.weight_decay, g.eps, Boolean(g.amsgrad), Boolean(g.maximize),
        ]);
      }
    });
    return loss;
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
  protected readonly fusedOp = "aten::_fused_adamw_";
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
  protected readonly fusedOp = "aten::_fused_adam_";
  constructor(params: ParamsArg, options: AdamOptions = {}) {
    super(params, options, 0);
  }
  protected decay(param: Tensor, grad: Tensor, _lr: number, wd: number): Tensor {
    return wd !== 0 ? grad.add(param, { alpha: wd }) : grad;
  }
}
