// Mirrors datasets/load.py: load_dataset and load_from_disk.
//   load_dataset("csv" | "json" | "parquet" | "text", { data_files, split, ...builder options })
//   load_dataset("path/to/folder")   files → splits by HF's naming patterns, builder by extension
//   load_dataset("org/name")         a Hub dataset repo (see hub.ts), cached, HF_HUB_OFFLINE-aware
// Without `split` the result is a DatasetDict; with it, a Dataset ("train", "train[:10%]",
// "train+test" …). Only the files of the requested splits are read.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { NotImplementedError, ValueError } from "../utils/errors.js";
import { Dataset } from "./arrow_dataset.js";
import { DatasetDict } from "./dataset_dict.js";
import { makeState, type DatasetState } from "./dataset_state.js";
import { concatStates } from "./dataset_ops.js";
import { inferBuilder, inferSplits, parseSplit, partRange } from "./data_files.js";
import type { Features } from "./features.js";
import { downloadRepoFile, listRepoFiles, readCard, selectSplitFiles } from "./hub.js";
import { CSV_KEYS, readCsv, type CsvOptions } from "./io/csv.js";
import { datasetDictSplits, loadDatasetFolder } from "./io/disk.js";
import { listFiles, readText, resolvePattern, type SourceFile } from "./io/files.js";
import { JSON_KEYS, readJson, type JsonOptions } from "./io/json.js";
import { PARQUET_KEYS, readParquet, type ParquetOptions } from "./io/parquet.js";
import { readTextLines, TEXT_KEYS, type TextOptions } from "./io/text.js";
import type { Column } from "./table/column.js";
import { checkOptions, progressBar } from "./utils.js";

export type DataFiles = string | string[] | Record<string, string | string[]>;

export interface LoadDatasetOptions extends Omit<CsvOptions, "features" | "encoding">, Omit<JsonOptions, "features" | "encoding">, Omit<ParquetOptions, "features">, Omit<TextOptions, "encoding"> {
  /** Config name of a Hub dataset with several configs. */
  name?: string | null;
  data_dir?: string | null;
  data_files?: DataFiles | null;
  /** A split expression; the result is then a Dataset instead of a DatasetDict. */
  split?: string | null;
  cache_dir?: string | null;
  features?: Features | null;
  revision?: string | null;
  token?: string | null;
  encoding?: string;
  /** Not supported (everything is loaded in memory). */
  streaming?: boolean;
  // accepted for HF compatibility; no effect
  download_mode?: string | null;
  verification_mode?: string | null;
  keep_in_memory?: boolean | null;
  num_proc?: number | null;
  trust_remote_code?: boolean | null;
}

const BUILDERS = ["csv", "json", "parquet", "text"] as const;
type Builder = (typeof BUILDERS)[number];
const COMMON_KEYS = ["name", "data_dir", "data_files", "split", "cache_dir", "features", "revision", "token", "encoding", "streaming", "download_mode", "verification_mode", "keep_in_memory", "num_proc", "trust_remote_code"];
const BUILDER_KEYS: Record<Builder, readonly string[]> = { csv: CSV_KEYS, json: JSON_KEYS, parquet: PARQUET_KEYS, text: TEXT_KEYS };

