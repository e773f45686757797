// Mirrors transformers/src/transformers/optimization.py (the schedule functions and get_scheduler)
// and `SchedulerType` from trainer_utils.py. Every schedule is a LambdaLR over HF's lr lambdas, so
// lr used by the k-th optimizer step = base lr × lambda(k). Differences from Python: keyword
// arguments go in one trailing options object (any positional slot may be that object), and where HF
// reads `optimizer.defaults["lr"]` an optimizer without `defaults` falls back to its first group's
// `initial_lr ?? lr`. Adafactor/AdafactorSchedule and the layer-wise dummy optimizer are not ported.
import {
  LambdaLR, ReduceLROnPlateau, _bind_args, _did_you_mean,
  type LRLambda, type OptimizerLike, type ReduceLROnPlateauOptions,
} from "../torch/optim/lr_scheduler.js";
import { ValueError } from "../utils/errors.js";

/**
 * Scheduler names accepted by {@link get_scheduler} and `TrainingArguments.lr_scheduler_type`.
 * @example
 * get_scheduler(SchedulerType.COSINE, { optimizer, num_warmup_steps: 5, num_training_steps: 20 });
 */
export const SchedulerType = {
  LINEAR: "linear",
  COSINE: "cosine",
  COSINE_WITH_RESTARTS: "cosine_with_restarts",
  POLYNOMIAL: "polynomial",
  CONSTANT: "constant",
  CONSTANT_WITH_WARMUP: "constant_with_warmup",
  INVERSE_SQRT: "inverse_sqrt",
  REDUCE_ON_PLATEAU: "reduce_lr_on_plateau",
  COSINE_WITH_MIN_LR: "cosine_with_min_lr",
  COSINE_WARMUP_WITH_MIN_LR: "cosine_warmup_with_min_lr",
  WARMUP_STABLE_DECAY: "warmup_stable_decay",
} as const;
export type SchedulerType = (typeof SchedulerType)[keyof typeof SchedulerType];
const SCHEDULER_NAMES: readonly string[] = Object.values(SchedulerType);

type Kwargs = { [key: string]: unknown };
function need(a: Kwargs, fn: string, name: string, dflt?: number): number {
  const v = a[name] ?? dflt;
  if (v === undefined) throw new TypeError(`${fn}() missing 1 required argument: '${name}'`);
  if (typeof v !== "number") throw new TypeError(`${fn}(): '${name}' must be a number, got ${v === null ? "null" : typeof v}`);
  return v;
}
const maybe = (a: Kwargs, fn: string, name: string): number | null => (a[name] == null ? null : need(a, fn, name));
const lambdaLR = (optimizer: OptimizerLike, f: LRLambda, last_epoch: number): LambdaLR => new LambdaLR(optimizer, f, { last_epoch });
const warmup = (step: number, num_warmup_steps: number): number => step / Math.max(1, num_warmup_steps);
function defaultLr(optimizer: OptimizerLike): number {
  const lr = optimizer.defaults?.["lr"] ?? optimizer.param_groups[0]?.initial_lr ?? optimizer.param_groups[0]?.lr;
  if (typeof lr !== "number") throw new ValueError("optimizer has no default lr (optimizer.defaults.lr or param_groups[0].lr)");
  return lr;
}

/**
 * Constant learning rate (the optimizer's lr).
 * @example
 * const s = get_constant_schedule(optimizer); // lr stays 5e-5
 */
export function get_constant_schedule(optimizer: OptimizerLike, last_epoch: number | { last_epoch?: number } = -1): LambdaLR {
  const a = _bind_args("get_constant_schedule", ["last_epoch"], [last_epoch]);
  return lambdaLR(optimizer, () => 1, need(a, "get_constant_schedule", "last_epoch", -1));
}

/**
 * `ReduceLROnPlateau(optimizer, kwargs)`: lr drops when the metric passed to `step(metric)` stalls.
 * @example
 * const s = get_reduce_on_plateau_schedule(optimizer, { patience: 2 });
 */
export function get_reduce_on_plateau_schedule(optimizer: OptimizerLike, kwargs: ReduceLROnPlateauOptions = {}): ReduceLROnPlateau {
  return new ReduceLROnPlateau(optimizer, kwargs);
}

