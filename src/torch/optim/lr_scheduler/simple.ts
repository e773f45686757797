// The multiplicative / step-wise schedulers: LambdaLR, MultiplicativeLR, StepLR, MultiStepLR,
// ConstantLR, LinearLR, ExponentialLR, PolynomialLR. Module overview: ../lr_scheduler.ts.
import { ValueError } from "../../../utils/errors.js";
import { _bind_args, arg, isNum, kind, num, type Kwargs } from "./args.js";
import { DEFER, LRScheduler, type LRLambda, type OptimizerLike } from "./base.js";

function lambdas(fn: string, a: Kwargs, optimizer: OptimizerLike): LRLambda[] {
  const l = arg<LRLambda | LRLambda[]>(a, fn, "lr_lambda", "a function or an array of functions", (v) => typeof v === "function" || Array.isArray(v));
  const n = optimizer.param_groups.length;
  if (!Array.isArray(l)) return new Array<LRLambda>(n).fill(l);
  if (l.length !== n) throw new ValueError(`Expected ${n} lr_lambdas, but got ${l.length}`);
  for (const f of l) if (typeof f !== "function") throw new TypeError(`lr_lambda should be a function, but got ${kind(f)}`);
  return [...l];
}

export interface LambdaLROptions { lr_lambda?: LRLambda | LRLambda[]; last_epoch?: number }
/**
 * lr = initial lr × `lr_lambda(epoch)` (one lambda, or one per param group).
 * @example
 * const s = new LambdaLR(opt, (e) => 0.95 ** e); // lr: 0.1, then 0.095, 0.09025, …
 */
export class LambdaLR extends LRScheduler {
  lr_lambdas: LRLambda[];
  constructor(optimizer: OptimizerLike, lr_lambda: LRLambda | LRLambda[] | LambdaLROptions, last_epoch?: number | LambdaLROptions) {
    super(optimizer, -1, DEFER);
    const a = _bind_args("LambdaLR", ["lr_lambda", "last_epoch"], [lr_lambda, last_epoch]);
    this.lr_lambdas = lambdas("LambdaLR", a, optimizer);
    this._init(num(a, "LambdaLR", "last_epoch", -1));
  }
  override get_lr(): number[] {
    this._warn_get_lr();
    return this.base_lrs.map((lr, i) => lr * this.lr_lambdas[i]!(this.last_epoch));
  }
}

/**
 * Multiplies each group's lr by `lr_lambda(epoch)` every step (not on the initial step).
 * @example
 * const s = new MultiplicativeLR(opt, () => 0.9); // lr: 0.1, 0.09, 0.081, …
 */
export class MultiplicativeLR extends LRScheduler {
  lr_lambdas: LRLambda[];
  constructor(optimizer: OptimizerLike, lr_lambda: LRLambda | LRLambda[] | LambdaLROptions, last_epoch?: number | LambdaLROptions) {
    super(optimizer, -1, DEFER);
    const a = _bind_args("MultiplicativeLR", ["lr_lambda", "last_epoch"], [lr_lambda, last_epoch]);
    this.lr_lambdas = lambdas("MultiplicativeLR", a, optimizer);
    this._init(num(a, "MultiplicativeLR", "last_epoch", -1));
  }
  override get_lr(): number[] {
    this._warn_get_lr();
    const groups = this.optimizer.param_groups;
    return this._is_initial ? groups.map((g) => g.lr) : groups.map((g, i) => g.lr * this.lr_lambdas[i]!(this.last_epoch));
  }
}

export interface StepLROptions { step_size?: number; gamma?: number; last_epoch?: number }
/**
 * Decays lr by `gamma` every `step_size` steps.
 * @example
 * const s = new StepLR(opt, { step_size: 30, gamma: 0.1 }); // 0.05 for epochs 0-29, 0.005 for 30-59, …
 */
