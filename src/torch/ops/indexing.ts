// Indexing: select/narrow/slices through one helper (`x.index(":", 0, "1:3")`, Python's
// `x[:, 0, 1:3]`), plus gather/scatter, masks and advanced indexing with index tensors.
import { Tensor } from "../tensor.js";
import { aten, callT, callInplace } from "./dispatch.js";
import type { TensorOrScalar } from "./pointwise.js";

/** One slice `start:stop:step` (Python's slice object); nulls mean "to the edge". */
export class Slice {
  constructor(readonly start: number | null = null, readonly stop: number | null = null, readonly step: number | null = null) {}
}
/** torch-style `slice(start, stop, step)`. */
export function slice(start: number | null = null, stop: number | null = null, step: number | null = null): Slice {
  return new Slice(start, stop, step);
}

/**
 * An index item: a number selects (removes the dim); ":" / a "a:b:c" string / a Slice narrows;
 * "..." is Python's Ellipsis; null is None (a new axis); a Tensor is advanced indexing
 * (int64 indices or a bool mask).
 */
export type IndexItem = number | string | Slice | null | Tensor;

function parseSlice(s: string): Slice | "..." {
  const t = s.trim();
  if (t === "...") return "...";
  const parts = t.split(":");
  if (parts.length < 2 || parts.length > 3) throw new TypeError(`index: cannot parse '${s}' as a slice; write "start:stop" or "start:stop:step"`);
  const num = (p: string | undefined): number | null => {
    if (p === undefined || p.trim() === "") return null;
    const v = Number(p);
    if (!Number.isInteger(v)) throw new TypeError(`index: '${p}' in '${s}' is not an integer`);
    return v;
  };
  return new Slice(num(parts[0]), num(parts[1]), num(parts[2]));
}

declare module "../tensor.js" {
  interface Tensor {
    /** Python's `x[...]`: `x.index(":", 0)` is `x[:, 0]`, `x.index("...", null)` is `x[..., None]`. */
    index(...items: IndexItem[]): Tensor;
    /** PyTorch's aten::slice: `x.slice(dim, start, end, step)`. */
    slice(dim: number, start?: number | null, end?: number | null, step?: number): Tensor;
    index_select(dim: number, index: Tensor): Tensor;
    gather(dim: number, index: Tensor): Tensor;
    scatter(dim: number, index: Tensor, src: TensorOrScalar): Tensor;
    scatter_(dim: number, index: Tensor, src: TensorOrScalar): this;
    scatter_add(dim: number, index: Tensor, src: Tensor): Tensor;
    scatter_add_(dim: number, index: Tensor, src: Tensor): this;
    masked_fill(mask: Tensor, value: TensorOrScalar): Tensor;
    masked_fill_(mask: Tensor, value: TensorOrScalar): this;
    masked_select(mask: Tensor): Tensor;
    index_put_(indices: Array<Tensor | null>, values: Tensor, options?: { accumulate?: boolean }): this;
    nonzero(): Tensor;
  }
}

const P = Tensor.prototype;

P.slice = function (dim, start = null, end = null, step = 1) {
  return callT(aten("aten::slice.Tensor"), this, dim, start, end, step);
};

