// Mirrors datasets/arrow_dataset.py: Dataset, an immutable table of typed columns. Every method
// returns a NEW Dataset that shares the unchanged column storage; select/shuffle/filter/sort only
// write an indices mapping. Rows are `ds.at(i)` / `ds.get(i)` / `ds[i]`, columns
// `ds.column("text")` (and `ds["text"]` at runtime for JS users; TypeScript types only `ds[i]`).
//
// Deliberate differences: `with_format("torch")`/`set_format("torch")` are async (they import
// finetune-ts/torch lazily); `set_format` returns a new dataset instead of changing this one; map
// and filter always see plain JS values (HF hands them the current format).
import { inspect } from "node:util";
import { ValueError } from "../utils/errors.js";
import { Features, type FeatureType } from "./features.js";
import { formatBatch, formatColumnRows, formatRow, loadTorch, PYTHON_FORMAT, type BatchOf, type ColumnOf, type FormatSpec, type FormatType, type Row, type RowOf } from "./formatting.js";
import { columnsFromDict, flattenIndices, makeState, numRows, physicalRange, physicalRow, requireColumn, type DatasetInfo, type DatasetState } from "./dataset_state.js";
import { filterState, mapState, type BatchFilterFunction, type BatchMapFunction, type FilterFunction, type FilterOptions, type MapFunction, type MapOptions, type RowFilterFunction, type RowMapFunction } from "./dataset_map.js";
import { classEncode, sortIndices, trainTestIndices, uniqueValues, type SortOptions, type TrainTestSplitOptions } from "./dataset_ops.js";
import { Generator } from "./random.js";
import { columnFromValues } from "./table/builder.js";
import { castColumn } from "./table/cast.js";
import type { Cell, Column } from "./table/column.js";
import { checkOptions, IndexError } from "./utils.js";
import { DatasetDict } from "./dataset_dict.js";
import { writeCsv, type ToCsvOptions } from "./io/csv.js";
import { writeJson, type ToJsonOptions } from "./io/json.js";
import { writeParquet, type ToParquetOptions } from "./io/parquet.js";
import { saveDataset } from "./io/disk.js";
import type { LoadDatasetOptions } from "./load.js";

export interface FormatOptions {
  columns?: string[] | null;
  output_all_columns?: boolean;
}
export interface FromDictOptions {
  features?: Features | null;
  info?: DatasetInfo;
  split?: string | null;
}

