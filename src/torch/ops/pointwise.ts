// Elementwise ops with broadcasting and PyTorch's type promotion (done by ATen). A JS number
// operand picks the `.Scalar` overload, as Python's wrapped numbers do.
import { Tensor } from "../tensor.js";
import { aten, callT, callInplace, callRaw } from "./dispatch.js";

export type TensorOrScalar = Tensor | number | boolean;

declare module "../tensor.js" {
  interface Tensor {
    add(other: TensorOrScalar, options?: { alpha?: number }): Tensor;
    sub(other: TensorOrScalar, options?: { alpha?: number }): Tensor;
    mul(other: TensorOrScalar): Tensor;
    div(other: TensorOrScalar, options?: { rounding_mode?: "trunc" | "floor" | null }): Tensor;
    true_divide(other: TensorOrScalar): Tensor;
    floor_divide(other: TensorOrScalar): Tensor;
    remainder(other: TensorOrScalar): Tensor;
    fmod(other: TensorOrScalar): Tensor;
    pow(exponent: TensorOrScalar): Tensor;
    rsub(other: TensorOrScalar, options?: { alpha?: number }): Tensor;
    maximum(other: Tensor): Tensor;
    minimum(other: Tensor): Tensor;
    atan2(other: Tensor): Tensor;
    eq(other: TensorOrScalar): Tensor;
    ne(other: TensorOrScalar): Tensor;
    lt(other: TensorOrScalar): Tensor;
    le(other: TensorOrScalar): Tensor;
    gt(other: TensorOrScalar): Tensor;
    ge(other: TensorOrScalar): Tensor;
    logical_and(other: Tensor): Tensor;
    logical_or(other: Tensor): Tensor;
    logical_xor(other: Tensor): Tensor;
    logical_not(): Tensor;
    equal(other: Tensor): boolean;
    allclose(other: Tensor, options?: { rtol?: number; atol?: number; equal_nan?: boolean }): boolean;
    isclose(other: Tensor, options?: { rtol?: number; atol?: number; equal_nan?: boolean }): Tensor;
    add_(other: TensorOrScalar, options?: { alpha?: number }): this;
    sub_(other: TensorOrScalar, options?: { alpha?: number }): this;
    mul_(other: TensorOrScalar): this;
    div_(other: TensorOrScalar, options?: { rounding_mode?: "trunc" | "floor" | null }): this;
    pow_(exponent: TensorOrScalar): this;
    addcmul_(tensor1: Tensor, tensor2: Tensor, options?: { value?: number }): this;
    addcdiv_(tensor1: Tensor, tensor2: Tensor, options?: { value?: number }): this;
    lerp_(end: Tensor, weight: TensorOrScalar): this;
    clamp_(min?: number | null, max?: number | null): this;
    neg(): Tensor;
    abs(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    log2(): Tensor;
    log10(): Tensor;
    log1p(): Tensor;
    expm1(): Tensor;
    sqrt(): Tensor;
    rsqrt(): Tensor;
    square(): Tensor;
    reciprocal(): Tensor;
    sin(): Tensor;
    cos(): Tensor;
    tan(): Tensor;
    tanh(): Tensor;
    sigmoid(): Tensor;
    erf(): Tensor;
    sign(): Tensor;
    floor(): Tensor;
    ceil(): Tensor;
    round(): Tensor;
    trunc(): Tensor;
    isnan(): Tensor;
    isinf(): Tensor;
    isfinite(): Tensor;
    relu(): Tensor;
    silu(): Tensor;
    gelu(options?: { approximate?: "none" | "tanh" }): Tensor;
    clamp(min?: number | Tensor | null, max?: number | Tensor | null): Tensor;
    clip(min?: number | Tensor | null, max?: number | Tensor | null): Tensor;
    where(condition: Tensor, other: TensorOrScalar): Tensor;
    neg_(): this;
    exp_(): this;
    sqrt_(): this;
    relu_(): this;
    sigmoid_(): this;
    tanh_(): this;
  }
}

const isT = (v: unknown): v is Tensor => v instanceof Tensor;

type Binary = (self: Tensor, other: TensorOrScalar) => Tensor;
function binary(name: string): Binary {
  const t = aten(`aten::${name}.Tensor`);
  const s = aten(`aten::${name}.Scalar`);
  return (self, other) => (isT(other) ? callT(t, self, other) : callT(s, self, other));
}
function binaryInplace(name: string): (self: Tensor, other: TensorOrScalar) => Tensor {
  const t = aten(`aten::${name}_.Tensor`);
  const s = aten(`aten::${name}_.Scalar`);
  return (self, other) => (isT(other) ? callInplace(t, self, other) : callInplace(s, self, other));
}

const P = Tensor.prototype;

// add/sub carry alpha: self + alpha * other.
P.add = function (other, options = {}) {
  return isT(other) ? callT(aten("aten::add.Tensor"), this, other, options.alpha) : callT(aten("aten::add.Scalar"), this, other, options.alpha);
};
P.sub = function (other, options = {}) {
  return isT(other) ? callT(aten("aten::sub.Tensor"), this, other, options.alpha) : callT(aten("aten::sub.Scalar"), this, other, options.alpha);
};
P.rsub = function (other, options = {}) {
  return isT(other) ? callT(aten("aten::rsub.Tensor"), this, other, options.alpha) : callT(aten("aten::rsub.Scalar"), this, other, options.alpha);
};
P.add_ = function (other, options = {}) {
  return isT(other) ? callInplace(aten("aten::add_.Tensor"), this, other, options.alpha) : callInplace(aten("aten::add_.Scalar"), this, other, options.alpha);
};
P.sub_ = function (other, options = {}) {
  return isT(other) ? callInplace(aten("aten::sub_.Tensor"), this, other, options.alpha) : callInplace(aten("aten::sub_.Scalar"), this, other, options.alpha);
};
const mul = binary("mul");
P.mul = function (other) { return mul(this, other); };
const mul_ = binaryInplace("mul");
P.mul_ = function (other) { mul_(this, other); return this; };
P.div = function (other, options = {}) {
  if (options.rounding_mode != null) {
    return isT(other)
      ? callT(aten("aten::div.Tensor_mode"), this, other, options.rounding_mode)
      : callT(aten("aten::div.Scalar_mode"), this, other, options.rounding_mode);
  }
  return isT(other) ? callT(aten("aten::div.Tensor"), this, other) : callT(aten("aten::div.Scalar"), this, other);
};
P.div_ = function (other, options = {}) {
  if (options.rounding_mode != null) {
    return isT(other)
      ? callInplace(aten("aten::div_.Tensor_mode"), this, other, options.rounding_mode)
      : callInplace(aten("aten::div_.Scalar_mode"), this, other, options.rounding_mode);
  }
  return isT(other) ? callInplace(aten("aten::div_.Tensor"), this, other) : callInplace(aten("aten::div_.Scalar"), this, other);
};
P.true_divide = function (other) { return this.div(other); };
P.floor_divide = function (other) { return this.div(other, { rounding_mode: "floor" }); };
const remainder = binary("remainder");
P.remainder = function (other) { return remainder(this, other); };
const fmod = binary("fmod");
P.fmod = function (other) { return fmod(this, other); };
P.pow = function (exponent) {
  return isT(exponent) ? callT(aten("aten::pow.Tensor_Tensor"), this, exponent) : callT(aten("aten::pow.Tensor_Scalar"), this, exponent);
};
P.pow_ = function (exponent) {
  return isT(exponent) ? callInplace(aten("aten::pow_.Tensor"), this, exponent) : callInplace(aten("aten::pow_.Scalar"), this, exponent);
};
P.maximum = function (other) { return callT(aten("aten::maximum"), this, other); };
P.minimum = function (other) { return callT(aten("aten::minimum"), this, other); };
P.atan2 = function (other) { return callT(aten("aten::atan2"), this, other); };
for (const name of ["eq", "ne", "lt", "le", "gt", "ge"] as const) {
  const f = binary(name);
  P[name] = function (this: Tensor, other: TensorOrScalar) { return f(this, other); };
}
P.logical_and = function (other) { return callT(aten("aten::logical_and"), this, other); };
P.logical_or = function (other) { return callT(aten("aten::logical_or"), this, other); };
P.logical_xor = function (other) { return callT(aten("aten::logical_xor"), this, other); };
P.logical_not = function () { return callT(aten("aten::logical_not"), this); };
P.equal = function (other) {
  return Boolean(callRawBool(aten("aten::equal"), this, other));
};
P.isclose = function (other, options = {}) {
  return callT(aten("aten::isclose"), this, other, options.rtol ?? 1e-5, options.atol ?? 1e-8, options.equal_nan ?? false);
};
P.allclose = function (other, options = {}) {
  return Boolean(callRawBool(aten("aten::allclose"), this, other, options.rtol ?? 1e-5, options.atol ?? 1e-8, options.equal_nan ?? false));
};
P.addcmul_ = function (t1, t2, options = {}) { return callInplace(aten("aten::addcmul_"), this, t1, t2, options.value ?? 1); };
P.addcdiv_ = function (t1, t2, options = {}) { return callInplace(aten("aten::addcdiv_"), this, t1, t2, options.value ?? 1); };
P.lerp_ = function (end, weight) {
  return isT(weight) ? callInplace(aten("aten::lerp_.Tensor"), this, end, weight) : callInplace(aten("aten::lerp_.Scalar"), this, end, weight);
};

const unaryNames = [
  "neg", "abs", "exp", "log", "log2", "log10", "log1p", "expm1", "sqrt", "rsqrt", "square", "reciprocal",
  "sin", "cos", "tan", "tanh", "sigmoid", "erf", "sign", "floor", "ceil", "round", "trunc",
  "isnan", "isinf", "isfinite", "relu", "silu",
] as const;
for (const name of unaryNames) {
  const op = aten(`aten::${name}`);
  (P as unknown as Record<string, () => Tensor>)[name] = function (this: Tensor) { return callT(op, this); };
}
for (const name of ["neg_", "exp_", "sqrt_", "relu_", "sigmoid_", "tanh_"] as const) {
  const op = aten(`aten::${name}`);
  (P as unknown as Record<string, () => Tensor>)[name] = function (this: Tensor) { return callInplace(op, this); };
}
P.gelu = function (options = {}) { return callT(aten("aten::gelu"), this, options.approximate ?? "none"); };
P.clamp = function (min = null, max = null) {
  if (isT(min) || isT(max)) return callT(aten("aten::clamp.Tensor"), this, min, max);
  return callT(aten("aten::clamp"), this, min, max);
};
P.clip = P.clamp;
P.clamp_ = function (min = null, max = null) { return callInplace(aten("aten::clamp_"), this, min, max); };
// Tensor.where(condition, other) = torch.where(condition, self, other)
P.where = function (condition, other) { return where(condition, this, other); };

function callRawBool(op: ReturnType<typeof aten>, a: Tensor, b: Tensor, c?: unknown, d?: unknown, e?: unknown): boolean {
  return callRaw(op, a, b, c, d, e) as boolean;
}

/** torch.where(condition, input, other): input where condition holds, else other. */
export function where(condition: Tensor, input: TensorOrScalar, other: TensorOrScalar): Tensor {
  if (isT(input) && isT(other)) return callT(aten("aten::where.self"), condition, input, other);
  if (isT(input)) return callT(aten("aten::where.ScalarOther"), condition, input, other);
  if (isT(other)) return callT(aten("aten::where.ScalarSelf"), condition, input, other);
  return callT(aten("aten::where.Scalar"), condition, input, other);
}