export interface ConstantWithWarmupKwargs { num_warmup_steps?: number; last_epoch?: number }
/**
 * Linear warmup from 0 over `num_warmup_steps`, then constant.
 * @example
 * const s = get_constant_schedule_with_warmup(optimizer, 5); // multipliers 0, 0.2, …, 0.8, 1, 1, …
 */
export function get_constant_schedule_with_warmup(optimizer: OptimizerLike, num_warmup_steps: number | ConstantWithWarmupKwargs,
  last_epoch?: number | ConstantWithWarmupKwargs): LambdaLR {
  const fn = "get_constant_schedule_with_warmup";
  const a = _bind_args(fn, ["num_warmup_steps", "last_epoch"], [num_warmup_steps, last_epoch]);
  const nw = need(a, fn, "num_warmup_steps");
  return lambdaLR(optimizer, (s) => (s < nw ? s / Math.max(1.0, nw) : 1.0), need(a, fn, "last_epoch", -1));
}

export interface LinearScheduleKwargs { num_warmup_steps?: number; num_training_steps?: number; last_epoch?: number }
/**
 * Linear warmup from 0 to the optimizer's lr, then linear decay to 0 at `num_training_steps`.
 * @example
 * const s = get_linear_schedule_with_warmup(optimizer, 5, 20); // multipliers 0, 0.2, …, 1 (step 5), 0.9333, …, 0 (step 20)
 */
export function get_linear_schedule_with_warmup(optimizer: OptimizerLike, num_warmup_steps: number | LinearScheduleKwargs,
  num_training_steps?: number | LinearScheduleKwargs, last_epoch?: number | LinearScheduleKwargs): LambdaLR {
  const fn = "get_linear_schedule_with_warmup";
  const a = _bind_args(fn, ["num_warmup_steps", "num_training_steps", "last_epoch"], [num_warmup_steps, num_training_steps, last_epoch]);
  const nw = need(a, fn, "num_warmup_steps"), nt = need(a, fn, "num_training_steps");
  return lambdaLR(optimizer, (s) => (s < nw ? warmup(s, nw) : Math.max(0.0, (nt - s) / Math.max(1, nt - nw))), need(a, fn, "last_epoch", -1));
}

function cosineLambda(nw: number, nt: number, num_cycles: number, min_lr_rate: number): LRLambda {
  return (s) => {
    if (s < nw) return warmup(s, nw);
    const progress = (s - nw) / Math.max(1, nt - nw);
    const factor = 0.5 * (1.0 + Math.cos(Math.PI * num_cycles * 2.0 * progress));
    return Math.max(0, factor * (1 - min_lr_rate) + min_lr_rate);
  };
}

export interface CosineScheduleKwargs { num_warmup_steps?: number; num_training_steps?: number; num_cycles?: number; last_epoch?: number }
/**
 * Linear warmup, then cosine decay to 0 (`num_cycles` waves, default 0.5 = half a cosine).
 * @example
 * const s = get_cosine_schedule_with_warmup(optimizer, 5, 20); // … 1 (step 5), 0.98907, 0.95677, …, 0 (step 20)
 */
export function get_cosine_schedule_with_warmup(optimizer: OptimizerLike, num_warmup_steps: number | CosineScheduleKwargs,
  num_training_steps?: number | CosineScheduleKwargs, num_cycles?: number | CosineScheduleKwargs, last_epoch?: number | CosineScheduleKwargs): LambdaLR {
  const fn = "get_cosine_schedule_with_warmup";
  const a = _bind_args(fn, ["num_warmup_steps", "num_training_steps", "num_cycles", "last_epoch"], [num_warmup_steps, num_training_steps, num_cycles, last_epoch]);
  const f = cosineLambda(need(a, fn, "num_warmup_steps"), need(a, fn, "num_training_steps"), need(a, fn, "num_cycles", 0.5), 0.0);
  return lambdaLR(optimizer, f, need(a, fn, "last_epoch", -1));
}

