// nn.Dropout: active in train(), identity in eval().
import { Module } from "../module.js";
import type { Tensor } from "../../tensor.js";
import * as F from "../functional.js";
import { ValueError } from "../../../utils/errors.js";

export class Dropout extends Module {
  constructor(readonly p = 0.5) {
    super();
    if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  }
  forward(input: Tensor): Tensor {
    return F.dropout(input, this.p, this.training);
  }
  override extra_repr(): string {
    return `p=${this.p}, inplace=False`;
  }
}
