// nn.Linear and nn.Identity (torch/nn/modules/linear.py).
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import type { Tensor } from "../../tensor.js";
import { empty, type FactoryOptions } from "../../factories.js";
import * as F from "../functional.js";
import * as init from "../init.js";

export class Identity extends Module {
  forward(input: Tensor): Tensor {
    return input.view_as(input);
  }
}

/** y = x Wᵀ + b, with W (out_features, in_features) initialised as PyTorch's reset_parameters. */
export class Linear extends Module {
  weight: Parameter;
  bias: Parameter | null;
  constructor(
    readonly in_features: number,
    readonly out_features: number,
    options: { bias?: boolean; device?: FactoryOptions["device"]; dtype?: FactoryOptions["dtype"] } = {},
  ) {
    super();
    const fo = { device: options.device, dtype: options.dtype };
    this.weight = this.register_parameter("weight", Parameter._adopt(empty([out_features, in_features], fo)));
    this.bias = this.register_parameter("bias", options.bias === false ? null : Parameter._adopt(empty([out_features], fo)));
    this.reset_parameters();
  }
  reset_parameters(): void {
    // kaiming_uniform_(a=√5) gives U(-1/√fan_in, 1/√fan_in); the bias uses the same bound.
    init.kaiming_uniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const [fanIn] = init._calculate_fan_in_and_fan_out(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      init.uniform_(this.bias, -bound, bound);
    }
  }
  forward(input: Tensor): Tensor {
    return F.linear(input, this.weight, this.bias);
  }
  override extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${this.bias !== null ? "True" : "False"}`;
  }
}
