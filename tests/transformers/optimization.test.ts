// Golden numbers: ../shared/fixtures/schedulers.json — HF transformers optimization.py lr multipliers
// lambda(step) for steps 0..20 (num_warmup_steps=5, num_training_steps=20, lr_init=5e-5), produced by
// faithful copies of HF's lambdas (bench/torch_ref/hf_models.py in the shared fixtures). For each
// scheduler we record optimizer.param_groups[0].lr before each scheduler.step() (what the k-th
// optimizer step uses) and compare to `lr` and to `multiplier * lr_init`.
// Tolerance: 1e-12 absolute (pure double math), as the fixture's description states.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  SchedulerType, get_constant_schedule, get_constant_schedule_with_warmup, get_cosine_schedule_with_warmup,
  get_cosine_with_hard_restarts_schedule_with_warmup, get_cosine_with_min_lr_schedule_with_warmup,
  get_cosine_with_min_lr_schedule_with_warmup_lr_rate, get_inverse_sqrt_schedule, get_linear_schedule_with_warmup,
  get_polynomial_decay_schedule_with_warmup, get_scheduler, get_wsd_schedule,
} from "../../src/transformers/optimization.js";
import { LambdaLR, ReduceLROnPlateau, type OptimizerLike } from "../../src/torch/optim/lr_scheduler.js";
import { ValueError } from "../../src/utils/errors.js";

const candidates = ["../../../shared/fixtures/schedulers.json", "../../shared/fixtures/schedulers.json"]
  .map((p) => fileURLToPath(new URL(p, import.meta.url)));
const fixturePath = candidates.find((p) => existsSync(p));
if (fixturePath === undefined) throw new Error(`shared fixture schedulers.json not found; looked in ${candidates.join(", ")}`);
const fixture = JSON.parse(readFileSync(fixturePath, "utf8")) as {
  num_warmup_steps: number; num_training_steps: number; lr_init: number; steps: number[];
  schedulers: { [name: string]: { hf_name: string; kwargs: { [k: string]: unknown }; multiplier: number[]; lr: number[] } };
};

const opt = (lr = fixture.lr_init): OptimizerLike => ({ param_groups: [{ lr }] });
type Stepper = { step(): void };
function lrsBeforeSteps(o: OptimizerLike, s: Stepper, n: number): number[] {
  return Array.from({ length: n }, () => { const lr = o.param_groups[0]!.lr; s.step(); return lr; });
}
function near(actual: number[], expected: number[], what: string, tol = 1e-12): void {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]!) <= tol, `${what}[${i}]: got ${a}, expected ${expected[i]}`));
}

for (const [name, spec] of Object.entries(fixture.schedulers)) {
  test(`HF golden (shared/fixtures/schedulers.json): get_scheduler("${spec.hf_name}")`, () => {
    const o = opt();
    const s = get_scheduler(spec.hf_name, {
      optimizer: o, num_warmup_steps: fixture.num_warmup_steps, num_training_steps: fixture.num_training_steps,
      scheduler_specific_kwargs: spec.kwargs,
    });
    assert.ok(s instanceof LambdaLR);
    const got = lrsBeforeSteps(o, s, fixture.steps.length);
    near(got, spec.lr, `${name} lr`);
    near(got, spec.multiplier.map((m) => m * fixture.lr_init), `${name} multiplier*lr_init`);
  });
}

