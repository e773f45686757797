// Builds columns from JS values with Arrow/HF type inference: JS integers → int64, other numbers →
// float64, booleans → bool, bigints → int64, strings → string, arrays (and typed arrays) → List,
// plain objects → struct, null/undefined → null. Values are appended straight into growing typed
// arrays (no per-row objects). A type clash names the column and the row ("where" comes from the
// caller: a file and line, or a map batch).
//
// Like HF's OptimizedTypedSequence, the tokenizer columns get narrow types when their values fit:
// input_ids → List(int32), attention_mask / token_type_ids / special_tokens_mask → List(int8).
import { ValueError } from "../../utils/errors.js";
import type { NumericDType } from "../features.js";
import { Column, ListColumn, NullColumn, PrimitiveColumn, StringColumn, StructColumn, type NumericStorage } from "./column.js";

export const OPTIMIZED_INT_TYPES: Readonly<Record<string, NumericDType>> = { input_ids: "int32", attention_mask: "int8", token_type_ids: "int8", special_tokens_mask: "int8" };

type Kind = "unknown" | "number" | "bigint" | "bool" | "string" | "list" | "struct";

const RANGES: Partial<Record<NumericDType, [number, number]>> = {
  int8: [-128, 127], int16: [-32768, 32767], int32: [-2147483648, 2147483647], uint8: [0, 255], uint16: [0, 65535], uint32: [0, 4294967295],
};
const STORAGE: Record<NumericDType, new (n: number) => NumericStorage> = {
  bool: Uint8Array, int8: Int8Array, int16: Int16Array, int32: Int32Array, int64: Float64Array, uint8: Uint8Array, uint16: Uint16Array,
  uint32: Uint32Array, uint64: Float64Array, float16: Float32Array, float32: Float32Array, float64: Float64Array,
};
export function storageFor(dtype: NumericDType): new (n: number) => NumericStorage {
  return STORAGE[dtype];
}
export function fitsDtype(v: number, dtype: NumericDType): boolean {
  const r = RANGES[dtype];
  return r === undefined || (v >= r[0] && v <= r[1]);
}

function typedDtype(a: ArrayBufferView): NumericDType | null {
  if (a instanceof Float32Array) return "float32";
  if (a instanceof Float64Array) return "float64";
  if (a instanceof Int32Array) return "int32";
  if (a instanceof Int16Array) return "int16";
  if (a instanceof Int8Array) return "int8";
  if (a instanceof Uint8Array) return "uint8";
  if (a instanceof Uint16Array) return "uint16";
  if (a instanceof Uint32Array) return "uint32";
  if (a instanceof BigInt64Array) return "int64";
  if (a instanceof BigUint64Array) return "uint64";
  return null;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return "a list";
  if (typeof v === "object") return "an object";
  const s = typeof v === "string" ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : String(v);
  return `${typeof v === "number" ? "a number" : typeof v === "boolean" ? "a boolean" : typeof v === "bigint" ? "a bigint" : "a string"} (${s})`;
}
const KIND_NAMES: Record<Kind, string> = { unknown: "nulls", number: "numbers", bigint: "bigints", bool: "booleans", string: "strings", list: "lists", struct: "objects" };

/** Appends JS values one by one and produces a Column. */
export class ColumnBuilder {
  private kind: Kind = "unknown";
  private n = 0;
  private nulls = 0;
  private valid: Uint8Array | null = null;
  // number / bool / bigint storage
  private num: Int32Array | Float64Array = new Int32Array(0);
  private big: bigint[] = [];
  private allInt = true;
  private typedDtype: NumericDType | null = null;
  private str: Array<string | null> = [];
  // list
  private offsets: Int32Array | Float64Array = new Int32Array(1);
  private child: ColumnBuilder | null = null;
  // struct
  private fields: Map<string, ColumnBuilder> | null = null;

  /** `where(row)` locates a row for error messages ("train.csv line 7", "map batch 3 row 2"). */
  constructor(
    readonly name: string,
    private readonly where: (row: number) => string = (row) => `row ${row}`,
  ) {}

  get length(): number {
    return this.n;
  }

