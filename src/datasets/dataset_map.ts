// Dataset.map and Dataset.filter (datasets/arrow_dataset.py `map`, `filter`): the function sees
// rows (or batches: one array per column) as plain JS values, may be sync or async, and may
// return any object of columns — a tokenizer's BatchEncoding included; nested number arrays
// become List columns, tensors are read with `tolist()`. Output is appended straight into
// column builders, so a 650k-row map never holds 650k row objects.
import { ValueError } from "../utils/errors.js";
import { ClassLabel, Features, Value, type FeatureType } from "./features.js";
import { cellsAt, type Batch, type Row } from "./formatting.js";
import { numRows, physicalRange, requireColumn, type DatasetState } from "./dataset_state.js";
import { ColumnBuilder } from "./table/builder.js";
import { castColumn, inferFeature } from "./table/cast.js";
import { PrimitiveColumn, type Column } from "./table/column.js";
import { checkOptions, isPromiseLike, progressBar } from "./utils.js";

export interface MapOptions {
  /** Pass batches (one array per column) instead of single rows. Default false. */
  batched?: boolean;
  /** Rows per batch; null or <= 0 means the whole dataset in one batch. Default 1000. */
  batch_size?: number | null;
  drop_last_batch?: boolean;
  /** Also pass the row index (batched: the array of indices) after the example. */
  with_indices?: boolean;
  /** Pass these columns as positional arguments instead of one example object. */
  input_columns?: string | string[] | null;
  /** Columns to drop from the output (the function still sees them). */
  remove_columns?: string | string[] | null;
  /** Cast the output to these features. */
  features?: Features | null;
  /** Passed to the function as a last argument. */
  fn_kwargs?: Record<string, unknown> | null;
  /** Progress-bar label (default "Map"). */
  desc?: string | null;
  // Accepted for HF compatibility; no effect here (no cache files, one process).
  num_proc?: number | null;
  load_from_cache_file?: boolean | null;
  keep_in_memory?: boolean;
  cache_file_name?: string | null;
  writer_batch_size?: number | null;
  new_fingerprint?: string | null;
}
const MAP_KEYS = ["batched", "batch_size", "drop_last_batch", "with_indices", "input_columns", "remove_columns", "features", "fn_kwargs", "desc", "num_proc", "load_from_cache_file", "keep_in_memory", "cache_file_name", "writer_batch_size", "new_fingerprint"] as const;

export type FilterOptions = Omit<MapOptions, "remove_columns" | "features" | "drop_last_batch">;
const FILTER_KEYS = MAP_KEYS.filter((k) => !["remove_columns", "features", "drop_last_batch"].includes(k));

/** What a map function may return: any object of values (rows) or of arrays (batches). */
export type MapResult = object | null | undefined | void;
// Method-style ("bivariant") signatures, so a caller may annotate the example with its own shape:
// `ds.map((b: { text: string[] }) => tokenizer(b.text), { batched: true })`.
type Bivariant<A extends unknown[], R> = { fn(...args: A): R }["fn"];
type Kwargs = Record<string, unknown>;
/** `fn(example, index, fn_kwargs)`: index only with with_indices, fn_kwargs only when given. */
export type RowMapFunction = Bivariant<[example: Row, index: number, fn_kwargs: Kwargs], MapResult | Promise<MapResult>>;
/** `fn(batch, indices, fn_kwargs)` for batched=true. */
export type BatchMapFunction = Bivariant<[batch: Batch, indices: number[], fn_kwargs: Kwargs], MapResult | Promise<MapResult>>;
/** With input_columns the columns' values come as positional arguments. */
export type ColumnsMapFunction = (...args: never[]) => MapResult | Promise<MapResult>;
export type MapFunction = RowMapFunction | BatchMapFunction | ColumnsMapFunction;
export type RowFilterFunction = Bivariant<[example: Row, index: number, fn_kwargs: Kwargs], boolean | Promise<boolean>>;
export type BatchFilterFunction = Bivariant<[batch: Batch, indices: number[], fn_kwargs: Kwargs], boolean[] | Promise<boolean[]>>;
export type FilterFunction = RowFilterFunction | BatchFilterFunction | ((...args: never[]) => boolean | boolean[] | Promise<boolean | boolean[]>);

