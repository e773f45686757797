// Loss modules (torch/nn/modules/loss.py): the options of their functional forms, kept on the module.
import { Module } from "../module.js";
import type { Tensor } from "../../tensor.js";
import * as F from "../functional.js";

export class CrossEntropyLoss extends Module {
  constructor(readonly options: F.CrossEntropyOptions = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return F.cross_entropy(input, target, this.options); }
}
export class NLLLoss extends Module {
  constructor(readonly options: Omit<F.CrossEntropyOptions, "label_smoothing"> = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return F.nll_loss(input, target, this.options); }
}
export class MSELoss extends Module {
  constructor(readonly options: { reduction?: F.Reduction } = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return F.mse_loss(input, target, this.options); }
}
export class L1Loss extends Module {
  constructor(readonly options: { reduction?: F.Reduction } = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return F.l1_loss(input, target, this.options); }
}
export class BCEWithLogitsLoss extends Module {
  constructor(readonly options: { weight?: Tensor | null; pos_weight?: Tensor | null; reduction?: F.Reduction } = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return F.binary_cross_entropy_with_logits(input, target, this.options); }
}
export class BCELoss extends Module {
  constructor(readonly options: { weight?: Tensor | null; reduction?: F.Reduction } = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return F.binary_cross_entropy(input, target, this.options); }
}