/**
 * Linear warmup, then `num_cycles` (default 1) cosine decays to 0, each restarting at the optimizer's lr.
 * @example
 * const s = get_cosine_with_hard_restarts_schedule_with_warmup(optimizer, 5, 20, 2);
 */
export function get_cosine_with_hard_restarts_schedule_with_warmup(optimizer: OptimizerLike, num_warmup_steps: number | CosineScheduleKwargs,
  num_training_steps?: number | CosineScheduleKwargs, num_cycles?: number | CosineScheduleKwargs, last_epoch?: number | CosineScheduleKwargs): LambdaLR {
  const fn = "get_cosine_with_hard_restarts_schedule_with_warmup";
  const a = _bind_args(fn, ["num_warmup_steps", "num_training_steps", "num_cycles", "last_epoch"], [num_warmup_steps, num_training_steps, num_cycles, last_epoch]);
  const nw = need(a, fn, "num_warmup_steps"), nt = need(a, fn, "num_training_steps"), nc = need(a, fn, "num_cycles", 1);
  return lambdaLR(optimizer, (s) => {
    if (s < nw) return warmup(s, nw);
    const progress = (s - nw) / Math.max(1, nt - nw);
    if (progress >= 1.0) return 0.0;
    return Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * ((nc * progress) % 1.0))));
  }, need(a, fn, "last_epoch", -1));
}

export interface PolynomialScheduleKwargs { num_warmup_steps?: number; num_training_steps?: number; lr_end?: number; power?: number; last_epoch?: number }
/**
 * Linear warmup, then polynomial decay (`power`, default 1) from the optimizer's lr to `lr_end` (default 1e-7).
 * @example
 * const s = get_polynomial_decay_schedule_with_warmup(optimizer, 5, 20, { lr_end: 1e-7, power: 1.0 });
 */
export function get_polynomial_decay_schedule_with_warmup(optimizer: OptimizerLike, num_warmup_steps: number | PolynomialScheduleKwargs,
  num_training_steps?: number | PolynomialScheduleKwargs, lr_end?: number | PolynomialScheduleKwargs, power?: number | PolynomialScheduleKwargs,
  last_epoch?: number | PolynomialScheduleKwargs): LambdaLR {
  const fn = "get_polynomial_decay_schedule_with_warmup";
  const a = _bind_args(fn, ["num_warmup_steps", "num_training_steps", "lr_end", "power", "last_epoch"], [num_warmup_steps, num_training_steps, lr_end, power, last_epoch]);
  const nw = need(a, fn, "num_warmup_steps"), nt = need(a, fn, "num_training_steps");
  const end = need(a, fn, "lr_end", 1e-7), pw = need(a, fn, "power", 1.0);
  const lr_init = defaultLr(optimizer);
  if (!(lr_init > end)) throw new ValueError(`lr_end (${end}) must be smaller than initial lr (${lr_init})`);
  return lambdaLR(optimizer, (s) => {
    if (s < nw) return warmup(s, nw);
    if (s > nt) return end / lr_init; // as LambdaLR multiplies by lr_init
    const pct_remaining = 1 - (s - nw) / (nt - nw);
    return ((lr_init - end) * pct_remaining ** pw + end) / lr_init;
  }, need(a, fn, "last_epoch", -1));
}

export interface InverseSqrtKwargs { num_warmup_steps?: number; timescale?: number | null; last_epoch?: number }
/**
 * Linear warmup, then lr ∝ 1/sqrt(step) (`timescale` defaults to `num_warmup_steps || 10000`).
 * @example
 * const s = get_inverse_sqrt_schedule(optimizer, 5); // … 1 (step 5), 0.91287, 0.84515, …
 */
export function get_inverse_sqrt_schedule(optimizer: OptimizerLike, num_warmup_steps: number | InverseSqrtKwargs,
  timescale?: number | null | InverseSqrtKwargs, last_epoch?: number | InverseSqrtKwargs): LambdaLR {
  const fn = "get_inverse_sqrt_schedule";
  const a = _bind_args(fn, ["num_warmup_steps", "timescale", "last_epoch"], [num_warmup_steps, timescale, last_epoch]);
  const nw = need(a, fn, "num_warmup_steps");
  const ts = maybe(a, fn, "timescale") ?? (nw || 10_000);
  return lambdaLR(optimizer, (s) => (s < nw ? warmup(s, nw) : 1.0 / Math.sqrt((s + (ts - nw)) / ts)), need(a, fn, "last_epoch", -1));
}