test("named schedule functions take HF's positional order and agree with get_scheduler", () => {
  const nw = 5, nt = 20, n = 21;
  const pairs: Array<[string, (o: OptimizerLike) => Stepper, { [k: string]: unknown }]> = [
    ["linear", (o) => get_linear_schedule_with_warmup(o, nw, nt), {}],
    ["cosine", (o) => get_cosine_schedule_with_warmup(o, nw, nt, 0.5, -1), {}],
    ["cosine", (o) => get_cosine_schedule_with_warmup(o, { num_warmup_steps: nw, num_training_steps: nt }), {}],
    ["cosine_with_restarts", (o) => get_cosine_with_hard_restarts_schedule_with_warmup(o, nw, nt, 2), { num_cycles: 2 }],
    ["polynomial", (o) => get_polynomial_decay_schedule_with_warmup(o, nw, nt, 1e-7, 2.0), { power: 2.0 }],
    ["polynomial", (o) => get_polynomial_decay_schedule_with_warmup(o, nw, nt, { power: 2.0 }), { power: 2.0 }],
    ["constant", (o) => get_constant_schedule(o), {}],
    ["constant_with_warmup", (o) => get_constant_schedule_with_warmup(o, nw), {}],
    ["inverse_sqrt", (o) => get_inverse_sqrt_schedule(o, nw), {}],
    ["cosine_with_min_lr", (o) => get_cosine_with_min_lr_schedule_with_warmup(o, nw, nt, { min_lr: 5e-6 }), { min_lr: 5e-6 }],
  ];
  for (const [name, make, kw] of pairs) {
    const o1 = opt(), o2 = opt();
    const a = lrsBeforeSteps(o1, make(o1), n);
    const b = lrsBeforeSteps(o2, get_scheduler(name, o2, nw, nt, kw), n);
    near(a, b, name, 0);
  }
});

test("SchedulerType holds HF's names", () => {
  assert.equal(SchedulerType.LINEAR, "linear");
  assert.equal(SchedulerType.REDUCE_ON_PLATEAU, "reduce_lr_on_plateau");
  assert.equal(Object.keys(SchedulerType).length, 11);
});

test("cosine_with_min_lr by hand: decays to min_lr_rate * lr", () => {
  const o = opt(1);
  const got = lrsBeforeSteps(o, get_scheduler("cosine_with_min_lr", { optimizer: o, num_warmup_steps: 2, num_training_steps: 6, scheduler_specific_kwargs: { min_lr_rate: 0.1 } }), 8);
  const cos = (p: number) => 0.5 * (1 + Math.cos(Math.PI * p)) * 0.9 + 0.1;
  near(got, [0, 0.5, cos(0), cos(0.25), cos(0.5), cos(0.75), cos(1), cos(1.25)], "cosine_with_min_lr");
  const o2 = opt(2);
  lrsBeforeSteps(o2, get_cosine_with_min_lr_schedule_with_warmup(o2, 0, 4, { min_lr: 0.5 }), 5);
  const rate = 0.5 / 2; // min_lr / lr
  near([o2.param_groups[0]!.lr], [2 * (0.5 * (1 + Math.cos(Math.PI * 1.25)) * (1 - rate) + rate)], "min_lr via lr");
});

test("cosine_warmup_with_min_lr (lr-rate warmup) by hand", () => {
  const o = opt(1);
  const got = lrsBeforeSteps(o, get_scheduler("cosine_warmup_with_min_lr", o, 2, 6, { min_lr_rate: 0 }), 4);
  near(got, [0.5, 1, 0.5 * (1 + Math.cos(Math.PI * 0.25)), 0.5], "cosine_warmup_with_min_lr");
});

test("warmup_stable_decay by hand (stable = training - warmup - decay)", () => {
  const o = opt(1);
  const got = lrsBeforeSteps(o, get_scheduler("warmup_stable_decay", o, 2, 8, { num_decay_steps: 4, decay_type: "linear", min_lr_ratio: 0.2 }), 10);
  // warmup 2, stable 8 - 2 - 4 = 2, linear decay over 4 steps to min_lr_ratio, then min_lr_ratio
  near(got, [0.2, 0.6, 1, 1, 1, 0.2 + 0.75 * 0.8, 0.2 + 0.5 * 0.8, 0.2 + 0.25 * 0.8, 0.2, 0.2], "wsd");
  const o2 = opt(1);
  const got2 = lrsBeforeSteps(o2, get_wsd_schedule(o2, 2, 2, { num_stable_steps: 1, warmup_type: "cosine" }), 6);
  near(got2, [0, 0.5 * (1 - Math.cos(Math.PI * 0.5)), 1, 1, 0.5, 0], "wsd cosine");
});