P.index = function (...items) {
  // Expand a single string holding commas: x.index(":, 0") == x.index(":", 0).
  const expanded: IndexItem[] = [];
  for (const it of items) {
    if (typeof it === "string" && it.includes(",")) expanded.push(...it.split(",").map((s) => s.trim()));
    else expanded.push(it);
  }
  // In a string, "0" / "-1" select and "None" adds an axis, as the same text would in Python.
  const parsed = expanded.map((it) => {
    if (typeof it !== "string") return it;
    const t = it.trim();
    if (/^-?\d+$/.test(t)) return Number(t);
    if (t === "None") return null;
    return parseSlice(t);
  });
  // How many source dims the index consumes (a bool mask consumes as many as it has).
  let consuming = 0;
  for (const it of parsed) {
    if (it === null || it === "...") continue;
    consuming += it instanceof Tensor && it.dtype.name === "bool" ? it.ndim : 1;
  }
  const ndim = this.ndim;
  const ell = parsed.indexOf("...");
  if (parsed.lastIndexOf("...") !== ell) throw new TypeError("index: an index can only have a single ellipsis ('...')");
  if (consuming > ndim) throw new RangeError(`index: too many indices for a tensor of dimension ${ndim}`);
  const full: Array<Slice | number | null | Tensor> = [];
  for (const it of parsed) {
    if (it === "...") for (let i = 0; i < ndim - consuming; i++) full.push(new Slice());
    else full.push(it);
  }
  // Basic indexing first (views), then one advanced-index call over the remaining dims.
  const tmp: Tensor[] = [];
  let cur: Tensor = this;
  let dim = 0;
  const advanced: Array<Tensor | null> = [];
  let hasAdvanced = false;
  try {
    for (const it of full) {
      if (it === null) {
        cur = keepTmp(tmp, cur.unsqueeze(dim));
        advanced.push(null);
        dim++;
      } else if (typeof it === "number") {
        const size = cur.size(dim);
        if (it < -size || it >= size) throw new RangeError(`index ${it} is out of bounds for dimension ${dim} with size ${size}`);
        cur = keepTmp(tmp, cur.select(dim, it));
      } else if (it instanceof Slice) {
        if (it.start !== null || it.stop !== null || (it.step ?? 1) !== 1) {
          cur = keepTmp(tmp, cur.slice(dim, it.start, it.stop, it.step ?? 1));
        }
        advanced.push(null);
        dim++;
      } else {
        hasAdvanced = true;
        advanced.push(it);
        dim += it.dtype.name === "bool" ? it.ndim : 1;
      }
    }
    if (hasAdvanced) return callT(aten("aten::index.Tensor"), cur, advanced);
    return cur === this ? callT(aten("aten::alias"), this) : cur;
  } finally {
    for (const t of tmp) if (t !== cur || hasAdvanced) t.dispose();
  }
};
function keepTmp(list: Tensor[], t: Tensor): Tensor {
  list.push(t);
  return t;
}

P.index_select = function (dim, index) { return callT(aten("aten::index_select"), this, dim, index); };
P.gather = function (dim, index) { return callT(aten("aten::gather"), this, dim, index); };
P.scatter = function (dim, index, src) {
  return src instanceof Tensor ? callT(aten("aten::scatter.src"), this, dim, index, src) : callT(aten("aten::scatter.value"), this, dim, index, src);
};
P.scatter_ = function (dim, index, src) {
  return src instanceof Tensor
    ? callInplace(aten("aten::scatter_.src"), this, dim, index, src)
    : callInplace(aten("aten::scatter_.value"), this, dim, index, src);
};
P.scatter_add = function (dim, index, src) { return callT(aten("aten::scatter_add"), this, dim, index, src); };
P.scatter_add_ = function (dim, index, src) { return callInplace(aten("aten::scatter_add_"), this, dim, index, src); };
P.masked_fill = function (mask, value) {
  return value instanceof Tensor ? callT(aten("aten::masked_fill.Tensor"), this, mask, value) : callT(aten("aten::masked_fill.Scalar"), this, mask, value);
};
P.masked_fill_ = function (mask, value) {
  return value instanceof Tensor
    ? callInplace(aten("aten::masked_fill_.Tensor"), this, mask, value)
    : callInplace(aten("aten::masked_fill_.Scalar"), this, mask, value);
};
P.masked_select = function (mask) { return callT(aten("aten::masked_select"), this, mask); };
P.index_put_ = function (indices, values, options = {}) {
  return callInplace(aten("aten::index_put_"), this, indices, values, options.accumulate ?? false);
};
P.nonzero = function () { return callT(aten("aten::nonzero"), this); };