export interface CosineWithMinLrKwargs extends CosineScheduleKwargs { min_lr?: number | null; min_lr_rate?: number | null; warmup_lr_rate?: number | null }
const MIN_LR_ARGS = ["num_warmup_steps", "num_training_steps", "num_cycles", "last_epoch", "min_lr", "min_lr_rate"];
function minLrRate(fn: string, a: Kwargs, optimizer: OptimizerLike): number {
  const min_lr = maybe(a, fn, "min_lr"), rate = maybe(a, fn, "min_lr_rate");
  if (min_lr !== null && rate !== null) throw new ValueError("Only one of min_lr or min_lr_rate should be set");
  if (min_lr !== null) return min_lr / defaultLr(optimizer);
  if (rate === null) throw new ValueError("One of min_lr or min_lr_rate should be set through the `lr_scheduler_kwargs`");
  return rate;
}
/**
 * Linear warmup, then cosine decay to `min_lr` (or `min_lr_rate` × lr); one of the two is required.
 * @example
 * const s = get_cosine_with_min_lr_schedule_with_warmup(optimizer, 5, 20, { min_lr_rate: 0.1 });
 */
export function get_cosine_with_min_lr_schedule_with_warmup(optimizer: OptimizerLike, num_warmup_steps: number | CosineWithMinLrKwargs,
  num_training_steps?: number | CosineWithMinLrKwargs, num_cycles?: number | CosineWithMinLrKwargs, last_epoch?: number | CosineWithMinLrKwargs,
  options?: CosineWithMinLrKwargs): LambdaLR {
  const fn = "get_cosine_with_min_lr_schedule_with_warmup";
  const a = _bind_args(fn, MIN_LR_ARGS, [num_warmup_steps, num_training_steps, num_cycles, last_epoch, options]);
  const nw = need(a, fn, "num_warmup_steps"), nt = need(a, fn, "num_training_steps");
  const f = cosineLambda(nw, nt, need(a, fn, "num_cycles", 0.5), minLrRate(fn, a, optimizer));
  return lambdaLR(optimizer, f, need(a, fn, "last_epoch", -1));
}

/**
 * Like {@link get_cosine_with_min_lr_schedule_with_warmup} but warmup starts at `warmup_lr_rate`
 * (default 1/num_warmup_steps) and both phases are shifted one step, as in HF.
 * @example
 * const s = get_cosine_with_min_lr_schedule_with_warmup_lr_rate(optimizer, 5, 20, { min_lr_rate: 0.1 });
 */
export function get_cosine_with_min_lr_schedule_with_warmup_lr_rate(optimizer: OptimizerLike, num_warmup_steps: number | CosineWithMinLrKwargs,
  num_training_steps?: number | CosineWithMinLrKwargs, num_cycles?: number | CosineWithMinLrKwargs, last_epoch?: number | CosineWithMinLrKwargs,
  options?: CosineWithMinLrKwargs): LambdaLR {
  const fn = "get_cosine_with_min_lr_schedule_with_warmup_lr_rate";
  const a = _bind_args(fn, [...MIN_LR_ARGS, "warmup_lr_rate"], [num_warmup_steps, num_training_steps, num_cycles, last_epoch, options]);
  const nw = need(a, fn, "num_warmup_steps"), nt = need(a, fn, "num_training_steps"), nc = need(a, fn, "num_cycles", 0.5);
  const rate = minLrRate(fn, a, optimizer), wr = maybe(a, fn, "warmup_lr_rate");
  return lambdaLR(optimizer, (s) => {
    if (s < nw) return wr === null ? (s + 1) / Math.max(1, nw) : wr + ((1.0 - wr) * s) / Math.max(1, nw - 1);
    const progress = (s - nw + 1) / Math.max(1, nt - nw);
    const factor = 0.5 * (1.0 + Math.cos(Math.PI * nc * 2.0 * progress));
    return Math.max(0, factor * (1 - rate) + rate);
  }, need(a, fn, "last_epoch", -1));
}

