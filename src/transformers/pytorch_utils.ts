// Conv1D — mirrors transformers/pytorch_utils.py (v5). The one place where GPT-2's transposed
// weight layout lives; every GPT-2 projection goes through it.
import * as torch from "../torch/index.js";
import type { Tensor } from "../torch/index.js";

const { nn } = torch;

/**
 * The "1D convolution" of the original GPT (Radford et al.): a linear layer whose weight is stored
 * **(nx = in_features, nf = out_features)**, the transpose of `nn.Linear`'s (out, in). Checkpoints
 * of GPT-2 (and every model built on Conv1D) hold their weights this way, so the layout is kept
 * byte for byte and the transpose is absorbed by the matmul: y = bias + x·W (not x·Wᵀ).
 *
 * @example
 * const c = new Conv1D(96, 32);          // nf = 96 outputs, nx = 32 inputs
 * c.weight.shape;                        // [32, 96]
 * c.forward(torch.randn(4, 9, 32)).shape // [4, 9, 96]
 */
export class Conv1D extends nn.Module {
  weight: torch.nn.Parameter;
  bias: torch.nn.Parameter;
  /** @param nf output features  @param nx input features (HF's argument order) */
  constructor(readonly nf: number, readonly nx: number) {
    super();
    this.weight = this.register_parameter("weight", nn.Parameter._adopt(torch.empty([nx, nf])));
    this.bias = this.register_parameter("bias", nn.Parameter._adopt(torch.zeros(nf)));
    // Drawn at construction as HF does: the random stream a seeded model consumes depends on it.
    nn.init.normal_(this.weight, 0, 0.02);
  }

  forward(x: Tensor): Tensor {
    return torch.tidy(() => {
      const sizeOut = [...x.shape.slice(0, -1), this.nf];
      // addmm(bias, x2d, W) = bias + x2d @ W with W (nx, nf): the weight is used as stored, no
      // transpose (nn.Linear would compute x @ Wᵀ). reshape == HF's view on contiguous input.
      const y = this.bias.addmm(x.reshape(-1, x.size(-1)), this.weight); // (N, nx) @ (nx, nf) -> (N, nf)
      return y.view(sizeOut);
    });
  }

  override extra_repr(): string {
    return `nf=${this.nf}, nx=${this.nx}`;
  }
}
