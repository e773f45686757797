// Golden numbers: tests/fixtures/torch_goldens/, family "reduction", written by
// `/usr/bin/python3 scripts/make_torch_goldens.py` (Debian's PyTorch 1.13, float32), e.g.
//   torch.var(x, 2, unbiased=True); torch.norm(x, 1, -1, keepdim=True); x.max(1) → (values, indices)
// forward outputs and the gradient of Σ(out·w) w.r.t. x. Tolerance: atol = rtol = 1e-5 (fp32 per op);
// indices and integer outputs exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/torch/index.js";
import { opCaseTests, type OpFn } from "../_goldens.js";

const OPS: { [op: string]: OpFn } = {
  sum: ([a], kw) => (kw.dim === undefined ? a.sum() : a.sum(kw.dim, { keepdim: kw.keepdim })),
  mean: ([a], kw) => (kw.dim === undefined ? a.mean() : a.mean(kw.dim, { keepdim: kw.keepdim })),
  max_dim: ([a], kw) => a.max(kw.dim, { keepdim: kw.keepdim }),
  min_dim: ([a], kw) => torch.min(a, kw.dim, { keepdim: kw.keepdim }),
  max_all: ([a]) => a.max(),
  min_all: ([a]) => a.min(),
  amax: ([a], kw) => a.amax(kw.dim),
  argmax: ([a], kw) => (kw.dim === null ? a.argmax() : a.argmax(kw.dim, { keepdim: kw.keepdim })),
  argmin: ([a], kw) => (kw.dim === null ? a.argmin() : a.argmin(kw.dim, { keepdim: kw.keepdim })),
  std: ([a], kw) => a.std(kw.dim ?? null, { correction: kw.correction, keepdim: kw.keepdim }),
  var: ([a], kw) => torch.var(a, kw.dim ?? null, { correction: kw.correction, keepdim: kw.keepdim }),
  logsumexp: ([a], kw) => a.logsumexp(kw.dim, { keepdim: kw.keepdim }),
  norm: ([a], kw) => a.norm(kw.p, kw.dim ?? null, { keepdim: kw.keepdim }),
  prod: ([a], kw) => (kw.dim === undefined ? a.prod() : a.prod(kw.dim)),
  cumsum: ([a], kw) => a.cumsum(kw.dim),
  cumprod: ([a], kw) => a.cumprod(kw.dim),
  all_any: ([a]) => [a.all(), a.any(), a.all(1), a.any(0)],
};

opCaseTests(test, "reduction", OPS);

// ---- behaviour ------------------------------------------------------------------------------
test("dim may come positionally or in the options object", () => {
  torch.tidy(() => {
    const x = torch.tensor([[1, 2], [3, 4]]);
    assert.deepEqual(x.sum(1).tolist(), [3, 7]);
    assert.deepEqual(x.sum({ dim: 1 }).tolist(), [3, 7]);
    assert.deepEqual(x.sum({ dim: 0, keepdim: true }).shape, [1, 2]);
    assert.deepEqual(x.mean(null, { keepdim: true }).shape, [1, 1]);
    assert.deepEqual(x.std({ dim: 1, unbiased: false }).tolist(), [0.5, 0.5]);
  });
});

test("max(dim) gives a (values, indices) pair with named fields", () => {
  torch.tidy(() => {
    const r = torch.tensor([[1, 5, 2], [7, 0, 3]]).max(1);
    const [v, i] = r;
    assert.equal(v, r.values);
    assert.equal(i, r.indices);
    assert.deepEqual(r.values.tolist(), [5, 7]);
    assert.deepEqual(r.indices.tolist(), [1, 0]);
    assert.equal(r.indices.dtype, torch.int64);
  });
});

test("out-of-range dim names the op", () => {
  torch.tidy(() => {
    assert.throws(() => torch.ones(2, 3).sum(5), /aten::sum.*Dimension out of range/s);
  });
});

test("sum with dtype upcasts", () => {
  torch.tidy(() => {
    const x = torch.tensor([1, 2, 3], { dtype: torch.int32 });
    assert.equal(x.sum().dtype, torch.int64);
    assert.equal(x.sum({ dtype: torch.float64 }).dtype, torch.float64);
  });
});
