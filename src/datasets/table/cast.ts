// Features ↔ columns: the feature a column implies (inferFeature), and casting a column to a
// feature (castColumn) with Arrow's/HF's rules — numbers between dtypes (overflow and lossy
// float → int are errors), numbers ↔ strings, strings/ints → ClassLabel (str2int, range check),
// lists element-wise, structs field by field. Errors name the column and row (`locate` turns a
// row into "train.csv line 7" when the data came from a file).
import { ValueError } from "../../utils/errors.js";
import { ClassLabel, List, Value, isStruct, type FeatureType, type NumericDType } from "../features.js";
import { Column, ListColumn, NullColumn, PrimitiveColumn, StringColumn, StructColumn, type NumericStorage } from "./column.js";
import { fitsDtype, storageFor } from "./builder.js";

export type Locate = (row: number) => string;
const defaultLocate: Locate = (row) => `row ${row}`;

export function inferFeature(col: Column): FeatureType {
  if (col instanceof StringColumn) return new Value("string");
  if (col instanceof PrimitiveColumn) return new Value(col.dtype);
  if (col instanceof ListColumn) return new List(inferFeature(col.child));
  if (col instanceof StructColumn) return Object.fromEntries([...col.fields].map(([k, c]) => [k, inferFeature(c)]));
  return new Value("null");
}

/** Whether `col` already has the storage `feature` describes (no cast needed). */
export function matchesFeature(col: Column, feature: FeatureType): boolean {
  if (col instanceof NullColumn) return true;
  if (feature instanceof ClassLabel) return col instanceof PrimitiveColumn && col.dtype === "int64";
  if (feature instanceof Value) {
    if (feature.dtype === "string" || feature.dtype === "large_string") return col instanceof StringColumn;
    return col instanceof PrimitiveColumn && col.dtype === feature.dtype;
  }
  if (feature instanceof List) return col instanceof ListColumn && matchesFeature(col.child, feature.feature) && feature.length < 0;
  return col instanceof StructColumn && Object.keys(feature).length === col.fields.size && Object.entries(feature).every(([k, f]) => col.fields.has(k) && matchesFeature(col.fields.get(k)!, f));
}

const INT_RE = /^\s*[+-]?\d+\s*$/;
const FLOAT_RE = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$|^\s*[+-]?(inf|infinity|nan)\s*$/i;

/** Arrow-style number → string (integral floats print without ".0", booleans as true/false). */
function numToString(v: number | bigint | boolean): string {
  return String(v);
}

function castToNumeric(col: Column, dtype: NumericDType, name: string, locate: Locate): PrimitiveColumn {
  const n = col.length;
  const isInt = !dtype.startsWith("float") && dtype !== "bool";
  const wide = dtype === "int64" || dtype === "uint64";
  let out = new (storageFor(dtype))(n) as unknown as Float64Array;
  const valid = new Uint8Array(n).fill(1);
  let anyNull = false;
  const fail = (i: number, v: unknown, why: string): never => {
    throw new ValueError(`${locate(i)}, column "${name}": cannot cast ${JSON.stringify(v)} to ${dtype}: ${why}`);
  };
  let bigValues: bigint[] | null = null;
  for (let i = 0; i < n; i++) {
    if (col.isNull(i)) {
      valid[i] = 0;
      anyNull = true;
      continue;
    }
    const raw = col.get(i);
    let x: number;
    if (typeof raw === "string") {
      const s = raw.trim();
      if (dtype === "bool") {
        const l = s.toLowerCase();
        if (l === "true" || l === "1") x = 1;
        else if (l === "false" || l === "0") x = 0;
        else fail(i, raw, "not a boolean");
      } else if (isInt) {
        if (!INT_RE.test(s)) fail(i, raw, "not an integer");
        if (!Number.isSafeInteger(Number(s)) && wide) {
          bigValues ??= Array.from(out.subarray(0, i), (v) => BigInt(v));
          bigValues[i] = BigInt(s);
          continue;
        }
      } else if (!FLOAT_RE.test(s)) fail(i, raw, "not a number");
      x ??= /^[+-]?inf/i.test(s) ? (s.startsWith("-") ? -Infinity : Infinity) : Number(s);
    } else if (typeof raw === "number" || typeof raw === "boolean") {
      x = Number(raw);
    } else if (typeof raw === "bigint") {
      if (wide && (raw < -9007199254740991n || raw > 9007199254740991n)) {
        bigValues ??= Array.from(out.subarray(0, i), (v) => BigInt(v));
        bigValues[i] = raw;
        continue;
      }
      x = Number(raw);
    } else {
      fail(i, raw, "not a scalar");
    }
    if (isInt && !Number.isInteger(x!)) fail(i, raw, "it is not an integer (the cast would lose its fraction)");
    if (isInt && !fitsDtype(x!, dtype)) fail(i, raw, "out of range");
    out[i] = x!;
    if (bigValues) bigValues[i] = BigInt(x!);
  }
  if (bigValues) {
    const arr = dtype === "uint64" ? BigUint64Array.from(bigValues) : BigInt64Array.from(bigValues);
    return new PrimitiveColumn(dtype, arr, anyNull ? valid : null);
  }
  if (dtype === "bool") out = Uint8Array.from(out) as unknown as Float64Array;
  return new PrimitiveColumn(dtype, out as unknown as NumericStorage, anyNull ? valid : null);
}

