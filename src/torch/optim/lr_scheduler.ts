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
//
// The implementation lives in ./lr_scheduler/ by concept: base.ts (LRScheduler, shared types,
// state dict), args.ts (argument binding), simple.ts, cosine.ts, cyclic.ts, plateau.ts and
// composite.ts. This file is the public entry point and re-exports exactly the public API.
export {
  EPOCH_DEPRECATION_WARNING, LRScheduler, _LRScheduler,
  type LRLambda, type OptimizerLike, type ParamGroupLike, type SchedulerStateDict,
} from "./lr_scheduler/base.js";
export { _bind_args, _did_you_mean } from "./lr_scheduler/args.js";
export {
  ConstantLR, ExponentialLR, LambdaLR, LinearLR, MultiplicativeLR, MultiStepLR, PolynomialLR, StepLR,
  type ConstantLROptions, type ExponentialLROptions, type LambdaLROptions, type LinearLROptions,
  type MultiStepLROptions, type PolynomialLROptions, type StepLROptions,
} from "./lr_scheduler/simple.js";
export {
  CosineAnnealingLR, CosineAnnealingWarmRestarts,
  type CosineAnnealingLROptions, type CosineAnnealingWarmRestartsOptions,
} from "./lr_scheduler/cosine.js";
export { CyclicLR, OneCycleLR, type CyclicLROptions, type OneCycleLROptions } from "./lr_scheduler/cyclic.js";
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from "./lr_scheduler/plateau.js";
export { ChainedScheduler, SequentialLR, type SequentialLROptions } from "./lr_scheduler/composite.js";
