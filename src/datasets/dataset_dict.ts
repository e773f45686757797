// Mirrors datasets/dataset_dict.py: DatasetDict, named splits with the Dataset methods applied to
// every split. Splits are properties (`dd.train`, `dd["train"]`, api-conventions.md); every
// method returns a new DatasetDict.
import { inspect } from "node:util";
import { KeyError, ValueError } from "../utils/errors.js";
import type { Dataset, FormatOptions } from "./arrow_dataset.js";
import type { Features, FeatureType } from "./features.js";
import type { BatchFilterFunction, BatchMapFunction, FilterFunction, FilterOptions, MapFunction, MapOptions, RowFilterFunction, RowMapFunction } from "./dataset_map.js";
import type { SortOptions } from "./dataset_ops.js";
import type { FormatType } from "./formatting.js";
import type { Cell } from "./table/column.js";
import { saveDatasetDict } from "./io/disk.js";
import { classNames } from "./dataset_ops.js";
import { checkOptions, nearest } from "./utils.js";

const SPLITS = Symbol("DatasetDict.splits");

class DatasetDictImpl<F extends FormatType = "python"> {
  declare readonly [SPLITS]: ReadonlyMap<string, Dataset<F>>;

  constructor(splits: Record<string, Dataset<F>> | Iterable<[string, Dataset<F>]> = {}) {
    const map = new Map<string, Dataset<F>>(Symbol.iterator in splits ? (splits as Iterable<[string, Dataset<F>]>) : Object.entries(splits));
    Object.defineProperty(this, SPLITS, { value: map, enumerable: false });
    for (const [k, v] of map) Object.defineProperty(this, k, { value: v, enumerable: true });
  }

  private each<G extends FormatType = F>(fn: (ds: Dataset<F>, split: string) => Dataset<G>): DatasetDict<G> {
    return new DatasetDict<G>([...this[SPLITS]].map(([k, d]) => [k, fn(d, k)] as [string, Dataset<G>]));
  }
  private async eachAsync<G extends FormatType = F>(fn: (ds: Dataset<F>, split: string) => Promise<Dataset<G>>): Promise<DatasetDict<G>> {
    const out: Array<[string, Dataset<G>]> = [];
    for (const [k, d] of this[SPLITS]) out.push([k, await fn(d, k)]);
    return new DatasetDict<G>(out);
  }
  private perSplit<T>(fn: (ds: Dataset<F>) => T): Record<string, T> {
    return Object.fromEntries([...this[SPLITS]].map(([k, d]) => [k, fn(d)]));
  }

  keys(): string[] {
    return [...this[SPLITS].keys()];
  }
  values(): Array<Dataset<F>> {
    return [...this[SPLITS].values()];
  }
  items(): Array<[string, Dataset<F>]> {
    return [...this[SPLITS].entries()];
  }
  /** The split named `split` (KeyError naming the available splits). */
  get(split: string): Dataset<F> {
    const d = this[SPLITS].get(split);
    if (!d) {
      const best = nearest(split, this.keys());
      throw new KeyError(`no split "${split}"${best ? ` (did you mean "${best}"?)` : ""}; splits: ${this.keys().join(", ")}`);
    }
    return d;
  }
  has(split: string): boolean {
    return this[SPLITS].has(split);
  }
  /** Iterates split names, as iterating a Python dict does. */
  [Symbol.iterator](): IterableIterator<string> {
    return this[SPLITS].keys();
  }

  get num_rows(): Record<string, number> {
    return this.perSplit((d) => d.num_rows);
  }
  get num_columns(): Record<string, number> {
    return this.perSplit((d) => d.num_columns);
  }
  get column_names(): Record<string, string[]> {
    return this.perSplit((d) => d.column_names);
  }
  get shape(): Record<string, [number, number]> {
    return this.perSplit((d) => d.shape);
  }
  get features(): Features {
    const first = this.values()[0];
    if (!first) throw new ValueError("an empty DatasetDict has no features");
    return first.features;
  }
  unique(column: string): Record<string, Cell[]> {
    return this.perSplit((d) => d.unique(column));
  }

