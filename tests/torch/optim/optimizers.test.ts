// Golden numbers: tests/fixtures/torch_goldens/ ("optimizers" in cases.json, tensors optim/*), written by
// `/usr/bin/python3 scripts/make_torch_goldens.py` (Debian's PyTorch 1.13, float32):
//   model = Sequential(Linear(5, 8), Tanh(), Linear(8, 3)) with stored initial weights, a fixed
//   batch x (6, 5), y (6,); 5 × { zero_grad; loss = F.cross_entropy(model(x), y); backward;
//   [clip_grad_norm_(0.5) | clip_grad_value_(0.01)]; step } for SGD (plain, nesterov+wd,
//   momentum+dampening, +clip value), Adam (plain, wd+amsgrad), AdamW (plain, +clip norm, two
//   param groups). Recorded: each step's loss and parameters, the clip norms, the final state.
// Tolerance: params atol 1e-6 + rtol 1e-5, losses atol 1e-6. Both sides run the same libtorch
// kernels in the same order, so differences can only come from the update arithmetic (e.g. bias
// corrections computed in double); Adam's step is ~lr·m/√v, bounded by lr = 1e-2 per element, so
// an fp32 rounding difference in m or v moves a parameter by ≲ 1e-2 · 1e-7 per step — far below
// 1e-6 after 5 steps. Observed: bitwise equal.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/torch/index.js";
import type { Tensor } from "../../../src/torch/index.js";
import { CASES, golden, assertMatchesGolden, assertValuesClose, type OptimCase } from "../_goldens.js";

const nn = torch.nn;
const F = nn.functional;
const { param_names: NAMES, cases: OPT_CASES } = CASES.optimizers;

function makeModel(): torch.nn.Sequential {
  const m = new nn.Sequential(new nn.Linear(5, 8), new nn.Tanh(), new nn.Linear(8, 3));
  torch.no_grad(() => {
    for (const n of NAMES) {
      const g = golden(`optim/init/${n}`);
      m.get_parameter(n).copy_(g);
      g.dispose();
    }
  });
  return m;
}

function makeOptimizer(c: OptimCase, model: torch.nn.Module): torch.optim.Optimizer {
  const named = new Map(model.named_parameters());
  const params = c.groups
    ? c.groups.map(({ params: names, ...hyper }) => ({ params: names.map((n) => named.get(n)!), ...hyper }))
    : model.parameters();
  const Ctor = { SGD: torch.optim.SGD, Adam: torch.optim.Adam, AdamW: torch.optim.AdamW }[c.optimizer];
  return new Ctor(params as torch.optim.ParamsArg, c.kwargs);
}

/** One training step as the generator ran it; returns [loss, clip norm or NaN]. */
function trainStep(c: OptimCase, model: torch.nn.Sequential, opt: torch.optim.Optimizer, x: Tensor, y: Tensor): [number, number] {
  return torch.tidy(() => {
    opt.zero_grad();
    const loss = F.cross_entropy(model.forward(x), y);
    loss.backward();
    let norm = NaN;
    if (c.clip?.clip_grad_norm !== undefined) norm = nn.utils.clip_grad_norm_(model.parameters(), c.clip.clip_grad_norm).item();
    if (c.clip?.clip_grad_value !== undefined) nn.utils.clip_grad_value_(model.parameters(), c.clip.clip_grad_value);
    opt.step();
    return [loss.item(), norm];
  });
}

function checkParams(c: OptimCase, model: torch.nn.Module, step: number): void {
  for (const n of NAMES) {
    assertMatchesGolden(model.get_parameter(n), `optim/${c.name}/step${step}/${n}`, c.tol, `${c.name} step ${step} ${n}`);
  }
}

function withBatch(fn: (x: Tensor, y: Tensor) => void): void {
  const x = golden("optim/x");
  const y = golden("optim/y");
  try {
    fn(x, y);
  } finally {
    x.dispose();
    y.dispose();
  }
}

for (const c of OPT_CASES) {
  test(`golden optimizer: ${c.name} (${c.optimizer} ${JSON.stringify(c.kwargs)}${c.clip ? " " + JSON.stringify(c.clip) : ""}), ${c.steps} steps`, () => {
    withBatch((x, y) => {
      const model = makeModel();
      const opt = makeOptimizer(c, model);
      try {
        const losses: number[] = [];
        const norms: number[] = [];
        for (let s = 1; s <= c.steps; s++) {
          const [loss, norm] = trainStep(c, model, opt, x, y);
          losses.push(loss);
          norms.push(norm);
          checkParams(c, model, s);
        }
        assertValuesClose(losses, c.losses, { atol: c.tol.loss_atol, rtol: 0 }, `${c.name} losses`);
        if (c.grad_norms) assertValuesClose(norms, c.grad_norms, { atol: 1e-6, rtol: 1e-5 }, `${c.name} clip_grad_norm_ totals`);
        // Final optimizer state: the same keys as PyTorch and the same tensors.
        for (const n of NAMES) {
          const st = opt.state.get(model.get_parameter(n));
          assert.ok(st, `${c.name}: no optimizer state for ${n}`);
          const tensorKeys = Object.keys(st).filter((k) => st[k] instanceof torch.Tensor).sort();
          assert.deepEqual(tensorKeys, c.state_keys[n], `${c.name} ${n}: state keys`);
          for (const k of c.state_keys[n]) {
            assertMatchesGolden(st[k] as Tensor, `optim/${c.name}/state/${n}/${k}`, c.tol, `${c.name} state ${n}.${k}`);
          }
        }
      } finally {
        opt.dispose();
        model.dispose();
      }
    });
  });
}

