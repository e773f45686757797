// Activation modules (torch/nn/modules/activation.py).
import { Module } from "../module.js";
import type { Tensor } from "../../tensor.js";
import * as F from "../functional.js";

export class ReLU extends Module {
  forward(input: Tensor): Tensor { return F.relu(input); }
}
export class GELU extends Module {
  constructor(readonly approximate: "none" | "tanh" = "none") { super(); }
  forward(input: Tensor): Tensor { return F.gelu(input, { approximate: this.approximate }); }
  override extra_repr(): string { return `approximate='${this.approximate}'`; }
}
export class Tanh extends Module {
  forward(input: Tensor): Tensor { return F.tanh(input); }
}
export class Sigmoid extends Module {
  forward(input: Tensor): Tensor { return F.sigmoid(input); }
}
export class SiLU extends Module {
  forward(input: Tensor): Tensor { return F.silu(input); }
}
export class LeakyReLU extends Module {
  constructor(readonly negative_slope = 0.01) { super(); }
  forward(input: Tensor): Tensor { return F.leaky_relu(input, this.negative_slope); }
}
export class Softmax extends Module {
  constructor(readonly dim: number) { super(); }
  forward(input: Tensor): Tensor { return F.softmax(input, this.dim); }
}
export class LogSoftmax extends Module {
  constructor(readonly dim: number) { super(); }
  forward(input: Tensor): Tensor { return F.log_softmax(input, this.dim); }
}
