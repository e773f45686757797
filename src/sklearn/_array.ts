// A tiny NumPy stand-in for the sklearn ports: turn whatever a user hands us (plain arrays,
// TypedArrays, nested rows, or anything with `tolist()` such as our Tensor or the Trainer's
// prediction arrays) into plain JS arrays, plus the few NumPy/Python behaviours the metrics'
// results and messages depend on: `type_of_target`, `np.unique` order, `str(ndarray)`, Python's
// float `repr` and `format(x, ".2f")` (round-half-even on exact ties, unlike `toFixed`).
// Never imports torch (architecture §1): a Tensor is accepted structurally through `tolist()`.
import { ValueError } from "../utils/errors.js";
import { levenshtein, nearest } from "../utils/did_you_mean.js";

/** Anything with NumPy/PyTorch's `tolist()` (a Tensor, an ndarray-like). */
export interface ToList {
  tolist(): unknown;
}
/** A label value as sklearn accepts it. `bigint` comes from int64 `tolist()`. */
export type LabelValue = number | string | boolean | bigint;
/** Class labels: 1-D values, a (n, n_labels) 0/1 indicator matrix, or anything with `tolist()`. */
export type LabelInput = ArrayLike<LabelValue> | ArrayLike<ArrayLike<number | boolean>> | ToList;
/** Numbers in one or two dimensions (scores, probabilities, regression targets). */
export type NumericInput = ArrayLike<number> | ArrayLike<ArrayLike<number>> | ToList;
/** One number per sample. */
export type WeightInput = ArrayLike<number> | ToList;

/** A label after conversion: booleans become 0/1 (NumPy compares True == 1). */
export type Label = number | string;
/** What the labels were, so `str(label)` prints as Python would ("1", "1.0", "True", "a"). */
export type LabelKind = "int" | "float" | "bool" | "str";

function hasToList(x: unknown): x is ToList {
  return typeof x === "object" && x !== null && typeof (x as { tolist?: unknown }).tolist === "function";
}

function isArrayLikeObject(x: unknown): x is ArrayLike<unknown> {
  return (typeof x === "object" && x !== null && typeof (x as { length?: unknown }).length === "number") || Array.isArray(x);
}

/** Plain nested JS arrays from any accepted input; `floatTyped` when a Float32/64Array was seen. */
export function toNested(x: unknown, name: string): { data: unknown[]; floatTyped: boolean } {
  let floatTyped = false;
  const conv = (v: unknown, depth: number): unknown => {
    if (hasToList(v)) return conv(v.tolist(), depth);
    if (v instanceof Float32Array || v instanceof Float64Array) {
      floatTyped = true;
      return Array.from(v);
    }
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number | bigint>, (e) => (typeof e === "bigint" ? Number(e) : e));
    if (typeof v === "string") return v;
    if (isArrayLikeObject(v)) {
      const out = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) out[i] = conv(v[i], depth + 1);
      return out;
    }
    if (typeof v === "bigint") return Number(v);
    return v;
  };
  const data = conv(x, 0);
  if (!Array.isArray(data)) {
    throw new ValueError(`Expected array-like (array or non-string sequence) for ${name}, got ${String(x)}`);
  }
  return { data, floatTyped };
}

/** `np.asarray(x, dtype=float)` flattened to 1-D (a (n, 1) column is accepted, as `column_or_1d`). */
export function toNumberVector(x: unknown, name: string): number[] {
  const { data } = toNested(x, name);
  const flat = data.map((v) => (Array.isArray(v) && v.length === 1 ? v[0] : v));
  return flat.map((v, i) => {
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (Array.isArray(v)) throw new ValueError(`${name} should be a 1d array, got an array of shape (${data.length}, ${v.length}) instead.`);
    throw new ValueError(`could not convert ${name}[${i}]=${JSON.stringify(v)} to float`);
  });
}

/** A numeric matrix: 1-D input gives one column per sample as `ndim === 1`. */
export function toNumberMatrix(x: unknown, name: string): { rows: number[][]; ndim: 1 | 2 } {
  const { data } = toNested(x, name);
  if (data.length > 0 && Array.isArray(data[0])) {
    const ncol = (data[0] as unknown[]).length;
    const rows = data.map((r, i) => {
      if (!Array.isArray(r) || r.length !== ncol) {
        throw new ValueError(`setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions (${name} row ${i}).`);
      }
      return r.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : Number(v)));
    });
    return { rows, ndim: 2 };
  }
  return { rows: toNumberVector(data, name).map((v) => [v]), ndim: 1 };
}

export function numSamples(x: unknown, name: string): number {
  if (x === null || x === undefined) return 0;
  return toNested(x, name).data.length;
}

/** sklearn's `check_consistent_length`: lengths listed in argument order. */
export function checkConsistentLength(...lengths: Array<number | null>): void {
  const ls = lengths.filter((l): l is number => l !== null);
  if (new Set(ls).size > 1) {
    throw new ValueError(`Found input variables with inconsistent numbers of samples: [${ls.join(", ")}]`);
  }
}

