// torch.nn.init with PyTorch's formulas and draw order, so a seeded init gives PyTorch's numbers.
// Everything runs under no_grad and mutates in place, returning the tensor.
import type { Tensor } from "../tensor.js";
import { no_grad } from "../autograd.js";
import { ValueError } from "../../utils/errors.js";
import { aten, callInplace } from "../ops/dispatch.js";

export type Nonlinearity = "linear" | "conv1d" | "conv2d" | "conv3d" | "sigmoid" | "tanh" | "relu" | "leaky_relu" | "selu";

/** torch.nn.init.calculate_gain */
export function calculate_gain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case "linear": case "conv1d": case "conv2d": case "conv3d": case "sigmoid": return 1;
    case "tanh": return 5.0 / 3;
    case "relu": return Math.sqrt(2.0);
    case "leaky_relu": {
      const slope = param ?? 0.01;
      return Math.sqrt(2.0 / (1 + slope ** 2));
    }
    case "selu": return 3.0 / 4;
    default: throw new ValueError(`Unsupported nonlinearity ${String(nonlinearity)}`);
  }
}

/** (fan_in, fan_out) as PyTorch computes them: dims 1 and 0 times the receptive field. */
export function _calculate_fan_in_and_fan_out(tensor: Tensor): [number, number] {
  const shape = tensor.shape;
  if (shape.length < 2) throw new ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return [shape[1] * receptive, shape[0] * receptive];
}

function fan(tensor: Tensor, mode: "fan_in" | "fan_out"): number {
  const [fi, fo] = _calculate_fan_in_and_fan_out(tensor);
  return mode === "fan_in" ? fi : fo;
}

export function uniform_(tensor: Tensor, a = 0, b = 1): Tensor {
  return no_grad(() => tensor.uniform_(a, b));
}
export function normal_(tensor: Tensor, mean = 0, std = 1): Tensor {
  return no_grad(() => tensor.normal_(mean, std));
}
export function constant_(tensor: Tensor, val: number): Tensor {
  return no_grad(() => tensor.fill_(val));
}
export function zeros_(tensor: Tensor): Tensor {
  return no_grad(() => tensor.zero_());
}
export function ones_(tensor: Tensor): Tensor {
  return no_grad(() => tensor.fill_(1));
}
export function xavier_uniform_(tensor: Tensor, gain = 1): Tensor {
  const [fi, fo] = _calculate_fan_in_and_fan_out(tensor);
  const std = gain * Math.sqrt(2.0 / (fi + fo));
  const a = Math.sqrt(3.0) * std;
  return uniform_(tensor, -a, a);
}
export function xavier_normal_(tensor: Tensor, gain = 1): Tensor {
  const [fi, fo] = _calculate_fan_in_and_fan_out(tensor);
  return normal_(tensor, 0, gain * Math.sqrt(2.0 / (fi + fo)));
}
export interface KaimingOptions {
  a?: number;
  mode?: "fan_in" | "fan_out";
  nonlinearity?: Nonlinearity;
}
export function kaiming_uniform_(tensor: Tensor, options: KaimingOptions = {}): Tensor {
  const gain = calculate_gain(options.nonlinearity ?? "leaky_relu", options.a ?? 0);
  const std = gain / Math.sqrt(fan(tensor, options.mode ?? "fan_in"));
  const bound = Math.sqrt(3.0) * std;
  return uniform_(tensor, -bound, bound);
}
export function kaiming_normal_(tensor: Tensor, options: KaimingOptions = {}): Tensor {
  const gain = calculate_gain(options.nonlinearity ?? "leaky_relu", options.a ?? 0);
  return normal_(tensor, 0, gain / Math.sqrt(fan(tensor, options.mode ?? "fan_in")));
}

/**
 * Python's math.erf, which JS lacks: the Maclaurin series below 2.5 and the erfc continued
 * fraction above, both to ~1e-16 — trunc_normal_ feeds the result into uniform_'s bounds.
 */
function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // Maclaurin series: erf x = 2/√π Σ (-1)^n x^(2n+1) / (n! (2n+1))
    let term = ax, sum = ax;
    for (let n = 1; n < 60; n++) {
      term *= -ax * ax / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Continued fraction for erfc (Lentz), accurate for larger |x|.
  let f = ax, c = ax, d = 0;
  for (let n = 1; n < 200; n++) {
    const an = n / 2;
    d = ax + an * d;
    d = 1 / d;
    c = ax + an / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

/** torch.nn.init.trunc_normal_: PyTorch's inverse-CDF method (uniform_ → erfinv_ → scale → clamp). */
export function trunc_normal_(tensor: Tensor, mean = 0, std = 1, a = -2, b = 2): Tensor {
  const normCdf = (x: number): number => (1 + erf(x / Math.sqrt(2))) / 2;
  const l = normCdf((a - mean) / std);
  const u = normCdf((b - mean) / std);
  return no_grad(() => {
    tensor.uniform_(2 * l - 1, 2 * u - 1);
    callInplace(aten("aten::erfinv_"), tensor);
    tensor.mul_(std * Math.sqrt(2));
    tensor.add_(mean);
    tensor.clamp_(a, b);
    return tensor;
  });
}
/** @internal exported for tests */
export const _erf = erf;
