// The immutable state behind a Dataset: ordered columns, their features, an optional indices
// mapping (HF's `_indices`: select/shuffle/filter/sort only write 4 bytes per row and share the
// columns), the output format and the split. Every Dataset method builds a new state.
import { KeyError, ValueError } from "../utils/errors.js";
import { Features, type FeatureType } from "./features.js";
import { PYTHON_FORMAT, type FormatSpec } from "./formatting.js";
import { castColumn, inferFeature } from "./table/cast.js";
import { columnFromValues } from "./table/builder.js";
import type { Column } from "./table/column.js";
import { IndexError, nearest } from "./utils.js";

export interface DatasetInfo {
  description?: string;
  citation?: string;
  homepage?: string;
  license?: string;
  builder_name?: string;
  config_name?: string;
  dataset_name?: string;
}

export interface DatasetState {
  readonly columns: ReadonlyMap<string, Column>;
  readonly features: Features;
  /** Rows of the columns (physical length), needed when there are no columns. */
  readonly physicalRows: number;
  /** Logical row i is physical row indices[i]; null = identity. */
  readonly indices: Int32Array | null;
  readonly format: FormatSpec;
  readonly split: string | null;
  readonly info: DatasetInfo;
}

export function numRows(s: DatasetState): number {
  return s.indices ? s.indices.length : s.physicalRows;
}

/** Physical row of logical row `i` (negative counts from the end). */
export function physicalRow(s: DatasetState, i: number): number {
  const n = numRows(s);
  if (!Number.isInteger(i)) throw new TypeError(`row index must be an integer, got ${i}`);
  const j = i < 0 ? n + i : i;
  if (j < 0 || j >= n) throw new IndexError(`Index ${i} out of range for dataset of size ${n}.`);
  return s.indices ? s.indices[j] : j;
}

/** Physical rows of logical rows [start, end). */
export function physicalRange(s: DatasetState, start: number, end: number): Int32Array {
  if (s.indices) return s.indices.subarray(start, end);
  const out = new Int32Array(end - start);
  for (let i = 0; i < out.length; i++) out[i] = start + i;
  return out;
}

export function requireColumn(s: DatasetState, name: string, where: string): Column {
  const c = s.columns.get(name);
  if (!c) {
    const best = nearest(name, s.columns.keys());
    throw new KeyError(`${where}: column "${name}" not in the dataset${best ? ` (did you mean "${best}"?)` : ""}. Current columns in the dataset: [${[...s.columns.keys()].join(", ")}]`);
  }
  return c;
}

/** A state from columns; features default to the inferred ones, else columns are cast to them. */
export function makeState(columns: Map<string, Column>, options: { features?: Features | null; split?: string | null; info?: DatasetInfo; physicalRows?: number } = {}): DatasetState {
  const lengths = new Set([...columns.values()].map((c) => c.length));
  if (lengths.size > 1) {
    throw new ValueError(`columns have different lengths: ${[...columns].map(([k, c]) => `${k}=${c.length}`).join(", ")}`);
  }
  const feats: Array<[string, FeatureType]> = [];
  const cols = new Map<string, Column>();
  if (options.features) {
    for (const k of options.features.keys()) {
      if (!columns.has(k)) throw new ValueError(`features has a column "${k}" that the data lacks (data columns: ${[...columns.keys()].join(", ")})`);
    }
    for (const k of columns.keys()) {
      if (!options.features.has(k)) throw new ValueError(`the data has a column "${k}" that features lacks (features: ${options.features.keys().join(", ")})`);
    }
  }
  for (const [k, c] of columns) {
    const f = options.features?.get(k);
    if (f) {
      cols.set(k, castColumn(c, f, k));
      feats.push([k, f]);
    } else {
      cols.set(k, c);
      feats.push([k, inferFeature(c)]);
    }
  }
  // Keep the column order of `features` when given (as HF does).
  const order = options.features ? options.features.keys() : [...cols.keys()];
  const ordered = new Map(order.map((k) => [k, cols.get(k)!]));
  const features = new Features(order.map((k) => [k, feats.find(([n]) => n === k)![1]] as [string, FeatureType]));
  return {
    columns: ordered,
    features,
    physicalRows: lengths.size === 1 ? [...lengths][0] : (options.physicalRows ?? 0),
    indices: null,
    format: PYTHON_FORMAT,
    split: options.split ?? null,
    info: options.info ?? {},
  };
}

/** Columns from a dict of arrays (Dataset.from_dict). */
export function columnsFromDict(mapping: Record<string, ArrayLike<unknown>>): Map<string, Column> {
  const cols = new Map<string, Column>();
  for (const [k, v] of Object.entries(mapping)) {
    if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw new ValueError(`from_dict: column "${k}" must be an array, got ${typeof v}`);
    cols.set(k, columnFromValues(k, v, (row) => `from_dict row ${row}`));
  }
  return cols;
}

/** The same state with some fields replaced. */
export function withState(s: DatasetState, patch: Partial<DatasetState>): DatasetState {
  return { ...s, ...patch };
}

/** Columns materialized in logical order (indices applied). */
export function flattenIndices(s: DatasetState): DatasetState {
  if (!s.indices) return s;
  const idx = s.indices;
  const cols = new Map<string, Column>();
  for (const [k, c] of s.columns) cols.set(k, c.take(idx));
  return { ...s, columns: cols, indices: null, physicalRows: idx.length };
}