// ---- resume: state_dict after 2 steps, a fresh optimizer continues → the same 5-step numbers ----
for (const name of ["sgd_nesterov_wd", "adam_wd_amsgrad", "adamw_groups", "adamw_clip_norm"]) {
  const c = OPT_CASES.find((o) => o.name === name)!;
  test(`resume from state_dict after 2 steps lands on the uninterrupted run: ${name}`, () => {
    withBatch((x, y) => {
      const a = makeModel();
      const optA = makeOptimizer(c, a);
      const b = makeModel();
      let optB: torch.optim.Optimizer | null = null;
      try {
        for (let s = 1; s <= 2; s++) trainStep(c, a, optA, x, y);
        const sd = optA.state_dict();
        torch.no_grad(() => {
          for (const n of NAMES) b.get_parameter(n).copy_(a.get_parameter(n));
        });
        // A fresh optimizer built with default hyperparameters: load_state_dict must restore them too.
        optB = makeOptimizer({ ...c, kwargs: { lr: 0.5 }, groups: c.groups?.map((g) => ({ params: g.params })) ?? null }, b);
        optB.load_state_dict(sd);
        optA.dispose(); // the loaded state must be a copy, not the same tensors
        for (let s = 3; s <= 5; s++) trainStep(c, b, optB, x, y);
        checkParams(c, b, 5);
      } finally {
        optA.dispose();
        optB?.dispose();
        a.dispose();
        b.dispose();
      }
    });
  });
}

// ---- behaviour ------------------------------------------------------------------------------
test("state_dict layout: params numbered across groups, hyperparameters per group", () => {
  const model = makeModel();
  const c = OPT_CASES.find((o) => o.name === "adamw_groups")!;
  const opt = makeOptimizer(c, model);
  try {
    const sd = opt.state_dict();
    assert.deepEqual(sd.param_groups.map((g) => g.params), [[0, 1], [2, 3]]);
    assert.deepEqual(sd.param_groups.map((g) => [g.lr, g.weight_decay]), [[1e-2, 0.01], [5e-3, 0]]);
    assert.deepEqual(sd.param_groups[0].betas, [0.9, 0.999]);
    assert.deepEqual(Object.keys(sd.state), []);
  } finally {
    opt.dispose();
    model.dispose();
  }
});

test("optimizer argument errors", () => {
  const model = makeModel();
  try {
    assert.throws(() => new torch.optim.SGD(model.parameters(), { lr: -1 }), /Invalid learning rate: -1/);
    assert.throws(() => new torch.optim.SGD(model.parameters(), { lr: 0.1, nesterov: true }), /Nesterov momentum requires a momentum and zero dampening/);
    assert.throws(() => new torch.optim.AdamW(model.parameters(), { betas: [1.0, 0.999] }), /Invalid beta parameter at index 0/);
    assert.throws(() => new torch.optim.AdamW([]), /empty parameter list/);
    const p = model.parameters();
    assert.throws(() => new torch.optim.SGD([{ params: [p[0]] }, { params: [p[0]] }], { lr: 0.1 }), /more than one parameter group/);
  } finally {
    model.dispose();
  }
});

test("zero_grad sets grads to None by default, zeroes them with set_to_none=false", () => {
  withBatch((x, y) => {
    const model = makeModel();
    const opt = new torch.optim.SGD(model.parameters(), { lr: 0.1 });
    try {
      torch.tidy(() => F.cross_entropy(model.forward(x), y).backward());
      opt.zero_grad({ set_to_none: false });
      assert.equal(model.get_parameter("0.weight").grad!.abs().sum().item(), 0);
      opt.zero_grad();
      assert.equal(model.get_parameter("0.weight").grad, null);
    } finally {
      opt.dispose();
      model.dispose();
    }
  });
});

// The fused AdamW/Adam kernels (libtorch ≥ 2.4) against the single-tensor update (the oracle) on
// the golden MLP: 5 steps, parameters within 1e-6 + 1e-5·|p| (different summation order only).
for (const c of OPT_CASES.filter((x) => x.optimizer !== "SGD")) {
  test(`fused ${c.optimizer} matches the single-tensor update: ${c.name}`, { skip: !torch.hasOp("aten::_fused_adamw_") && "this libtorch has no fused Adam kernels (libtorch < 2.4)" }, () => {
    withBatch((x, y) => {
      const a = makeModel();
      const b = makeModel();
      const oa = makeOptimizer(c, a);
      const Ctor = c.optimizer === "Adam" ? torch.optim.Adam : torch.optim.AdamW;
      const named = new Map(b.named_parameters());
      const groups = c.groups ? c.groups.map(({ params: names, ...hyper }) => ({ params: names.map((n) => named.get(n)!), ...hyper })) : b.parameters();
      const ob = new Ctor(groups as torch.optim.ParamsArg, { ...c.kwargs, fused: true });
      for (let s = 0; s < c.steps; s++) {
        trainStep(c, a, oa, x, y);
        trainStep(c, b, ob, x, y);
      }
      for (const n of NAMES) {
        const d = torch.tidy(() => a.get_parameter(n).sub(b.get_parameter(n)).abs().max().item());
        const scale = torch.tidy(() => a.get_parameter(n).abs().max().item());
        assert.ok(d <= 1e-6 + 1e-5 * scale, `${n}: fused differs by ${d}`);
      }
      oa.dispose();
      ob.dispose();
      a.dispose();
      b.dispose();
    });
  });
}
