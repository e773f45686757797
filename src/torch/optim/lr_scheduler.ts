// Mirrors torch/optim/lr_scheduler.py (PyTorch 2.x semantics, including `_is_initial` and CyclicLR's
// beta1 cycling). Pure numbers, no tensors: a scheduler only reads and writes `param_groups[i].lr`
// (and `momentum` / `betas` for CyclicLR and OneCycleLR). Deliberate differences from Python:
// - Python keyword arguments go in one trailing options object; a required argument may be given
//   positionally or in that object (`new StepLR(opt, 30)` or `new StepLR(opt, { step_size: 30 })`).
// - TS runs subclass field initializers after `super()`, so built-in schedulers construct with
//   `LRScheduler.DEFER_INIT` and call `this._init(last_epoch)` once their fields are set; a custom
//   scheduler whose `get_lr` reads its own fields must do the same (see `LRScheduler`).
// - `state_dict()` is a plain structured-cloneable object; functions (lambdas, scale_fn) are saved
//   as `null`, as PyTorch saves plain functions. `verbose` (removed from PyTorch) is not accepted.
import { KeyError, NotImplementedError, ValueError } from "../../utils/errors.js";

/** One optimizer param group as schedulers see it (the lead's `Optimizer` groups satisfy this). */
export interface ParamGroupLike { lr: number; initial_lr?: number; [key: string]: unknown }
/** What a scheduler needs of an optimizer: `param_groups`, and `defaults` where PyTorch reads it. */
export interface OptimizerLike { param_groups: ParamGroupLike[]; defaults?: { [key: string]: unknown } }
/** A scheduler's state: plain data only (PyTorch's `__dict__` minus the optimizer). */
export type SchedulerStateDict = { [key: string]: unknown };
/** Multiplicative factor as a function of the epoch (step) index. */
export type LRLambda = (epoch: number) => number;
type Kwargs = { [key: string]: unknown };
type Metric = number | { item(): number };

export const EPOCH_DEPRECATION_WARNING =
  "The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. " +
  "Please use `scheduler.step()` to step the scheduler. During the deprecation, if epoch is different " +
  "from None, the closed form is used instead of the new chainable form, where available.";
const GET_LR_WARNING = "To get the last learning rate computed by the scheduler, please use `get_last_lr()`.";
const warned = new Set<string>();
function warn(msg: string): void {
  if (!warned.has(msg)) { warned.add(msg); process.emitWarning(msg, "UserWarning"); }
}

