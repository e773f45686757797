// ReduceLROnPlateau: metric-driven lr reduction (its `step` takes the metric, not an epoch).
// Module overview: ../lr_scheduler.ts.
import { ValueError } from "../../../utils/errors.js";
import { _bind_args, formatParam, num, nums, str } from "./args.js";
import { DEFER, EPOCH_DEPRECATION_WARNING, LRScheduler, warn, type OptimizerLike, type SchedulerStateDict } from "./base.js";

type Metric = number | { item(): number };

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