export class StepLR extends LRScheduler {
  step_size: number;
  gamma: number;
  constructor(optimizer: OptimizerLike, step_size: number | StepLROptions, gamma?: number | StepLROptions, last_epoch?: number | StepLROptions) {
    super(optimizer, -1, DEFER);
    const a = _bind_args("StepLR", ["step_size", "gamma", "last_epoch"], [step_size, gamma, last_epoch]);
    this.step_size = num(a, "StepLR", "step_size");
    this.gamma = num(a, "StepLR", "gamma", 0.1);
    this._init(num(a, "StepLR", "last_epoch", -1));
  }
  override get_lr(): number[] {
    this._warn_get_lr();
    const f = this.last_epoch === 0 || this.last_epoch % this.step_size !== 0 ? 1 : this.gamma;
    return this.optimizer.param_groups.map((g) => (f === 1 ? g.lr : g.lr * f));
  }
  override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((lr) => lr * this.gamma ** Math.floor(this.last_epoch / this.step_size));
  }
}

export interface MultiStepLROptions { milestones?: number[]; gamma?: number; last_epoch?: number }
/**
 * Decays lr by `gamma` at each milestone (a repeated milestone decays once per occurrence).
 * @example
 * const s = new MultiStepLR(opt, [30, 80], { gamma: 0.1 }); // 0.05, then 0.005 from 30, 0.0005 from 80
 */
export class MultiStepLR extends LRScheduler {
  /** Python's `Counter(milestones)`: milestone → number of occurrences. */
  milestones: { [epoch: string]: number };
  gamma: number;
  constructor(optimizer: OptimizerLike, milestones: number[] | MultiStepLROptions, gamma?: number | MultiStepLROptions, last_epoch?: number | MultiStepLROptions) {
    super(optimizer, -1, DEFER);
    const a = _bind_args("MultiStepLR", ["milestones", "gamma", "last_epoch"], [milestones, gamma, last_epoch]);
    const ms = arg<number[]>(a, "MultiStepLR", "milestones", "an array of numbers", (v) => Array.isArray(v) && v.every(isNum));
    this.milestones = {};
    for (const m of ms) this.milestones[String(m)] = (this.milestones[String(m)] ?? 0) + 1;
    this.gamma = num(a, "MultiStepLR", "gamma", 0.1);
    this._init(num(a, "MultiStepLR", "last_epoch", -1));
  }
  override get_lr(): number[] {
    this._warn_get_lr();
    const c = this.milestones[String(this.last_epoch)];
    return this.optimizer.param_groups.map((g) => (c === undefined ? g.lr : g.lr * this.gamma ** c));
  }
  override _get_closed_form_lr(): number[] {
    let passed = 0;
    for (const [m, c] of Object.entries(this.milestones)) if (Number(m) <= this.last_epoch) passed += c;
    return this.base_lrs.map((lr) => lr * this.gamma ** passed);
  }
}

export interface ConstantLROptions { factor?: number; total_iters?: number; last_epoch?: number }
/**
 * Multiplies lr by `factor` (default 1/3) until `total_iters` (default 5) steps have passed.
 * @example
 * const s = new ConstantLR(opt, { factor: 0.5, total_iters: 4 }); // 0.025 ×4, then 0.05
 */
export class ConstantLR extends LRScheduler {
  factor: number;
  total_iters: number;
  constructor(optimizer: OptimizerLike, options: ConstantLROptions = {}) {
    super(optimizer, -1, DEFER);
    const a = _bind_args("ConstantLR", ["factor", "total_iters", "last_epoch"], [options]);
    this.factor = num(a, "ConstantLR", "factor", 1 / 3);
    if (this.factor > 1 || this.factor < 0) throw new ValueError("Constant multiplicative factor expected to be between 0 and 1.");
    this.total_iters = num(a, "ConstantLR", "total_iters", 5);
    this._init(num(a, "ConstantLR", "last_epoch", -1));
  }
  override get_lr(): number[] {
    this._warn_get_lr();
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0) return groups.map((g) => g.lr * this.factor);
    if (this.last_epoch !== this.total_iters) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * (1.0 / this.factor));
  }
  override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((lr) => lr * (this.factor + (this.last_epoch >= this.total_iters ? 1 - this.factor : 0)));
  }
}

export interface LinearLROptions { start_factor?: number; end_factor?: number; total_iters?: number; last_epoch?: number }
/**
 * Scales lr linearly from `start_factor` (default 1/3) to `end_factor` (default 1) over `total_iters` (default 5).
 * @example
 * const s = new LinearLR(opt, { start_factor: 0.5, total_iters: 4 }); // 0.025, 0.03125, 0.0375, 0.04375, 0.05
 */
