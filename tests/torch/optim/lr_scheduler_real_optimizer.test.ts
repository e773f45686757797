// Schedulers driving the real torch.optim optimizers (SGD, AdamW) rather than plain `{ param_groups }`
// objects: the scheduler writes `param_groups[0].lr` (and `momentum` / `betas[0]` for CyclicLR), the
// optimizer's next step() reads them. Expected lr / momentum sequences are PyTorch's documented closed
// forms (StepLR, CyclicLR "triangular") and HF's linear warmup/decay lambda; expected parameter values
// come from a float64 re-implementation of SGD / AdamW fed with the hyperparameters read from the group
// before each optimizer.step(). Tolerance: 1e-12 for lr / momentum (pure double math); 1e-5 absolute
// for parameters (float32 tensors). The `OptimizerLike` assignments below are compile-time checks
// (no casts): `npx tsc -p tsconfig.check.json` fails if the real Optimizer stops satisfying it.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/torch/index.js";
import { CyclicLR, LRScheduler, LambdaLR, StepLR, type OptimizerLike } from "../../../src/torch/optim/lr_scheduler.js";
import { get_scheduler } from "../../../src/transformers/optimization.js";

const N = 3;

function param(): torch.nn.Parameter {
  const p = new torch.nn.Parameter(torch.zeros(N));
  p.grad = torch.ones(N);
  return p;
}
function near(actual: number[], expected: number[], what: string, tol = 1e-12): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]!) <= tol, `${what}[${i}]: got ${a}, expected ${expected[i]}`));
}
/** Takes the real optimizer where the schedulers' structural type is expected: no casts. */
function groupsOf(o: OptimizerLike): number { return o.param_groups.length; }

type Hyper = { lr: number; momentum: number; beta1: number; beta2: number };
/** `iters` × (record the group's hyperparameters, optimizer.step(), scheduler.step()). */
function drive(optimizer: torch.optim.Optimizer, scheduler: { step(): void }, iters: number): Hyper[] {
  const seen: Hyper[] = [];
  for (let k = 0; k < iters; k++) {
    const g = optimizer.param_groups[0]!;
    const betas = (g["betas"] as number[] | undefined) ?? [NaN, NaN];
    seen.push({ lr: g.lr, momentum: (g["momentum"] as number | undefined) ?? NaN, beta1: betas[0]!, beta2: betas[1]! });
    optimizer.step();
    scheduler.step();
  }
  return seen;
}
/** SGD (dampening 0, no weight decay, no nesterov) with grad ≡ 1, in float64. */
function sgdReference(hs: Hyper[]): number {
  let p = 0, buf: number | null = null;
  for (const h of hs) {
    buf = buf === null ? 1 : h.momentum * buf + 1;
    p -= h.lr * buf;
  }
  return p;
}
/** AdamW (torch 1.13 single-tensor, eps 1e-8) with grad ≡ 1, in float64. */
function adamwReference(hs: Hyper[], weight_decay: number): number {
  let p = 0, m = 0, v = 0;
  hs.forEach((h, i) => {
    const step = i + 1;
    p *= 1 - h.lr * weight_decay;
    m = h.beta1 * m + (1 - h.beta1);
    v = h.beta2 * v + (1 - h.beta2);
    const denom = Math.sqrt(v) / Math.sqrt(1 - h.beta2 ** step) + 1e-8;
    p -= (h.lr / (1 - h.beta1 ** step)) * (m / denom);
  });
  return p;
}
function assertParam(p: torch.Tensor, expected: number, what: string): void {
  near(p.tolist() as number[], new Array<number>(N).fill(expected), what, 1e-5);
}

test("the real Optimizer is an OptimizerLike (compile-time, no casts) and schedulers keep it", () => {
  const p = param();
  const sgd = new torch.optim.SGD([p], { lr: 0.1, momentum: 0.9 });
  const adamw = new torch.optim.AdamW([p], { lr: 0.1 });
  const asLike: OptimizerLike = sgd;
  assert.equal(groupsOf(asLike), 1);
  assert.equal(groupsOf(adamw), 1);
  const s: LRScheduler = new StepLR(adamw, 2);
  assert.equal(s.optimizer, adamw);
  assert.equal(adamw.param_groups[0]!.initial_lr, 0.1);
  sgd.dispose(); adamw.dispose(); p.dispose();
});

