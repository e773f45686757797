// Row-order and split operations over a DatasetState (datasets/arrow_dataset.py): sort (stable,
// like pyarrow's sort_indices), unique (first-occurrence order), train_test_split (HF's size
// rules and, with stratify_by_column, its port of scikit-learn's StratifiedShuffleSplit — same
// draws from the same NumPy generator, so the same rows as HF for the same seed),
// class_encode_column, concatenate.
import { ValueError } from "../utils/errors.js";
import { ClassLabel, Features, featuresEqual, type FeatureType } from "./features.js";
import { numRows, physicalRange, requireColumn, type DatasetState } from "./dataset_state.js";
import { Generator } from "./random.js";
import { castColumn } from "./table/cast.js";
import { ListColumn, PrimitiveColumn, StringColumn, StructColumn, concatColumns, type Cell, type Column } from "./table/column.js";

function sortKey(col: Column, name: string): (r: number) => number | string | null {
  if (col instanceof PrimitiveColumn) return (r) => (col.isNull(r) ? null : col.num(r));
  if (col instanceof StringColumn) return (r) => col.data[r];
  if (col instanceof ListColumn || col instanceof StructColumn) throw new ValueError(`sort: column "${name}" holds lists/structs, which cannot be sorted`);
  return () => null;
}

export interface SortOptions {
  reverse?: boolean | boolean[];
  null_placement?: "at_end" | "at_start";
}

/** New indices ordering the rows by `names` (stable; NaN and null go to null_placement). */
export function sortIndices(s: DatasetState, names: string[], o: SortOptions = {}): Int32Array {
  const reverse = Array.isArray(o.reverse) ? o.reverse : names.map(() => o.reverse ?? false);
  if (reverse.length !== names.length) throw new ValueError(`sort: reverse has ${reverse.length} entries for ${names.length} columns`);
  const nullFirst = (o.null_placement ?? "at_end") === "at_start";
  if (!["at_end", "at_start"].includes(o.null_placement ?? "at_end")) throw new ValueError(`sort: null_placement must be "at_end" or "at_start"`);
  const n = numRows(s);
  const rows = physicalRange(s, 0, n);
  const keys = names.map((name) => {
    const key = sortKey(requireColumn(s, name, "sort"), name);
    return Array.from(rows, key);
  });
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const x = keys[k][a];
      const y = keys[k][b];
      const xn = x === null || (typeof x === "number" && Number.isNaN(x));
      const yn = y === null || (typeof y === "number" && Number.isNaN(y));
      if (xn || yn) {
        if (xn && yn) continue;
        return (xn ? 1 : -1) * (nullFirst ? -1 : 1);
      }
      if (x! < y!) return reverse[k] ? 1 : -1;
      if (x! > y!) return reverse[k] ? -1 : 1;
    }
    return 0;
  });
  return Int32Array.from(order, (i) => rows[i]);
}

/** Distinct values of a column in first-occurrence order (ClassLabel columns give integers). */
export function uniqueValues(s: DatasetState, name: string): Cell[] {
  const col = requireColumn(s, name, "unique");
  if (col instanceof ListColumn || col instanceof StructColumn) throw new ValueError(`unique: column "${name}" holds lists/structs; unique works on scalar columns`);
  const seen = new Set<Cell>();
  const n = numRows(s);
  const rows = physicalRange(s, 0, n);
  for (let i = 0; i < n; i++) seen.add(col.get(rows[i]));
  return [...seen];
}

export interface TrainTestSplitOptions {
  test_size?: number | null;
  train_size?: number | null;
  shuffle?: boolean;
  stratify_by_column?: string | null;
  seed?: number | null;
  generator?: Generator | null;
  // accepted for HF compatibility; no effect
  keep_in_memory?: boolean;
  load_from_cache_file?: boolean | null;
}

/** Python's int-vs-float split of `test_size=0.2` / `test_size=200` (JS numbers: < 1 → fraction). */
function isFraction(v: number): boolean {
  return !Number.isInteger(v) || (v > 0 && v < 1);
}

