// The scheduler base class (`LRScheduler`, `_LRScheduler`), the types schedulers share, the
// PyTorch-style warnings and `state_dict()` / `load_state_dict()`. Module overview: ../lr_scheduler.ts.
import { KeyError, NotImplementedError } from "../../../utils/errors.js";
import { kind, type Kwargs } from "./args.js";

/** One optimizer param group as schedulers see it (the lead's `Optimizer` groups satisfy this). */
export interface ParamGroupLike { lr: number; initial_lr?: number; [key: string]: unknown }
/** What a scheduler needs of an optimizer: `param_groups`, and `defaults` where PyTorch reads it. */
export interface OptimizerLike { param_groups: ParamGroupLike[]; defaults?: { [key: string]: unknown } }
/** A scheduler's state: plain data only (PyTorch's `__dict__` minus the optimizer). */
export type SchedulerStateDict = { [key: string]: unknown };
/** Multiplicative factor as a function of the epoch (step) index. */
export type LRLambda = (epoch: number) => number;

export const EPOCH_DEPRECATION_WARNING =
  "The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. " +
  "Please use `scheduler.step()` to step the scheduler. During the deprecation, if epoch is different " +
  "from None, the closed form is used instead of the new chainable form, where available.";
const GET_LR_WARNING = "To get the last learning rate computed by the scheduler, please use `get_last_lr()`.";
const warned = new Set<string>();
/** @internal Emit a PyTorch-style `UserWarning` once per message. */
export function warn(msg: string): void {
  if (!warned.has(msg)) { warned.add(msg); process.emitWarning(msg, "UserWarning"); }
}

function checkOptimizer(optimizer: unknown): OptimizerLike {
  const groups = (optimizer as { param_groups?: unknown } | null)?.param_groups;
  if (!Array.isArray(groups)) throw new TypeError(`${kind(optimizer)} is not an Optimizer (expected an object with param_groups)`);
  return optimizer as OptimizerLike;
}
/** @internal The `LRScheduler.DEFER_INIT` token built-in schedulers pass to `super()`. */
export const DEFER: unique symbol = Symbol("LRScheduler.DEFER_INIT");

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