/** A parsed label array: 1-D values, or a 2-D matrix (multilabel / multioutput). */
export type Target =
  | { ndim: 1; values: Label[]; kind: LabelKind }
  | { ndim: 2; rows: Label[][]; ncols: number; kind: LabelKind };

export function toTarget(x: unknown, name: string): Target {
  const { data, floatTyped } = toNested(x, name);
  if (data.length > 0 && Array.isArray(data[0])) {
    const ncols = (data[0] as unknown[]).length;
    const rows = data.map((r, i) => {
      if (!Array.isArray(r) || r.length !== ncols) {
        throw new ValueError(`setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions (${name} row ${i}).`);
      }
      return r;
    });
    if (ncols === 1) return toTarget(rows.map((r) => r[0]), name);
    const { values, kind } = normalizeLabels(rows.flat(), floatTyped);
    const out: Label[][] = [];
    for (let i = 0; i < rows.length; i++) out.push(values.slice(i * ncols, (i + 1) * ncols));
    return { ndim: 2, rows: out, ncols, kind };
  }
  const { values, kind } = normalizeLabels(data, floatTyped);
  return { ndim: 1, values, kind };
}

function normalizeLabels(raw: unknown[], floatTyped: boolean): { values: Label[]; kind: LabelKind } {
  let str = 0;
  let bool = 0;
  for (const v of raw) {
    if (typeof v === "string") str++;
    else if (typeof v === "boolean") bool++;
    else if (typeof v !== "number") throw new ValueError(`Unsupported label value ${String(v)} (${typeof v}); labels are numbers, strings or booleans.`);
  }
  if (str > 0 && str < raw.length) {
    // NumPy turns a mixed list into a string array: ["1", "a"].
    return { values: raw.map((v) => (typeof v === "string" ? v : pyStr(v as number | boolean, typeof v === "boolean" ? "bool" : "int"))), kind: "str" };
  }
  if (str > 0) return { values: raw as string[], kind: "str" };
  const values = raw.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : (v as number)));
  const kind: LabelKind = floatTyped ? "float" : bool === raw.length && raw.length > 0 ? "bool" : "int";
  return { values, kind };
}

/** Compare like NumPy's sort: numbers ascending, strings by code point. */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  if (sa === sb) return 0;
  const ia = sa[Symbol.iterator]();
  const ib = sb[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/** `np.unique`: sorted distinct values. */
export function uniqueSorted(values: Iterable<Label>): Label[] {
  return [...new Set(values)].sort(compareLabels);
}

/** `sklearn.utils.multiclass.type_of_target`. */
export function typeOfTarget(t: Target, inputName = ""): string {
  if (t.ndim === 2) {
    const flat = t.rows.flat();
    if (t.rows.length === 0 || t.ncols === 0) return "unknown";
    if (t.kind !== "str") {
      const nums = flat as number[];
      const uniq = new Set(nums);
      if (uniq.size < 3 && nums.every((v) => Number.isInteger(v))) return "multilabel-indicator";
      if (nums.some((v) => !Number.isInteger(v))) {
        assertFinite(nums, inputName);
        return "continuous-multioutput";
      }
    }
    return "multiclass-multioutput";
  }
  if (t.values.length === 0) return "binary";
  if (t.kind !== "str") {
    const nums = t.values as number[];
    if (nums.some((v) => !Number.isInteger(v))) {
      assertFinite(nums, inputName);
      return "continuous";
    }
  }
  return new Set(t.values).size > 2 ? "multiclass" : "binary";
}

export function assertFinite(nums: number[], inputName: string): void {
  const pad = inputName ? inputName + " " : "";
  if (nums.some((v) => Number.isNaN(v))) throw new ValueError(`Input ${pad}contains NaN.`);
  if (nums.some((v) => !Number.isFinite(v))) throw new ValueError(`Input ${pad}contains infinity or a value too large for dtype('float64').`);
}

/** Python's `str(label)` for a label of the given kind. */
export function pyStr(v: Label | boolean, kind: LabelKind): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (kind === "bool") return v ? "True" : "False";
  if (kind === "float") return pyFloatRepr(v);
  return Number.isInteger(v) ? String(v) : pyFloatRepr(v);
}

/** Python's `repr(label)` (strings quoted). */
export function pyRepr(v: Label | null | boolean, kind: LabelKind = "int"): string {
  if (v === null) return "None";
  if (typeof v === "string") return `'${v}'`;
  return pyStr(v, kind);
}

