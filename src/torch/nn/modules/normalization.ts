// nn.LayerNorm (torch/nn/modules/normalization.py).
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import type { Tensor } from "../../tensor.js";
import { ones, zeros, type FactoryOptions } from "../../factories.js";
import * as F from "../functional.js";

export class LayerNorm extends Module {
  readonly normalized_shape: number[];
  weight: Parameter | null;
  bias: Parameter | null;
  constructor(
    normalized_shape: number | number[],
    options: { eps?: number; elementwise_affine?: boolean; bias?: boolean; device?: FactoryOptions["device"]; dtype?: FactoryOptions["dtype"] } = {},
  ) {
    super();
    this.normalized_shape = typeof normalized_shape === "number" ? [normalized_shape] : normalized_shape;
    this.eps = options.eps ?? 1e-5;
    const affine = options.elementwise_affine ?? true;
    const fo = { device: options.device, dtype: options.dtype };
    this.weight = this.register_parameter("weight", affine ? Parameter._adopt(ones(this.normalized_shape, fo)) : null);
    this.bias = this.register_parameter("bias", affine && options.bias !== false ? Parameter._adopt(zeros(this.normalized_shape, fo)) : null);
  }
  eps: number;
  forward(input: Tensor): Tensor {
    return F.layer_norm(input, this.normalized_shape, this.weight, this.bias, this.eps);
  }
  override extra_repr(): string {
    return `(${this.normalized_shape.join(", ")},), eps=${this.eps}, elementwise_affine=${this.weight !== null ? "True" : "False"}`;
  }
}
