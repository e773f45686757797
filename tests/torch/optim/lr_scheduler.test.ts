// Golden numbers: tests/fixtures/lr_scheduler_goldens.json, written by
//   /usr/bin/python3 scripts/make_scheduler_goldens.py   (Debian's PyTorch 1.13, torch.optim.lr_scheduler)
// i.e. PyTorch's own lr (and momentum / betas[0]) sequences for every scheduler case, each group's
// value before each scheduler.step() (after each step(metric) for ReduceLROnPlateau).
// Tolerance: 1e-12 relative (pure double math; cos/pow may differ by an ulp between libm and V8).
// The hand-value tests below use PyTorch's documented closed forms with the same tolerance.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  ChainedScheduler, ConstantLR, CosineAnnealingLR, CosineAnnealingWarmRestarts, CyclicLR, ExponentialLR, LambdaLR,
  LinearLR, LRScheduler, MultiplicativeLR, MultiStepLR, OneCycleLR, PolynomialLR, ReduceLROnPlateau, SequentialLR,
  StepLR, _LRScheduler, type LRLambda, type OptimizerLike, type ParamGroupLike,
} from "../../../src/torch/optim/lr_scheduler.js";
import { KeyError, NotImplementedError, ValueError } from "../../../src/utils/errors.js";

process.removeAllListeners("warning"); // PyTorch-style UserWarnings (deprecated step(epoch)) are expected here

type Row = { lr: number[]; momentum?: number[]; beta1?: number[] };
interface Case {
  kind: string; groups: Array<{ [k: string]: number }>; kwargs: { [k: string]: unknown }; steps?: number;
  optimizer?: string; track?: string; metrics?: number[]; schedulers?: Array<[string, { [k: string]: unknown }]>; expected: Row[];
}
const goldens = JSON.parse(readFileSync(new URL("../../fixtures/lr_scheduler_goldens.json", import.meta.url), "utf8")) as {
  torch_version: string; cases: { [name: string]: Case };
};

// The generator's named lambdas, rebuilt with the same arithmetic.
const LAMBDAS: { [name: string]: LRLambda } = {
  "pow_0.95": (e) => 0.95 ** e, linear_div_10: (e) => e / 10, "const_0.9": () => 0.9, scale_half_pow: (x) => 0.5 ** x,
};
const resolve = (kw: { [k: string]: unknown }): { [k: string]: unknown } =>
  Object.fromEntries(Object.entries(kw).map(([k, v]) => [k,
    k === "lr_lambda" || k === "scale_fn" ? (Array.isArray(v) ? v.map((n: string) => LAMBDAS[n]) : LAMBDAS[v as string]) : v]));

type Ctor = new (optimizer: OptimizerLike, options: never) => LRScheduler;
const CLASSES: { [kind: string]: Ctor } = {
  LambdaLR, MultiplicativeLR, StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR, PolynomialLR, CosineAnnealingLR,
  CosineAnnealingWarmRestarts, CyclicLR, OneCycleLR, ReduceLROnPlateau,
} as unknown as { [kind: string]: Ctor };
const build = (kind: string, opt: OptimizerLike, kw: { [k: string]: unknown }): LRScheduler => new CLASSES[kind]!(opt, resolve(kw) as never);

/** A plain optimizer shaped like torch.optim.SGD / Adam's param_groups + defaults. */
function makeOptimizer(c: Pick<Case, "groups" | "optimizer">): OptimizerLike {
  if (c.optimizer === "adam") {
    return { param_groups: c.groups.map((g): ParamGroupLike => ({ betas: [0.9, 0.999], ...g, lr: g["lr"]! })), defaults: { lr: c.groups[0]!["lr"], betas: [0.9, 0.999] } };
  }
  const momentum = c.groups[0]!["momentum"] ?? 0;
  return { param_groups: c.groups.map((g): ParamGroupLike => ({ momentum, ...g, lr: g["lr"]! })), defaults: { lr: c.groups[0]!["lr"], momentum } };
}
function makeScheduler(c: Case, opt: OptimizerLike): LRScheduler {
  if (c.kind === "SequentialLR" || c.kind === "ChainedScheduler") {
    const subs = c.schedulers!.map(([k, kw]) => build(k, opt, kw));
    return c.kind === "SequentialLR" ? new SequentialLR(opt, subs, c.kwargs) : new ChainedScheduler(subs);
  }
  return build(c.kind, opt, c.kwargs);
}
function record(opt: OptimizerLike, track?: string): Row {
  const row: Row = { lr: opt.param_groups.map((g) => g.lr) };
  if (track === "momentum") row.momentum = opt.param_groups.map((g) => g["momentum"] as number);
  if (track === "betas") row.beta1 = opt.param_groups.map((g) => (g["betas"] as number[])[0]!);
  return row;
}
function run(c: Case): Row[] {
  const opt = makeOptimizer(c);
  const s = makeScheduler(c, opt);
  const rows: Row[] = [];
  if (s instanceof ReduceLROnPlateau) for (const m of c.metrics!) { s.step(m); rows.push(record(opt, c.track)); }
  else for (let i = 0; i < c.steps!; i++) { rows.push(record(opt, c.track)); s.step(); }
  return rows;
}
function close(actual: number[], expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    assert.ok(Math.abs(a - e) <= 1e-12 * Math.max(1e-300, Math.abs(e)) || a === e, `${what}[${i}]: got ${a}, PyTorch ${e}`);
  });
}
const closeSeq = (actual: number[], expected: number[], what: string): void => close(actual, expected, what);

