// torch.optim.SGD (torch/optim/sgd.py, single-tensor): momentum, dampening, nesterov, weight decay.
import type { Tensor } from "../tensor.js";
import { Optimizer, type ParamsArg, type ParamGroup, type ParamState } from "./optimizer.js";
import { ValueError } from "../../utils/errors.js";

export interface SGDOptions {
  lr?: number;
  momentum?: number;
  dampening?: number;
  weight_decay?: number;
  nesterov?: boolean;
  maximize?: boolean;
}

export class SGD extends Optimizer {
  constructor(params: ParamsArg, options: SGDOptions = {}) {
    const d = {
      lr: options.lr ?? 1e-3,
      momentum: options.momentum ?? 0,
      dampening: options.dampening ?? 0,
      weight_decay: options.weight_decay ?? 0,
      nesterov: options.nesterov ?? false,
      maximize: options.maximize ?? false,
    };
    if (d.lr < 0) throw new ValueError(`Invalid learning rate: ${d.lr}`);
    if (d.momentum < 0) throw new ValueError(`Invalid momentum value: ${d.momentum}`);
    if (d.weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${d.weight_decay}`);
    if (d.nesterov && (d.momentum <= 0 || d.dampening !== 0)) throw new ValueError("Nesterov momentum requires a momentum and zero dampening");
    super(params, d);
  }

  protected update(param: Tensor, gradIn: Tensor, st: ParamState, g: ParamGroup): void {
    const wd = g.weight_decay as number;
    const momentum = g.momentum as number;
    const dampening = g.dampening as number;
    const tmp: Tensor[] = [];
    try {
      let d = gradIn;
      if (g.maximize) tmp.push((d = d.neg()));
      if (wd !== 0) tmp.push((d = d.add(param, { alpha: wd })));
      if (momentum !== 0) {
        let buf = st.momentum_buffer as Tensor | undefined;
        if (buf === undefined) {
          buf = this.own(d.detach().clone());
          st.momentum_buffer = buf;
        } else {
          buf.mul_(momentum).add_(d, { alpha: 1 - dampening });
        }
        if (g.nesterov) tmp.push((d = d.add(buf, { alpha: momentum })));
        else d = buf;
      }
      param.add_(d, { alpha: -g.lr });
    } finally {
      for (const t of tmp) t.dispose();
    }
  }
}