// ---- Python-style argument binding (internal; optimization.ts reuses it) ----
function isKwargs(v: unknown): v is Kwargs {
  if (typeof v !== "object" || v === null || Array.isArray(v) || "param_groups" in v) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
/** @internal Suffix naming the closest valid name, for "unknown key" errors. */
export function _did_you_mean(key: string, valid: readonly string[]): string {
  const best = [...valid].sort((x, y) => editDistance(key, x) - editDistance(key, y))[0];
  return best !== undefined && editDistance(key, best) <= Math.max(2, best.length / 3) ? ` (did you mean '${best}'?)` : "";
}
/**
 * @internal Bind `args` to Python parameter `names` like a Python call: positional values first, then
 * at most one trailing options object with the remaining names. Throws Python's TypeErrors.
 */
export function _bind_args(fn: string, names: readonly string[], args: readonly unknown[]): Kwargs {
  const out: Kwargs = {};
  let i = 0;
  for (; i < args.length && !isKwargs(args[i]); i++) {
    if (args[i] === undefined) continue;
    if (i >= names.length) throw new TypeError(`${fn}() takes at most ${names.length} positional arguments after the optimizer`);
    out[names[i]!] = args[i];
  }
  if (i < args.length) {
    if (args.slice(i + 1).some((a) => a !== undefined)) throw new TypeError(`${fn}(): the options object must be the last argument`);
    for (const [k, v] of Object.entries(args[i] as Kwargs)) {
      if (!names.includes(k)) throw new TypeError(`${fn}() got an unexpected keyword argument '${k}'${_did_you_mean(k, names)}`);
      if (k in out) throw new TypeError(`${fn}() got multiple values for argument '${k}'`);
      if (v !== undefined) out[k] = v;
    }
  }
  return out;
}
function kind(v: unknown): string { return v === null ? "null" : Array.isArray(v) ? "array" : typeof v; }
function arg<T>(a: Kwargs, fn: string, name: string, type: string, ok: (v: unknown) => boolean, dflt?: T): T {
  const v = a[name] ?? dflt;
  if (v === undefined) throw new TypeError(`${fn}() missing 1 required argument: '${name}'`);
  if (!ok(v)) throw new TypeError(`${fn}(): '${name}' must be ${type}, got ${kind(v)}`);
  return v as T;
}
const isNum = (v: unknown): boolean => typeof v === "number" && !Number.isNaN(v);
const num = (a: Kwargs, fn: string, name: string, d?: number): number => arg(a, fn, name, "a number", isNum, d);
const str = (a: Kwargs, fn: string, name: string, d?: string): string => arg(a, fn, name, "a string", (v) => typeof v === "string", d);
const bool = (a: Kwargs, fn: string, name: string, d?: boolean): boolean => arg(a, fn, name, "a boolean", (v) => typeof v === "boolean", d);
const nums = (a: Kwargs, fn: string, name: string, d?: number): number | number[] =>
  arg(a, fn, name, "a number or an array of numbers", (v) => isNum(v) || (Array.isArray(v) && v.every(isNum)), d);
function optNum(a: Kwargs, fn: string, name: string): number | null {
  return a[name] == null ? null : num(a, fn, name);
}
function formatParam(name: string, optimizer: OptimizerLike, param: number | number[]): number[] {
  const n = optimizer.param_groups.length;
  if (!Array.isArray(param)) return new Array<number>(n).fill(param);
  if (param.length !== n) {
    throw new ValueError(`${name} must have the same length as optimizer.param_groups. ${name} has ${param.length} values, param_groups has ${n}.`);
  }
  return [...param];
}
function groupNum(group: ParamGroupLike, key: string): number {
  const v = group[key];
  if (typeof v !== "number") throw new KeyError(`param group has no numeric '${key}' (got ${kind(v)})`);
  return v;
}
function setBeta1(group: ParamGroupLike, beta1: number): void {
  const betas = group["betas"];
  group["betas"] = [beta1, ...(Array.isArray(betas) ? (betas as unknown[]).slice(1) : [])];
}
/** Whether the optimizer (its `defaults`, else every group) has `key`, as PyTorch checks `optimizer.defaults`. */
function supports(optimizer: OptimizerLike, key: string): boolean {
  return optimizer.defaults ? key in optimizer.defaults : optimizer.param_groups.every((g) => key in g);
}
function checkOptimizer(optimizer: unknown): OptimizerLike {
  const groups = (optimizer as { param_groups?: unknown } | null)?.param_groups;
  if (!Array.isArray(groups)) throw new TypeError(`${kind(optimizer)} is not an Optimizer (expected an object with param_groups)`);
  return optimizer as OptimizerLike;
}
const DEFER: unique symbol = Symbol("LRScheduler.DEFER_INIT");

/**
 * Base class of all schedulers (`torch.optim.lr_scheduler.LRScheduler`). Construction sets
 * `initial_lr` on every group (when `last_epoch === -1`) and performs the initial `step()`, so
 * afterwards `lr = base_lr * factor(0)`. Call `step()` after each `optimizer.step()`.
 *
 * @example
 * class HalveLR extends LRScheduler {
 *   override get_lr() { return this.base_lrs.map((lr) => lr * 0.5 ** this.last_epoch); }
 * }
 * const opt = { param_groups: [{ lr: 0.1 }] };
 * const s = new HalveLR(opt); // opt.param_groups[0].lr === 0.1
 * s.step();                   // opt.param_groups[0].lr === 0.05; s.get_last_lr() → [0.05]
 */
export class LRScheduler {
  /** Pass as the third constructor argument to postpone init; then call `this._init(last_epoch)`. */
  static readonly DEFER_INIT: typeof DEFER = DEFER;
  optimizer: OptimizerLike;
  base_lrs: number[] = [];
  last_epoch = -1;
  _step_count = 0;
  _last_lr: number[] = [];
  _get_lr_called_within_step = false;
  _is_initial = false;
  /** Closed form used by `step(epoch)` (deprecated in PyTorch) where a scheduler defines one. */
  _get_closed_form_lr?(): number[];

  constructor(optimizer: OptimizerLike, last_epoch = -1, defer?: typeof DEFER) {
    this.optimizer = checkOptimizer(optimizer);
    if (defer !== DEFER) this._init(last_epoch);
  }

  /** Sets `initial_lr`/`base_lrs`/`last_epoch` and performs the initial step (PyTorch's `__init__` body). */
  _init(last_epoch: number): void {
    const groups = this.optimizer.param_groups;
    groups.forEach((g, i) => {
      if (last_epoch === -1) g.initial_lr ??= g.lr;
      else if (g.initial_lr === undefined) {
        throw new KeyError(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
      }
    });
    this.base_lrs = groups.map((g) => g.initial_lr as number);
    this.last_epoch = last_epoch;
    this._initial_step();
  }

  _initial_step(): void {
    this._step_count = 0;
    this._is_initial = true;
    try { this.step(); } finally { this._is_initial = false; }
  }

  /** Learning rates set by the last `step()`, one per param group. */
  get_last_lr(): number[] { return [...this._last_lr]; }

  /** Chainable-form learning rates for the current `last_epoch`; implemented by each scheduler. */
  get_lr(): number[] { throw new NotImplementedError(`${this.constructor.name}.get_lr() is not implemented`); }

  /** Advance one step (`epoch` is PyTorch's deprecated explicit epoch: uses the closed form). */
  step(epoch?: number): void {
    this._step_count += 1;
    if (epoch != null) warn(EPOCH_DEPRECATION_WARNING);
    this._update_lr(epoch);
  }

  _update_lr(epoch?: number): void {
    let values: number[];
    this._get_lr_called_within_step = true;
    try {
      if (epoch == null) {
        this.last_epoch += 1;
        values = this.get_lr();
      } else {
        this.last_epoch = epoch;
        values = this._get_closed_form_lr ? this._get_closed_form_lr() : this.get_lr();
      }
    } finally { this._get_lr_called_within_step = false; }
    this.optimizer.param_groups.forEach((g, i) => { if (i < values.length) g.lr = values[i]!; });
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }

  protected _warn_get_lr(): void { if (!this._get_lr_called_within_step) warn(GET_LR_WARNING); }

  /** Every own field except the optimizer; functions become `null`, child schedulers nest. */
  state_dict(): SchedulerStateDict {
    const out: SchedulerStateDict = {};
    for (const [k, v] of Object.entries(this)) {
      if (k === "_schedulers") out[k] = (v as LRScheduler[]).map((s) => s.state_dict());
      else if (k === "lr_lambdas") out[k] = (v as unknown[]).map(() => null);
      else if (k === "_scale_fn_custom") out[k] = null;
      else if (k !== "optimizer" && typeof v !== "function") out[k] = structuredClone(v);
    }
    return out;
  }

  /** Restore a `state_dict()`; saved `null` functions keep this scheduler's own functions. */
  load_state_dict(state_dict: SchedulerStateDict): void {
    const self = this as unknown as Kwargs;
    for (const [k, v] of Object.entries(state_dict)) {
      if (k === "_schedulers") (v as SchedulerStateDict[]).forEach((s, i) => (self[k] as LRScheduler[])[i]!.load_state_dict(s));
      else if (k !== "lr_lambdas" && k !== "_scale_fn_custom" && k !== "optimizer") self[k] = structuredClone(v);
    }
  }
}

/** Backwards-compatible alias of {@link LRScheduler} (PyTorch's `_LRScheduler`). */
export class _LRScheduler extends LRScheduler {}

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

export interface CosineAnnealingLROptions { T_max?: number; eta_min?: number; last_epoch?: number }
/**
 * Cosine annealing from the initial lr to `eta_min` over `T_max` steps (PyTorch's recursive form,
 * equal to the closed form when only this scheduler sets lr; it keeps oscillating after `T_max`).
 * @example
 * const s = new CosineAnnealingLR(opt, { T_max: 10 }); // 0.1, 0.09755, 0.09045, … 0 at step 10
 */
export class CosineAnnealingLR extends LRScheduler {
  T_max: number;
  eta_min: number;
  constructor(optimizer: OptimizerLike, T_max: number | CosineAnnealingLROptions, eta_min?: number | CosineAnnealingLROptions, last_epoch?: number | CosineAnnealingLROptions) {
    super(optimizer, -1, DEFER);
    const a = _bind_args("CosineAnnealingLR", ["T_max", "eta_min", "last_epoch"], [T_max, eta_min, last_epoch]);
    this.T_max = num(a, "CosineAnnealingLR", "T_max");
    this.eta_min = num(a, "CosineAnnealingLR", "eta_min", 0.0);
    this._init(num(a, "CosineAnnealingLR", "last_epoch", -1));
  }
  override get_lr(): number[] {
    this._warn_get_lr();
    const { T_max, eta_min, last_epoch: e } = this;
    const groups = this.optimizer.param_groups;
    if (this._is_initial) return groups.map((g) => g.lr);
    if (this._step_count === 1 && e > 0) {
      return this.base_lrs.map((b) => eta_min + ((b - eta_min) * (1 + Math.cos((e * Math.PI) / T_max))) / 2);
    }
    if ((e - 1 - T_max) % (2 * T_max) === 0) {
      return groups.map((g, i) => g.lr + ((this.base_lrs[i]! - eta_min) * (1 - Math.cos(Math.PI / T_max))) / 2);
    }
    return groups.map((g) =>
      ((1 + Math.cos((Math.PI * e) / T_max)) / (1 + Math.cos((Math.PI * (e - 1)) / T_max))) * (g.lr - eta_min) + eta_min);
  }
  override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => this.eta_min + ((b - this.eta_min) * (1 + Math.cos((Math.PI * this.last_epoch) / this.T_max))) / 2);
  }
}

