// torch.amp.GradScaler (torch/amp/grad_scaler.py): float16 gradients underflow, so the loss is
// multiplied by a large scale before backward, gradients are divided by it before the optimizer
// step, a step whose gradients hold inf/NaN is skipped, and the scale adapts: ×backoff_factor after
// an overflow, ×growth_factor after growth_interval clean steps.
// Fast path: libtorch's fused kernels (_amp_foreach_non_finite_check_and_unscale_,
// _amp_update_scale_; CUDA always, CPU from libtorch 2.3). Reference path (the oracle a test
// compares it with, and the path where the kernels are missing): the same arithmetic in plain ops.
import { ValueError } from "../../utils/errors.js";
import { no_grad } from "../autograd.js";
import { float16, float32, int32 } from "../dtype.js";
import { full, zeros } from "../factories.js";
import { aten, callList, callRaw, hasOp } from "../ops/dispatch.js";
import type { Optimizer } from "../optim/optimizer.js";
import { __version__ } from "../runtime.js";
import { keep, tidy } from "../scope.js";
import type { Tensor } from "../tensor.js";

export interface GradScalerOptions {
  init_scale?: number;
  growth_factor?: number;
  backoff_factor?: number;
  growth_interval?: number;
  enabled?: boolean;
  /** "fused" or "reference"; default: fused where the kernels exist for the device. */
  impl?: "fused" | "reference";
}

export interface GradScalerState {
  scale: number;
  growth_factor: number;
  backoff_factor: number;
  growth_interval: number;
  _growth_tracker: number;
}

type Stage = "READY" | "UNSCALED" | "STEPPED";

function fusedAvailable(device: string): boolean {
  if (!hasOp("aten::_amp_foreach_non_finite_check_and_unscale_") || !hasOp("aten::_amp_update_scale_")) return false;
  if (device.startsWith("cuda")) return true;
  const [a, b] = __version__.split(".").map(Number);
  return a > 2 || (a === 2 && b >= 3);
}

export class GradScaler {
  readonly device: string;
  private readonly init_scale: number;
  private growth_factor: number;
  private backoff_factor: number;
  private growth_interval: number;
  private readonly enabled: boolean;
  private readonly fused: boolean;
  private _scale: Tensor | null = null;
  private _growth_tracker: Tensor | null = null;
  private readonly stages = new Map<Optimizer, { stage: Stage; found_inf: Tensor | null }>();

  constructor(device = "cuda", opts: GradScalerOptions = {}) {
    this.device = device;
    this.init_scale = opts.init_scale ?? 2.0 ** 16;
    this.growth_factor = opts.growth_factor ?? 2.0;
    this.backoff_factor = opts.backoff_factor ?? 0.5;
    this.growth_interval = opts.growth_interval ?? 2000;
    this.enabled = opts.enabled ?? true;
    if (this.growth_factor <= 1) throw new ValueError("GradScaler: growth_factor should be > 1");
    if (this.backoff_factor >= 1) throw new ValueError("GradScaler: backoff_factor should be < 1");
    if (!Number.isInteger(this.growth_interval) || this.growth_interval <= 0) throw new ValueError("GradScaler: growth_interval should be a positive integer");
    const canFuse = fusedAvailable(device);
    if (opts.impl === "fused" && !canFuse) throw new ValueError(`GradScaler: the fused amp kernels are not available for ${device} in libtorch ${__version__}; use impl: "reference"`);
    this.fused = opts.impl === undefined ? canFuse : opts.impl === "fused";
  }

  is_enabled(): boolean {
    return this.enabled;
  }

  private lazyInit(): void {
    if (this._scale !== null) return;
    // The scaler owns these across steps: kept out of whatever tidy() scope the first step runs in.
    this._scale = keep(full([], this.init_scale, { dtype: float32, device: this.device }));
    this._growth_tracker = keep(zeros([], { dtype: int32, device: this.device }));
  }

  /** outputs × scale (a new tensor; the caller's scope owns it). */
  scale(outputs: Tensor): Tensor {
    if (!this.enabled) return outputs.view_as(outputs); // a new handle: callers own what they get
    this.lazyInit();
    return outputs.mul(this._scale!.to(outputs.device));
  }

  /** Divides the optimizer's gradients by the scale in place and records whether any was inf/NaN. */
  unscale_(optimizer: Optimizer): void {
    if (!this.enabled) return;
    const st = this.stages.get(optimizer);
    if (st?.stage === "UNSCALED") throw new ValueError("unscale_() has already been called on this optimizer since the last update().");
    if (st?.stage === "STEPPED") throw new ValueError("unscale_() is being called after step().");
    this.lazyInit();
    const grads: Tensor[] = [];
    for (const g of optimizer.param_groups) {
      for (const p of g.params) {
        const grad = p.grad;
        if (grad === null) continue;
        if (grad.dtype === float16) throw new ValueError("Attempting to unscale FP16 gradients.");
        grads.push(grad);
      }
    }
    const found_inf = keep(zeros([], { dtype: float32, device: this.device }));
    // tidy: the temporaries (inverse scale, per-gradient flags) go; found_inf is kept, grads change in place.
    tidy(() => no_grad(() => {
      const inv = this._scale!.double().reciprocal().float();
      if (this.fused) {
        if (grads.length > 0) callList(aten("aten::_amp_foreach_non_finite_check_and_unscale_"), [grads, found_inf, inv]);
      } else {
        for (const g of grads) {
          const bad = g.isfinite().all().logical_not();
          found_inf.copy_(found_inf.logical_or(bad).float());
          g.mul_(inv);
        }
      }
    }));
    st?.found_inf?.dispose();
    this.stages.set(optimizer, { stage: "UNSCALED", found_inf });
  }

