// finetune-ts/datasets: Hugging Face `datasets` in TypeScript (columnar, in memory).
//   import { load_dataset, Dataset, ClassLabel } from "finetune-ts/datasets";
//
// Deliberate differences from HF datasets (each also noted where it lives):
// - with_format("torch") / set_format("torch") are async (torch is imported lazily) and, like
//   every method here, return a new dataset; map/filter functions always see plain JS values.
// - JS cannot tell 1 from 1.0: integral numbers infer int64 (pass features for float columns).
// - Strings are Value("string") where datasets 5 says "large_string" for pandas-read data.
// - CSV rows with too few fields are errors (pandas pads them with NaN); to_json writes floats at
//   full precision (pandas rounds to 10 digits).
// - DatasetDict.class_encode_column builds one label set from all splits (HF: per split).
// - save_to_disk writes our own columnar folder (io/disk.ts); Python's Arrow folders are not read.
// - No streaming, no cache files: num_proc / load_from_cache_file & co. are accepted and ignored.
import { Dataset } from "./arrow_dataset.js";
import { concatStates } from "./dataset_ops.js";
import type { FormatType } from "./formatting.js";
import { ValueError } from "../utils/errors.js";

export { Dataset, type FormatOptions, type FromDictOptions } from "./arrow_dataset.js";
export { DatasetDict } from "./dataset_dict.js";
export { load_dataset, load_from_disk, type LoadDatasetOptions, type DataFiles } from "./load.js";
export { ClassLabel, Features, List, Sequence, Value, type ClassLabelOptions, type FeatureType, type StructFeature, type ValueDType, type NumericDType } from "./features.js";
export type { MapOptions, FilterOptions, MapFunction, FilterFunction, MapResult, RowMapFunction, BatchMapFunction, ColumnsMapFunction, RowFilterFunction, BatchFilterFunction } from "./dataset_map.js";
export type { SortOptions, TrainTestSplitOptions } from "./dataset_ops.js";
export type { Row, Batch, TorchRow, TorchBatch, TorchValue, FormatType, RowOf, BatchOf, ColumnOf } from "./formatting.js";
export type { Cell } from "./table/column.js";
export type { DatasetInfo } from "./dataset_state.js";
export type { CsvOptions, ToCsvOptions } from "./io/csv.js";
export type { JsonOptions, ToJsonOptions } from "./io/json.js";
export type { ParquetOptions, ToParquetOptions } from "./io/parquet.js";
export type { TextOptions } from "./io/text.js";
export { Generator, default_rng } from "./random.js";
export { load_brown_genres, load_brown_pos, brown_documents, brown_to_universal, BROWN_GENRES, UNIVERSAL_TAGS, type BrownDocument, type BrownGenresOptions, type BrownPosOptions } from "./brown.js";
export { IndexError, disable_progress_bars, enable_progress_bars, are_progress_bars_disabled } from "./utils.js";

/**
 * Rows of several datasets one after the other (axis 0, same features), or their columns side by
 * side (axis 1, same number of rows).
 * @example
 * concatenate_datasets([a, b]).num_rows   // a.num_rows + b.num_rows
 */
export function concatenate_datasets<F extends FormatType>(dsets: Array<Dataset<F>>, options: { axis?: 0 | 1; split?: string | null } = {}): Dataset<F> {
  const axis = options.axis ?? 0;
  if (axis !== 0 && axis !== 1) throw new ValueError(`concatenate_datasets: axis must be 0 or 1, got ${String(axis)}`);
  const state = concatStates(dsets.map((d) => d._state), axis);
  return new Dataset<F>({ ...state, split: options.split ?? state.split, format: dsets[0]?._state.format ?? state.format });
}
