// Reductions with PyTorch's `dim` / `keepdim` / `dtype` arguments. `x.sum()` reduces everything,
// `x.sum(1)`, `x.sum([0, 1], { keepdim: true })` or `x.sum({ dim: 1 })` reduce dims.
import { Tensor } from "../tensor.js";
import { toDtype, type DTypeLike } from "../dtype.js";
import { aten, callT, callTs, valuesIndices, type ValuesIndices } from "./dispatch.js";

export type Dims = number | number[];
export interface ReduceOptions {
  dim?: Dims | null;
  keepdim?: boolean;
  dtype?: DTypeLike;
}
export interface VarOptions extends ReduceOptions {
  /** Bessel's correction; PyTorch's default 1. */
  correction?: number;
  /** Older spelling: unbiased=false means correction=0. */
  unbiased?: boolean;
}

declare module "../tensor.js" {
  interface Tensor {
    sum(dim?: Dims | ReduceOptions | null, options?: ReduceOptions): Tensor;
    mean(dim?: Dims | ReduceOptions | null, options?: ReduceOptions): Tensor;
    nansum(dim?: Dims | ReduceOptions | null, options?: ReduceOptions): Tensor;
    prod(dim?: number | ReduceOptions | null, options?: ReduceOptions): Tensor;
    max(): Tensor;
    max(dim: number, options?: { keepdim?: boolean }): ValuesIndices;
    max(other: Tensor): Tensor;
    min(): Tensor;
    min(dim: number, options?: { keepdim?: boolean }): ValuesIndices;
    min(other: Tensor): Tensor;
    amax(dim?: Dims, options?: { keepdim?: boolean }): Tensor;
    amin(dim?: Dims, options?: { keepdim?: boolean }): Tensor;
    argmax(dim?: number | null | { dim?: number | null; keepdim?: boolean }, options?: { keepdim?: boolean }): Tensor;
    argmin(dim?: number | null | { dim?: number | null; keepdim?: boolean }, options?: { keepdim?: boolean }): Tensor;
    std(dim?: Dims | VarOptions | null, options?: VarOptions): Tensor;
    var(dim?: Dims | VarOptions | null, options?: VarOptions): Tensor;
    logsumexp(dim: Dims, options?: { keepdim?: boolean }): Tensor;
    norm(p?: number | "fro" | null, dim?: Dims | null, options?: { keepdim?: boolean; dtype?: DTypeLike }): Tensor;
    all(dim?: number, options?: { keepdim?: boolean }): Tensor;
    any(dim?: number, options?: { keepdim?: boolean }): Tensor;
    cumsum(dim: number, options?: { dtype?: DTypeLike }): Tensor;
    cumprod(dim: number, options?: { dtype?: DTypeLike }): Tensor;
    count_nonzero(dim?: Dims | null): Tensor;
  }
}

/** Python lets `dim` come positionally or as a keyword: merge both into one options object. */
function merge<O extends object>(dim: unknown, options: O | undefined): O & { dim?: unknown } {
  if (dim !== null && typeof dim === "object" && !Array.isArray(dim)) return { ...(dim as O), ...options };
  return { ...(options ?? ({} as O)), dim: dim === undefined ? (options as { dim?: unknown } | undefined)?.dim : dim } as O & { dim?: unknown };
}
const dtypeCode = (d: DTypeLike | undefined): number | undefined => (d === undefined ? undefined : toDtype(d).code);

const P = Tensor.prototype;