  /** unscale_ (if not done), then optimizer.step() unless a gradient was inf/NaN; undefined when skipped. */
  step(optimizer: Optimizer, closure?: () => number): number | undefined {
    if (!this.enabled) return optimizer.step(closure);
    if (closure !== undefined) throw new ValueError("Closure use is not currently supported if GradScaler is enabled.");
    if (this.stages.get(optimizer)?.stage === "STEPPED") throw new ValueError("step() has already been called since the last update().");
    if (this.stages.get(optimizer)?.stage !== "UNSCALED") this.unscale_(optimizer);
    const st = this.stages.get(optimizer)!;
    const skipped = st.found_inf!.item() !== 0;
    st.stage = "STEPPED";
    return skipped ? undefined : optimizer.step();
  }

  /** Adapts the scale from this iteration's overflow record (or sets `new_scale`), and resets per-step state. */
  update(new_scale?: number): void {
    if (!this.enabled) return;
    this.lazyInit();
    if (new_scale !== undefined) {
      this._scale!.fill_(new_scale);
    } else {
      const infs = [...this.stages.values()].map((s) => s.found_inf).filter((t): t is Tensor => t !== null);
      if (infs.length === 0) throw new ValueError("No inf checks were recorded prior to update.");
      // tidy: the running sums of the reduction are freed, only the total comes out.
      const found = tidy(() => no_grad(() => infs.reduce((acc, t) => acc.add(t), zeros([], { dtype: float32, device: this.device }))));
      if (this.fused) {
        callRaw(aten("aten::_amp_update_scale_"), this._scale!, this._growth_tracker!, found, this.growth_factor, this.backoff_factor, this.growth_interval);
      } else {
        this.updateReference(found.item());
      }
      found.dispose();
    }
    for (const s of this.stages.values()) s.found_inf?.dispose();
    this.stages.clear();
  }

  /** _amp_update_scale_'s arithmetic (aten/src/ATen/native/cuda/AmpKernels.cu), in float32 as the kernel. */
  private updateReference(found_inf: number): void {
    const scale = this._scale!.item();
    const tracker = this._growth_tracker!.item();
    if (found_inf > 0) {
      this._scale!.fill_(Math.fround(scale * this.backoff_factor));
      this._growth_tracker!.fill_(0);
    } else if (tracker + 1 === this.growth_interval) {
      const grown = Math.fround(scale * this.growth_factor);
      // The kernel keeps the old scale when growing would overflow float32.
      if (Number.isFinite(grown) && Math.abs(grown) <= 3.4028234663852886e38) this._scale!.fill_(grown);
      this._growth_tracker!.fill_(0);
    } else {
      this._growth_tracker!.fill_(tracker + 1);
    }
  }

  get_scale(): number {
    if (!this.enabled) return 1.0;
    return this._scale === null ? this.init_scale : this._scale.item();
  }
  get_growth_factor(): number { return this.growth_factor; }
  get_backoff_factor(): number { return this.backoff_factor; }
  get_growth_interval(): number { return this.growth_interval; }

  state_dict(): GradScalerState | Record<string, never> {
    if (!this.enabled) return {};
    return { scale: this.get_scale(), growth_factor: this.growth_factor, backoff_factor: this.backoff_factor, growth_interval: this.growth_interval, _growth_tracker: this._growth_tracker === null ? 0 : this._growth_tracker.item() };
  }

  load_state_dict(sd: GradScalerState): void {
    if (!this.enabled) return;
    if (Object.keys(sd).length === 0) throw new ValueError("The source state dict is empty, possibly because it was saved from a disabled instance of GradScaler.");
    this.lazyInit();
    this._scale!.fill_(sd.scale);
    this._growth_tracker!.fill_(sd._growth_tracker);
    this.growth_factor = sd.growth_factor;
    this.backoff_factor = sd.backoff_factor;
    this.growth_interval = sd.growth_interval;
  }

  /** Frees the scale tensors (the Trainer owns its scaler and calls this at the end). */
  dispose(): void {
    for (const s of this.stages.values()) s.found_inf?.dispose();
    this.stages.clear();
    this._scale?.dispose();
    this._growth_tracker?.dispose();
    this._scale = this._growth_tracker = null;
  }
}