function normalizeDataFiles(df: DataFiles): Record<string, string[]> {
  if (typeof df === "string") return { train: [df] };
  if (Array.isArray(df)) return { train: df };
  return Object.fromEntries(Object.entries(df).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
}

function builderOptions(builder: Builder, o: LoadDatasetOptions, extra: Record<string, unknown>): Record<string, unknown> {
  const keys = BUILDER_KEYS[builder];
  const out: Record<string, unknown> = { ...extra };
  for (const [k, v] of Object.entries(o)) if (keys.includes(k) && v !== undefined) out[k] = v;
  return out;
}

/** Reads one split's files with a builder. */
async function buildSplit(builder: Builder, files: SourceFile[], opts: Record<string, unknown>, split: string): Promise<DatasetState> {
  const features = (opts.features as Features | null | undefined) ?? null;
  let columns: Map<string, Column>;
  let rows: number;
  let feats: Features | null = features;
  const bar = files.length > 1 ? progressBar(files.length, `Generating ${split} split`) : null;
  if (builder === "parquet") {
    const r = await readParquet(files, opts as ParquetOptions);
    ({ columns, rows } = r);
    feats = r.features;
  } else {
    const texts: Array<{ file: SourceFile; text: string }> = [];
    for (const f of files) {
      texts.push({ file: f, text: await readText(f, (opts.encoding as string | undefined) ?? "utf-8") });
      bar?.update(1);
    }
    const r = builder === "csv" ? readCsv(texts, opts as CsvOptions) : builder === "json" ? readJson(texts, opts as JsonOptions) : readTextLines(texts, opts as TextOptions);
    ({ columns, rows } = r);
  }
  bar?.close();
  try {
    return makeState(columns, { features: feats, split, physicalRows: rows, info: { builder_name: builder } });
  } catch (e) {
    if (e instanceof ValueError) throw new ValueError(`${files.map((f) => f.display).join(", ")}: ${e.message}`);
    throw e;
  }
}

function selectSplit(states: Map<string, DatasetState>, expr: string): Dataset {
  const parts = parseSplit(expr);
  const picked = parts.map((p) => {
    const s = states.get(p.split)!;
    const n = s.physicalRows;
    const [a, b] = partRange(p, n);
    if (a === 0 && b === n) return s;
    return { ...s, indices: Int32Array.from({ length: b - a }, (_, i) => a + i) };
  });
  const state = picked.length === 1 ? picked[0] : concatStates(picked, 0);
  return new Dataset({ ...state, split: expr });
}

function neededSplits(available: string[], split: string | null | undefined, where: string, note = ""): string[] {
  if (!split) return available;
  const names = [...new Set(parseSplit(split).map((p) => p.split))];
  for (const n of names) if (!available.includes(n)) throw new ValueError(`Unknown split "${n}" for ${where}. Should be one of [${available.map((s) => `'${s}'`).join(", ")}].${note}`);
  return names;
}

async function finish(
  splitFiles: Record<string, SourceFile[]>,
  builder: Builder,
  opts: Record<string, unknown>,
  split: string | null | undefined,
  where: string,
): Promise<Dataset | DatasetDict> {
  const states = new Map<string, DatasetState>();
  for (const name of neededSplits(Object.keys(splitFiles), split, where)) states.set(name, await buildSplit(builder, splitFiles[name], opts, name));
  if (split) return selectSplit(states, split);
  return new DatasetDict([...states].map(([k, s]) => [k, new Dataset(s)] as [string, Dataset]));
}

/**
 * Loads a dataset from local files, a local folder or a Hub dataset repo.
 * @example
 * const ds = await load_dataset("csv", { data_files: { train: "train.csv", validation: "val.csv" } });
 * ds.train.num_rows                  // 8530
 * const test = await load_dataset("rotten_tomatoes", { split: "test" });   // a Dataset
 */
export async function load_dataset(path: string, options: LoadDatasetOptions & { split: string }): Promise<Dataset>;
export async function load_dataset(path: string, options?: LoadDatasetOptions & { split?: null }): Promise<DatasetDict>;
export async function load_dataset(path: string, options?: LoadDatasetOptions): Promise<Dataset | DatasetDict>;
export async function load_dataset(pathOrName: string, options: LoadDatasetOptions = {}): Promise<Dataset | DatasetDict> {
  const o = options;
  if (o.streaming) throw new NotImplementedError("load_dataset: streaming=true is not supported; datasets are loaded in memory (columnar, so large sets fit)");
  const builderName = (BUILDERS as readonly string[]).includes(pathOrName) ? (pathOrName as Builder) : null;
  const allowed = [...COMMON_KEYS, ...(builderName ? BUILDER_KEYS[builderName] : [...new Set(Object.values(BUILDER_KEYS).flat())])];
  checkOptions(o, allowed, `load_dataset("${pathOrName}")`);
  const split = o.split ?? null;

  if (builderName) {
    const base = o.data_dir ? path.resolve(o.data_dir) : process.cwd();
    let patterns: Record<string, string[]>;
    if (o.data_files) patterns = normalizeDataFiles(o.data_files);
    else if (o.data_dir) patterns = inferSplits(await listFiles(base));
    else throw new ValueError(`load_dataset("${builderName}") needs data_files (a path, a list of paths, or { train: ..., test: ... }) or data_dir`);
    const splitFiles: Record<string, SourceFile[]> = {};
    for (const [k, ps] of Object.entries(patterns)) {
      if (!/^\w+(\.\w+)*$/.test(k)) throw new ValueError(`Split name should match '^\\w+(\\.\\w+)*$' but got '${k}'.`);
      splitFiles[k] = (await Promise.all(ps.map((p) => resolvePattern(p, base)))).flat();
    }
    return finish(splitFiles, builderName, builderOptions(builderName, o, {}), split, `load_dataset("${builderName}")`);
  }

  if (existsSync(pathOrName) && statSync(pathOrName).isDirectory()) {
    const dir = path.resolve(pathOrName, o.data_dir ?? "");
    const files = await listFiles(dir);
    const splits = o.data_files ? normalizeDataFiles(o.data_files) : inferSplits(files);
    const splitFiles: Record<string, SourceFile[]> = {};
    for (const [k, ps] of Object.entries(splits)) splitFiles[k] = (await Promise.all(ps.map((p) => resolvePattern(p, dir)))).flat();
    const { builder, kwargs } = inferBuilder(Object.values(splitFiles).flat().map((f) => f.path));
    return finish(splitFiles, builder as Builder, builderOptions(builder as Builder, o, kwargs), split, pathOrName);
  }

  // A Hub dataset repo.
  if (!/^[\w.-]+(\/[\w.-]+)?$/.test(pathOrName)) throw new ValueError(`load_dataset: "${pathOrName}" is not a builder (${BUILDERS.join(", ")}), a local folder, or a Hub repo id ("org/name")`);
  const hub = { revision: o.revision ?? null, cache_dir: o.cache_dir ?? null, token: o.token };
  const listing = await listRepoFiles(pathOrName, hub);
  let card = null;
  if (listing.files.includes("README.md")) {
    const readme = await downloadRepoFile(pathOrName, "README.md", listing.sha, hub);
    card = readCard(await readText(readme), o.name ?? null, pathOrName);
  } else if (o.name) {
    throw new ValueError(`${pathOrName}: config "${o.name}" requested, but the repo has no dataset card (README.md) listing configs`);
  }
  const dataFiles = o.data_files ? normalizeDataFiles(o.data_files) : (card?.data_files ?? null);
  const splits = selectSplitFiles(listing.files, { data_files: dataFiles, data_dir: o.data_dir ?? card?.data_dir ?? null }, pathOrName);
  const note = listing.from_cache ? " (offline: only splits whose files are in the local cache are known; load it once online)" : "";
  const wanted = neededSplits(Object.keys(splits), split, pathOrName, note);
  const { builder, kwargs } = inferBuilder(wanted.flatMap((s) => splits[s]));
  const splitFiles: Record<string, SourceFile[]> = {};
  for (const s of wanted) {
    splitFiles[s] = [];
    for (const f of splits[s]) splitFiles[s].push(await downloadRepoFile(pathOrName, f, listing.sha, hub));
  }
  const opts = builderOptions(builder as Builder, { ...o, features: o.features ?? card?.features ?? null }, kwargs);
  const out = await finish(splitFiles, builder as Builder, opts, split, pathOrName);
  return out;
}

/** Loads what save_to_disk wrote: a Dataset, or a DatasetDict for a folder with dataset_dict.json. */
export async function load_from_disk(dataset_path: string): Promise<Dataset | DatasetDict> {
  const splits = await datasetDictSplits(dataset_path);
  if (!splits) return new Dataset(await loadDatasetFolder(dataset_path));
  const out: Array<[string, Dataset]> = [];
  for (const s of splits) out.push([s, new Dataset(await loadDatasetFolder(path.join(dataset_path, s)))]);
  return new DatasetDict(out);
}
