// torch.utils.data.Dataset: anything with a length and indexed items. PyTorch's __len__ and
// __getitem__ become `length` and `getItem(i)`; HF datasets (`num_rows`, `at(i)`) and plain arrays
// are accepted as they are.
import type { Tensor } from "../../tensor.js";

export interface MapStyleDataset<T> {
  readonly length: number;
  getItem(index: number): T;
}

/** Subclass it as in PyTorch (seed 001's TextDataset): implement `length` and `getItem`. */
export abstract class Dataset<T> implements MapStyleDataset<T> {
  abstract get length(): number;
  abstract getItem(index: number): T;
}

/** Rows of several same-length tensors (PyTorch's TensorDataset); items are arrays of row views. */
export class TensorDataset extends Dataset<Tensor[]> {
  readonly tensors: Tensor[];
  constructor(...tensors: Tensor[]) {
    super();
    const n = tensors[0]?.size(0);
    if (tensors.some((t) => t.size(0) !== n)) throw new RangeError("TensorDataset: size mismatch between tensors");
    this.tensors = tensors;
  }
  get length(): number {
    return this.tensors[0].size(0);
  }
  getItem(index: number): Tensor[] {
    return this.tensors.map((t) => t.select(0, index));
  }
}

export type DatasetLike<T> = MapStyleDataset<T> | { readonly num_rows: number; at(index: number): T } | readonly T[];

/** Normalises the accepted dataset shapes to `MapStyleDataset`. */
export function asMapStyle<T>(ds: DatasetLike<T>): MapStyleDataset<T> {
  if (Array.isArray(ds)) return { length: ds.length, getItem: (i) => ds[i] as T };
  if ("getItem" in ds) return ds;
  if ("num_rows" in ds && "at" in ds) return { get length() { return ds.num_rows; }, getItem: (i) => ds.at(i) };
  throw new TypeError("DataLoader: the dataset needs `length` and `getItem(i)` (or `num_rows` and `at(i)`, or be an array)");
}