for (const [name, c] of Object.entries(goldens.cases)) {
  test(`PyTorch ${goldens.torch_version} golden: ${name}`, () => {
    const rows = run(c);
    assert.equal(rows.length, c.expected.length);
    c.expected.forEach((e, k) => {
      close(rows[k]!.lr, e.lr, `${name} step ${k} lr`);
      if (e.momentum) close(rows[k]!.momentum!, e.momentum, `${name} step ${k} momentum`);
      if (e.beta1) close(rows[k]!.beta1!, e.beta1, `${name} step ${k} beta1`);
    });
  });
}

const lrs = (s: LRScheduler, opt: OptimizerLike, n: number): number[] =>
  Array.from({ length: n }, () => { const lr = opt.param_groups[0]!.lr; s.step(); return lr; });

test("construction sets initial_lr and performs the initial step (lr = base_lr * lambda(0))", () => {
  const opt: OptimizerLike = { param_groups: [{ lr: 5e-5 }] };
  const s = new LambdaLR(opt, (e) => (e + 1) / 4);
  assert.equal(opt.param_groups[0]!.initial_lr, 5e-5);
  assert.equal(opt.param_groups[0]!.lr, 5e-5 / 4);
  assert.deepEqual(s.get_last_lr(), [5e-5 / 4]);
  assert.equal(s.last_epoch, 0);
  assert.ok(new StepLR({ param_groups: [{ lr: 1 }] }, 2) instanceof LRScheduler);
  assert.ok(new (class extends _LRScheduler { override get_lr() { return [1]; } })({ param_groups: [{ lr: 1 }] }) instanceof LRScheduler);
});

test("StepLR by hand (lr = base * gamma^floor(epoch/step_size)); positional and options forms agree", () => {
  const mk = () => ({ param_groups: [{ lr: 1 }] });
  const o1 = mk(), o2 = mk(), o3 = mk();
  const expected = [1, 1, 0.5, 0.5, 0.25, 0.25, 0.125];
  closeSeq(lrs(new StepLR(o1, { step_size: 2, gamma: 0.5 }), o1, 7), expected, "options");
  closeSeq(lrs(new StepLR(o2, 2, 0.5), o2, 7), expected, "positional");
  closeSeq(lrs(new StepLR(o3, 2, { gamma: 0.5 }), o3, 7), expected, "mixed");
  const o4 = mk();
  const s = new StepLR(o4, { step_size: 3, gamma: 0.1 });
  s.step(7); // deprecated explicit epoch: closed form
  close(s.get_last_lr(), [0.01], "closed form at epoch 7");
});

test("CosineAnnealingLR by hand: eta_min + (base - eta_min)(1 + cos(pi t / T_max))/2, through and past T_max", () => {
  const opt = { param_groups: [{ lr: 1 }] };
  const got = lrs(new CosineAnnealingLR(opt, { T_max: 4, eta_min: 0.1 }), opt, 9);
  closeSeq(got, [0, 1, 2, 3, 4, 5, 6, 7, 8].map((t) => 0.1 + (0.9 * (1 + Math.cos((Math.PI * t) / 4))) / 2), "cosine");
});