export interface CosineAnnealingWarmRestartsOptions { T_0?: number; T_mult?: number; eta_min?: number; last_epoch?: number }
/**
 * SGDR: cosine annealing restarting after `T_0` steps, the period growing by `T_mult` each restart.
 * @example
 * const s = new CosineAnnealingWarmRestarts(opt, 3, { T_mult: 2 }); // periods of 3, 6, 12, … steps
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  T_0: number;
  T_i: number;
  T_mult: number;
  eta_min: number;
  T_cur: number;
  constructor(optimizer: OptimizerLike, T_0: number | CosineAnnealingWarmRestartsOptions, T_mult?: number | CosineAnnealingWarmRestartsOptions,
    eta_min?: number | CosineAnnealingWarmRestartsOptions, last_epoch?: number | CosineAnnealingWarmRestartsOptions) {
    super(optimizer, -1, DEFER);
    const fn = "CosineAnnealingWarmRestarts";
    const a = _bind_args(fn, ["T_0", "T_mult", "eta_min", "last_epoch"], [T_0, T_mult, eta_min, last_epoch]);
    this.T_0 = this.T_i = num(a, fn, "T_0");
    if (this.T_0 <= 0 || !Number.isInteger(this.T_0)) throw new ValueError(`Expected positive integer T_0, but got ${this.T_0}`);
    this.T_mult = num(a, fn, "T_mult", 1);
    if (this.T_mult < 1 || !Number.isInteger(this.T_mult)) throw new ValueError(`Expected integer T_mult >= 1, but got ${this.T_mult}`);
    this.eta_min = num(a, fn, "eta_min", 0.0);
    const le = num(a, fn, "last_epoch", -1);
    this.T_cur = le;
    this._init(le);
  }
  override get_lr(): number[] {
    this._warn_get_lr();
    return this.base_lrs.map((b) => this.eta_min + ((b - this.eta_min) * (1 + Math.cos((Math.PI * this.T_cur) / this.T_i))) / 2);
  }
  /** Advance one step, or jump to a (possibly fractional) `epoch` as PyTorch allows here. */
  override step(epoch?: number): void {
    if (epoch == null && this.last_epoch < 0) epoch = 0;
    if (epoch == null) {
      epoch = this.last_epoch + 1;
      this.T_cur += 1;
      if (this.T_cur >= this.T_i) { this.T_cur %= this.T_i; this.T_i *= this.T_mult; }
    } else {
      if (epoch < 0) throw new ValueError(`Expected non-negative epoch, but got ${epoch}`);
      if (epoch >= this.T_0) {
        if (this.T_mult === 1) this.T_cur = epoch % this.T_0;
        else {
          const n = Math.trunc(Math.log((epoch / this.T_0) * (this.T_mult - 1) + 1) / Math.log(this.T_mult));
          this.T_cur = epoch - (this.T_0 * (this.T_mult ** n - 1)) / (this.T_mult - 1);
          this.T_i = this.T_0 * this.T_mult ** n;
        }
      } else { this.T_i = this.T_0; this.T_cur = epoch; }
    }
    this.last_epoch = Math.floor(epoch);
    this._get_lr_called_within_step = true;
    try {
      const lrs = this.get_lr();
      this.optimizer.param_groups.forEach((g, i) => { g.lr = lrs[i]!; });
    } finally { this._get_lr_called_within_step = false; }
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }
}

