// Immutable columnar storage, Arrow-like: numbers in typed arrays, text in string arrays, lists
// as offsets + one flat child column, structs as one column per field, optional validity masks.
// A 650k-row dataset is a handful of arrays, not 650k objects.
//
// A PrimitiveColumn has a logical `dtype` (what features and tensors see) and a physical storage
// that may be narrower when the values fit (an int64 label column of small numbers may live in an
// Int32Array); int64/uint64 live in Float64Array (exact below 2^53) or, when a value is larger,
// in BigInt64Array/BigUint64Array, and then come out as bigint (api-conventions: "number when
// safe, bigint otherwise").
import type { NumericDType } from "../features.js";

export type NumericStorage = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

/** One cell as user code sees it in the "python" format. */
export type Cell = number | bigint | string | boolean | null | Cell[] | { [field: string]: Cell };

export type Indices = Int32Array | Uint32Array | number[];

export abstract class Column {
  abstract readonly length: number;
  abstract isNull(i: number): boolean;
  abstract get(i: number): Cell;
  /** Gathers rows `indices` into a new column. */
  abstract take(indices: Indices): Column;
  /** Whether any cell is null. */
  abstract get nullCount(): number;
  /** Rows [start, end) as plain JS values (batch access). */
  values(start = 0, end = this.length): Cell[] {
    const out = new Array<Cell>(end - start);
    for (let i = start; i < end; i++) out[i - start] = this.get(i);
    return out;
  }
  slice(start: number, end: number): Column {
    const idx = new Int32Array(Math.max(0, end - start));
    for (let i = 0; i < idx.length; i++) idx[i] = start + i;
    return this.take(idx);
  }
}

function takeValid(valid: Uint8Array | null, indices: Indices): Uint8Array | null {
  if (!valid) return null;
  const out = new Uint8Array(indices.length);
  let anyNull = false;
  for (let i = 0; i < indices.length; i++) {
    out[i] = valid[indices[i]];
    if (out[i] === 0) anyNull = true;
  }
  return anyNull ? out : null;
}

function countZeros(valid: Uint8Array | null): number {
  if (!valid) return 0;
  let n = 0;
  for (let i = 0; i < valid.length; i++) if (valid[i] === 0) n++;
  return n;
}

export class PrimitiveColumn extends Column {
  constructor(
    readonly dtype: NumericDType,
    readonly data: NumericStorage,
    /** 1 = present, 0 = null; null when no cell is null. */
    readonly valid: Uint8Array | null = null,
  ) {
    super();
  }
  get length(): number {
    return this.data.length;
  }
  get nullCount(): number {
    return countZeros(this.valid);
  }
  isNull(i: number): boolean {
    return this.valid !== null && this.valid[i] === 0;
  }
  get(i: number): Cell {
    if (this.valid !== null && this.valid[i] === 0) return null;
    const v = this.data[i];
    if (this.dtype === "bool") return v !== 0 && v !== 0n;
    if (typeof v === "bigint") return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
    return v;
  }
  /** The value as a JS number (bigint storage converted; nulls give NaN). */
  num(i: number): number {
    if (this.valid !== null && this.valid[i] === 0) return NaN;
    return Number(this.data[i]);
  }
  take(indices: Indices): PrimitiveColumn {
    const Ctor = this.data.constructor as new (n: number) => NumericStorage;
    const out = new Ctor(indices.length);
    const src = this.data as ArrayLike<number | bigint> as Float64Array;
    const dst = out as unknown as Float64Array;
    for (let i = 0; i < indices.length; i++) dst[i] = src[indices[i]];
    return new PrimitiveColumn(this.dtype, out, takeValid(this.valid, indices));
  }
  override values(start = 0, end = this.length): Cell[] {
    if (this.valid === null && this.dtype !== "bool" && !(this.data instanceof BigInt64Array || this.data instanceof BigUint64Array)) {
      return Array.from((this.data as Float64Array).subarray(start, end));
    }
    return super.values(start, end);
  }
}