test("reduce_lr_on_plateau passes scheduler_specific_kwargs to ReduceLROnPlateau", () => {
  const o = opt(1);
  const s = get_scheduler("reduce_lr_on_plateau", { optimizer: o, scheduler_specific_kwargs: { patience: 0, factor: 0.5 } });
  assert.ok(s instanceof ReduceLROnPlateau);
  s.step(1); s.step(1);
  assert.equal(o.param_groups[0]!.lr, 0.5);
});

test("HF's errors: missing steps, unknown names, bad kwargs", () => {
  const o = opt();
  assert.throws(() => get_scheduler("linear", { optimizer: o }),
    (e: Error) => e instanceof ValueError && e.message === "linear requires `num_warmup_steps`, please provide that argument.");
  assert.throws(() => get_scheduler("cosine", { optimizer: o, num_warmup_steps: 5 }),
    (e: Error) => e instanceof ValueError && e.message === "cosine requires `num_training_steps`, please provide that argument.");
  assert.doesNotThrow(() => get_scheduler("constant_with_warmup", { optimizer: opt(), num_warmup_steps: 5 }));
  assert.doesNotThrow(() => get_scheduler("constant", { optimizer: opt() }));
  assert.throws(() => get_scheduler("cosin", { optimizer: o, num_warmup_steps: 1, num_training_steps: 2 }), (e: Error) =>
    e instanceof ValueError && e.message.startsWith("cosin is not a valid SchedulerType, please select one of ['linear', 'cosine', 'cosine_with_restarts',")
    && e.message.includes("'warmup_stable_decay'") && e.message.includes("did you mean 'cosine'"));
  assert.throws(() => get_scheduler("cosine", o, 1, 10, { num_cylces: 2 }), (e: Error) =>
    e instanceof TypeError && /get_cosine_schedule_with_warmup\(\) got an unexpected keyword argument 'num_cylces' \(did you mean 'num_cycles'\?\)/.test(e.message));
  assert.throws(() => get_scheduler("linear", o, 1, 10, { num_warmup_steps: 3 }), /multiple values for keyword argument 'num_warmup_steps'/);
  assert.throws(() => get_polynomial_decay_schedule_with_warmup(opt(1e-8), 1, 10), (e: Error) => e instanceof ValueError && /must be smaller than initial lr/.test(e.message));
  assert.throws(() => get_scheduler("cosine_with_min_lr", o, 1, 10), (e: Error) => e instanceof ValueError && /One of min_lr or min_lr_rate should be set/.test(e.message));
  assert.throws(() => get_cosine_with_min_lr_schedule_with_warmup(o, 1, 10, { min_lr: 1, min_lr_rate: 0.1 }), /Only one of min_lr or min_lr_rate/);
  assert.throws(() => get_wsd_schedule(o, 1, 2), (e: Error) => e instanceof ValueError && /Either num_training_steps or num_stable_steps/.test(e.message));
  assert.throws(() => get_wsd_schedule(o, 1, 2, { num_training_steps: 9, decay_type: "exp" as "linear" }), /Unknown decay type: exp/);
  assert.throws(() => get_linear_schedule_with_warmup(o, 5), (e: Error) => e instanceof TypeError && /missing 1 required argument: 'num_training_steps'/.test(e.message));
});

test("last_epoch resumes a schedule from the groups' initial_lr", () => {
  const o: OptimizerLike = { param_groups: [{ lr: 0, initial_lr: 1 }] };
  get_linear_schedule_with_warmup(o, 5, 20, 9); // next step is 10: (20 - 10) / 15
  near([o.param_groups[0]!.lr], [10 / 15], "resumed linear");
});