function asList(v: string | string[] | null | undefined): string[] {
  return v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Tensors (anything with tolist()) become nested arrays. */
function plain(v: unknown): unknown {
  if (typeof v === "object" && v !== null && typeof (v as { tolist?: unknown }).tolist === "function") return (v as { tolist(): unknown }).tolist();
  return v;
}

interface Batches {
  total: number;
  batchSize: number;
  inputs: string[];
  positional: boolean;
}

function plan(s: DatasetState, o: MapOptions, where: string): Batches {
  const total = numRows(s);
  const bs = o.batch_size === null || (o.batch_size !== undefined && o.batch_size <= 0) ? Math.max(total, 1) : (o.batch_size ?? 1000);
  if (!Number.isInteger(bs)) throw new ValueError(`${where}: batch_size must be an integer or null, got ${o.batch_size}`);
  const inputCols = asList(o.input_columns);
  for (const c of inputCols) requireColumn(s, c, where);
  return { total, batchSize: o.batched ? bs : 1, inputs: inputCols.length ? inputCols : [...s.columns.keys()], positional: inputCols.length > 0 };
}

/** Calls fn on each row or batch, in order, awaiting only when it returns a promise. */
async function drive(
  s: DatasetState,
  o: MapOptions,
  p: Batches,
  fn: (...args: unknown[]) => unknown,
  label: string,
  sink: (out: unknown, start: number, size: number) => void,
): Promise<void> {
  const bar = progressBar(p.total, label);
  const extra = o.fn_kwargs ? [o.fn_kwargs] : [];
  try {
    for (let start = 0; start < p.total; start += p.batchSize) {
      const end = Math.min(p.total, start + p.batchSize);
      if (o.drop_last_batch && end - start < p.batchSize) break;
      const rows = physicalRange(s, start, end);
      let args: unknown[];
      if (o.batched) {
        const cols = p.inputs.map((c) => cellsAt(s.columns.get(c)!, rows));
        const first = p.positional ? cols : [Object.fromEntries(p.inputs.map((c, i) => [c, cols[i]]))];
        args = o.with_indices ? [...first, Array.from({ length: end - start }, (_, i) => start + i), ...extra] : [...first, ...extra];
      } else {
        const r = rows[0];
        const vals = p.inputs.map((c) => s.columns.get(c)!.get(r));
        const first = p.positional ? vals : [Object.fromEntries(p.inputs.map((c, i) => [c, vals[i]]))];
        args = o.with_indices ? [...first, start, ...extra] : [...first, ...extra];
      }
      let out = fn(...args);
      if (isPromiseLike(out)) out = await out;
      sink(out, start, end - start);
      bar.update(end - start);
    }
  } finally {
    bar.close();
  }
}

/** The feature of an updated column: the old one when the new values still fit it (as HF keeps a ClassLabel). */
function keepFeature(col: Column, old: FeatureType | undefined, name: string): [Column, FeatureType] {
  const inferred = inferFeature(col);
  if (old && ((old instanceof ClassLabel && col instanceof PrimitiveColumn && !col.dtype.startsWith("float")) || (old instanceof Value && inferred instanceof Value && sameFamily(old.dtype, inferred.dtype)))) {
    try {
      return [castColumn(col, old, name), old];
    } catch {
      // values no longer fit the old feature: keep the inferred one
    }
  }
  return [col, inferred];
}
function sameFamily(a: string, b: string): boolean {
  const fam = (d: string): string => (d.includes("string") ? "s" : d.startsWith("float") ? "f" : d === "bool" ? "b" : "i");
  return fam(a) === fam(b);
}

export async function mapState(s: DatasetState, fn: MapFunction | null | undefined, o: MapOptions = {}): Promise<DatasetState> {
  checkOptions(o, MAP_KEYS, "map");
  const where = "map";
  const p = plan(s, o, where);
  const remove = asList(o.remove_columns);
  for (const c of remove) requireColumn(s, c, "map(remove_columns)");
  const builders = new Map<string, ColumnBuilder>();
  let outRows = 0;
  let batchNo = 0;
  const label = o.desc ?? "Map";
  const sink = (out: unknown, start: number, size: number): void => {
    const b = batchNo++;
    if (out === null || out === undefined) out = {};
    if (typeof out !== "object" || Array.isArray(out)) throw new ValueError(`${label}: the function must return an object of columns (or nothing), got ${Array.isArray(out) ? "an array" : typeof out} for ${o.batched ? `batch ${b}` : `row ${start}`}`);
    const entries = Object.entries(out as Record<string, unknown>);
    if (b === 0) for (const [k] of entries) builders.set(k, new ColumnBuilder(k, (row) => `${label}: output row ${row}`));
    else if (entries.length !== builders.size || entries.some(([k]) => !builders.has(k))) {
      throw new ValueError(`${label}: the function returned columns [${entries.map(([k]) => k).join(", ")}] for ${o.batched ? `batch ${b}` : `row ${start}`} but [${[...builders.keys()].join(", ")}] before; every call must return the same columns`);
    }
    let produced = o.batched ? -1 : 1;
    for (const [k, raw] of entries) {
      const v = plain(raw);
      const builder = builders.get(k)!;
      if (o.batched) {
        if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw new ValueError(`${label}: batched=true, so column "${k}" must be an array of ${size} values (one per row of the batch), got ${typeof v}`);
        const arr = v as ArrayLike<unknown>;
        if (produced >= 0 && arr.length !== produced) throw new ValueError(`${label}: column lengths mismatch in batch ${b}: "${k}" has ${arr.length} values but the other returned columns have ${produced}`);
        produced = arr.length;
        for (let i = 0; i < arr.length; i++) builder.push(arr[i]);
      } else {
        builder.push(v);
      }
    }
    if (produced < 0) produced = size;
    if (produced !== size) {
      const kept = [...s.columns.keys()].filter((c) => !remove.includes(c) && !builders.has(c));
      if (kept.length > 0) {
        throw new ValueError(`${label}: batch ${b} has ${size} input rows but the function returned ${produced}; to change the number of rows, remove the input columns ([${kept.join(", ")}]) with remove_columns`);
      }
    }
    outRows += produced;
  };
  await drive(s, o, p, (fn ?? (() => ({}))) as (...a: unknown[]) => unknown, label, sink);
  // The function may return nothing for an empty dataset: fall back to the input's columns.
  const cols = new Map<string, Column>();
  const feats: Array<[string, FeatureType]> = [];
  const rowsChanged = outRows !== p.total || (o.drop_last_batch ?? false);
  const logical = physicalRange(s, 0, p.total);
  for (const [k, c] of s.columns) {
    if (remove.includes(k) && !builders.has(k)) continue;
    if (builders.has(k)) {
      const [col, f] = keepFeature(builders.get(k)!.finish(), s.features.get(k), k);
      cols.set(k, col);
      feats.push([k, f]);
    } else if (!rowsChanged) {
      cols.set(k, s.indices ? c.take(logical) : c);
      feats.push([k, s.features.get(k)]);
    }
  }
  for (const [k, b] of builders) {
    if (cols.has(k)) continue;
    const col = b.finish();
    cols.set(k, col);
    feats.push([k, inferFeature(col)]);
  }
  let features = new Features(feats);
  if (o.features) {
    for (const [k, c] of cols) {
      if (!o.features.has(k)) throw new ValueError(`map: features is missing the output column "${k}"`);
      cols.set(k, castColumn(c, o.features.get(k), k));
    }
    features = new Features(o.features.keys().filter((k) => cols.has(k)).map((k) => [k, o.features!.get(k)] as [string, FeatureType]));
  }
  // A column the function saw but that was removed/renamed drops out of the format's column list.
  const format = s.format.columns ? { ...s.format, columns: s.format.columns.filter((c) => cols.has(c)) } : s.format;
  return { ...s, columns: cols, features, physicalRows: outRows, indices: null, format };
}

export async function filterState(s: DatasetState, fn: FilterFunction, o: FilterOptions = {}): Promise<DatasetState> {
  checkOptions(o, FILTER_KEYS, "filter");
  const p = plan(s, o, "filter");
  const label = o.desc ?? "Filter";
  const keep = new Int32Array(p.total);
  let n = 0;
  const sink = (out: unknown, start: number, size: number): void => {
    if (o.batched) {
      if (!Array.isArray(out) || out.length !== size) throw new ValueError(`${label}: batched=true, so the function must return an array of ${size} booleans for the batch starting at row ${start}`);
      for (let i = 0; i < size; i++) if (out[i]) keep[n++] = start + i;
    } else if (out) {
      keep[n++] = start;
    }
  };
  await drive(s, o, p, fn as (...a: unknown[]) => unknown, label, sink);
  const kept = keep.subarray(0, n);
  const indices = s.indices ? Int32Array.from(kept, (i) => s.indices![i]) : kept.slice();
  return { ...s, indices };
}