export class LinearLR extends LRScheduler {
  start_factor: number;
  end_factor: number;
  total_iters: number;
  constructor(optimizer: OptimizerLike, options: LinearLROptions = {}) {
    super(optimizer, -1, DEFER);
    const a = _bind_args("LinearLR", ["start_factor", "end_factor", "total_iters", "last_epoch"], [options]);
    this.start_factor = num(a, "LinearLR", "start_factor", 1 / 3);
    if (this.start_factor > 1 || this.start_factor <= 0) {
      throw new ValueError("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
    }
    this.end_factor = num(a, "LinearLR", "end_factor", 1.0);
    if (this.end_factor > 1 || this.end_factor < 0) throw new ValueError("Ending multiplicative factor expected to be between 0 and 1.");
    this.total_iters = num(a, "LinearLR", "total_iters", 5);
    this._init(num(a, "LinearLR", "last_epoch", -1));
  }
  override get_lr(): number[] {
    this._warn_get_lr();
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0) return groups.map((g) => g.lr * this.start_factor);
    if (this._is_initial || this.last_epoch > this.total_iters) return groups.map((g) => g.lr);
    const d = this.end_factor - this.start_factor;
    return groups.map((g) => g.lr * (1.0 + d / (this.total_iters * this.start_factor + (this.last_epoch - 1) * d)));
  }
  override _get_closed_form_lr(): number[] {
    const d = this.end_factor - this.start_factor;
    return this.base_lrs.map((lr) => lr * (this.start_factor + (d * Math.min(this.total_iters, this.last_epoch)) / this.total_iters));
  }
}

export interface ExponentialLROptions { gamma?: number; last_epoch?: number }
/**
 * Multiplies lr by `gamma` every step.
 * @example
 * const s = new ExponentialLR(opt, 0.9); // 0.1, 0.09, 0.081, …
 */
export class ExponentialLR extends LRScheduler {
  gamma: number;
  constructor(optimizer: OptimizerLike, gamma: number | ExponentialLROptions, last_epoch?: number | ExponentialLROptions) {
    super(optimizer, -1, DEFER);
    const a = _bind_args("ExponentialLR", ["gamma", "last_epoch"], [gamma, last_epoch]);
    this.gamma = num(a, "ExponentialLR", "gamma");
    this._init(num(a, "ExponentialLR", "last_epoch", -1));
  }
  override get_lr(): number[] {
    this._warn_get_lr();
    return this.optimizer.param_groups.map((g) => (this._is_initial ? g.lr : g.lr * this.gamma));
  }
  override _get_closed_form_lr(): number[] { return this.base_lrs.map((lr) => lr * this.gamma ** this.last_epoch); }
}

export interface PolynomialLROptions { total_iters?: number; power?: number; last_epoch?: number }
/**
 * Decays lr polynomially to 0 over `total_iters` (default 5) steps with `power` (default 1).
 * @example
 * const s = new PolynomialLR(opt, { total_iters: 4, power: 1 }); // 0.1, 0.075, 0.05, 0.025, 0, 0, …
 */
export class PolynomialLR extends LRScheduler {
  total_iters: number;
  power: number;
  constructor(optimizer: OptimizerLike, options: PolynomialLROptions = {}) {
    super(optimizer, -1, DEFER);
    const a = _bind_args("PolynomialLR", ["total_iters", "power", "last_epoch"], [options]);
    this.total_iters = num(a, "PolynomialLR", "total_iters", 5);
    this.power = num(a, "PolynomialLR", "power", 1.0);
    this._init(num(a, "PolynomialLR", "last_epoch", -1));
  }
  override get_lr(): number[] {
    this._warn_get_lr();
    const groups = this.optimizer.param_groups;
    if (this._is_initial || this.last_epoch > this.total_iters) return groups.map((g) => g.lr);
    const f = ((1.0 - this.last_epoch / this.total_iters) / (1.0 - (this.last_epoch - 1) / this.total_iters)) ** this.power;
    return groups.map((g) => g.lr * f);
  }
  override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((lr) => lr * (1.0 - Math.min(this.total_iters, this.last_epoch) / this.total_iters) ** this.power);
  }
}