  private clash(v: unknown): never {
    throw new ValueError(`${this.where(this.n)}, column "${this.name}": got ${describe(v)} but the rows before hold ${KIND_NAMES[this.kind]}; a column must have a single type`);
  }

  private setValid(isValid: boolean): void {
    if (!isValid && this.valid === null) {
      this.valid = new Uint8Array(Math.max(16, this.n * 2)).fill(1, 0, this.n);
    }
    if (this.valid !== null) {
      if (this.n >= this.valid.length) {
        const grown = new Uint8Array(this.valid.length * 2);
        grown.set(this.valid);
        this.valid = grown;
      }
      this.valid[this.n] = isValid ? 1 : 0;
    }
  }

  private growNum(): void {
    if (this.n < this.num.length) return;
    const grown = new (this.num.constructor as new (n: number) => Int32Array | Float64Array)(Math.max(1024, this.num.length * 2));
    grown.set(this.num);
    this.num = grown;
  }

  private start(kind: Kind): void {
    this.kind = kind;
    if (this.n > 0 && kind !== "string") this.valid = new Uint8Array(Math.max(16, this.n * 2)); // leading nulls
    // Rows before the first value were nulls: give them slots in the new storage.
    if (kind === "string") this.str = new Array<string | null>(this.n).fill(null);
    if (kind === "bigint") this.big = new Array<bigint>(this.n).fill(0n);
    if (kind === "number" || kind === "bool") this.num = new Int32Array(Math.max(1024, this.n));
    if (kind === "list") {
      this.offsets = new Int32Array(Math.max(1024, this.n + 1));
      this.child = new ColumnBuilder(`${this.name}[]`, this.where);
    }
    if (kind === "struct") this.fields = new Map();
  }

  push(v: unknown): void {
    if (v === null || v === undefined) return this.pushNull();
    let kind: Kind;
    switch (typeof v) {
      case "number": kind = this.kind === "bigint" ? "bigint" : "number"; break;
      case "bigint": kind = this.kind === "number" && (v as bigint) >= -9007199254740991n && (v as bigint) <= 9007199254740991n ? "number" : "bigint"; break;
      case "boolean": kind = "bool"; break;
      case "string": kind = "string"; break;
      case "object": kind = Array.isArray(v) || ArrayBuffer.isView(v) ? "list" : "struct"; break;
      default: throw new ValueError(`${this.where(this.n)}, column "${this.name}": unsupported value ${String(v)} (${typeof v})`);
    }
    if (this.kind === "unknown") this.start(kind);
    else if (kind !== this.kind) this.clash(v);
    this.setValid(true);
    switch (kind) {
      case "number": this.pushNumber(typeof v === "bigint" ? Number(v) : (v as number)); break;
      case "bigint":
        if (typeof v === "number" && !Number.isInteger(v)) this.clash(v);
        this.big.push(BigInt(v as number | bigint));
        break;
      case "bool": this.growNum(); this.num[this.n] = v ? 1 : 0; break;
      case "string": this.str.push(v as string); break;
      case "list": this.pushList(v as ArrayLike<unknown>); break;
      case "struct": this.pushStruct(v as Record<string, unknown>); break;
    }
    this.n++;
  }

  private pushNumber(x: number): void {
    this.growNum();
    if (this.num instanceof Int32Array && (x | 0) !== x) {
      const f = new Float64Array(this.num.length);
      f.set(this.num);
      this.num = f;
    }
    if (this.allInt && !Number.isInteger(x)) this.allInt = false;
    this.num[this.n] = x;
  }