export class StringColumn extends Column {
  constructor(readonly data: ReadonlyArray<string | null>) {
    super();
  }
  get length(): number {
    return this.data.length;
  }
  get nullCount(): number {
    let n = 0;
    for (const s of this.data) if (s === null) n++;
    return n;
  }
  isNull(i: number): boolean {
    return this.data[i] === null;
  }
  get(i: number): string | null {
    return this.data[i];
  }
  take(indices: Indices): StringColumn {
    const out = new Array<string | null>(indices.length);
    for (let i = 0; i < indices.length; i++) out[i] = this.data[indices[i]];
    return new StringColumn(out);
  }
  override values(start = 0, end = this.length): Cell[] {
    return this.data.slice(start, end);
  }
}

export class ListColumn extends Column {
  constructor(
    /** length + 1 positions into `child`. */
    readonly offsets: Int32Array | Float64Array,
    readonly child: Column,
    readonly valid: Uint8Array | null = null,
  ) {
    super();
  }
  get length(): number {
    return this.offsets.length - 1;
  }
  get nullCount(): number {
    return countZeros(this.valid);
  }
  isNull(i: number): boolean {
    return this.valid !== null && this.valid[i] === 0;
  }
  get(i: number): Cell[] | null {
    if (this.valid !== null && this.valid[i] === 0) return null;
    return this.child.values(this.offsets[i], this.offsets[i + 1]);
  }
  lengthAt(i: number): number {
    return this.offsets[i + 1] - this.offsets[i];
  }
  take(indices: Indices): ListColumn {
    let total = 0;
    for (let i = 0; i < indices.length; i++) total += this.lengthAt(indices[i]);
    const offsets = total > 0x7fffffff ? new Float64Array(indices.length + 1) : new Int32Array(indices.length + 1);
    const childIdx = new Int32Array(total);
    let pos = 0;
    for (let i = 0; i < indices.length; i++) {
      const a = this.offsets[indices[i]];
      const b = this.offsets[indices[i] + 1];
      for (let j = a; j < b; j++) childIdx[pos++] = j;
      offsets[i + 1] = pos;
    }
    return new ListColumn(offsets, this.child.take(childIdx), takeValid(this.valid, indices));
  }
}

export class StructColumn extends Column {
  constructor(
    readonly fields: ReadonlyMap<string, Column>,
    readonly length: number,
    readonly valid: Uint8Array | null = null,
  ) {
    super();
  }
  get nullCount(): number {
    return countZeros(this.valid);
  }
  isNull(i: number): boolean {
    return this.valid !== null && this.valid[i] === 0;
  }
  get(i: number): { [field: string]: Cell } | null {
    if (this.valid !== null && this.valid[i] === 0) return null;
    const out: { [field: string]: Cell } = {};
    for (const [k, c] of this.fields) out[k] = c.get(i);
    return out;
  }
  take(indices: Indices): StructColumn {
    const fields = new Map<string, Column>();
    for (const [k, c] of this.fields) fields.set(k, c.take(indices));
    return new StructColumn(fields, indices.length, takeValid(this.valid, indices));
  }
}

/** A column whose every cell is null (HF's Value("null")). */
export class NullColumn extends Column {
  constructor(readonly length: number) {
    super();
  }
  get nullCount(): number {
    return this.length;
  }
  isNull(): boolean {
    return true;
  }
  get(): null {
    return null;
  }
  take(indices: Indices): NullColumn {
    return new NullColumn(indices.length);
  }
}

