// Golden numbers: tests/fixtures/torch_goldens/, family "random", written by
// `/usr/bin/python3 scripts/make_torch_goldens.py` (Debian's PyTorch 1.13): what the default CPU
// generator gives after torch.manual_seed(s), e.g.
//   torch.manual_seed(0); torch.rand(5) / torch.randn(3, 4) / torch.randint(0, 10, (6,)) / torch.randperm(8)
//   torch.manual_seed(0); nn.Linear(5, 3)  (weight, bias);  nn.Embedding(7, 4, padding_idx=0).weight
//   torch.manual_seed(0); nn.init.xavier_uniform_(torch.empty(4, 6)) ... trunc_normal_(std=0.02)
// Tolerance: exact (bitwise: the addon uses the same libtorch generator and kernels), except
// trunc_normal_ (rtol 1e-6: its bounds go through erf, Python's math.erf vs the TS series; observed bitwise).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/torch/index.js";
import type { Tensor } from "../../src/torch/index.js";
import { opCaseTests, type OpFn, type Kw } from "./_goldens.js";

const nn = torch.nn;

/** Copies a module's parameters out (Parameters belong to their module, not to tidy) and frees the module. */
function take(m: torch.nn.Module, names: string[]): Tensor[] {
  const out = names.map((n) => m.get_parameter(n).detach().clone());
  m.dispose();
  return out;
}

const INITS: { [fn: string]: (t: Tensor, kw: Kw) => Tensor } = {
  xavier_uniform_: (t) => nn.init.xavier_uniform_(t),
  kaiming_normal_: (t, kw) => nn.init.kaiming_normal_(t, kw),
  kaiming_uniform_: (t, kw) => nn.init.kaiming_uniform_(t, kw),
  trunc_normal_: (t, kw) => nn.init.trunc_normal_(t, kw.mean ?? 0, kw.std ?? 1, kw.a ?? -2, kw.b ?? 2),
  normal_: (t, kw) => nn.init.normal_(t, kw.mean, kw.std),
};

const OPS: { [op: string]: OpFn } = {
  rand: (_x, kw) => { torch.manual_seed(kw.seed); return torch.rand(kw.size); },
  randn: (_x, kw) => { torch.manual_seed(kw.seed); return torch.randn(kw.size); },
  randint: (_x, kw) => { torch.manual_seed(kw.seed); return torch.randint(kw.low, kw.high, kw.size); },
  randperm: (_x, kw) => { torch.manual_seed(kw.seed); return torch.randperm(kw.n); },
  rand_then_randn: (_x, kw) => { torch.manual_seed(kw.seed); return [torch.rand(3), torch.randn(3)]; },
  linear_init: (_x, kw) => {
    torch.manual_seed(kw.seed);
    return take(new nn.Linear(kw.in_features, kw.out_features), ["weight", "bias"]);
  },
  embedding_init: (_x, kw) => {
    torch.manual_seed(kw.seed);
    return take(new nn.Embedding(kw.num_embeddings, kw.embedding_dim, { padding_idx: kw.padding_idx }), ["weight"]);
  },
  init: (_x, kw) => {
    torch.manual_seed(kw.seed);
    const t = torch.empty(kw.shape);
    return INITS[kw.fn](t, kw.kw);
  },
};

opCaseTests(test, "random", OPS);

// ---- behaviour ------------------------------------------------------------------------------
test("initial_seed reports the manual seed; the same seed repeats the stream", () => {
  torch.tidy(() => {
    torch.manual_seed(77);
    assert.equal(torch.initial_seed(), 77n);
    const a = torch.randn(8);
    torch.manual_seed(77);
    assert.equal(torch.randn(8).equal(a), true);
    assert.equal(torch.randn(8).equal(a), false);
  });
});

test("manual_seed rejects negative or fractional seeds", () => {
  assert.throws(() => torch.manual_seed(-1), RangeError);
  assert.throws(() => torch.manual_seed(1.5), RangeError);
});

test("random factories honour dtype and requires_grad", () => {
  torch.tidy(() => {
    assert.equal(torch.rand(2, { dtype: torch.float64 }).dtype, torch.float64);
    assert.equal(torch.randn([2, 2], { requires_grad: true }).requires_grad, true);
    assert.equal(torch.randint(5, [3]).dtype, torch.int64);
    const r = torch.randint(3, 6, [200]);
    assert.ok(r.min().item() >= 3 && r.max().item() <= 5);
  });
});