test("CyclicLR by hand: triangular / triangular2 / exp_range lr and inverse momentum", () => {
  // step_size_up = 2: x = |t mod 4 - 2| profile; scale_factor 0, .5, 1, .5, 0, …
  const sf = [0, 0.5, 1, 0.5, 0, 0.5, 1, 0.5, 0];
  const cases: Array<[string, (t: number) => number]> = [
    ["triangular", () => 1], ["triangular2", (t) => 1 / 2 ** (Math.floor(1 + t / 4) - 1)], ["exp_range", (t) => 0.5 ** t],
  ];
  for (const [mode, scale] of cases) {
    const opt = { param_groups: [{ lr: 0.3, momentum: 0.5 }] };
    const s = new CyclicLR(opt, 0.01, 0.11, { step_size_up: 2, mode: mode as "triangular", gamma: 0.5, base_momentum: 0.8, max_momentum: 0.9 });
    sf.forEach((f, t) => {
      close([opt.param_groups[0]!.lr], [0.01 + 0.1 * f * scale(t)], `${mode} lr t=${t}`);
      close([opt.param_groups[0]!["momentum"] as number], [0.9 - 0.1 * f * scale(t)], `${mode} momentum t=${t}`);
      s.step();
    });
  }
});

test("CyclicLR cycles betas[0] for Adam-like groups and keeps betas[1]", () => {
  const opt: OptimizerLike = { param_groups: [{ lr: 1e-3, betas: [0.9, 0.999], weight_decay: 0.01 }] };
  const s = new CyclicLR(opt, { base_lr: 0.01, max_lr: 0.11, step_size_up: 2 });
  const beta1: number[] = [];
  for (let t = 0; t < 5; t++) {
    const b = opt.param_groups[0]!["betas"] as number[];
    assert.equal(b[1], 0.999);
    beta1.push(b[0]!);
    s.step();
  }
  close(beta1, [0.9, 0.85, 0.8, 0.85, 0.9], "beta1");
  assert.equal(opt.param_groups[0]!["max_momentum"], 0.9);
  assert.equal(opt.param_groups[0]!["base_momentum"], 0.8);
  assert.equal(s.use_beta1, true);
});

test("CyclicLR/OneCycleLR with cycle_momentum need momentum or betas", () => {
  const plain = (): OptimizerLike => ({ param_groups: [{ lr: 0.1 }] });
  assert.throws(() => new CyclicLR(plain(), 0.01, 0.1), (e: Error) => e instanceof ValueError && /momentum or beta1/.test(e.message));
  assert.throws(() => new OneCycleLR(plain(), 0.1, 10), ValueError);
  assert.doesNotThrow(() => new CyclicLR(plain(), 0.01, 0.1, { cycle_momentum: false }));
  assert.throws(() => new CyclicLR({ param_groups: [{ lr: 0.1 }], defaults: { lr: 0.1 } }, 0.01, 0.1), ValueError);
});

test("ReduceLROnPlateau by hand: patience, cooldown, min_lr, eps", () => {
  const opt = { param_groups: [{ lr: 0.1 }] };
  const s = new ReduceLROnPlateau(opt, "min", { factor: 0.5, patience: 1, cooldown: 2, min_lr: 0.03 });
  const got = Array.from({ length: 11 }, () => { s.step(1.0); return opt.param_groups[0]!.lr; });
  // bad epochs 0,1,2→reduce(0.05) | cooldown 2 steps | 1,2→reduce(0.03 = min_lr) | cooldown | 1,2→ no change (floor)
  assert.deepEqual(got, [0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.03, 0.03, 0.03, 0.03, 0.03]);
  const s2 = new ReduceLROnPlateau({ param_groups: [{ lr: 1 }] }, { mode: "max", patience: 0 });
  s2.step({ item: () => 0.5 }); // tensor-like metric
  s2.step(0.5);
  assert.deepEqual(s2.get_last_lr(), [0.1]);
  assert.equal(s2.best, 0.5);
});

test("OneCycleLR: stepping past total_steps raises like PyTorch", () => {
  const opt = { param_groups: [{ lr: 0.1, momentum: 0.9 }] };
  const s = new OneCycleLR(opt, 0.1, 3);
  s.step(); s.step(); s.step();
  assert.throws(() => s.step(), (e: Error) => e instanceof ValueError && /Tried to step 4 times. The specified number of total steps is 3/.test(e.message));
});