  /** Dataset.map over every split. */
  map(fn: BatchMapFunction, options: MapOptions & { batched: true }): Promise<DatasetDict<F>>;
  map(fn?: RowMapFunction | null, options?: MapOptions & { batched?: false }): Promise<DatasetDict<F>>;
  map(fn: MapFunction | null | undefined, options?: MapOptions): Promise<DatasetDict<F>>;
  async map(fn?: MapFunction | null, options: MapOptions = {}): Promise<DatasetDict<F>> {
    return this.eachAsync((d) => d.map(fn, options));
  }
  /** Dataset.filter over every split. */
  filter(fn: BatchFilterFunction, options: FilterOptions & { batched: true }): Promise<DatasetDict<F>>;
  filter(fn: RowFilterFunction, options?: FilterOptions & { batched?: false }): Promise<DatasetDict<F>>;
  filter(fn: FilterFunction, options?: FilterOptions): Promise<DatasetDict<F>>;
  async filter(fn: FilterFunction, options: FilterOptions = {}): Promise<DatasetDict<F>> {
    return this.eachAsync((d) => d.filter(fn, options));
  }
  /** Shuffles every split; `seeds` gives one seed per split, `seed` one for all. */
  shuffle(options: { seed?: number | null; seeds?: Record<string, number | null> | null; keep_in_memory?: boolean; load_from_cache_file?: boolean } = {}): DatasetDict<F> {
    checkOptions(options, ["seed", "seeds", "keep_in_memory", "load_from_cache_file"], "DatasetDict.shuffle");
    if (options.seed != null && options.seeds != null) throw new ValueError("Please specify seed or seeds, but not both");
    return this.each((d, k) => d.shuffle({ seed: options.seeds?.[k] ?? options.seed ?? null }));
  }
  sort(column_names: string | string[], options: SortOptions = {}): DatasetDict<F> {
    return this.each((d) => d.sort(column_names, options));
  }
  flatten_indices(): DatasetDict<F> {
    return this.each((d) => d.flatten_indices());
  }
  rename_column(original_column_name: string, new_column_name: string): DatasetDict<F> {
    return this.each((d) => d.rename_column(original_column_name, new_column_name));
  }
  rename_columns(column_mapping: Record<string, string>): DatasetDict<F> {
    return this.each((d) => d.rename_columns(column_mapping));
  }
  remove_columns(column_names: string | string[]): DatasetDict<F> {
    return this.each((d) => d.remove_columns(column_names));
  }
  select_columns(column_names: string | string[]): DatasetDict<F> {
    return this.each((d) => d.select_columns(column_names));
  }
  cast_column(column: string, feature: FeatureType): DatasetDict<F> {
    return this.each((d) => d.cast_column(column, feature));
  }
  cast(features: Features): DatasetDict<F> {
    return this.each((d) => d.cast(features));
  }
  /**
   * Encodes `column` as a ClassLabel. Deliberate difference: HF encodes each split on its own (a
   * split missing a value gets different ids); here the names come from all splits together.
   */
  class_encode_column(column: string, options: { include_nulls?: boolean } = {}): DatasetDict<F> {
    const names = new Set<string>();
    for (const d of this.values()) for (const n of classNames(d._state, column, options.include_nulls ?? false)) names.add(n);
    const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return this.each((d) => d.class_encode_column(column, { ...options, names: sorted } as { include_nulls?: boolean }));
  }
  with_format(type: "torch", options?: FormatOptions): Promise<DatasetDict<"torch">>;
  with_format(type?: "python" | null, options?: FormatOptions): DatasetDict<"python">;
  with_format(type: FormatType | null = null, options: FormatOptions = {}): DatasetDict<"python"> | Promise<DatasetDict<"torch">> {
    if (type === "torch") return this.eachAsync<"torch">((d) => d.with_format("torch", options));
    return this.each<"python">((d) => d.with_format(type, options));
  }
  set_format(type: "torch", options?: FormatOptions): Promise<DatasetDict<"torch">>;
  set_format(type?: "python" | null, options?: FormatOptions): DatasetDict<"python">;
  set_format(type: FormatType | null = null, options: FormatOptions = {}): DatasetDict<"python"> | Promise<DatasetDict<"torch">> {
    return type === "torch" ? this.with_format("torch", options) : this.with_format(type, options);
  }
  reset_format(): DatasetDict<"python"> {
    return this.each<"python">((d) => d.reset_format());
  }
  /** Saves every split under `dataset_dict_path/<split>/` with a dataset_dict.json (HF's layout). */
  async save_to_disk(dataset_dict_path: string): Promise<void> {
    await saveDatasetDict(this.items().map(([k, d]) => [k, d._state]), dataset_dict_path);
  }

  toString(): string {
    const body = this.items()
      .map(([k, d]) => `    ${k}: ${String(d).split("\n").join("\n    ")}`)
      .join("\n");
    return `DatasetDict({\n${body}\n})`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * Named splits: `dd.train`, `dd["validation"]`, and the Dataset methods over every split.
 * @example
 * const dd = await load_dataset("csv", { data_files: { train: "train.csv", test: "test.csv" } });
 * dd.num_rows                                  // { train: 8, test: 2 }
 * const enc = await dd.map((b) => tokenizer(b.text as string[]), { batched: true });
 */
export type DatasetDict<F extends FormatType = "python"> = DatasetDictImpl<F> & { readonly [split: string]: Dataset<F> };
export const DatasetDict = DatasetDictImpl as unknown as {
  new <F extends FormatType = "python">(splits?: Record<string, Dataset<F>> | Iterable<[string, Dataset<F>]>): DatasetDict<F>;
  readonly prototype: DatasetDict<FormatType>;
};
