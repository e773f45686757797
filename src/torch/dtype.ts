// torch.dtype: the names users write (torch.float32, torch.long) and their c10::ScalarType codes.
export type TypedArray =
  | Float32Array
  | Float64Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint8Array
  | Uint16Array
  | BigInt64Array;

type TypedArrayCtor = { new (n: number | ArrayBufferLike, byteOffset?: number, length?: number): TypedArray; BYTES_PER_ELEMENT: number };

/** A torch dtype. Compare with `===` (one instance per dtype). */
export class dtype {
  constructor(
    readonly name: string,
    /** c10::ScalarType code, what the addon speaks. */
    readonly code: number,
    readonly itemsize: number,
    readonly is_floating_point: boolean,
    readonly is_signed: boolean,
    /** How the raw bytes are viewed in JS; float16/bfloat16 as raw Uint16 bits. */
    readonly arrayType: TypedArrayCtor,
  ) {}
  toString(): string {
    return `torch.${this.name}`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

export const uint8 = new dtype("uint8", 0, 1, false, false, Uint8Array);
export const int8 = new dtype("int8", 1, 1, false, true, Int8Array);
export const int16 = new dtype("int16", 2, 2, false, true, Int16Array);
export const int32 = new dtype("int32", 3, 4, false, true, Int32Array);
export const int64 = new dtype("int64", 4, 8, false, true, BigInt64Array);
export const float16 = new dtype("float16", 5, 2, true, true, Uint16Array);
export const float32 = new dtype("float32", 6, 4, true, true, Float32Array);
export const float64 = new dtype("float64", 7, 8, true, true, Float64Array);
export const bool = new dtype("bool", 11, 1, false, false, Uint8Array);
export const bfloat16 = new dtype("bfloat16", 15, 2, true, true, Uint16Array);
// PyTorch's aliases.
export const float = float32;
export const double = float64;
export const half = float16;
export const long = int64;
export const int = int32;
export const short = int16;

const byCode = new Map<number, dtype>([uint8, int8, int16, int32, int64, float16, float32, float64, bool, bfloat16].map((d) => [d.code, d]));
const byName = new Map<string, dtype>(
  [uint8, int8, int16, int32, int64, float16, float32, float64, bool, bfloat16].map((d) => [d.name, d]),
);
for (const [alias, d] of Object.entries({ float, double, half, long, int, short })) byName.set(alias, d);

export function dtypeFromCode(code: number): dtype {
  const d = byCode.get(code);
  if (!d) throw new TypeError(`unsupported dtype code ${code} (complex and quantized dtypes are not exposed)`);
  return d;
}

/** Accepts a dtype or its name ("float32", "torch.long"). */
export type DTypeLike = dtype | string;
export function toDtype(d: DTypeLike): dtype {
  if (d instanceof dtype) return d;
  const found = byName.get(d.replace(/^torch\./, ""));
  if (!found) throw new TypeError(`unknown dtype '${d}'; expected one of ${[...byName.keys()].join(", ")}`);
  return found;
}

let defaultDtype: dtype = float32;
/** torch.set_default_dtype: the dtype of float factories and of tensors built from JS numbers. */
export function set_default_dtype(d: DTypeLike): void {
  const t = toDtype(d);
  if (!t.is_floating_point) throw new TypeError(`set_default_dtype: only floating point dtypes are allowed, got ${t}`);
  defaultDtype = t;
}
export function get_default_dtype(): dtype {
  return defaultDtype;
}

/** PyTorch's type promotion categories, enough for choosing factory dtypes in JS. */
export function is_floating_point_dtype(d: dtype): boolean {
  return d.is_floating_point;
}