export interface SequentialLROptions { schedulers?: LRScheduler[]; milestones?: number[]; last_epoch?: number }
function checkChildren(fn: string, schedulers: unknown, optimizer: OptimizerLike | undefined): LRScheduler[] {
  if (!Array.isArray(schedulers) || schedulers.length < 1) throw new ValueError(`${fn} expects at least one scheduler, but got no scheduler.`);
  const opt = optimizer ?? (schedulers[0] as LRScheduler).optimizer;
  schedulers.forEach((s: unknown, i) => {
    if (!(s instanceof LRScheduler)) throw new TypeError(`${fn} at index ${i} should have \`optimizer\` as its attribute.`);
    if (s instanceof ReduceLROnPlateau) {
      throw new ValueError(`${fn} does not support \`ReduceLROnPlateau\` scheduler as it requires additional kwargs to be specified when calling \`step\`, but got one at index ${i} in the given schedulers sequence.`);
    }
    if (s.optimizer !== opt) throw new ValueError(`${fn} expects all schedulers to belong to the same optimizer, but got scheduler ${s.constructor.name} at index ${i} with a different optimizer.`);
  });
  return schedulers as LRScheduler[];
}
function undo(s: LRScheduler): void {
  if (s instanceof SequentialLR || s instanceof ChainedScheduler) s._schedulers.forEach(undo);
  else s.last_epoch -= 1;
}

/**
 * Runs `schedulers` one after another, switching at each milestone.
 * @example
 * const s = new SequentialLR(opt, [new ConstantLR(opt, { factor: 0.1, total_iters: 2 }), new ExponentialLR(opt, 0.9)], [2]);
 * // lr (initial 1): 0.1, 0.1, 0.9, 0.81, 0.729, …
 */