async function fromFiles(builder: string, data_files: string | string[], options: Omit<LoadDatasetOptions, "data_files" | "split">): Promise<Dataset> {
  // load.ts imports this module: load it when called, not at module evaluation.
  const { load_dataset } = await import("./load.js");
  return load_dataset(builder, { ...options, data_files, split: "train" });
}
function physicalRangeIndices(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

const proxyHandler: ProxyHandler<Dataset<FormatType>> = {
  get(target, prop, receiver) {
    // "then" is never a column here, or `await` would take a dataset for a promise.
    if (typeof prop === "string" && prop !== "then" && !(prop in target)) {
      const c = prop.charCodeAt(0);
      if (((c >= 48 && c <= 57) || c === 45) && /^-?\d+$/.test(prop)) return target.at(Number(prop));
      if (target._state.columns.has(prop)) return target.column(prop);
    }
    return Reflect.get(target, prop, receiver);
  },
};

/**
 * A dataset split: typed columns, features, an output format.
 * @example
 * const ds = Dataset.from_dict({ text: ["good", "bad"], label: [1, 0] });
 * ds.num_rows               // 2
 * ds.at(0)                  // { text: "good", label: 1 }
 * ds.column("label")        // [1, 0]
 * String(ds)                // "Dataset({\n    features: ['text', 'label'],\n    num_rows: 2\n})"
 */
export class Dataset<F extends FormatType = "python"> {
  /** Rows by position: `ds[0]`, `ds[-1]`. */
  readonly [index: number]: RowOf<F>;
  /** @internal */
  readonly _state: DatasetState;

  /** @internal Use Dataset.from_dict / from_list / load_dataset. */
  constructor(state: DatasetState) {
    this._state = state;
    return new Proxy(this, proxyHandler as ProxyHandler<this>);
  }

  /** A dataset from columns: `{ text: [...], label: [...] }` (typed arrays keep their dtype). */
  static from_dict(mapping: Record<string, ArrayLike<unknown>>, options: FromDictOptions = {}): Dataset {
    checkOptions(options, ["features", "info", "split"], "Dataset.from_dict");
    return new Dataset(makeState(columnsFromDict(mapping), options));
  }

  /** A dataset from row objects; the columns are the keys of the first row (missing keys → null). */
  static from_list(rows: ReadonlyArray<Record<string, unknown>>, options: FromDictOptions = {}): Dataset {
    checkOptions(options, ["features", "info", "split"], "Dataset.from_list");
    const keys = options.features ? options.features.keys() : Object.keys(rows[0] ?? {});
    const cols = new Map<string, Column>();
    for (const k of keys) cols.set(k, columnFromValues(k, rows.map((r) => r[k]), (row) => `from_list row ${row}`));
    return new Dataset(makeState(cols, { ...options, physicalRows: rows.length }));
  }

  /** `Dataset.from_csv(path_or_paths, options)`: load_dataset("csv", { data_files, split: "train" }). */
  static async from_csv(path_or_paths: string | string[], options: Omit<LoadDatasetOptions, "data_files" | "split"> = {}): Promise<Dataset> {
    return fromFiles("csv", path_or_paths, options);
  }
  /** `Dataset.from_json(path_or_paths, options)` (JSON Lines or a JSON array; `field` for nested records). */
  static async from_json(path_or_paths: string | string[], options: Omit<LoadDatasetOptions, "data_files" | "split"> = {}): Promise<Dataset> {
    return fromFiles("json", path_or_paths, options);
  }
  static async from_parquet(path_or_paths: string | string[], options: Omit<LoadDatasetOptions, "data_files" | "split"> = {}): Promise<Dataset> {
    return fromFiles("parquet", path_or_paths, options);
  }
  static async from_text(path_or_paths: string | string[], options: Omit<LoadDatasetOptions, "data_files" | "split"> = {}): Promise<Dataset> {
    return fromFiles("text", path_or_paths, options);
  }

  private derive<G extends FormatType = F>(patch: Partial<DatasetState>): Dataset<G> {
    return new Dataset<G>({ ...this._state, ...patch });
  }

  get num_rows(): number {
    return numRows(this._state);
  }
  /** Same as num_rows (`len(ds)`); also makes a Dataset a `{ length, getItem }` source for DataLoader. */
  get length(): number {
    return numRows(this._state);
  }
  get column_names(): string[] {
    return [...this._state.columns.keys()];
  }
  get num_columns(): number {
    return this._state.columns.size;
  }
  get shape(): [number, number] {
    return [this.num_rows, this.num_columns];
  }
  get features(): Features {
    return this._state.features;
  }
  get split(): string | null {
    return this._state.split;
  }
  get info(): DatasetInfo & { features: Features; split: string | null } {
    return { ...this._state.info, features: this._state.features, split: this._state.split };
  }
  /** HF's `ds.format`: `{ type, format_kwargs, columns, output_all_columns }`. */
  get format(): { type: FormatType | null; format_kwargs: Record<string, never>; columns: string[]; output_all_columns: boolean } {
    const f = this._state.format;
    return { type: f.type === "python" ? null : f.type, format_kwargs: {}, columns: f.columns ? [...f.columns] : this.column_names, output_all_columns: f.output_all_columns };
  }

  // ---- access ---------------------------------------------------------------------------------

  /** Row `i` (negative counts from the end) in the current format. */
  at(i: number): RowOf<F> {
    const s = this._state;
    return formatRow(s.format, s.columns, physicalRow(s, i)) as RowOf<F>;
  }
  /** Same as `at(i)`. */
  get(i: number): RowOf<F> {
    return this.at(i);
  }
  /** Same as `at(i)`, for torch's `Dataset.__getitem__` protocol (DataLoader). */
  getItem(i: number): RowOf<F> {
    return this.at(i);
  }
  /** Rows [start, end) as a batch (`ds[start:end]`). */
  slice(start: number, end?: number): BatchOf<F> {
    const n = this.num_rows;
    const a = Math.max(0, Math.min(n, start < 0 ? n + start : start));
    const b = Math.max(a, Math.min(n, end === undefined ? n : end < 0 ? n + end : end));
    return formatBatch(this._state.format, this._state.columns, physicalRange(this._state, a, b)) as BatchOf<F>;
  }
  /** One column in the current format: an array (python) or a tensor (torch, numeric columns). */
  column(name: string): ColumnOf<F> {
    const s = this._state;
    const col = requireColumn(s, name, "column");
    return formatColumnRows(s.format, col, name, physicalRange(s, 0, numRows(s))) as ColumnOf<F>;
  }
  /** Rows one by one in the current format. */
  *[Symbol.iterator](): IterableIterator<RowOf<F>> {
    const n = this.num_rows;
    for (let i = 0; i < n; i++) yield this.at(i);
  }
  /** Batches of `batch_size` rows in the current format. */
  *iter(options: { batch_size: number; drop_last_batch?: boolean }): IterableIterator<BatchOf<F>> {
    checkOptions(options, ["batch_size", "drop_last_batch"], "iter");
    const bs = options.batch_size;
    if (!Number.isInteger(bs) || bs <= 0) throw new ValueError(`iter: batch_size must be a positive integer, got ${bs}`);
    const n = this.num_rows;
    for (let start = 0; start < n; start += bs) {
      if (options.drop_last_batch && start + bs > n) return;
      yield this.slice(start, Math.min(n, start + bs));
    }
  }
  /** Columns as plain arrays (`ds.to_dict()`). */
  to_dict(): Record<string, Cell[]> {
    const rows = physicalRange(this._state, 0, this.num_rows);
    return Object.fromEntries([...this._state.columns].map(([k, c]) => [k, Array.from(rows, (r) => c.get(r))]));
  }
  /** Rows as plain objects (`ds.to_list()`). */
  to_list(): Row[] {
    const rows = physicalRange(this._state, 0, this.num_rows);
    const cols = [...this._state.columns];
    return Array.from(rows, (r) => Object.fromEntries(cols.map(([k, c]) => [k, c.get(r)])));
  }

  // ---- row selection --------------------------------------------------------------------------

  /** The rows at `indices`, in that order (repeats allowed). */
  select(indices: Iterable<number> | ArrayLike<number>): Dataset<F> {
    const s = this._state;
    const n = numRows(s);
    const list = Array.from(indices as ArrayLike<number>);
    const out = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const j = list[i];
      if (!Number.isInteger(j) || j < -n || j >= n) throw new IndexError(`select: index ${j} out of range for dataset of size ${n}`);
      const k = j < 0 ? n + j : j;
      out[i] = s.indices ? s.indices[k] : k;
    }
    return this.derive({ indices: out });
  }
  /** The first `n` rows. */
  take(n: number): Dataset<F> {
    return this.select(physicalRangeIndices(Math.min(Math.max(0, n), this.num_rows)));
  }
  /** All rows but the first `n`. */
  skip(n: number): Dataset<F> {
    const start = Math.min(Math.max(0, n), this.num_rows);
    return this.select(physicalRangeIndices(this.num_rows - start).map((i) => i + start));
  }
  /** Rows in a random order: NumPy's `default_rng(seed).permutation(n)`, so the same order as HF for the same seed. */
  shuffle(options: { seed?: number | null; generator?: Generator | null; keep_in_memory?: boolean; load_from_cache_file?: boolean } = {}): Dataset<F> {
    checkOptions(options, ["seed", "generator", "keep_in_memory", "load_from_cache_file"], "shuffle");
    const rng = options.generator ?? new Generator(options.seed ?? Math.floor(Math.random() * 2 ** 32));
    return this.select(rng.permutation(this.num_rows));
  }
  /** Rows sorted by one or more columns (stable). */
  sort(column_names: string | string[], options: SortOptions = {}): Dataset<F> {
    checkOptions(options, ["reverse", "null_placement"], "sort");
    return this.derive({ indices: sortIndices(this._state, Array.isArray(column_names) ? column_names : [column_names], options) });
  }
  /** Rows for which `fn` returns true (`fn` may be async; batched: an array of booleans). */
  filter(fn: BatchFilterFunction, options: FilterOptions & { batched: true }): Promise<Dataset<F>>;
  filter(fn: RowFilterFunction, options?: FilterOptions & { batched?: false }): Promise<Dataset<F>>;
  filter(fn: FilterFunction, options?: FilterOptions): Promise<Dataset<F>>;
  async filter(fn: FilterFunction, options: FilterOptions = {}): Promise<Dataset<F>> {
    return new Dataset<F>(await filterState(this._state, fn, options));
  }
  /**
   * Applies `fn` to every row (or batch, with `batched: true`); its returned columns are added or
   * replace existing ones. `fn` may be async and may return a tokenizer's BatchEncoding.
   * @example
   * const enc = await ds.map((b: { text: string[] }) => tokenizer(b.text, { truncation: true }), { batched: true });
   */
  map(fn: BatchMapFunction, options: MapOptions & { batched: true }): Promise<Dataset<F>>;
  map(fn?: RowMapFunction | null, options?: MapOptions & { batched?: false }): Promise<Dataset<F>>;
  map(fn: MapFunction | null | undefined, options?: MapOptions): Promise<Dataset<F>>;
  async map(fn?: MapFunction | null, options: MapOptions = {}): Promise<Dataset<F>> {
    return new Dataset<F>(await mapState(this._state, fn, options));
  }
  /** `{ train, test }` splits (HF's sizes; stratify_by_column needs a ClassLabel column). */
  train_test_split(options: TrainTestSplitOptions = {}): DatasetDict<F> {
    checkOptions(options, ["test_size", "train_size", "shuffle", "stratify_by_column", "seed", "generator", "keep_in_memory", "load_from_cache_file"], "train_test_split");
    const [train, test] = trainTestIndices(this._state, options);
    return new DatasetDict<F>({ train: this.select(train), test: this.select(test) });
  }
  /** Materializes select/shuffle/filter/sort into new columns. */
  flatten_indices(): Dataset<F> {
    return new Dataset<F>(flattenIndices(this._state));
  }

  // ---- columns --------------------------------------------------------------------------------

  unique(column: string): Cell[] {
    return uniqueValues(this._state, column);
  }
  rename_column(original_column_name: string, new_column_name: string): Dataset<F> {
    return this.rename_columns({ [original_column_name]: new_column_name });
  }
  rename_columns(column_mapping: Record<string, string>): Dataset<F> {
    const s = this._state;
    for (const [from, to] of Object.entries(column_mapping)) {
      requireColumn(s, from, "rename_columns");
      if (!to) throw new ValueError(`rename_columns: new name for "${from}" is empty`);
      if (s.columns.has(to) && !(to in column_mapping)) throw new ValueError(`rename_columns: column "${to}" already exists`);
    }
    const rename = (k: string): string => column_mapping[k] ?? k;
    const names = [...s.columns.keys()].map(rename);
    if (new Set(names).size !== names.length) throw new ValueError(`rename_columns: the mapping gives duplicate column names: ${names.join(", ")}`);
    const columns = new Map([...s.columns].map(([k, c]) => [rename(k), c]));
    const features = new Features(s.features.items().map(([k, f]) => [rename(k), f] as [string, FeatureType]));
    const format = s.format.columns ? { ...s.format, columns: s.format.columns.map(rename) } : s.format;
    return this.derive({ columns, features, format });
  }
  remove_columns(column_names: string | string[]): Dataset<F> {
    const names = Array.isArray(column_names) ? column_names : [column_names];
    for (const n of names) requireColumn(this._state, n, "remove_columns");
    return this.select_columns(this.column_names.filter((c) => !names.includes(c)));
  }
  /** Keeps only `column_names`, in that order. */
  select_columns(column_names: string | string[]): Dataset<F> {
    const s = this._state;
    const names = Array.isArray(column_names) ? column_names : [column_names];
    for (const n of names) requireColumn(s, n, "select_columns");
    const format = s.format.columns ? { ...s.format, columns: s.format.columns.filter((c) => names.includes(c)) } : s.format;
    return this.derive({
      columns: new Map(names.map((n) => [n, s.columns.get(n)!])),
      features: new Features(names.map((n) => [n, s.features.get(n)] as [string, FeatureType])),
      format,
    });
  }
  /** Adds a column of `num_rows` values. */
  add_column(name: string, column: ArrayLike<unknown>, options: { feature?: FeatureType } = {}): Dataset<F> {
    const s = flattenIndices(this._state);
    if (s.columns.has(name)) throw new ValueError(`add_column: column "${name}" already exists`);
    if (column.length !== numRows(s)) throw new ValueError(`add_column: "${name}" has ${column.length} values for ${numRows(s)} rows`);
    let col = columnFromValues(name, column);
    if (options.feature) col = castColumn(col, options.feature, name);
    const cols = new Map(s.columns).set(name, col);
    const features = new Features([...s.features.items(), [name, options.feature ?? makeState(new Map([[name, col]])).features.get(name)]]);
    return new Dataset<F>({ ...s, columns: cols, features });
  }
  /** Casts one column to `feature` (e.g. strings → ClassLabel, int64 → float32). */
  cast_column(column: string, feature: FeatureType): Dataset<F> {
    const s = this._state;
    const col = castColumn(requireColumn(s, column, "cast_column"), feature, column);
    return this.derive({ columns: new Map(s.columns).set(column, col), features: new Features(s.features.items().map(([k, f]) => [k, k === column ? feature : f] as [string, FeatureType])) });
  }
  /** Casts every column to `features` (same column names). */
  cast(features: Features): Dataset<F> {
    const s = this._state;
    const keys = features.keys();
    if (keys.length !== s.columns.size || keys.some((k) => !s.columns.has(k))) throw new ValueError(`cast: features [${keys.join(", ")}] must name exactly the columns [${this.column_names.join(", ")}]`);
    const columns = new Map(keys.map((k) => [k, castColumn(s.columns.get(k)!, features.get(k), k)]));
    return this.derive({ columns, features });
  }
  /** Turns a column of values into a ClassLabel column (names: the sorted distinct values as strings). */
  class_encode_column(column: string, options: { include_nulls?: boolean } = {}): Dataset<F> {
    checkOptions(options, ["include_nulls", "names"], "class_encode_column");
    const names = (options as { names?: string[] }).names;
    const { column: col, feature } = classEncode(this._state, column, options.include_nulls ?? false, names);
    const s = this._state;
    return this.derive({ columns: new Map(s.columns).set(column, col), features: new Features(s.features.items().map(([k, f]) => [k, k === column ? feature : f] as [string, FeatureType])) });
  }

  // ---- formats --------------------------------------------------------------------------------

  /** A dataset whose rows/columns come out as torch tensors (async: imports finetune-ts/torch once). */
  with_format(type: "torch", options?: FormatOptions): Promise<Dataset<"torch">>;
  /** A dataset whose rows come out as plain JS values (`null`/"python"). */
  with_format(type?: "python" | null, options?: FormatOptions): Dataset<"python">;
  with_format(type: FormatType | null = null, options: FormatOptions = {}): Dataset<"python"> | Promise<Dataset<"torch">> {
    const spec = (): FormatSpec => {
      checkOptions(options, ["columns", "output_all_columns"], "with_format");
      if (type !== null && type !== "python" && type !== "torch") throw new ValueError(`with_format: format type "${String(type)}" is not supported; use "torch", "python" or null`);
      const cols = options.columns ?? null;
      for (const c of cols ?? []) requireColumn(this._state, c, "with_format");
      return { type: type === "python" ? null : type, columns: cols ? [...cols] : null, output_all_columns: options.output_all_columns ?? false };
    };
    // The torch variant is async: its errors reject the promise rather than throw.
    if (type === "torch") return (async () => {
      const format = spec();
      await loadTorch();
      return this.derive<"torch">({ format });
    })();
    return this.derive<"python">({ format: spec() });
  }
  /** HF's set_format; here it returns a new dataset (nothing changes in place). */
  set_format(type: "torch", options?: FormatOptions): Promise<Dataset<"torch">>;
  set_format(type?: "python" | null, options?: FormatOptions): Dataset<"python">;
  set_format(type: FormatType | null = null, options: FormatOptions = {}): Dataset<"python"> | Promise<Dataset<"torch">> {
    return type === "torch" ? this.with_format("torch", options) : this.with_format(type, options);
  }
  reset_format(): Dataset<"python"> {
    return this.derive<"python">({ format: PYTHON_FORMAT });
  }

  // ---- output ---------------------------------------------------------------------------------

  /** Writes CSV (header, no index column, as HF's `to_csv`). Returns bytes written. */
  async to_csv(path_or_buf: string, options: ToCsvOptions = {}): Promise<number> {
    return writeCsv(this._state, path_or_buf, options);
  }
  /** Writes JSON Lines (default) or a JSON array (`lines: false`). Returns bytes written. */
  async to_json(path_or_buf: string, options: ToJsonOptions = {}): Promise<number> {
    return writeJson(this._state, path_or_buf, options);
  }
  /** Writes Parquet with the features in the "huggingface" metadata. Returns bytes written. */
  async to_parquet(path_or_buf: string, options: ToParquetOptions = {}): Promise<number> {
    return writeParquet(this._state, path_or_buf, options);
  }
  /** Saves to a folder (finetune-ts columnar format, see io/disk.ts); `load_from_disk` reads it. */
  async save_to_disk(dataset_path: string): Promise<void> {
    await saveDataset(this._state, dataset_path);
  }

  toString(): string {
    return `Dataset({\n    features: [${this.column_names.map((c) => `'${c}'`).join(", ")}],\n    num_rows: ${this.num_rows}\n})`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
  get [Symbol.toStringTag](): string {
    return "Dataset";
  }
}