/** Rows 0..n-1 of several columns of the same kind, one after the other. */
export function concatColumns(cols: Column[], name: string): Column {
  if (cols.length === 1) return cols[0];
  const total = cols.reduce((s, c) => s + c.length, 0);
  const nonNull = cols.filter((c) => !(c instanceof NullColumn));
  if (nonNull.length === 0) return new NullColumn(total);
  const kind = nonNull[0].constructor;
  if (nonNull.some((c) => c.constructor !== kind)) throw new TypeError(`cannot concatenate column "${name}": its type differs between the datasets`);
  // Null chunks of a typed column: expand them to the column's kind.
  const parts = cols.map((c) => (c instanceof NullColumn ? nullLike(nonNull[0], c.length) : c));
  const valid = (c: Column): Uint8Array | null => ("valid" in c ? ((c as PrimitiveColumn).valid ?? null) : null);
  const mergedValid = (): Uint8Array | null => {
    if (parts.every((c) => valid(c) === null)) return null;
    const out = new Uint8Array(total).fill(1);
    let pos = 0;
    for (const c of parts) {
      const v = valid(c);
      if (v) out.set(v, pos);
      pos += c.length;
    }
    return out;
  };
  if (parts[0] instanceof StringColumn) return new StringColumn(([] as Array<string | null>).concat(...parts.map((c) => (c as StringColumn).data)));
  if (parts[0] instanceof PrimitiveColumn) {
    const ps = parts as PrimitiveColumn[];
    const big = ps.some((p) => p.data instanceof BigInt64Array || p.data instanceof BigUint64Array);
    const Ctor = (big ? ps.find((p) => typeof p.data[0] === "bigint")!.data.constructor : ps.every((p) => p.data.constructor === ps[0].data.constructor) ? ps[0].data.constructor : Float64Array) as new (n: number) => NumericStorage;
    const out = new Ctor(total) as Float64Array;
    let pos = 0;
    for (const p of ps) {
      for (let i = 0; i < p.length; i++) out[pos + i] = (big ? BigInt(p.data[i]) : Number(p.data[i])) as number;
      pos += p.length;
    }
    return new PrimitiveColumn(ps[0].dtype, out as unknown as NumericStorage, mergedValid());
  }
  if (parts[0] instanceof ListColumn) {
    const ls = parts as ListColumn[];
    const childTotal = ls.reduce((s, l) => s + l.offsets[l.length], 0);
    const offsets = childTotal > 0x7fffffff ? new Float64Array(total + 1) : new Int32Array(total + 1);
    let pos = 0;
    let base = 0;
    for (const l of ls) {
      const start = l.offsets[0];
      for (let i = 1; i <= l.length; i++) offsets[pos + i] = base + l.offsets[i] - start;
      pos += l.length;
      base += l.offsets[l.length] - start;
    }
    const children = ls.map((l) => (l.offsets[0] === 0 && l.offsets[l.length] === l.child.length ? l.child : l.child.slice(l.offsets[0], l.offsets[l.length])));
    return new ListColumn(offsets, concatColumns(children, name), mergedValid());
  }
  const ss = parts as StructColumn[];
  const fields = new Map<string, Column>();
  for (const k of ss[0].fields.keys()) fields.set(k, concatColumns(ss.map((s) => s.fields.get(k) ?? new NullColumn(s.length)), `${name}.${k}`));
  return new StructColumn(fields, total, mergedValid());
}

/** A column of `n` nulls shaped like `like`. */
export function nullLike(like: Column, n: number): Column {
  const valid = new Uint8Array(n);
  if (like instanceof StringColumn) return new StringColumn(new Array<null>(n).fill(null));
  if (like instanceof PrimitiveColumn) return new PrimitiveColumn(like.dtype, new (like.data.constructor as new (n: number) => NumericStorage)(n), valid);
  if (like instanceof ListColumn) return new ListColumn(new Int32Array(n + 1), like.child.take([]), valid);
  if (like instanceof StructColumn) {
    const fields = new Map<string, Column>();
    for (const [k, c] of like.fields) fields.set(k, nullLike(c, n));
    return new StructColumn(fields, n, valid);
  }
  return new NullColumn(n);
}
