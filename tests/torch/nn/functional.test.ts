// Golden numbers: tests/fixtures/torch_goldens/, family "functional", written by
// `/usr/bin/python3 scripts/make_torch_goldens.py` (Debian's PyTorch 1.13, float32), e.g.
//   F.layer_norm(x, [6], w, b, 1e-12); F.embedding(i, w, padding_idx=0);
//   F.cross_entropy(x, t, weight=cw, label_smoothing=0.1) with ignore_index=-100 rows;
//   F.binary_cross_entropy_with_logits(x, t, pos_weight=pw); torch.manual_seed(123); F.dropout(torch.ones(1000), 0.3)
// outputs and the gradient of Σ(out·w) w.r.t. every differentiable floating input.
// Tolerance: atol = rtol = 1e-5 (fp32 per op); the seeded dropout mask is compared exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/torch/index.js";
import { opCaseTests, runOpCase, cases, goldenValues, type OpFn } from "../_goldens.js";

const F = torch.nn.functional;
const OPS: { [op: string]: OpFn } = {
  softmax: ([a], kw) => F.softmax(a, kw.dim),
  log_softmax: ([a], kw) => a.log_softmax(kw.dim),
  layer_norm: ([x, w, b], kw) => F.layer_norm(x, kw.normalized_shape, w, b, kw.eps),
  layer_norm_noaffine: ([x], kw) => F.layer_norm(x, kw.normalized_shape, null, null, kw.eps),
  embedding: ([i, w], kw) => F.embedding(i, w, kw.padding_idx),
  dropout: ([a], kw) => F.dropout(a, kw.p, kw.training),
  dropout_seeded: (_x, kw) => {
    torch.manual_seed(kw.seed);
    return F.dropout(torch.ones(kw.n), kw.p);
  },
  cross_entropy: ([x, t], kw) => F.cross_entropy(x, t, { ignore_index: kw.ignore_index, label_smoothing: kw.label_smoothing, reduction: kw.reduction }),
  cross_entropy_w: ([x, t, w], kw) => F.cross_entropy(x, t, { weight: w, label_smoothing: kw.label_smoothing }),
  nll_loss: ([x, t], kw) => F.nll_loss(x, t, { reduction: kw.reduction }),
  nll_loss_w: ([x, t, w]) => F.nll_loss(x, t, { weight: w }),
  mse_loss: ([a, b], kw) => F.mse_loss(a, b, { reduction: kw.reduction }),
  l1_loss: ([a, b], kw) => F.l1_loss(a, b, { reduction: kw.reduction }),
  bce_logits: ([x, t], kw) => F.binary_cross_entropy_with_logits(x, t, { reduction: kw.reduction }),
  bce_logits_pw: ([x, t, pw]) => F.binary_cross_entropy_with_logits(x, t, { pos_weight: pw }),
  F_gelu: ([a]) => F.gelu(a),
  one_hot: ([t], kw) => F.one_hot(t, kw.num_classes),
  pad: ([a], kw) => F.pad(a, kw.pad, "constant", kw.value),
  normalize: ([a], kw) => F.normalize(a, { p: kw.p, dim: kw.dim }),
  cosine_similarity: ([a, b], kw) => F.cosine_similarity(a, b, kw.dim),
};

opCaseTests(test, "functional", OPS);

// ---- module forms against the same goldens --------------------------------------------------
test("nn.CrossEntropyLoss and nn.MSELoss give the functional goldens", () => {
  const c = cases("functional").find((x) => x.name === "ce_label_smoothing")!;
  runOpCase(c, ([x, t], kw) => new torch.nn.CrossEntropyLoss({ label_smoothing: kw.label_smoothing }).forward(x, t));
  const m = cases("functional").find((x) => x.name === "mse_sum")!;
  runOpCase(m, ([a, b], kw) => new torch.nn.MSELoss({ reduction: kw.reduction }).forward(a, b));
});

test("dropout with p>0 keeps the expected fraction and scales by 1/(1-p)", () => {
  const g = goldenValues("dropout_seeded/out0").values;
  const kept = g.filter((v) => v !== 0);
  assert.ok(Math.abs(kept.length / g.length - 0.7) < 0.06);
  assert.ok(kept.every((v) => Math.abs(v - 1 / 0.7) < 1e-6));
});

test("nn.Dropout is the identity in eval mode", () => {
  torch.tidy(() => {
    const d = new torch.nn.Dropout(0.9);
    d.eval();
    const x = torch.randn(50);
    assert.equal(d.forward(x).equal(x), true);
  });
});

test("argument errors are Python's", () => {
  torch.tidy(() => {
    assert.throws(() => F.dropout(torch.ones(2), 1.5), /dropout probability has to be between 0 and 1, but got 1.5/);
    assert.throws(() => F.cross_entropy(torch.ones(2, 3), torch.tensor([0n, 1n]), { reduction: "avg" as "mean" }), /reduction must be/);
    assert.throws(() => F.binary_cross_entropy_with_logits(torch.ones(2, 3), torch.ones(3)), /target size .* must be the same as input size/);
  });
});

test("cross_entropy target out of range names the op", () => {
  torch.tidy(() => {
    assert.throws(() => F.cross_entropy(torch.ones(2, 3), torch.tensor([0n, 7n])), /aten::cross_entropy_loss|aten::nll_loss/);
  });
});