test("StepLR drives SGD's lr, and SGD's update uses it", () => {
  const p = param();
  const opt = new torch.optim.SGD([p], { lr: 0.1, momentum: 0.9 });
  const s = new StepLR(opt, { step_size: 2, gamma: 0.5 });
  const hs = drive(opt, s, 6);
  near(hs.map((h) => h.lr), [0.1, 0.1, 0.05, 0.05, 0.025, 0.025], "StepLR lr");
  near(s.get_last_lr(), [0.0125], "StepLR get_last_lr");
  assert.equal(opt.param_groups[0]!.lr, 0.0125);
  near(hs.map((h) => h.momentum), new Array<number>(6).fill(0.9), "SGD momentum untouched");
  assertParam(p, sgdReference(hs), "p after 6 SGD steps");
  opt.dispose(); p.dispose();
});

test("CyclicLR cycles lr and SGD's momentum (cycle_momentum), and SGD uses both", () => {
  const p = param();
  const opt = new torch.optim.SGD([p], { lr: 0.1, momentum: 0.9 });
  const s = new CyclicLR(opt, 0.01, 0.1, { step_size_up: 2, base_momentum: 0.8, max_momentum: 0.9 });
  assert.equal(s.use_beta1, false);
  assert.equal(opt.param_groups[0]!["base_momentum"], 0.8);
  assert.equal(opt.param_groups[0]!["max_momentum"], 0.9);
  const hs = drive(opt, s, 6);
  near(hs.map((h) => h.lr), [0.01, 0.055, 0.1, 0.055, 0.01, 0.055], "CyclicLR lr");
  near(hs.map((h) => h.momentum), [0.9, 0.85, 0.8, 0.85, 0.9, 0.85], "CyclicLR momentum");
  assert.equal(opt.param_groups[0]!["betas"], undefined, "SGD groups get no betas");
  assertParam(p, sgdReference(hs), "p after 6 SGD steps");
  opt.dispose(); p.dispose();
});

test("CyclicLR cycles AdamW's betas[0] (cycle_momentum), keeps betas[1], and AdamW uses them", () => {
  const p = param();
  const opt = new torch.optim.AdamW([p], { lr: 0.1 });
  const s = new CyclicLR(opt, { base_lr: 0.01, max_lr: 0.1, step_size_up: 2, base_momentum: 0.8, max_momentum: 0.9 });
  assert.equal(s.use_beta1, true);
  assert.equal(opt.param_groups[0]!["momentum"], undefined, "AdamW groups get no momentum");
  const hs = drive(opt, s, 6);
  near(hs.map((h) => h.lr), [0.01, 0.055, 0.1, 0.055, 0.01, 0.055], "CyclicLR lr");
  near(hs.map((h) => h.beta1), [0.9, 0.85, 0.8, 0.85, 0.9, 0.85], "CyclicLR betas[0]");
  near(hs.map((h) => h.beta2), new Array<number>(6).fill(0.999), "betas[1] kept");
  assertParam(p, adamwReference(hs, 0.01), "p after 6 AdamW steps");
  opt.dispose(); p.dispose();
});

test('get_scheduler("linear") drives AdamW: warmup then linear decay to 0', () => {
  const p = param();
  const optimizer = new torch.optim.AdamW([p], { lr: 0.1 });
  const s = get_scheduler("linear", { optimizer, num_warmup_steps: 2, num_training_steps: 6 });
  assert.ok(s instanceof LambdaLR);
  const hs = drive(optimizer, s, 7);
  near(hs.map((h) => h.lr), [0, 0.05, 0.1, 0.075, 0.05, 0.025, 0], "linear lr");
  assert.equal(optimizer.param_groups[0]!.initial_lr, 0.1);
  assertParam(p, adamwReference(hs, 0.01), "p after 7 AdamW steps");
  optimizer.dispose(); p.dispose();
});

test("get_scheduler positional form with SGD and a StepLR/SGD state_dict round trip", () => {
  const p = param();
  const opt = new torch.optim.SGD([p], { lr: 0.1, momentum: 0.9 });
  const s = get_scheduler("linear", opt, 1, 3);
  near(drive(opt, s, 4).map((h) => h.lr), [0, 0.1, 0.05, 0], "linear lr (positional)");
  const p2 = param();
  const opt2 = new torch.optim.SGD([p2], { lr: 0.1, momentum: 0.9 });
  const a = new StepLR(opt2, 1, 0.5);
  drive(opt2, a, 2);
  const b = new StepLR(opt2, 1, 0.5);
  b.load_state_dict(a.state_dict());
  b.step();
  near(b.get_last_lr(), [0.0125], "resumed StepLR lr");
  opt.dispose(); opt2.dispose(); p.dispose(); p2.dispose();
});