test("resuming with last_epoch uses the groups' initial_lr (and KeyError without it)", () => {
  const f: LRLambda = (e) => 1 / (e + 1);
  const opt = { param_groups: [{ lr: 123, initial_lr: 1 }] };
  const s = new LambdaLR(opt, f, { last_epoch: 4 });
  assert.equal(opt.param_groups[0]!.lr, f(5));
  assert.equal(s.last_epoch, 5);
  assert.throws(() => new StepLR({ param_groups: [{ lr: 1 }] }, 2, { last_epoch: 3 }),
    (e: Error) => e instanceof KeyError && /param 'initial_lr' is not specified in param_groups\[0\]/.test(e.message));
});

const RESUME: Array<[string, () => [OptimizerLike, LRScheduler], (s: LRScheduler, k: number) => void]> = [
  ["StepLR", () => { const o = { param_groups: [{ lr: 1 }] }; return [o, new StepLR(o, 3, 0.5)]; }, (s) => s.step()],
  ["LambdaLR", () => { const o = { param_groups: [{ lr: 1 }, { lr: 2 }] }; return [o, new LambdaLR(o, [(e) => 0.9 ** e, (e) => 1 / (1 + e)])]; }, (s) => s.step()],
  ["CosineAnnealingLR", () => { const o = { param_groups: [{ lr: 1 }] }; return [o, new CosineAnnealingLR(o, 5, 0.01)]; }, (s) => s.step()],
  ["CyclicLR", () => { const o = { param_groups: [{ lr: 1, momentum: 0.9 }] }; return [o, new CyclicLR(o, 0.1, 1, { step_size_up: 3, mode: "exp_range", gamma: 0.9 })]; }, (s) => s.step()],
  ["OneCycleLR", () => { const o = { param_groups: [{ lr: 1, betas: [0.9, 0.99] }] }; return [o, new OneCycleLR(o, 1, 12)]; }, (s) => s.step()],
  ["SequentialLR", () => { const o = { param_groups: [{ lr: 1 }] }; return [o, new SequentialLR(o, [new LinearLR(o, { start_factor: 0.1, total_iters: 3 }), new ExponentialLR(o, 0.8)], [3])]; }, (s) => s.step()],
  ["ReduceLROnPlateau", () => { const o = { param_groups: [{ lr: 1 }] }; return [o, new ReduceLROnPlateau(o, { patience: 1, cooldown: 1 })]; }, (s, k) => (s as ReduceLROnPlateau).step([3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1][k])],
];
for (const [name, make, advance] of RESUME) {
  test(`state_dict round trip through JSON: ${name} resumed mid-schedule gives the same next lrs`, () => {
    const [refOpt, ref] = make();
    const expected: number[][] = [];
    for (let k = 0; k < 11; k++) { expected.push(refOpt.param_groups.map((g) => g.lr)); advance(ref, k); }
    for (const cut of [0, 5]) {
      const [opt, s] = make();
      for (let k = 0; k < cut; k++) advance(s, k);
      const saved = JSON.stringify({ opt: opt.param_groups, sched: s.state_dict() });
      assert.ok(!("optimizer" in s.state_dict()));
      const [opt2, s2] = make(); // a fresh run, as Trainer rebuilds before loading a checkpoint
      const { opt: groups, sched } = JSON.parse(saved) as { opt: ParamGroupLike[]; sched: { [k: string]: unknown } };
      opt2.param_groups.splice(0, opt2.param_groups.length, ...groups);
      s2.load_state_dict(sched);
      for (let k = cut; k < 11; k++) { close(opt2.param_groups.map((g) => g.lr), expected[k]!, `${name} cut ${cut} step ${k}`); advance(s2, k); }
    }
  });
}

test("state_dict is plain data: lambdas saved as null, functions dropped", () => {
  const s = new LambdaLR({ param_groups: [{ lr: 1 }] }, () => 1);
  const sd = s.state_dict();
  assert.deepEqual(sd["lr_lambdas"], [null]);
  assert.deepEqual(sd["base_lrs"], [1]);
  assert.deepEqual(JSON.parse(JSON.stringify(sd)), sd);
  const c = new CyclicLR({ param_groups: [{ lr: 1 }] }, 0.1, 1, { cycle_momentum: false, scale_fn: () => 1 }).state_dict();
  assert.equal(c["_scale_fn_custom"], null);
  assert.ok(!("_scale_fn_ref" in c));
});

