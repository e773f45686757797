// Cyclical schedules that also cycle momentum (or `betas[0]`): CyclicLR and OneCycleLR.
// Module overview: ../lr_scheduler.ts.
import { KeyError, ValueError } from "../../../utils/errors.js";
import { _bind_args, arg, bool, formatParam, kind, num, nums, optNum, str } from "./args.js";
import { DEFER, LRScheduler, type OptimizerLike, type ParamGroupLike, type SchedulerStateDict } from "./base.js";

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