/** Casts `col` to `feature`; `name` and `locate` make errors precise. */
export function castColumn(col: Column, feature: FeatureType, name: string, locate: Locate = defaultLocate): Column {
  if (matchesFeature(col, feature) && !(col instanceof NullColumn)) {
    if (feature instanceof ClassLabel) checkClassRange(col as PrimitiveColumn, feature, name, locate);
    return col;
  }
  if (col instanceof NullColumn) return emptyOf(feature, col.length);
  if (feature instanceof ClassLabel) {
    if (col instanceof StringColumn) {
      const out = new Float64Array(col.length);
      const valid = col.nullCount > 0 ? new Uint8Array(col.length).fill(1) : null;
      for (let i = 0; i < col.length; i++) {
        const s = col.data[i];
        if (s === null) {
          valid![i] = 0;
          continue;
        }
        const v = feature.tryStr2int(s);
        if (v === null) throw new ValueError(`${locate(i)}, column "${name}": invalid label ${JSON.stringify(s)}; the ClassLabel names are ${JSON.stringify(feature.names)}`);
        out[i] = v;
      }
      return new PrimitiveColumn("int64", out, valid);
    }
    const ints = castToNumeric(col, "int64", name, locate);
    checkClassRange(ints, feature, name, locate);
    return ints;
  }
  if (feature instanceof Value) {
    const d = feature.dtype;
    if (d === "null") throw new ValueError(`column "${name}": cannot cast values to Value('null')`);
    if (d === "string" || d === "large_string") {
      if (col instanceof StringColumn) return col;
      if (!(col instanceof PrimitiveColumn)) throw new ValueError(`column "${name}": cannot cast a ${col instanceof ListColumn ? "list" : "struct"} column to ${feature}`);
      const out = new Array<string | null>(col.length);
      for (let i = 0; i < col.length; i++) {
        const v = col.get(i);
        out[i] = v === null ? null : numToString(v as number | bigint | boolean);
      }
      return new StringColumn(out);
    }
    if (col instanceof ListColumn || col instanceof StructColumn) throw new ValueError(`column "${name}": cannot cast a ${col instanceof ListColumn ? "list" : "struct"} column to ${feature}`);
    return castToNumeric(col, d, name, locate);
  }
  if (feature instanceof List) {
    if (!(col instanceof ListColumn)) throw new ValueError(`column "${name}": cannot cast a non-list column to ${feature}`);
    if (feature.length >= 0) {
      for (let i = 0; i < col.length; i++) {
        if (!col.isNull(i) && col.lengthAt(i) !== feature.length) throw new ValueError(`${locate(i)}, column "${name}": list of length ${col.lengthAt(i)} does not match ${feature}`);
      }
    }
    const rowOfChild = (j: number): number => {
      let lo = 0;
      let hi = col.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (col.offsets[mid] <= j) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    return new ListColumn(col.offsets, castColumn(col.child, feature.feature, name, (j) => locate(rowOfChild(j))), col.valid);
  }
  if (isStruct(feature)) {
    if (!(col instanceof StructColumn)) throw new ValueError(`column "${name}": cannot cast a non-struct column to a struct feature`);
    const fields = new Map<string, Column>();
    for (const [k, f] of Object.entries(feature)) {
      const c = col.fields.get(k);
      fields.set(k, c ? castColumn(c, f, `${name}.${k}`, locate) : emptyOf(f, col.length));
    }
    return new StructColumn(fields, col.length, col.valid);
  }
  throw new ValueError(`column "${name}": unsupported feature`);
}

function checkClassRange(col: PrimitiveColumn, feature: ClassLabel, name: string, locate: Locate): void {
  for (let i = 0; i < col.length; i++) {
    if (col.isNull(i)) continue;
    const v = col.num(i);
    if (v < -1 || v >= feature.num_classes) throw new ValueError(`${locate(i)}, column "${name}": class label ${v} is out of range for ${feature} (valid: -1 .. ${feature.num_classes - 1})`);
  }
}

/** A column of `n` nulls with the storage of `feature`. */
export function emptyOf(feature: FeatureType, n: number): Column {
  if (feature instanceof Value) {
    if (feature.dtype === "null") return new NullColumn(n);
    if (feature.dtype === "string" || feature.dtype === "large_string") return new StringColumn(new Array<null>(n).fill(null));
    return new PrimitiveColumn(feature.dtype, new (storageFor(feature.dtype))(n), new Uint8Array(n));
  }
  if (feature instanceof ClassLabel) return new PrimitiveColumn("int64", new Float64Array(n), new Uint8Array(n));
  if (feature instanceof List) return new ListColumn(new Int32Array(n + 1), emptyOf(feature.feature, 0), new Uint8Array(n));
  const fields = new Map<string, Column>(Object.entries(feature).map(([k, f]) => [k, emptyOf(f, n)]));
  return new StructColumn(fields, n, new Uint8Array(n));
}

