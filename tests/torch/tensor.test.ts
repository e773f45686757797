// Printing goldens: cases.json "printing", written by `/usr/bin/python3 scripts/make_torch_goldens.py`
// (Debian's PyTorch 1.13): `repr(t)` for each stored tensor (requires_grad / `t * 2` for grad_fn
// where noted), compared as exact strings with `String(t)`. The rest of this file is behaviour of
// the Tensor core (tolist/item, metadata, dispose) without goldens.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import * as torch from "../../src/torch/index.js";
import { CASES, golden } from "./_goldens.js";

// One deliberate difference: a JS number operand picks the `.Scalar` overload (no 0-d tensor is
// allocated per call), so `t.mul(2)` records MulBackward1 where Python's wrapped number gives
// MulBackward0. Values and gradients are identical; only that printed name differs.
const GRAD_FN_NAME: { [name: string]: [string, string] } = { grad_fn: ["MulBackward0", "MulBackward1"] };

for (const p of CASES.printing) {
  test(`repr like PyTorch: ${p.name}`, () => {
    torch.tidy(() => {
      let t = golden(p.key);
      if (p.requires_grad) t.requires_grad_(true);
      if (p.then === "mul2") t = t.mul(2);
      const [py, ours] = GRAD_FN_NAME[p.name] ?? ["", ""];
      assert.equal(String(t), py ? p.repr.replace(py, ours) : p.repr);
    });
  });
}

test("util.inspect / console.log use the PyTorch repr", () => {
  torch.tidy(() => {
    assert.equal(inspect(torch.tensor([1, 2])), "tensor([1., 2.])");
  });
});

test("a disposed tensor prints as disposed instead of throwing", () => {
  const t = torch.ones(2);
  t.dispose();
  assert.equal(String(t), "tensor(<disposed>)");
});

// ---- tolist / item ------------------------------------------------------------------------
test("tolist gives nested arrays; bool tensors give booleans; 0-d gives a scalar", () => {
  torch.tidy(() => {
    assert.deepEqual(torch.tensor([[1, 2], [3, 4]]).tolist(), [[1, 2], [3, 4]]);
    assert.deepEqual(torch.tensor([true, false]).tolist(), [true, false]);
    assert.deepEqual(torch.tensor([[1n, 2n]]).tolist(), [[1, 2]]);
    assert.equal(torch.tensor(2.5).tolist(), 2.5);
    assert.deepEqual(torch.zeros(2, 0).tolist(), [[], []]);
    assert.deepEqual(torch.tensor([1.5, 2.5], { dtype: torch.float16 }).tolist(), [1.5, 2.5]);
  });
});

test("item on a one-element tensor; more elements throw PyTorch's message", () => {
  torch.tidy(() => {
    assert.equal(torch.tensor([[7]]).item(), 7);
    assert.equal(torch.tensor(true).item(), 1);
    assert.equal(torch.tensor(3n).item(), 3);
    assert.throws(() => torch.ones(3).item(), /a Tensor with 3 elements cannot be converted to a scalar/);
  });
});

test("metadata: shape, size(dim), ndim, numel, dtype, device, strides", () => {
  torch.tidy(() => {
    const x = torch.zeros(2, 3, 4);
    assert.deepEqual(x.shape, [2, 3, 4]);
    assert.equal(x.size(-1), 4);
    assert.equal(x.ndim, 3);
    assert.equal(x.numel(), 24);
    assert.equal(x.dtype, torch.float32);
    assert.equal(String(x.device), "cpu");
    assert.deepEqual(x.stride(), [12, 4, 1]);
    assert.equal(x.element_size(), 4);
    assert.throws(() => x.size(3), /dimension 3 out of range/);
  });
});

test("torch.tensor dtype inference and ragged input", () => {
  torch.tidy(() => {
    assert.equal(torch.tensor([1, 2]).dtype, torch.float32);
    assert.equal(torch.tensor([1n, 2n]).dtype, torch.int64);
    assert.equal(torch.tensor([true]).dtype, torch.bool);
    assert.equal(torch.tensor(new Float64Array([1])).dtype, torch.float64);
    assert.equal(torch.tensor([1, 2], { dtype: torch.long }).dtype, torch.int64);
    assert.throws(() => torch.tensor([[1, 2], [3]]), /ragged nested array/);
  });
});

// ---- dispose -------------------------------------------------------------------------------
test("use after dispose throws 'Tensor used after dispose (op=…)'; dispose is idempotent", () => {
  const t = torch.ones(2);
  t.dispose();
  t.dispose();
  assert.equal(t.isDisposed, true);
  assert.throws(() => t.shape, { message: "Tensor used after dispose (op=shape)" });
  assert.throws(() => t.add(1), { message: "Tensor used after dispose (op=aten::add.Scalar)" });
  const u = torch.ones(2);
  assert.throws(() => u.mul(t), /Tensor used after dispose \(op=aten::mul.Tensor\)/);
  u.dispose();
});

test("`using` disposes at the end of the block", () => {
  let ref: torch.Tensor;
  {
    using t = torch.ones(3);
    ref = t;
    assert.equal(t.sum().item(), 3);
  }
  assert.equal(ref.isDisposed, true);
});

test("disposing a view keeps its base (and vice versa)", () => {
  const base = torch.arange(6).view(2, 3);
  const v = base.index(1);
  base.dispose();
  assert.deepEqual(v.tolist(), [3, 4, 5]);
  v.dispose();
});
