// Moving and converting: to(device|dtype), cpu/cuda, float/long/..., clone, detach, copy_,
// fill_/zero_ and the in-place random fills that nn.init uses (same generator as PyTorch).
import { Tensor } from "../tensor.js";
import { toDtype, dtype, type DTypeLike, float32, float64, float16, bfloat16, int64, int32, bool } from "../dtype.js";
import { device, toDevice, type DeviceLike } from "../device.js";
import { aten, callT, callInplace } from "./dispatch.js";

export interface ToOptions {
  dtype?: DTypeLike;
  device?: DeviceLike;
  non_blocking?: boolean;
  copy?: boolean;
}

declare module "../tensor.js" {
  interface Tensor {
    /** `to("cuda")`, `to(torch.float16)`, `to(other)`, `to({ device, dtype })`. Always a new handle. */
    to(target: DeviceLike | dtype | Tensor | ToOptions, options?: ToOptions): Tensor;
    cpu(): Tensor;
    cuda(device?: number): Tensor;
    float(): Tensor;
    double(): Tensor;
    half(): Tensor;
    bfloat16(): Tensor;
    long(): Tensor;
    int(): Tensor;
    bool(): Tensor;
    type_as(other: Tensor): Tensor;
    clone(): Tensor;
    detach(): Tensor;
    detach_(): this;
    copy_(src: Tensor): this;
    fill_(value: number | boolean | Tensor): this;
    zero_(): this;
    normal_(mean?: number, std?: number): this;
    uniform_(from?: number, to?: number): this;
    bernoulli_(p?: number): this;
    /** 0/1 draws with this tensor's elements as probabilities (torch.bernoulli(input)). */
    bernoulli(): Tensor;
    exponential_(lambd?: number): this;
  }
}

const P = Tensor.prototype;

P.to = function (target, options = {}) {
  let o: ToOptions;
  if (target instanceof dtype) o = { ...options, dtype: target };
  else if (target instanceof Tensor) o = { ...options, dtype: target.dtype, device: target.device };
  else if (typeof target === "string" || target instanceof device) {
    // to("float32") is not PyTorch, but a string that names no device is almost surely a dtype.
    o = /^(cpu|cuda)(:\d+)?$/.test(String(target)) ? { ...options, device: target } : { ...options, dtype: target as string };
  } else o = { ...target, ...options };
  const dt = o.dtype === undefined ? undefined : toDtype(o.dtype).code;
  const dev = o.device === undefined ? undefined : String(toDevice(o.device));
  // aten::to.* returns self when nothing changes; the ownership rules want a distinct handle.
  const sameDtype = dt === undefined || dt === this.dtype.code;
  const sameDevice = dev === undefined || toDevice(dev).equals(this.device);
  if (sameDtype && sameDevice && !o.copy) return callT(aten("aten::alias"), this);
  return callT(aten("aten::_to_copy"), this, dt, undefined, dev, undefined, o.non_blocking ?? false);
};
P.cpu = function () { return this.to("cpu"); };
P.cuda = function (index) { return this.to(index === undefined ? "cuda" : `cuda:${index}`); };
P.float = function () { return this.to(float32); };
P.double = function () { return this.to(float64); };
P.half = function () { return this.to(float16); };
P.bfloat16 = function () { return this.to(bfloat16); };
P.long = function () { return this.to(int64); };
P.int = function () { return this.to(int32); };
P.bool = function () { return this.to(bool); };
P.type_as = function (other) { return this.to(other.dtype); };
P.clone = function () { return callT(aten("aten::clone"), this); };
P.detach = function () { return callT(aten("aten::detach"), this); };
P.detach_ = function () { return callInplace(aten("aten::detach_"), this); };
P.copy_ = function (src) { return callInplace(aten("aten::copy_"), this, src); };
P.fill_ = function (value) {
  return value instanceof Tensor ? callInplace(aten("aten::fill_.Tensor"), this, value) : callInplace(aten("aten::fill_.Scalar"), this, value);
};
P.zero_ = function () { return callInplace(aten("aten::zero_"), this); };
P.normal_ = function (mean = 0, std = 1) { return callInplace(aten("aten::normal_"), this, mean, std); };
P.uniform_ = function (from = 0, to = 1) { return callInplace(aten("aten::uniform_"), this, from, to); };
P.bernoulli_ = function (p = 0.5) { return callInplace(aten("aten::bernoulli_.float"), this, p); };
P.bernoulli = function () { return callT(aten("aten::bernoulli"), this); };
P.exponential_ = function (lambd = 1) { return callInplace(aten("aten::exponential_"), this, lambd); };
