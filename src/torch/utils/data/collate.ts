// default_collate (torch/utils/data/_utils/collate.py): a list of samples → one batch, keeping
// the samples' structure. Tensors are stacked; JS integers become an int64 tensor and other JS
// numbers float64 (Python ints and floats in PyTorch); booleans a bool tensor; strings stay a list.
import { Tensor } from "../../tensor.js";
import { tensor } from "../../factories.js";
import { stack } from "../../ops/shape.js";
import { int64, float64, bool } from "../../dtype.js";

export type Collated = Tensor | string[] | Collated[] | { [key: string]: Collated } | unknown;

export function default_collate(batch: readonly unknown[]): Collated {
  const first = batch[0];
  if (first instanceof Tensor) return stack(batch as Tensor[]);
  if (typeof first === "number") {
    const nums = batch as number[];
    return tensor(nums, { dtype: nums.every(Number.isInteger) ? int64 : float64 });
  }
  if (typeof first === "bigint") return tensor(batch as bigint[]);
  if (typeof first === "boolean") return tensor(batch as boolean[], { dtype: bool });
  if (typeof first === "string") return [...(batch as string[])];
  if (Array.isArray(first)) {
    const n = first.length;
    if ((batch as unknown[][]).some((s) => s.length !== n)) throw new RangeError("default_collate: each element in list of batch should be of equal size");
    return Array.from({ length: n }, (_, j) => default_collate((batch as unknown[][]).map((s) => s[j])));
  }
  if (first !== null && typeof first === "object") {
    const out: Record<string, Collated> = {};
    for (const k of Object.keys(first)) out[k] = default_collate((batch as Array<Record<string, unknown>>).map((s) => s[k]));
    return out;
  }
  return [...batch];
}

/** Every Tensor inside a collated batch (to dispose the batch when the loader moves on). */
export function tensorsIn(value: unknown, out: Tensor[] = [], seen = new Set<unknown>()): Tensor[] {
  if (value instanceof Tensor) out.push(value);
  else if (value !== null && typeof value === "object" && !seen.has(value)) {
    seen.add(value);
    for (const v of Array.isArray(value) ? value : Object.values(value)) tensorsIn(v, out, seen);
  }
  return out;
}