export class SequentialLR extends LRScheduler {
  _schedulers: LRScheduler[];
  _milestones: number[];
  constructor(optimizer: OptimizerLike, schedulers: LRScheduler[] | SequentialLROptions, milestones?: number[] | SequentialLROptions, last_epoch?: number | SequentialLROptions) {
    super(optimizer, -1, DEFER);
    const a = _bind_args("SequentialLR", ["schedulers", "milestones", "last_epoch"], [schedulers, milestones, last_epoch]);
    this._schedulers = checkChildren("SequentialLR", a["schedulers"], optimizer);
    this._milestones = arg<number[]>(a, "SequentialLR", "milestones", "an array of numbers", (v) => Array.isArray(v) && v.every(isNum));
    if (this._milestones.length !== this._schedulers.length - 1) {
      throw new ValueError(`Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${this._schedulers.length} and the number of milestones to be equal to ${this._milestones.length}`);
    }
    this.last_epoch = num(a, "SequentialLR", "last_epoch", -1) + 1;
    for (const g of this.optimizer.param_groups) g.lr = g.initial_lr as number;
    undo(this);
    this._schedulers[0]!._initial_step();
    this._last_lr = this._schedulers[0]!.get_last_lr();
  }
  override step(): void {
    this.last_epoch += 1;
    const idx = this._milestones.filter((m) => m <= this.last_epoch).length; // bisect_right
    const s = this._schedulers[idx]!;
    if (idx > 0 && this._milestones[idx - 1] === this.last_epoch) s._update_lr(0);
    else s.step();
    this._last_lr = s.get_last_lr();
  }
}

/**
 * Steps every scheduler in `schedulers` on each `step()`, so their factors multiply.
 * @example
 * const s = new ChainedScheduler([new ConstantLR(opt, { factor: 0.1, total_iters: 2 }), new ExponentialLR(opt, 0.9)]);
 */
export class ChainedScheduler extends LRScheduler {
  _schedulers: LRScheduler[];
  constructor(schedulers: LRScheduler[], optimizer?: OptimizerLike) {
    const checked = checkChildren("ChainedScheduler", schedulers, optimizer);
    super(optimizer ?? checked[0]!.optimizer, -1, DEFER);
    this._schedulers = [...checked];
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }
  override step(): void {
    for (const s of this._schedulers) s.step();
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }
}

export interface ReduceLROnPlateauOptions {
  mode?: "min" | "max"; factor?: number; patience?: number; threshold?: number;
  threshold_mode?: "rel" | "abs"; cooldown?: number; min_lr?: number | number[]; eps?: number;
}
/**
 * Reduces lr by `factor` once `metric` has not improved for more than `patience` steps.
 * `state_dict()` holds `Infinity` in `best`; after a JSON round trip (`null`) it is restored.
 * @example
 * const s = new ReduceLROnPlateau(opt, "min", { patience: 2, factor: 0.5 });
 * for (const loss of [1, 1, 1, 1]) s.step(loss); // lr 0.1 → 0.05 on the 4th step
 */