export interface WsdKwargs {
  num_warmup_steps?: number; num_decay_steps?: number; num_training_steps?: number | null; num_stable_steps?: number | null;
  warmup_type?: "linear" | "cosine" | "1-sqrt"; decay_type?: "linear" | "cosine" | "1-sqrt"; min_lr_ratio?: number; num_cycles?: number; last_epoch?: number;
}
const WSD_TYPES = ["linear", "cosine", "1-sqrt"];
/**
 * Warmup-stable-decay: warmup (`warmup_type`), constant for `num_stable_steps`
 * (default `num_training_steps - num_warmup_steps - num_decay_steps`), then decay (`decay_type`) to `min_lr_ratio`.
 * @example
 * const s = get_wsd_schedule(optimizer, 5, 5, { num_training_steps: 20 }); // 10 stable steps
 */
export function get_wsd_schedule(optimizer: OptimizerLike, num_warmup_steps: number | WsdKwargs, num_decay_steps?: number | WsdKwargs, options?: WsdKwargs): LambdaLR {
  const fn = "get_wsd_schedule";
  const a = _bind_args(fn, ["num_warmup_steps", "num_decay_steps", "num_training_steps", "num_stable_steps", "warmup_type", "decay_type",
    "min_lr_ratio", "num_cycles", "last_epoch"], [num_warmup_steps, num_decay_steps, options]);
  const nw = need(a, fn, "num_warmup_steps"), nd = need(a, fn, "num_decay_steps");
  const nt = maybe(a, fn, "num_training_steps"), ns0 = maybe(a, fn, "num_stable_steps");
  if (nt === null && ns0 === null) throw new ValueError("Either num_training_steps or num_stable_steps must be specified.");
  if (nt !== null && ns0 !== null) process.emitWarning("Both num_training_steps and num_stable_steps are specified. num_stable_steps will be used.");
  const wt = String(a["warmup_type"] ?? "linear"), dt = String(a["decay_type"] ?? "cosine");
  if (!WSD_TYPES.includes(wt)) throw new ValueError(`Unknown warmup type: ${wt}, expected 'linear', 'cosine' or '1-sqrt'`);
  if (!WSD_TYPES.includes(dt)) throw new ValueError(`Unknown decay type: ${dt}, expected 'linear', 'cosine' or '1-sqrt'`);
  const ns = ns0 ?? (nt as number) - nw - nd;
  const mr = need(a, fn, "min_lr_ratio", 0), nc = need(a, fn, "num_cycles", 0.5);
  return lambdaLR(optimizer, (s) => {
    if (s < nw) {
      const p = s / Math.max(1, nw);
      const f = wt === "linear" ? p : wt === "cosine" ? 0.5 * (1.0 - Math.cos(Math.PI * p)) : 1.0 - Math.sqrt(1.0 - p);
      return Math.max(0.0, f * (1.0 - mr) + mr);
    }
    if (s < nw + ns) return 1.0;
    if (s < nw + ns + nd) {
      const p = (s - nw - ns) / Math.max(1, nd);
      const f = dt === "linear" ? 1.0 - p : dt === "cosine" ? 0.5 * (1.0 + Math.cos(Math.PI * nc * 2.0 * p)) : 1.0 - Math.sqrt(p);
      return Math.max(0.0, f * (1.0 - mr) + mr);
    }
    return mr;
  }, need(a, fn, "last_epoch", -1));
}

