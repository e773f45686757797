// Golden numbers: tests/fixtures/torch_goldens/, family "sorting", written by
// `/usr/bin/python3 scripts/make_torch_goldens.py` (Debian's PyTorch 1.13, float32), e.g.
//   x.topk(2, 0, largest=False) → (values, indices); x.sort(-1, descending=True);
//   torch.manual_seed(7); torch.multinomial(p, 10, replacement=True)
// values/indices and the gradient of Σ(values·w). Tolerance: 1e-5 for values; indices and the
// seeded multinomial samples exactly (same generator as PyTorch).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/torch/index.js";
import { opCaseTests, type OpFn } from "../_goldens.js";

const OPS: { [op: string]: OpFn } = {
  topk: ([a], kw) => a.topk(kw.k, kw.dim, { largest: kw.largest }),
  sort: ([a], kw) => a.sort(kw.dim, { descending: kw.descending }),
  argsort: ([a], kw) => torch.argsort(a, kw.dim, { descending: kw.descending }),
  multinomial: ([p], kw) => {
    torch.manual_seed(kw.seed);
    return p.multinomial(kw.num_samples, { replacement: kw.replacement });
  },
};

opCaseTests(test, "sorting", OPS);

test("sort/topk accept the options-object form", () => {
  torch.tidy(() => {
    const x = torch.tensor([[3, 1, 2]]);
    assert.deepEqual(x.sort({ descending: true }).values.tolist(), [[3, 2, 1]]);
    assert.deepEqual(x.argsort({ dim: 1 }).tolist(), [[1, 2, 0]]);
    assert.deepEqual(x.topk(1, { dim: 1, largest: false }).indices.tolist(), [[1]]);
  });
});