P.sum = function (dim, options) {
  const o = merge(dim, options);
  if (o.dim == null) {
    if (o.keepdim) return callT(aten("aten::sum.dim_IntList"), this, [...Array(this.ndim).keys()], true, dtypeCode(o.dtype));
    return callT(aten("aten::sum"), this, dtypeCode(o.dtype));
  }
  return callT(aten("aten::sum.dim_IntList"), this, o.dim, o.keepdim ?? false, dtypeCode(o.dtype));
};
P.nansum = function (dim, options) {
  const o = merge(dim, options);
  return callT(aten("aten::nansum"), this, o.dim ?? [], o.keepdim ?? false, dtypeCode(o.dtype));
};
P.mean = function (dim, options) {
  const o = merge(dim, options);
  if (o.dim == null) {
    if (o.keepdim) return callT(aten("aten::mean.dim"), this, [...Array(this.ndim).keys()], true, dtypeCode(o.dtype));
    return callT(aten("aten::mean"), this, dtypeCode(o.dtype));
  }
  return callT(aten("aten::mean.dim"), this, o.dim, o.keepdim ?? false, dtypeCode(o.dtype));
};
P.prod = function (dim, options) {
  const o = merge(dim, options);
  if (o.dim == null) return callT(aten("aten::prod"), this, dtypeCode(o.dtype));
  return callT(aten("aten::prod.dim_int"), this, o.dim, o.keepdim ?? false, dtypeCode(o.dtype));
};
function maxMin(kind: "max" | "min") {
  return function (this: Tensor, dim?: number | Tensor, options: { keepdim?: boolean } = {}): Tensor | ValuesIndices {
    if (dim === undefined) return callT(aten(`aten::${kind}`), this);
    if (dim instanceof Tensor) return callT(aten(kind === "max" ? "aten::maximum" : "aten::minimum"), this, dim);
    return valuesIndices(callTs(aten(`aten::${kind}.dim`), this, dim, options.keepdim ?? false));
  };
}
(P as unknown as Record<string, unknown>).max = maxMin("max");
(P as unknown as Record<string, unknown>).min = maxMin("min");
P.amax = function (dim = [], options = {}) { return callT(aten("aten::amax"), this, dim, options.keepdim ?? false); };
P.amin = function (dim = [], options = {}) { return callT(aten("aten::amin"), this, dim, options.keepdim ?? false); };
P.argmax = function (dim, options) {
  const o = merge(dim, options);
  return callT(aten("aten::argmax"), this, (o.dim as number | null | undefined) ?? null, o.keepdim ?? false);
};
P.argmin = function (dim, options) {
  const o = merge(dim, options);
  return callT(aten("aten::argmin"), this, (o.dim as number | null | undefined) ?? null, o.keepdim ?? false);
};
function varStd(kind: "std" | "var") {
  return function (this: Tensor, dim?: Dims | VarOptions | null, options?: VarOptions): Tensor {
    const o = merge(dim, options);
    const correction = o.correction ?? (o.unbiased === false ? 0 : 1);
    return callT(aten(`aten::${kind}.correction`), this, o.dim ?? null, correction, o.keepdim ?? false);
  };
}
P.std = varStd("std");
P.var = varStd("var");
P.logsumexp = function (dim, options = {}) { return callT(aten("aten::logsumexp"), this, dim, options.keepdim ?? false); };
P.norm = function (p = 2, dim = null, options = {}) {
  const pv = p === "fro" || p === null ? 2 : p;
  if (dim === null && !options.keepdim && options.dtype === undefined) return callT(aten("aten::norm.Scalar"), this, pv);
  const dims = dim === null ? [...Array(this.ndim).keys()] : dim;
  if (options.dtype !== undefined) return callT(aten("aten::norm.ScalarOpt_dim_dtype"), this, pv, dims, options.keepdim ?? false, dtypeCode(options.dtype));
  return callT(aten("aten::norm.ScalarOpt_dim"), this, pv, dims, options.keepdim ?? false);
};
P.all = function (dim, options = {}) {
  return dim === undefined ? callT(aten("aten::all"), this) : callT(aten("aten::all.dim"), this, dim, options.keepdim ?? false);
};
P.any = function (dim, options = {}) {
  return dim === undefined ? callT(aten("aten::any"), this) : callT(aten("aten::any.dim"), this, dim, options.keepdim ?? false);
};
P.cumsum = function (dim, options = {}) { return callT(aten("aten::cumsum"), this, dim, dtypeCode(options.dtype)); };
P.cumprod = function (dim, options = {}) { return callT(aten("aten::cumprod"), this, dim, dtypeCode(options.dtype)); };
P.count_nonzero = function (dim = null) {
  if (dim === null) return callT(aten("aten::count_nonzero"), this, null);
  return callT(aten("aten::count_nonzero.dim_IntList"), this, typeof dim === "number" ? [dim] : dim);
};
