// Schedulers built from other schedulers: SequentialLR and ChainedScheduler.
// Module overview: ../lr_scheduler.ts.
import { ValueError } from "../../../utils/errors.js";
import { _bind_args, arg, isNum, num } from "./args.js";
import { DEFER, LRScheduler, type OptimizerLike } from "./base.js";
import { ReduceLROnPlateau } from "./plateau.js";

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