export function splitSizes(n: number, test_size: number | null | undefined, train_size: number | null | undefined): [number, number] {
  if ((test_size === null || test_size === undefined) && (train_size === null || train_size === undefined)) test_size = 0.25;
  for (const [name, v] of [["test_size", test_size], ["train_size", train_size]] as const) {
    if (v === null || v === undefined) continue;
    if (typeof v !== "number" || Number.isNaN(v)) throw new ValueError(`Invalid value for ${name}: ${v}`);
    if (isFraction(v) ? v <= 0 || v >= 1 : v >= n || v <= 0) {
      throw new ValueError(`${name}=${v} should be either positive and smaller than the number of samples ${n} or a float in the (0, 1) range`);
    }
  }
  if (test_size != null && train_size != null && isFraction(test_size) && isFraction(train_size) && test_size + train_size > 1) {
    throw new ValueError(`The sum of test_size and train_size = ${test_size + train_size}, should be in the (0, 1) range. Reduce test_size and/or train_size.`);
  }
  let nTest = test_size == null ? null : isFraction(test_size) ? Math.ceil(test_size * n) : test_size;
  let nTrain = train_size == null ? null : isFraction(train_size) ? Math.floor(train_size * n) : train_size;
  if (nTrain === null) nTrain = n - nTest!;
  else if (nTest === null) nTest = n - nTrain;
  if (nTrain + nTest! > n) throw new ValueError(`The sum of train_size and test_size = ${nTrain + nTest!}, should be smaller than the number of samples ${n}. Reduce test_size and/or train_size.`);
  if (nTrain === 0) throw new ValueError(`With n_samples=${n}, test_size=${test_size} and train_size=${train_size}, the resulting train set will be empty. Adjust any of the aforementioned parameters.`);
  return [nTrain, nTest!];
}

/** datasets.utils.stratify.approximate_mode. */
function approximateMode(counts: number[], nDraws: number, rng: Generator): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const continuous = counts.map((c) => (nDraws * c) / total);
  const floored = continuous.map(Math.floor);
  let need = nDraws - floored.reduce((a, b) => a + b, 0);
  if (need > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const inds = remainder.flatMap((r, i) => (r === value ? [i] : []));
      const addNow = Math.min(inds.length, need);
      for (const k of rng.choice(inds.length, addNow)) floored[inds[k]] += 1;
      need -= addNow;
      if (need === 0) break;
    }
  }
  return floored;
}

/** Logical train/test row positions, exactly as HF computes them. */
export function trainTestIndices(s: DatasetState, o: TrainTestSplitOptions): [Int32Array, Int32Array] {
  const n = numRows(s);
  const [nTrain, nTest] = splitSizes(n, o.test_size, o.train_size);
  const shuffle = o.shuffle ?? true;
  if (!shuffle) {
    if (o.stratify_by_column) throw new ValueError("Stratified train/test split is not implemented for `shuffle=False`");
    return [Int32Array.from({ length: nTrain }, (_, i) => i), Int32Array.from({ length: nTest }, (_, i) => nTrain + i)];
  }
  const rng = o.generator ?? new Generator(o.seed ?? Math.floor(Math.random() * 2 ** 32));
  if (!o.stratify_by_column) {
    const perm = rng.permutation(n);
    return [perm.slice(nTest, nTest + nTrain), perm.slice(0, nTest)];
  }
  const name = o.stratify_by_column;
  if (!s.features.has(name)) throw new ValueError(`Key ${name} not found in [${s.features.keys().join(", ")}]`);
  const f = s.features.get(name);
  if (!(f instanceof ClassLabel)) throw new ValueError(`Stratifying by column is only supported for ClassLabel column, and column ${name} is ${f.constructor.name === "Object" ? "dict" : f.constructor.name}.`);
  const col = s.columns.get(name) as PrimitiveColumn;
  const rows = physicalRange(s, 0, n);
  const y = Array.from(rows, (r) => col.num(r));
  const classes = [...new Set(y)].sort((a, b) => a - b);
  const byClass = classes.map(() => [] as number[]);
  const classOf = new Map(classes.map((c, i) => [c, i]));
  y.forEach((v, i) => byClass[classOf.get(v)!].push(i));
  const counts = byClass.map((c) => c.length);
  if (Math.min(...counts) < 2) throw new ValueError(`The least populated class in ${name} column has only 1 member, which is too few. The minimum number of groups for any class cannot be less than 2.`);
  if (nTrain < classes.length) throw new ValueError(`The train_size = ${nTrain} should be greater or equal to the number of classes = ${classes.length}`);
  if (nTest < classes.length) throw new ValueError(`The test_size = ${nTest} should be greater or equal to the number of classes = ${classes.length}`);
  const nI = approximateMode(counts, nTrain, rng);
  const tI = approximateMode(counts.map((c, i) => c - nI[i]), nTest, rng);
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < classes.length; i++) {
    const perm = rng.permutation(counts[i]);
    const members = Array.from(perm, (p) => byClass[i][p]);
    train.push(...members.slice(0, nI[i]));
    test.push(...members.slice(nI[i], nI[i] + tI[i]));
  }
  return [rng.shuffle(Int32Array.from(train)), rng.shuffle(Int32Array.from(test))];
}

