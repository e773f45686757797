// Golden numbers: tests/fixtures/torch_goldens/, family "shape", written by
// `/usr/bin/python3 scripts/make_torch_goldens.py` (Debian's PyTorch 1.13, float32), e.g.
//   x.permute(2, 0, 1); x[:, 0:7:2]; torch.cat([a, b, c], 1); x.split([1, 3, 2], 1)
// outputs and the gradient of Σ(out·w) w.r.t. every input. Tolerance: atol = rtol = 1e-5 (views
// and copies: exact in practice).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/torch/index.js";
import { opCaseTests, type OpFn } from "../_goldens.js";

const OPS: { [op: string]: OpFn } = {
  view: ([a], kw) => a.view(kw.shape),
  reshape: ([a], kw) => a.transpose(0, 2).reshape(kw.shape),
  permute: ([a], kw) => a.permute(kw.dims),
  transpose: ([a], kw) => a.transpose(kw.dim0, kw.dim1),
  t: ([a]) => a.t(),
  flatten: ([a], kw) => a.flatten(kw.start_dim, kw.end_dim),
  unsqueeze: ([a], kw) => a.unsqueeze(kw.dim),
  squeeze: ([a], kw) => (kw.dim === null ? a.squeeze() : a.squeeze(kw.dim)),
  expand: ([a], kw) => a.expand(kw.sizes),
  repeat: ([a], kw) => a.repeat(kw.repeats),
  narrow: ([a], kw) => a.narrow(kw.dim, kw.start, kw.length),
  select: ([a], kw) => a.select(kw.dim, kw.index),
  slice: ([a], kw) => a.slice(kw.dim, kw.start, kw.end, kw.step),
  flip: ([a], kw) => a.flip(kw.dims),
  roll: ([a], kw) => a.roll(kw.shifts, kw.dims),
  tril: ([a], kw) => a.tril(kw.diagonal),
  triu: ([a], kw) => torch.triu(a, kw.diagonal),
  cat: (x, kw) => torch.cat(x, kw.dim),
  stack: (x, kw) => torch.stack(x, kw.dim),
  split: ([a], kw) => a.split(kw.split_size_or_sections, kw.dim),
  chunk: ([a], kw) => a.chunk(kw.chunks, kw.dim),
  unbind: ([a], kw) => a.unbind(kw.dim),
  contiguous_t: ([a]) => a.t().contiguous(),
  movedim: ([a], kw) => a.movedim(kw.source, kw.destination),
};

opCaseTests(test, "shape", OPS);

// ---- behaviour ------------------------------------------------------------------------------
test("view and reshape accept varargs or an array", () => {
  torch.tidy(() => {
    const x = torch.arange(6);
    assert.deepEqual(x.view(2, 3).shape, [2, 3]);
    assert.deepEqual(x.view([3, -1]).shape, [3, 2]);
    assert.deepEqual(x.reshape(-1, 1).shape, [6, 1]);
    assert.deepEqual(x.view(2, 3).permute(1, 0).shape, [3, 2]);
  });
});

test("view on a non-contiguous tensor throws (use reshape), naming the op", () => {
  torch.tidy(() => {
    const x = torch.ones(2, 3).t();
    assert.equal(x.is_contiguous(), false);
    assert.throws(() => x.view(6), /aten::view.*reshape/s);
    assert.deepEqual(x.reshape(6).shape, [6]);
  });
});

test("views share storage; disposing a view leaves the base intact", () => {
  torch.tidy(() => {
    const x = torch.zeros(2, 3);
    const row = x.select(0, 1);
    torch.no_grad(() => row.fill_(5));
    assert.deepEqual(x.tolist(), [[0, 0, 0], [5, 5, 5]]);
    row.dispose();
    assert.deepEqual(x.sum().item(), 15);
  });
});

test("mT swaps the last two dims; unflatten inverts flatten", () => {
  torch.tidy(() => {
    const x = torch.zeros(2, 3, 4);
    assert.deepEqual(x.mT.shape, [2, 4, 3]);
    assert.deepEqual(x.flatten(1).unflatten(1, [3, 4]).shape, [2, 3, 4]);
  });
});

test("cat of mismatched shapes names the op and the shapes", () => {
  torch.tidy(() => {
    assert.throws(() => torch.cat([torch.ones(2, 3), torch.ones(2, 4)], 0), /aten::cat.*Sizes of tensors must match/s);
  });
});
