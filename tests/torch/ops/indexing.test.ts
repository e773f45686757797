// Golden numbers: tests/fixtures/torch_goldens/, family "indexing", written by
// `/usr/bin/python3 scripts/make_torch_goldens.py` (Debian's PyTorch 1.13, float32), e.g.
//   x.gather(1, idx); x.scatter(1, idx, src); x[mask]; x[:, idx]; x[idx, 1:4]; x[1, :, ::2]; x[..., None]
// outputs and the gradient of Σ(out·w) w.r.t. every floating input (src included).
// Tolerance: atol = rtol = 1e-5 (scatter_add/index_put accumulate in PyTorch's order: exact in practice).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/torch/index.js";
import { opCaseTests, type OpFn } from "../_goldens.js";

const OPS: { [op: string]: OpFn } = {
  index_select: ([a, i], kw) => a.index_select(kw.dim, i),
  gather: ([a, i], kw) => torch.gather(a, kw.dim, i),
  scatter: ([a, i, s], kw) => a.scatter(kw.dim, i, s),
  scatter_value: ([a, i], kw) => a.scatter(kw.dim, i, kw.value),
  scatter_add: ([a, i, s], kw) => a.scatter_add(kw.dim, i, s),
  masked_select: ([a, m]) => a.masked_select(m),
  index_long: ([a, i]) => a.index(i),
  index_mask: ([a, m]) => a.index(m),
  index_cols: ([a, i]) => a.index(":", i),
  index_rows_slice: ([a, i]) => a.index(i, "1:4"),
  index_basic_mix: ([a]) => a.index(1, ":", "::2"),
  index_ellipsis_none: ([a]) => a.index("...", null),
  index_neg_int: ([a]) => a.index(-1),
  nonzero: ([a]) => a.nonzero(),
  // Python's out-of-place a.index_put((i,), v, accumulate=True)
  index_put_acc: ([a, i, v]) => a.clone().index_put_([i], v, { accumulate: true }),
};

opCaseTests(test, "indexing", OPS);

// ---- behaviour ------------------------------------------------------------------------------
test("index() string forms: slices, ellipsis, Slice objects", () => {
  torch.tidy(() => {
    const x = torch.arange(24).view(2, 3, 4);
    assert.deepEqual(x.index(":, 1:3").tolist(), x.index(":", "1:3").tolist());
    assert.deepEqual(x.index("...", 0).shape, [2, 3]);
    assert.deepEqual(x.index(torch.slice(null, null, 2)).shape, [1, 3, 4]);
  });
});

test("index() comma string with integer and None parts equals separate items", () => {
  torch.tidy(() => {
    const x = torch.arange(24).view(2, 3, 4);
    assert.deepEqual(x.index(":, 0, 1:3").tolist(), x.index(":", 0, "1:3").tolist());
    assert.deepEqual(x.index("0, None").shape, [1, 3, 4]);
  });
});

test("index out of range throws a RangeError naming dim and size", () => {
  torch.tidy(() => {
    const x = torch.zeros(2, 3);
    assert.throws(() => x.index(5), /index 5 is out of bounds for dimension 0 with size 2/);
    assert.throws(() => x.index(0, 0, 0), /too many indices/);
    assert.throws(() => x.index("...", "...", 0), /single ellipsis/);
  });
});

test("gather with an out-of-range index names the op", () => {
  torch.tidy(() => {
    const x = torch.zeros(2, 3);
    assert.throws(() => x.gather(1, torch.tensor([[5n], [0n]])), /aten::gather/);
  });
});

test("masked_fill_ and scatter_ are in place", () => {
  torch.tidy(() => {
    const x = torch.zeros(2, 3);
    assert.equal(x.masked_fill_(torch.tensor([[true, false, false], [false, false, true]]), 1), x);
    x.scatter_(1, torch.tensor([[1n], [0n]]), 7);
    assert.deepEqual(x.tolist(), [[1, 7, 0], [7, 0, 1]]);
  });
});