export class ReduceLROnPlateau extends LRScheduler {
  factor: number;
  default_min_lr: number | null;
  min_lrs: number[];
  patience: number;
  cooldown: number;
  eps: number;
  cooldown_counter = 0;
  num_bad_epochs = 0;
  mode: string = "min";
  threshold = 1e-4;
  threshold_mode: string = "rel";
  mode_worse: number = Infinity;
  best: number = Infinity;
  constructor(optimizer: OptimizerLike, mode?: "min" | "max" | ReduceLROnPlateauOptions, options?: ReduceLROnPlateauOptions) {
    super(optimizer, -1, DEFER);
    const fn = "ReduceLROnPlateau";
    const a = _bind_args(fn, ["mode", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lr", "eps"], [mode, options]);
    this.factor = num(a, fn, "factor", 0.1);
    if (this.factor >= 1.0) throw new ValueError("Factor should be < 1.0.");
    const min_lr = nums(a, fn, "min_lr", 0);
    const n = this.optimizer.param_groups.length;
    if (Array.isArray(min_lr) && min_lr.length !== n) throw new ValueError(`expected ${n} min_lrs, got ${min_lr.length}`);
    this.default_min_lr = Array.isArray(min_lr) ? null : min_lr;
    this.min_lrs = formatParam("min_lr", this.optimizer, min_lr);
    this.patience = num(a, fn, "patience", 10);
    this.cooldown = num(a, fn, "cooldown", 0);
    this.eps = num(a, fn, "eps", 1e-8);
    this.last_epoch = 0;
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
    this._init_is_better(str(a, fn, "mode", "min"), num(a, fn, "threshold", 1e-4), str(a, fn, "threshold_mode", "rel"));
    this._reset();
  }
  _reset(): void { this.best = this.mode_worse; this.cooldown_counter = 0; this.num_bad_epochs = 0; }
  get in_cooldown(): boolean { return this.cooldown_counter > 0; }
  /** Record `metrics` (a number, or a tensor with `item()`) and reduce lr if it has plateaued. */
  override step(metrics?: Metric, epoch?: number): void {
    if (metrics === undefined) throw new TypeError("ReduceLROnPlateau.step() missing 1 required argument: 'metrics'");
    const current = typeof metrics === "number" ? metrics : metrics.item();
    if (epoch == null) epoch = this.last_epoch + 1;
    else warn(EPOCH_DEPRECATION_WARNING);
    this.last_epoch = epoch;
    if (this._is_better(current, this.best)) { this.best = current; this.num_bad_epochs = 0; } else this.num_bad_epochs += 1;
    if (this.in_cooldown) { this.cooldown_counter -= 1; this.num_bad_epochs = 0; }
    if (this.num_bad_epochs > this.patience) { this._reduce_lr(); this.cooldown_counter = this.cooldown; this.num_bad_epochs = 0; }
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }
  _reduce_lr(): void {
    const groups = this.optimizer.param_groups;
    if (groups.length !== this.min_lrs.length) {
      if (this.default_min_lr === null) {
        throw new Error(`The number of param groups in the \`optimizer\` (${groups.length}) differs from when \`ReduceLROnPlateau\` was initialized (${this.min_lrs.length}), usually due to a new param group being added to the optimizer. Please modify the \`min_lrs\` field to match the length of the \`optimizer\` param groups.`);
      }
      this.min_lrs = new Array<number>(groups.length).fill(this.default_min_lr);
    }
    groups.forEach((g, i) => {
      const new_lr = Math.max(g.lr * this.factor, this.min_lrs[i]!);
      if (g.lr - new_lr > this.eps) g.lr = new_lr;
    });
  }
  _is_better(a: number, best: number): boolean {
    if (this.mode === "min" && this.threshold_mode === "rel") return a < best * (1.0 - this.threshold);
    if (this.mode === "min") return a < best - this.threshold;
    if (this.threshold_mode === "rel") return a > best * (this.threshold + 1.0);
    return a > best + this.threshold;
  }
  _init_is_better(mode: string, threshold: number, threshold_mode: string): void {
    if (mode !== "min" && mode !== "max") throw new ValueError(`mode ${mode} is unknown!`);
    if (threshold_mode !== "rel" && threshold_mode !== "abs") throw new ValueError(`threshold mode ${threshold_mode} is unknown!`);
    this.mode_worse = mode === "min" ? Infinity : -Infinity;
    this.mode = mode;
    this.threshold = threshold;
    this.threshold_mode = threshold_mode;
  }
  override load_state_dict(state_dict: SchedulerStateDict): void {
    super.load_state_dict(state_dict);
    this._init_is_better(this.mode, this.threshold, this.threshold_mode);
    if ((this.best as number | null) === null) this.best = this.mode_worse; // ±Infinity became null in JSON
  }
}

export interface CyclicLROptions {
  base_lr?: number | number[]; max_lr?: number | number[]; step_size_up?: number; step_size_down?: number | null;
  mode?: "triangular" | "triangular2" | "exp_range"; gamma?: number; scale_fn?: ((x: number) => number) | null;
  scale_mode?: "cycle" | "iterations"; cycle_momentum?: boolean; base_momentum?: number | number[];
  max_momentum?: number | number[]; last_epoch?: number;
}
const CYCLIC_ARGS = ["base_lr", "max_lr", "step_size_up", "step_size_down", "mode", "gamma", "scale_fn", "scale_mode",
  "cycle_momentum", "base_momentum", "max_momentum", "last_epoch"] as const;
/**
 * Cyclical learning rate (CLR): lr cycles between `base_lr` and `max_lr`; with `cycle_momentum`
 * (default true) momentum — or `betas[0]` for Adam-like groups — cycles inversely.
 * @example
 * const opt = { param_groups: [{ lr: 0.1, momentum: 0.9 }] };
 * const s = new CyclicLR(opt, 0.01, 0.1, { step_size_up: 4 }); // lr 0.01, 0.0325, 0.055, 0.0775, 0.1, 0.0775, …
 */
export class CyclicLR extends LRScheduler {
  max_lrs: number[];
  total_size: number;
  step_ratio: number;
  mode: string;
  gamma: number;
  scale_mode: string;
  _scale_fn_custom: ((x: number) => number) | null;
  _scale_fn_ref: (x: number) => number = () => 1.0;
  cycle_momentum: boolean;
  use_beta1 = false;
  base_momentums: number[] = [];
  max_momentums: number[] = [];
  constructor(optimizer: OptimizerLike, base_lr: number | number[] | CyclicLROptions, max_lr?: number | number[] | CyclicLROptions, options?: CyclicLROptions) {
    super(optimizer, -1, DEFER);
    const fn = "CyclicLR";
    const a = _bind_args(fn, CYCLIC_ARGS, [base_lr, max_lr, options]);
    const last_epoch = num(a, fn, "last_epoch", -1);
    const base_lrs = formatParam("base_lr", this.optimizer, nums(a, fn, "base_lr"));
    if (last_epoch === -1) this.optimizer.param_groups.forEach((g, i) => { g.lr = base_lrs[i]!; });
    this.max_lrs = formatParam("max_lr", this.optimizer, nums(a, fn, "max_lr"));
    const up = num(a, fn, "step_size_up", 2000);
    const down = optNum(a, fn, "step_size_down") ?? up;
    this.total_size = up + down;
    this.step_ratio = up / this.total_size;
    this.mode = str(a, fn, "mode", "triangular");
    this._scale_fn_custom = arg<((x: number) => number) | null>(a, fn, "scale_fn", "a function", (v) => v === null || typeof v === "function", null);
    if (!["triangular", "triangular2", "exp_range"].includes(this.mode) && this._scale_fn_custom === null) {
      throw new ValueError("mode is invalid and scale_fn is None");
    }
    this.gamma = num(a, fn, "gamma", 1.0);
    this.scale_mode = str(a, fn, "scale_mode", "cycle");
    this._init_scale_fn();
    this.cycle_momentum = bool(a, fn, "cycle_momentum", true);
    if (this.cycle_momentum) {
      if (!supports(this.optimizer, "momentum") && !supports(this.optimizer, "betas")) {
        throw new ValueError("optimizer must support momentum or beta1 with `cycle_momentum` option enabled");
      }
      this.use_beta1 = supports(this.optimizer, "betas");
      this.base_momentums = formatParam("base_momentum", this.optimizer, nums(a, fn, "base_momentum", 0.8));
      this.max_momentums = formatParam("max_momentum", this.optimizer, nums(a, fn, "max_momentum", 0.9));
      if (last_epoch === -1) {
        this.optimizer.param_groups.forEach((g, i) => {
          if (this.use_beta1) setBeta1(g, this.max_momentums[i]!);
          else g["momentum"] = this.max_momentums[i]!;
          g["max_momentum"] = this.max_momentums[i]!;
          g["base_momentum"] = this.base_momentums[i]!;
        });
      }
    }
    this._init(last_epoch);
    this.base_lrs = base_lrs; // after the initial step, as PyTorch does
  }
  _init_scale_fn(): void {
    if (this._scale_fn_custom !== null) return;
    if (this.mode === "triangular") { this._scale_fn_ref = () => 1.0; this.scale_mode = "cycle"; }
    else if (this.mode === "triangular2") { this._scale_fn_ref = (x) => 1 / 2.0 ** (x - 1); this.scale_mode = "cycle"; }
    else if (this.mode === "exp_range") { const g = this.gamma; this._scale_fn_ref = (x) => g ** x; this.scale_mode = "iterations"; }
  }
  scale_fn(x: number): number { return this._scale_fn_custom !== null ? this._scale_fn_custom(x) : this._scale_fn_ref(x); }
  /** Also sets each group's momentum (or `betas[0]`) when `cycle_momentum`, as PyTorch does. */
  override get_lr(): number[] {
    this._warn_get_lr();
    const cycle = Math.floor(1 + this.last_epoch / this.total_size);
    const x = 1.0 + this.last_epoch / this.total_size - cycle;
    const sf = x <= this.step_ratio ? x / this.step_ratio : (x - 1) / (this.step_ratio - 1);
    const scale = this.scale_fn(this.scale_mode === "cycle" ? cycle : this.last_epoch);
    const lrs = this.base_lrs.map((b, i) => b + (this.max_lrs[i]! - b) * sf * scale);
    if (this.cycle_momentum) {
      this.optimizer.param_groups.forEach((g, i) => {
        const mx = this.max_momentums[i]!;
        const m = mx - (mx - this.base_momentums[i]!) * sf * scale;
        if (this.use_beta1) setBeta1(g, m);
        else g["momentum"] = m;
      });
    }
    return lrs;
  }
  override load_state_dict(state_dict: SchedulerStateDict): void {
    super.load_state_dict(state_dict);
    this._init_scale_fn();
  }
}

export interface OneCycleLROptions {
  max_lr?: number | number[]; total_steps?: number | null; epochs?: number | null; steps_per_epoch?: number | null;
  pct_start?: number; anneal_strategy?: "cos" | "linear"; cycle_momentum?: boolean; base_momentum?: number | number[];
  max_momentum?: number | number[]; div_factor?: number; final_div_factor?: number; three_phase?: boolean; last_epoch?: number;
}
interface SchedulePhase { end_step: number; start_lr: string; end_lr: string; start_momentum: string; end_momentum: string }
const ONE_CYCLE_ARGS = ["max_lr", "total_steps", "epochs", "steps_per_epoch", "pct_start", "anneal_strategy", "cycle_momentum",
  "base_momentum", "max_momentum", "div_factor", "final_div_factor", "three_phase", "last_epoch"] as const;
const phase = (end_step: number, start_lr: string, end_lr: string, start_momentum: string, end_momentum: string): SchedulePhase =>
  ({ end_step, start_lr, end_lr, start_momentum, end_momentum });
/**
 * 1cycle policy: lr rises from `max_lr / div_factor` to `max_lr` over `pct_start` of `total_steps`,
 * then anneals to `initial_lr / final_div_factor`; momentum (or `betas[0]`) moves inversely.
 * Stores `initial_lr`, `max_lr`, `min_lr` (and `max_momentum`, `base_momentum`) on each group.
 * @example
 * const opt = { param_groups: [{ lr: 0.1, momentum: 0.9 }] };
 * const s = new OneCycleLR(opt, 0.1, { total_steps: 20 }); // lr 0.004, 0.01317, … 0.1 at step 5, … 4e-7
 */
export class OneCycleLR extends LRScheduler {
  total_steps: number;
  _schedule_phases: SchedulePhase[];
  _anneal_func_type: string;
  cycle_momentum: boolean;
  use_beta1 = false;
  constructor(optimizer: OptimizerLike, max_lr: number | number[] | OneCycleLROptions, total_steps?: number | OneCycleLROptions, options?: OneCycleLROptions) {
    super(optimizer, -1, DEFER);
    const fn = "OneCycleLR";
    const a = _bind_args(fn, ONE_CYCLE_ARGS, [max_lr, total_steps, options]);
    const ts = optNum(a, fn, "total_steps"), epochs = optNum(a, fn, "epochs"), spe = optNum(a, fn, "steps_per_epoch");
    const posInt = (v: number): boolean => Number.isInteger(v) && v > 0;
    if (ts !== null) {
      if (!posInt(ts)) throw new ValueError(`Expected positive integer total_steps, but got ${ts}`);
      this.total_steps = ts;
    } else if (epochs !== null && spe !== null) {
      if (!posInt(epochs)) throw new ValueError(`Expected positive integer epochs, but got ${epochs}`);
      if (!posInt(spe)) throw new ValueError(`Expected positive integer steps_per_epoch, but got ${spe}`);
      this.total_steps = epochs * spe;
    } else throw new ValueError("You must define either total_steps OR (epochs AND steps_per_epoch)");
    const pct = num(a, fn, "pct_start", 0.3);
    const T = this.total_steps;
    this._schedule_phases = bool(a, fn, "three_phase", false)
      ? [phase(pct * T - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
        phase(2 * pct * T - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
        phase(T - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum")]
      : [phase(pct * T - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
        phase(T - 1, "max_lr", "min_lr", "base_momentum", "max_momentum")];
    if (pct < 0 || pct > 1) throw new ValueError(`Expected float between 0 and 1 pct_start, but got ${pct}`);
    this._anneal_func_type = str(a, fn, "anneal_strategy", "cos");
    if (this._anneal_func_type !== "cos" && this._anneal_func_type !== "linear") {
      throw new ValueError(`anneal_strategy must be one of 'cos' or 'linear', instead got ${this._anneal_func_type}`);
    }
    const max_lrs = formatParam("max_lr", this.optimizer, nums(a, fn, "max_lr"));
    const last_epoch = num(a, fn, "last_epoch", -1);
    const div = num(a, fn, "div_factor", 25.0), final_div = num(a, fn, "final_div_factor", 1e4);
    if (last_epoch === -1) {
      this.optimizer.param_groups.forEach((g, i) => {
        g.initial_lr = max_lrs[i]! / div;
        g["max_lr"] = max_lrs[i]!;
        g["min_lr"] = g.initial_lr / final_div;
      });
    }
    this.cycle_momentum = bool(a, fn, "cycle_momentum", true);
    if (this.cycle_momentum) {
      if (!supports(this.optimizer, "momentum") && !supports(this.optimizer, "betas")) {
        throw new ValueError("optimizer must support momentum or beta1 with `cycle_momentum` option enabled");
      }
      this.use_beta1 = supports(this.optimizer, "betas");
      const max_m = formatParam("max_momentum", this.optimizer, nums(a, fn, "max_momentum", 0.95));
      const base_m = formatParam("base_momentum", this.optimizer, nums(a, fn, "base_momentum", 0.85));
      if (last_epoch === -1) {
        this.optimizer.param_groups.forEach((g, i) => {
          if (this.use_beta1) setBeta1(g, max_m[i]!);
          else g["momentum"] = max_m[i]!;
          g["max_momentum"] = max_m[i]!;
          g["base_momentum"] = base_m[i]!;
        });
      }
    }
    this._init(last_epoch);
  }
  _anneal_func(start: number, end: number, pct: number): number {
    if (this._anneal_func_type === "cos") return end + ((start - end) / 2.0) * (Math.cos(Math.PI * pct) + 1);
    return (end - start) * pct + start;
  }
  /** Also sets each group's momentum (or `betas[0]`) when `cycle_momentum`, as PyTorch does. */
  override get_lr(): number[] {
    this._warn_get_lr();
    const step_num = this.last_epoch;
    if (step_num > this.total_steps) {
      throw new ValueError(`Tried to step ${step_num} times. The specified number of total steps is ${this.total_steps}`);
    }
    const phases = this._schedule_phases;
    return this.optimizer.param_groups.map((g) => {
      let start = 0;
      for (let i = 0; i < phases.length; i++) {
        const p = phases[i]!;
        if (step_num <= p.end_step || i === phases.length - 1) {
          const pct = (step_num - start) / (p.end_step - start);
          if (this.cycle_momentum) {
            const m = this._anneal_func(groupNum(g, p.start_momentum), groupNum(g, p.end_momentum), pct);
            if (this.use_beta1) setBeta1(g, m);
            else g["momentum"] = m;
          }
          return this._anneal_func(groupNum(g, p.start_lr), groupNum(g, p.end_lr), pct);
        }
        start = p.end_step;
      }
      throw new Error("unreachable: OneCycleLR has no phases");
    });
  }
}