/** `str(np.array(labels))`, e.g. `[0 1 2]` or `['a' 'b']`. */
export function numpyStr(values: readonly Label[], kind: LabelKind): string {
  if (kind === "str") return `[${values.map((v) => `'${v}'`).join(" ")}]`;
  if (kind === "bool") return `[${values.map((v) => (v ? " True" : "False")).join(" ")}]`;
  if (kind === "float") return `[${values.map((v) => numpyFloat(v as number)).join(" ")}]`;
  return `[${values.map((v) => String(v)).join(" ")}]`;
}

function numpyFloat(v: number): string {
  if (Number.isInteger(v)) return `${v}.`;
  return pyFloatRepr(v);
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form outside [1e-4, 1e16). */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mant, expStr] = x.toExponential().split("e");
  const exp = Number(expStr);
  if (exp < -4 || exp >= 16) {
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${mant}e${exp < 0 ? "-" : "+"}${e}`;
  }
  const digits = mant.replace("-", "").replace(".", "");
  const sign = x < 0 ? "-" : "";
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
    const frac = digits.slice(exp + 1);
    return `${sign}${intPart}.${frac || "0"}`;
  }
  return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
}

/** Python's `format(x, f".{digits}f")`: the exact binary value rounded half-to-even. */
export function pyFormatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (Math.abs(x) >= 1e21) return `${BigInt(x).toString()}${digits > 0 ? "." + "0".repeat(digits) : ""}`; // toFixed goes exponential
  const s = x.toFixed(digits);
  // toFixed rounds exact ties away from zero; Python rounds them to even. Only a dyadic x can tie.
  const tie = exactTie(Math.abs(x), digits);
  if (tie === null) return s;
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const n = tie % 2n === 0n ? tie : tie + 1n;
  const str = n.toString().padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${str}` : `${sign}${str.slice(0, -digits)}.${str.slice(-digits)}`;
}

/** floor(x * 10^d) when x * 10^d is exactly k + 0.5, else null. */
function exactTie(x: number, d: number): bigint | null {
  if (x === 0) return null;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  const e = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (e === 0) exp = -1074;
  else {
    m |= 1n << 52n;
    exp = e - 1075;
  }
  if (exp >= 0) return null; // an integer never ties
  const num = m * 10n ** BigInt(d) * 2n; // x * 10^d * 2 = num / 2^-exp
  const den = 1n << BigInt(-exp);
  if (num % den !== 0n) return null;
  const twice = num / den;
  if (twice % 2n === 0n) return null;
  return twice / 2n;
}

/** Python's `"{:>{w}}".format(s)`. */
export function rjust(s: string, width: number): string {
  const len = [...s].length;
  return len >= width ? s : " ".repeat(width - len) + s;
}

/** Reject an unknown option key like Python's TypeError, naming the nearest valid key. */
export function checkOptions(fn: string, options: object | undefined, allowed: readonly string[], hints: Record<string, string> = {}): void {
  if (options === undefined || options === null) return;
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    let msg = `${fn}() got an unexpected keyword argument '${key}'.`;
    if (hints[key]) msg += ` ${hints[key]}`;
    else {
      const near = closeEnough(key, allowed);
      if (near) msg += ` Did you mean '${near}'?`;
    }
    msg += ` Valid options: ${allowed.join(", ")}.`;
    throw new TypeError(msg);
  }
}

/** The closest allowed name, when it is close enough to be what was meant. */
function closeEnough(key: string, allowed: readonly string[]): string | null {
  const best = nearest(key, allowed);
  return best !== "" && levenshtein(key, best) <= Math.max(2, Math.floor(key.length / 2)) ? best : null;
}

/** NumPy's pairwise summation (what `np.sum`/`np.mean` do), so averages match to the last bit. */
export function pairwiseSum(a: ArrayLike<number>, lo = 0, n = a.length - lo): number {
  if (n < 8) {
    let s = 0;
    for (let i = lo; i < lo + n; i++) s += a[i]!;
    return s;
  }
  if (n <= 128) {
    const r = [a[lo]!, a[lo + 1]!, a[lo + 2]!, a[lo + 3]!, a[lo + 4]!, a[lo + 5]!, a[lo + 6]!, a[lo + 7]!];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let k = 0; k < 8; k++) r[k] = r[k]! + a[lo + i + k]!;
    let res = (r[0]! + r[1]! + (r[2]! + r[3]!)) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) res += a[lo + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, lo, n2) + pairwiseSum(a, lo + n2, n - n2);
}

export function mean(a: readonly number[]): number {
  return pairwiseSum(a) / a.length;
}

/** `np.average(a, weights=w)`: sum(a*w)/sum(w); throws ZeroDivisionError's text when sum(w) == 0. */
export function weightedAverage(a: readonly number[], w: readonly number[] | null): number {
  if (w === null) return mean(a);
  const scl = pairwiseSum(w);
  if (scl === 0) throw new ZeroWeightsError("Weights sum to zero, can't be normalized");
  return pairwiseSum(a.map((v, i) => v * w[i]!)) / scl;
}

export class ZeroWeightsError extends Error {
  override name = "ZeroDivisionError";
}