/** Python's str() of a cell (True/False, 1.0 for integral floats, None). */
function pyStr(v: Cell, float: boolean): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number" && float && Number.isInteger(v)) return `${v}.0`;
  return String(v);
}

function encodable(s: DatasetState, name: string): Column {
  const col = requireColumn(s, name, "class_encode_column");
  if (s.features.get(name) instanceof ClassLabel) throw new ValueError(`Class encoding is only supported for Value column, and column ${name} is ClassLabel.`);
  if (!(col instanceof StringColumn || col instanceof PrimitiveColumn)) throw new ValueError(`Class encoding is only supported for Value column, and column ${name} holds lists/structs.`);
  return col;
}

/** The sorted str() of the distinct values of a column (the ClassLabel names HF builds). */
export function classNames(s: DatasetState, name: string, includeNulls: boolean): string[] {
  const col = encodable(s, name);
  const float = col instanceof PrimitiveColumn && col.dtype.startsWith("float");
  const strs = new Set<string>();
  for (const v of uniqueValues(s, name)) if (v !== null || includeNulls) strs.add(pyStr(v, float));
  // Python's sorted() on str: code-point order.
  return [...strs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** HF's class_encode_column: a ClassLabel whose names are the sorted str() of the values. */
export function classEncode(s: DatasetState, name: string, includeNulls = false, names?: string[]): { column: Column; feature: ClassLabel } {
  const col = encodable(s, name);
  const feature = new ClassLabel({ names: names ?? classNames(s, name, includeNulls) });
  const float = col instanceof PrimitiveColumn && col.dtype.startsWith("float");
  const asStrings = new StringColumn(Array.from({ length: col.length }, (_, r) => (col.isNull(r) ? (includeNulls ? "None" : null) : pyStr(col.get(r), float))));
  return { column: castColumn(asStrings, feature, name), feature };
}

/** concatenate_datasets: rows one after the other (axis 0) or columns side by side (axis 1). */
export function concatStates(states: DatasetState[], axis: 0 | 1): DatasetState {
  if (states.length === 0) throw new ValueError("concatenate_datasets: need at least one dataset");
  const flat = states.map((s) => {
    if (!s.indices) return s;
    const cols = new Map<string, Column>();
    for (const [k, c] of s.columns) cols.set(k, c.take(s.indices));
    return { ...s, columns: cols, indices: null, physicalRows: s.indices.length };
  });
  if (axis === 1) {
    const n = numRows(flat[0]);
    const cols = new Map<string, Column>();
    const feats: Array<[string, FeatureType]> = [];
    for (const s of flat) {
      if (numRows(s) !== n) throw new ValueError(`concatenate_datasets(axis=1): datasets must have the same number of rows (${n} vs ${numRows(s)})`);
      for (const [k, c] of s.columns) {
        if (cols.has(k)) throw new ValueError(`concatenate_datasets(axis=1): column "${k}" appears in more than one dataset`);
        cols.set(k, c);
        feats.push([k, s.features.get(k)]);
      }
    }
    return { ...flat[0], columns: cols, features: new Features(feats), physicalRows: n };
  }
  const first = flat[0];
  for (const [i, s] of flat.entries()) {
    const a = first.features.keys().slice().sort().join(",");
    const b = s.features.keys().slice().sort().join(",");
    if (a !== b) throw new ValueError(`concatenate_datasets: dataset ${i} has columns [${s.features.keys().join(", ")}] but dataset 0 has [${first.features.keys().join(", ")}]`);
    for (const k of first.features.keys()) {
      if (!featuresEqual(first.features.get(k), s.features.get(k))) {
        throw new ValueError(`concatenate_datasets: column "${k}" is ${first.features.get(k)} in dataset 0 but ${s.features.get(k)} in dataset ${i}; cast_column one of them first`);
      }
    }
  }
  const cols = new Map<string, Column>();
  for (const k of first.features.keys()) cols.set(k, concatColumns(flat.map((s) => s.columns.get(k)!), k));
  return { ...first, columns: cols, indices: null, physicalRows: flat.reduce((t, s) => t + numRows(s), 0) };
}
