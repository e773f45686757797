// nn.Embedding (torch/nn/modules/sparse.py).
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import type { Tensor } from "../../tensor.js";
import { empty, type FactoryOptions } from "../../factories.js";
import { no_grad } from "../../autograd.js";
import * as F from "../functional.js";
import * as init from "../init.js";
import { ValueError } from "../../../utils/errors.js";

/** A lookup table; `padding_idx`'s row starts at zero and receives no gradient. */
export class Embedding extends Module {
  weight: Parameter;
  readonly padding_idx: number | null;
  constructor(
    readonly num_embeddings: number,
    readonly embedding_dim: number,
    options: { padding_idx?: number | null; device?: FactoryOptions["device"]; dtype?: FactoryOptions["dtype"] } = {},
  ) {
    super();
    let p = options.padding_idx ?? null;
    if (p !== null) {
      if (p >= num_embeddings || p < -num_embeddings) throw new ValueError(`Embedding: padding_idx ${p} must be within num_embeddings (${num_embeddings})`);
      if (p < 0) p += num_embeddings;
    }
    this.padding_idx = p;
    this.weight = this.register_parameter("weight", Parameter._adopt(empty([num_embeddings, embedding_dim], { device: options.device, dtype: options.dtype })));
    this.reset_parameters();
  }
  reset_parameters(): void {
    init.normal_(this.weight);
    this._fill_padding_idx_with_zero();
  }
  _fill_padding_idx_with_zero(): void {
    if (this.padding_idx === null) return;
    no_grad(() => {
      const row = this.weight.select(0, this.padding_idx!);
      row.fill_(0);
      row.dispose();
    });
  }
  forward(input: Tensor): Tensor {
    return F.embedding(input, this.weight, this.padding_idx);
  }
  override extra_repr(): string {
    return `${this.num_embeddings}, ${this.embedding_dim}${this.padding_idx !== null ? `, padding_idx=${this.padding_idx}` : ""}`;
  }
}