test("custom scheduler reading its own fields defers init like the built-ins", () => {
  class HalveEvery extends LRScheduler {
    every: number;
    constructor(opt: OptimizerLike, every: number) { super(opt, -1, LRScheduler.DEFER_INIT); this.every = every; this._init(-1); }
    override get_lr(): number[] { return this.base_lrs.map((b) => b * 0.5 ** Math.floor(this.last_epoch / this.every)); }
  }
  const opt = { param_groups: [{ lr: 1 }] };
  assert.deepEqual(lrs(new HalveEvery(opt, 2), opt, 5), [1, 1, 0.5, 0.5, 0.25]);
  assert.throws(() => new (class extends LRScheduler {})({ param_groups: [{ lr: 1 }] }), NotImplementedError);
});

test("bad arguments raise Python's error types with PyTorch's messages", () => {
  const opt = (): OptimizerLike => ({ param_groups: [{ lr: 0.1 }] });
  const err = (type: new (...a: never[]) => Error, re: RegExp) => (e: Error) => e instanceof type && re.test(e.message);
  assert.throws(() => new StepLR(opt(), {}), err(TypeError, /StepLR\(\) missing 1 required argument: 'step_size'/));
  assert.throws(() => new StepLR(opt(), { step_size: 3, gama: 0.5 } as never), err(TypeError, /unexpected keyword argument 'gama' \(did you mean 'gamma'\?\)/));
  assert.throws(() => new StepLR(opt(), 3, { step_size: 4 }), err(TypeError, /multiple values for argument 'step_size'/));
  assert.throws(() => new StepLR(opt(), "3" as never), err(TypeError, /'step_size' must be a number, got string/));
  assert.throws(() => new StepLR({} as never, 3), err(TypeError, /is not an Optimizer/));
  assert.throws(() => new LambdaLR(opt(), [() => 1, () => 2]), err(ValueError, /Expected 1 lr_lambdas, but got 2/));
  assert.throws(() => new ConstantLR(opt(), { factor: 2 }), err(ValueError, /between 0 and 1/));
  assert.throws(() => new LinearLR(opt(), { start_factor: 0 }), err(ValueError, /greater than 0/));
  assert.throws(() => new ReduceLROnPlateau(opt(), { mode: "mean" as "min" }), err(ValueError, /mode mean is unknown!/));
  assert.throws(() => new ReduceLROnPlateau(opt(), { threshold_mode: "pct" as "rel" }), err(ValueError, /threshold mode pct is unknown!/));
  assert.throws(() => new ReduceLROnPlateau(opt(), { factor: 1 }), err(ValueError, /Factor should be < 1.0./));
  assert.throws(() => new ReduceLROnPlateau(opt(), { min_lr: [0, 0] }), err(ValueError, /expected 1 min_lrs, got 2/));
  assert.throws(() => new ReduceLROnPlateau(opt()).step(), err(TypeError, /missing 1 required argument: 'metrics'/));
  assert.throws(() => new CyclicLR(opt(), 0.01, 0.1, { mode: "zigzag" as "triangular", cycle_momentum: false }), err(ValueError, /mode is invalid and scale_fn is None/));
  assert.throws(() => new CyclicLR(opt(), [0.01, 0.02], 0.1, { cycle_momentum: false }), err(ValueError, /base_lr must have the same length as optimizer.param_groups/));
  assert.throws(() => new OneCycleLR(opt(), 0.1, { cycle_momentum: false }), err(ValueError, /You must define either total_steps OR \(epochs AND steps_per_epoch\)/));
  assert.throws(() => new OneCycleLR(opt(), 0.1, 2.5), err(ValueError, /Expected positive integer total_steps, but got 2.5/));
  assert.throws(() => new OneCycleLR(opt(), 0.1, 10, { anneal_strategy: "exp" as "cos", cycle_momentum: false }), err(ValueError, /anneal_strategy must be one of 'cos' or 'linear'/));
  assert.throws(() => new CosineAnnealingWarmRestarts(opt(), 0), err(ValueError, /Expected positive integer T_0, but got 0/));
  const o = opt();
  assert.throws(() => new SequentialLR(o, [new StepLR(o, 2), new StepLR(o, 3)], []), err(ValueError, /one more than the number of milestone points/));
  assert.throws(() => new SequentialLR(o, [new StepLR(o, 2), new StepLR(opt(), 3)], [2]), err(ValueError, /same optimizer/));
  assert.throws(() => new ChainedScheduler([new ReduceLROnPlateau(o)]), err(ValueError, /does not support `ReduceLROnPlateau`/));
});
