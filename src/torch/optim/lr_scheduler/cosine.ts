// Cosine annealing: CosineAnnealingLR and CosineAnnealingWarmRestarts (SGDR).
// Module overview: ../lr_scheduler.ts.
import { ValueError } from "../../../utils/errors.js";
import { _bind_args, num } from "./args.js";
import { DEFER, LRScheduler, type OptimizerLike } from "./base.js";

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
