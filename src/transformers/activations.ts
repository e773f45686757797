// ACT2FN (transformers/activations.py): activation names used in config.json → modules.
import * as torch from "../torch/index.js";
import { ValueError } from "../utils/errors.js";

const { nn } = torch;

/** HF "gelu_new" / "gelu_pytorch_tanh": the tanh approximation (GPT-2). */
export class NewGELUActivation extends nn.Module {
  forward(x: torch.Tensor): torch.Tensor {
    // HF writes 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))); ATen's tanh GELU is the same formula
    // (within 1 ulp, well inside the goldens' tolerance) in one kernel.
    return torch.nn.functional.gelu(x, { approximate: "tanh" });
  }
}

/** The literal formula, kept as the oracle for NewGELUActivation. */
export function gelu_new_reference(x: torch.Tensor): torch.Tensor {
  return torch.tidy(() => x.mul(0.5).mul(x.pow(3).mul(0.044715).add(x).mul(Math.sqrt(2.0 / Math.PI)).tanh().add(1.0)));
}

export class QuickGELUActivation extends nn.Module {
  forward(x: torch.Tensor): torch.Tensor {
    return torch.tidy(() => x.mul(x.mul(1.702).sigmoid()));
  }
}

type ActFactory = () => torch.nn.TensorModule;
export const ACT2CLS: Record<string, ActFactory> = {
  gelu: () => new nn.GELU(),
  gelu_new: () => new NewGELUActivation(),
  gelu_pytorch_tanh: () => new nn.GELU("tanh"),
  quick_gelu: () => new QuickGELUActivation(),
  relu: () => new nn.ReLU(),
  tanh: () => new nn.Tanh(),
  sigmoid: () => new nn.Sigmoid(),
  silu: () => new nn.SiLU(),
  swish: () => new nn.SiLU(),
};

/** get_activation("gelu") → a module; unknown names list the known ones. */
export function get_activation(name: string): torch.nn.TensorModule {
  const f = ACT2CLS[name];
  if (!f) throw new ValueError(`function ${name} not found in ACT2FN mapping ${Object.keys(ACT2CLS).join(", ")}`);
  return f();
}
