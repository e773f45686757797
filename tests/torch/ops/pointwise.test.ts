// Golden numbers: tests/fixtures/torch_goldens/{goldens.safetensors,cases.json}, family "pointwise",
// written by `/usr/bin/python3 scripts/make_torch_goldens.py` (Debian's PyTorch 1.13, float32 inputs
// drawn in float64 from torch.Generator().manual_seed(1234)); each case is e.g.
//   out = torch.add(a, b, alpha=2.0); (out * w).sum().backward()  →  out, a.grad, b.grad
// Tolerance: atol = rtol = 1e-5 per op (same ATen kernels, so in practice bitwise); the type
// promotion cases compare dtype and values exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/torch/index.js";
import { opCaseTests, type OpFn } from "../_goldens.js";

const unary = (name: string): OpFn => (x) => (x[0] as unknown as Record<string, () => torch.Tensor>)[name]();

const OPS: { [op: string]: OpFn } = {
  add: ([a, b], kw) => a.add(b, { alpha: kw.alpha }),
  add_scalar: ([a], kw) => a.add(kw.other, { alpha: kw.alpha }),
  sub: ([a, b], kw) => a.sub(b, { alpha: kw.alpha }),
  sub_scalar: ([a], kw) => a.sub(kw.other),
  rsub_scalar: ([a], kw) => a.rsub(kw.other),
  mul: ([a, b]) => a.mul(b),
  mul_scalar: ([a], kw) => a.mul(kw.other),
  div: ([a, b], kw) => a.div(b, { rounding_mode: kw.rounding_mode }),
  div_scalar: ([a], kw) => a.div(kw.other),
  pow: ([a, b]) => a.pow(b),
  pow_scalar: ([a], kw) => a.pow(kw.exponent),
  maximum: ([a, b]) => a.maximum(b),
  minimum: ([a, b]) => torch.minimum(a, b),
  gelu: ([a], kw) => a.gelu({ approximate: kw.approximate }),
  clamp: ([a], kw) => a.clamp(kw.min, kw.max),
  where: ([c, a, b]) => torch.where(c, a, b),
  where_scalar: ([c, a], kw) => torch.where(c, a, kw.other),
  masked_fill: ([a, m], kw) => a.masked_fill(m, kw.value),
  comparisons: ([a, b]) => [a.eq(b), a.ne(b), a.lt(b), a.le(b), a.gt(b), a.ge(b)],
  rounding: ([a]) => [a.floor(), a.ceil(), a.round(), a.trunc(), a.sign()],
  remainder_fmod: ([a, b]) => [a.remainder(b), a.fmod(b)],
  add_scalar_plain: ([a], kw) => a.add(kw.other),
  mul_scalar_plain: ([a], kw) => a.mul(kw.other),
  add_plain: ([a, b]) => a.add(b),
};
for (const u of ["exp", "tanh", "sigmoid", "relu", "abs", "neg", "erf", "silu", "sin", "cos", "square",
  "log", "sqrt", "rsqrt", "log1p", "reciprocal"]) OPS[u] = unary(u);

opCaseTests(test, "pointwise", OPS);

// ---- behaviour (no goldens) -------------------------------------------------------------------
test("in-place ops return this and mutate", () => {
  torch.tidy(() => {
    const x = torch.tensor([1, 2, 3]);
    const r = x.add_(1).mul_(2);
    assert.equal(r, x);
    assert.deepEqual(x.tolist(), [4, 6, 8]);
    x.clamp_(5, 7);
    assert.deepEqual(x.tolist(), [5, 6, 7]);
  });
});

test("in-place op on a leaf that requires grad throws", () => {
  torch.tidy(() => {
    const x = torch.ones(2, { requires_grad: true });
    assert.throws(() => x.add_(1), /leaf Variable that requires grad|in-place/);
  });
});

test("broadcast mismatch names the op, shapes and dtypes", () => {
  torch.tidy(() => {
    const a = torch.ones(2, 3);
    const b = torch.ones(4);
    assert.throws(() => a.add(b), (e: Error) => {
      assert.match(e.message, /aten::add/);
      assert.match(e.message, /\(2,3\) float32 cpu/);
      assert.match(e.message, /\(4,\) float32 cpu/);
      return true;
    });
  });
});

test("equal / allclose / isclose", () => {
  torch.tidy(() => {
    const a = torch.tensor([1, 2, 3]);
    const b = torch.tensor([1, 2, 3.000001]);
    assert.equal(a.equal(a.clone()), true);
    assert.equal(a.equal(b), false);
    assert.equal(a.allclose(b), true);
    assert.deepEqual(a.isclose(torch.tensor([1, 2.1, 3])).tolist(), [true, false, true]);
  });
});

test("integer-valued JS numbers are integer Scalars (int64 stays int64), fractional ones float", () => {
  torch.tidy(() => {
    const x = torch.tensor([1n, 2n]);
    assert.equal(x.add(1).dtype, torch.int64);
    assert.equal(x.add(1.5).dtype, torch.float32);
    assert.equal(x.mul(true).dtype, torch.int64);
    assert.equal(torch.tensor([true]).add(torch.tensor([true])).dtype, torch.bool);
  });
});