export interface GetSchedulerKwargs {
  optimizer?: OptimizerLike; num_warmup_steps?: number | null; num_training_steps?: number | null;
  scheduler_specific_kwargs?: { [key: string]: unknown } | null;
}
type ScheduleFn = (optimizer: OptimizerLike, kwargs: Kwargs) => LambdaLR | ReduceLROnPlateau;
const TYPE_TO_SCHEDULER_FUNCTION = new Map<string, ScheduleFn>([
  ["linear", (o, k) => get_linear_schedule_with_warmup(o, k)],
  ["cosine", (o, k) => get_cosine_schedule_with_warmup(o, k)],
  ["cosine_with_restarts", (o, k) => get_cosine_with_hard_restarts_schedule_with_warmup(o, k)],
  ["polynomial", (o, k) => get_polynomial_decay_schedule_with_warmup(o, k)],
  ["constant", (o) => get_constant_schedule(o)],
  ["constant_with_warmup", (o, k) => get_constant_schedule_with_warmup(o, k)],
  ["inverse_sqrt", (o, k) => get_inverse_sqrt_schedule(o, k)],
  ["reduce_lr_on_plateau", (o, k) => get_reduce_on_plateau_schedule(o, k)],
  ["cosine_with_min_lr", (o, k) => get_cosine_with_min_lr_schedule_with_warmup(o, k)],
  ["cosine_warmup_with_min_lr", (o, k) => get_cosine_with_min_lr_schedule_with_warmup_lr_rate(o, k)],
  ["warmup_stable_decay", (o, k) => get_wsd_schedule(o, k)],
]);

/**
 * Any scheduler by name (HF's `get_scheduler`). Returns a `LambdaLR`, or a `ReduceLROnPlateau` for
 * `"reduce_lr_on_plateau"` (step it with the metric). Arguments as in HF, positionally or in one object.
 * @example
 * const optimizer = { param_groups: [{ lr: 5e-5 }] };
 * const s = get_scheduler("linear", { optimizer, num_warmup_steps: 5, num_training_steps: 20 });
 * // lr before each step: 0, 1e-5, 2e-5, 3e-5, 4e-5, 5e-5, 4.6667e-5, … 0
 */
export function get_scheduler(name: SchedulerType | string, optimizer: OptimizerLike | GetSchedulerKwargs,
  num_warmup_steps?: number | null | GetSchedulerKwargs, num_training_steps?: number | null | GetSchedulerKwargs,
  scheduler_specific_kwargs?: { [key: string]: unknown } | null): LambdaLR | ReduceLROnPlateau {
  const names = ["optimizer", "num_warmup_steps", "num_training_steps", "scheduler_specific_kwargs"];
  const a: Kwargs = scheduler_specific_kwargs != null // a positional kwargs dict would look like the options object
    ? { ..._bind_args("get_scheduler", names.slice(0, 3), [optimizer, num_warmup_steps, num_training_steps]), scheduler_specific_kwargs }
    : _bind_args("get_scheduler", names, [optimizer, num_warmup_steps, num_training_steps]);
  const schedule_func = TYPE_TO_SCHEDULER_FUNCTION.get(name);
  if (schedule_func === undefined) {
    throw new ValueError(`${name} is not a valid SchedulerType, please select one of [${SCHEDULER_NAMES.map((n) => `'${n}'`).join(", ")}]${_did_you_mean(String(name), SCHEDULER_NAMES)}`);
  }
  const opt = a["optimizer"] as OptimizerLike | undefined;
  if (opt == null) throw new TypeError("get_scheduler() missing 1 required argument: 'optimizer'");
  if (name === "constant") return schedule_func(opt, {});
  const extra = (a["scheduler_specific_kwargs"] ?? {}) as Kwargs;
  if (name === "reduce_lr_on_plateau") return schedule_func(opt, extra);
  const nw = a["num_warmup_steps"] as number | null | undefined, nt = a["num_training_steps"] as number | null | undefined;
  if (nw == null) throw new ValueError(`${name} requires \`num_warmup_steps\`, please provide that argument.`);
  if (name === "constant_with_warmup" || name === "inverse_sqrt") return schedule_func(opt, { num_warmup_steps: nw });
  if (name !== "warmup_stable_decay" && nt == null) throw new ValueError(`${name} requires \`num_training_steps\`, please provide that argument.`);
  for (const k of ["num_warmup_steps", "num_training_steps"]) {
    if (k in extra) throw new TypeError(`get_scheduler(): scheduler_specific_kwargs got multiple values for keyword argument '${k}'`);
  }
  return schedule_func(opt, { num_warmup_steps: nw, num_training_steps: nt ?? null, ...extra });
}