  private pushList(v: ArrayLike<unknown>): void {
    const child = this.child!;
    const td = ArrayBuffer.isView(v) ? typedDtype(v) : null;
    if (td) {
      if (child.typedDtype === null && child.length === 0) child.typedDtype = td;
      else if (child.typedDtype !== td) child.typedDtype = "float64";
    }
    for (let i = 0; i < v.length; i++) child.push(v[i]);
    if (this.n + 1 >= this.offsets.length) {
      const big = child.length > 0x7fffffff;
      const grown = big || this.offsets instanceof Float64Array ? new Float64Array(this.offsets.length * 2) : new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[this.n + 1] = child.length;
  }

  private pushStruct(v: Record<string, unknown>): void {
    const fields = this.fields!;
    for (const k of Object.keys(v)) {
      if (!fields.has(k)) {
        const b = new ColumnBuilder(`${this.name}.${k}`, this.where);
        for (let i = 0; i < this.n; i++) b.pushNull();
        fields.set(k, b);
      }
    }
    for (const [k, b] of fields) b.push(v[k]);
  }

  pushNull(): void {
    this.nulls++;
    if (this.kind === "unknown") {
      this.n++;
      return;
    }
    this.setValid(false);
    switch (this.kind) {
      case "number": case "bool": this.growNum(); this.num[this.n] = 0; break;
      case "bigint": this.big.push(0n); break;
      case "string": this.str.push(null); break;
      case "list": this.pushList([]); break;
      case "struct": for (const b of this.fields!.values()) b.pushNull(); break;
    }
    this.n++;
  }

  /** The finished column. `optimize` applies HF's narrow types for the tokenizer columns. */
  finish(optimize = true): Column {
    const n = this.n;
    const valid = this.valid && this.nulls > 0 ? this.valid.slice(0, n) : null;
    switch (this.kind) {
      case "unknown":
        return new NullColumn(n);
      case "string":
        return new StringColumn(this.str);
      case "bool":
        return new PrimitiveColumn("bool", Uint8Array.from(this.num.subarray(0, n)), valid);
      case "bigint": {
        const safe = this.big.every((b) => b >= -9007199254740991n && b <= 9007199254740991n);
        return new PrimitiveColumn("int64", safe ? Float64Array.from(this.big, Number) : BigInt64Array.from(this.big), valid);
      }
      case "number": {
        const dtype: NumericDType = this.typedDtype ?? (this.allInt ? "int64" : "float64");
        const data = this.num.subarray(0, n);
        if (dtype === "int64" && data instanceof Int32Array) return new PrimitiveColumn("int64", data.slice(), valid); // compact storage
        const Ctor = storageFor(dtype);
        return new PrimitiveColumn(dtype, data instanceof Ctor ? data.slice() : (Ctor as Float64ArrayConstructor).from(data as Float64Array), valid);
      }
      case "list": {
        let child = this.child!.finish(false);
        const target = OPTIMIZED_INT_TYPES[this.name];
        if (optimize && target && child instanceof PrimitiveColumn && child.dtype === "int64" && child.valid === null) {
          const d = child.data as Float64Array;
          let fits = true;
          for (let i = 0; i < d.length && fits; i++) fits = fitsDtype(d[i], target);
          if (fits) child = new PrimitiveColumn(target, (storageFor(target) as Int32ArrayConstructor).from(d), null);
        }
        return new ListColumn(this.offsets.slice(0, n + 1), child, valid);
      }
      case "struct": {
        const fields = new Map<string, Column>();
        for (const [k, b] of this.fields!) fields.set(k, b.finish(false));
        return new StructColumn(fields, n, valid);
      }
      default:
        throw new ValueError(`column "${this.name}": cannot finish a ${this.kind} column`);
    }
  }
}

/**
 * A column from a whole array of values: typed arrays become numeric columns directly (their
 * dtype kept), plain arrays go through ColumnBuilder.
 */
export function columnFromValues(name: string, values: ArrayLike<unknown>, where?: (row: number) => string): Column {
  if (ArrayBuffer.isView(values)) {
    const td = typedDtype(values);
    if (!td) throw new ValueError(`column "${name}": unsupported typed array ${values.constructor.name}`);
    if (td === "int64" || td === "uint64") {
      const b = new ColumnBuilder(name, where);
      for (let i = 0; i < values.length; i++) b.push(values[i]);
      const col = b.finish() as PrimitiveColumn;
      return new PrimitiveColumn(td, col.data, col.valid);
    }
    return new PrimitiveColumn(td, (values as unknown as NumericStorage).slice() as NumericStorage);
  }
  const b = new ColumnBuilder(name, where);
  for (let i = 0; i < values.length; i++) b.push(values[i]);
  return b.finish();
}
