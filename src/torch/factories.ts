// Tensor factories with PyTorch's names and keyword options: tensor, zeros, ones, full, empty,
// arange, linspace, rand, randn, randint, randperm, eye and the *_like family.
import { _C } from "./_C.js";
import {
  type dtype, type DTypeLike, type TypedArray, toDtype, get_default_dtype,
  float32, float64, int64, int32, int16, int8, uint8, bool,
} from "./dtype.js";
import { toDevice, type DeviceLike } from "./device.js";
import { Tensor } from "./tensor.js";
import { withGenerator, type Generator } from "./random.js";
import { aten, callT } from "./ops/dispatch.js";

export interface FactoryOptions {
  dtype?: DTypeLike;
  device?: DeviceLike;
  requires_grad?: boolean;
}

/** Options of the random factories: also `generator`, an independent torch.Generator stream. */
export interface RandomFactoryOptions extends FactoryOptions {
  generator?: Generator | null;
}

/** Nested arrays of numbers/booleans/bigints, or a flat TypedArray. */
export type TensorData = number | boolean | bigint | TensorDataArray | TypedArray;
export interface TensorDataArray extends Array<TensorData> {}

type ShapeArgs = Array<number | number[] | FactoryOptions | undefined>;
type RandomShapeArgs = Array<number | number[] | RandomFactoryOptions | undefined>;

/** Splits `(2, 3, opts)` / `([2, 3], opts)` into a shape and options. */
export function parseShapeArgs(args: ShapeArgs, fn: string): { shape: number[]; options: FactoryOptions } {
  let options: FactoryOptions = {};
  const dims: number[] = [];
  for (const a of args) {
    if (a === undefined) continue;
    if (Array.isArray(a)) dims.push(...a);
    else if (typeof a === "number") dims.push(a);
    else options = a;
  }
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0) throw new TypeError(`${fn}: sizes must be non-negative integers, got [${dims.join(", ")}]`);
  }
  return { shape: dims, options };
}

/** @internal Applies device and requires_grad after a CPU creation. */
export function finish(t: Tensor, options: FactoryOptions): Tensor {
  let out = t;
  if (options.device !== undefined && toDevice(options.device).type !== "cpu") {
    out = callT(aten("aten::_to_copy"), t, undefined, undefined, String(toDevice(options.device)));
    t.dispose();
  }
  if (options.requires_grad) out.requires_grad_(true);
  return out;
}

function dtypeOf(options: FactoryOptions, fallback: dtype): dtype {
  return options.dtype === undefined ? fallback : toDtype(options.dtype);
}

function factoryArgs(options: FactoryOptions, fallback: dtype): [number, undefined, string | undefined] {
  const dev = options.device === undefined ? undefined : String(toDevice(options.device));
  return [dtypeOf(options, fallback).code, undefined, dev];
}

function withGrad(t: Tensor, options: FactoryOptions): Tensor {
  if (options.requires_grad) t.requires_grad_(true);
  return t;
}

// ---- torch.tensor ----------------------------------------------------------------------------

function typedArrayDtype(a: TypedArray): dtype {
  if (a instanceof Float32Array) return float32;
  if (a instanceof Float64Array) return float64;
  if (a instanceof BigInt64Array) return int64;
  if (a instanceof Int32Array) return int32;
  if (a instanceof Int16Array) return int16;
  if (a instanceof Int8Array) return int8;
  if (a instanceof Uint8Array) return uint8;
  throw new TypeError("tensor: Uint16Array data is ambiguous (float16 or bfloat16?); pass { dtype }");
}

function inferShape(data: TensorData, fn: string): number[] {
  const shape: number[] = [];
  let cur: TensorData = data;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  if (ArrayBuffer.isView(cur)) shape.push((cur as TypedArray).length);
  // Check that every row has the same length (ragged input is an error in PyTorch too).
  const check = (d: TensorData, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (Array.isArray(d)) throw new TypeError(`${fn}: ragged nested array at ${path}: expected a scalar`);
      return;
    }
    const len = Array.isArray(d) || ArrayBuffer.isView(d) ? (d as ArrayLike<unknown>).length : -1;
    if (len !== shape[depth]) {
      throw new TypeError(`${fn}: ragged nested array at ${path || "top level"}: expected length ${shape[depth]}, got ${len < 0 ? "a scalar" : len}`);
    }
    if (Array.isArray(d)) d.forEach((x, i) => check(x, depth + 1, `${path}[${i}]`));
  };
  check(data, 0, "");
  return shape;
}

function flatten(data: TensorData, out: Array<number | boolean | bigint>): void {
  if (Array.isArray(data)) for (const d of data) flatten(d, out);
  else if (ArrayBuffer.isView(data)) for (const v of data as Iterable<number | bigint>) out.push(v);
  else out.push(data as number | boolean | bigint);
}

function fill(target: dtype, values: Array<number | boolean | bigint>): TypedArray {
  const n = values.length;
  if (target === int64) {
    const a = new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (typeof v === "number" && !Number.isInteger(v)) a[i] = BigInt(Math.trunc(v));
      else a[i] = BigInt(v as number);
    }
    return a;
  }
  const Ctor = target === bool ? Uint8Array : target.arrayType;
  const a = new Ctor(n) as Exclude<TypedArray, BigInt64Array>;
  for (let i = 0; i < n; i++) a[i] = Number(values[i]);
  return a;
}

/**
 * torch.tensor: copies JS data into a new tensor. Dtype when not given: bigint → int64,
 * boolean → bool, a TypedArray → its own dtype, JS numbers → the default dtype (float32).
 * (JS cannot tell `1` from `1.0`, so integer labels need `{ dtype: torch.long }` or bigints.)
 * @example
 * torch.tensor([[1, 2], [3, 4]]).toString()   // "tensor([[1., 2.],\n        [3., 4.]])"
 */
export function tensor(data: TensorData, options: FactoryOptions = {}): Tensor {
  const shape = inferShape(data, "tensor");
  let inferred: dtype;
  if (ArrayBuffer.isView(data)) {
    inferred = typedArrayDtype(data as TypedArray);
  } else {
    const flat: Array<number | boolean | bigint> = [];
    flatten(data, flat);
    const first = flat[0];
    inferred = typeof first === "boolean" ? bool : typeof first === "bigint" ? int64 : get_default_dtype();
    const target = dtypeOf(options, inferred);
    const buildAs = target.arrayType === Uint16Array ? float32 : target;
    let t = new Tensor(_C.from_buffer(fill(buildAs, flat), shape, buildAs.code));
    if (buildAs !== target) {
      const c = callT(aten("aten::_to_copy"), t, target.code);
      t.dispose();
      t = c;
    }
    return finish(t, options);
  }
  const arr = data as TypedArray;
  const target = dtypeOf(options, inferred);
  let t = new Tensor(_C.from_buffer(arr, shape, inferred.code));
  if (target !== inferred) {
    const c = callT(aten("aten::_to_copy"), t, target.code);
    t.dispose();
    t = c;
  }
  return finish(t, options);
}

/** torch.from_buffer-like: a tensor of `shape` copied from raw little-endian bytes. */
export function frombuffer(bytes: Uint8Array, shape: number[], dt: DTypeLike): Tensor {
  return new Tensor(_C.from_buffer(bytes, shape, toDtype(dt).code));
}

/** torch.scalar_tensor / a 0-d tensor. */
export function scalar_tensor(v: number | boolean, options: FactoryOptions = {}): Tensor {
  return withGrad(callT(aten("aten::scalar_tensor"), v, ...factoryArgs(options, typeof v === "boolean" ? bool : get_default_dtype())), options);
}

// ---- shape factories ---------------------------------------------------------------------------

function shaped(op: string, fn: string, args: ShapeArgs, extra: unknown[] = []): Tensor {
  const { shape, options } = parseShapeArgs(args, fn);
  return withGrad(callT(aten(op), shape, ...extra, ...factoryArgs(options, get_default_dtype())), options);
}

/** torch.zeros(size, {dtype, device, requires_grad}) */
export function zeros(...args: ShapeArgs): Tensor {
  return shaped("aten::zeros", "zeros", args);
}
/** torch.ones */
export function ones(...args: ShapeArgs): Tensor {
  return shaped("aten::ones", "ones", args);
}
/** torch.empty (uninitialised memory) */
export function empty(...args: ShapeArgs): Tensor {
  return shaped("aten::empty.memory_format", "empty", args);
}
/** torch.rand: U[0, 1) from the default generator (same numbers as PyTorch for the same seed). */
export function rand(...args: RandomShapeArgs): Tensor {
  return withGenerator(generatorIn(args), () => shaped("aten::rand", "rand", args));
}
/** torch.randn: N(0, 1) from the default generator. */
export function randn(...args: RandomShapeArgs): Tensor {
  return withGenerator(generatorIn(args), () => shaped("aten::randn", "randn", args));
}

function generatorIn(args: unknown[]): Generator | null | undefined {
  const o = args.find((a) => a !== undefined && typeof a === "object" && !Array.isArray(a)) as RandomFactoryOptions | undefined;
  return o?.generator;
}

/** torch.full(size, fill_value). Fill with a JS number → the default float dtype unless `dtype`. */
export function full(size: number[], fill_value: number | boolean, options: FactoryOptions = {}): Tensor {
  const fallback = typeof fill_value === "boolean" ? bool : get_default_dtype();
  return withGrad(callT(aten("aten::full"), size, fill_value, ...factoryArgs(options, fallback)), options);
}

/**
 * torch.arange(end) / arange(start, end, step). Integral arguments give int64 (as in Python,
 * where all-int arguments give torch.int64); any fractional one gives the default float dtype.
 */
export function arange(end: number, options?: FactoryOptions): Tensor;
export function arange(start: number, end: number, options?: FactoryOptions): Tensor;
export function arange(start: number, end: number, step: number, options?: FactoryOptions): Tensor;
export function arange(...args: Array<number | FactoryOptions | undefined>): Tensor {
  const nums = args.filter((a): a is number => typeof a === "number");
  const options = (args.find((a) => typeof a === "object") as FactoryOptions | undefined) ?? {};
  const [start, end, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
  const fallback = [start, end, step].every(Number.isInteger) ? int64 : get_default_dtype();
  return withGrad(callT(aten("aten::arange.start_step"), start, end, step, ...factoryArgs(options, fallback)), options);
}

/** torch.linspace(start, end, steps) */
export function linspace(start: number, end: number, steps: number, options: FactoryOptions = {}): Tensor {
  return withGrad(callT(aten("aten::linspace"), start, end, steps, ...factoryArgs(options, get_default_dtype())), options);
}

/** torch.randint(high, size) / randint(low, high, size): int64 by default. */
export function randint(high: number, size: number[], options?: RandomFactoryOptions): Tensor;
export function randint(low: number, high: number, size: number[], options?: RandomFactoryOptions): Tensor;
export function randint(...args: Array<number | number[] | RandomFactoryOptions | undefined>): Tensor {
  const nums = args.filter((a): a is number => typeof a === "number");
  const size = args.find((a) => Array.isArray(a)) as number[] | undefined;
  const options = (args.find((a) => a !== undefined && typeof a === "object" && !Array.isArray(a)) as RandomFactoryOptions | undefined) ?? {};
  if (!size) throw new TypeError("randint: missing the size argument, e.g. torch.randint(10, [3, 4])");
  const [low, high] = nums.length === 1 ? [0, nums[0]] : [nums[0], nums[1]];
  return withGenerator(options.generator, () => withGrad(callT(aten("aten::randint.low"), low, high, size, ...factoryArgs(options, int64)), options));
}

/** torch.randperm(n): a random permutation of 0..n-1 (int64). */
export function randperm(n: number, options: RandomFactoryOptions = {}): Tensor {
  return withGenerator(options.generator, () => callT(aten("aten::randperm"), n, ...factoryArgs(options, int64)));
}

/** torch.eye(n, m?) */
export function eye(n: number, m?: number | FactoryOptions, options: FactoryOptions = {}): Tensor {
  if (typeof m === "object") return eye(n, undefined, m);
  if (m === undefined) return withGrad(callT(aten("aten::eye"), n, ...factoryArgs(options, get_default_dtype())), options);
  return withGrad(callT(aten("aten::eye.m"), n, m, ...factoryArgs(options, get_default_dtype())), options);
}

// ---- *_like -------------------------------------------------------------------------------------

function likeArgs(t: Tensor, options: FactoryOptions): [number, undefined, string] {
  return [
    options.dtype === undefined ? t.dtype.code : toDtype(options.dtype).code,
    undefined,
    options.device === undefined ? String(t.device) : String(toDevice(options.device)),
  ];
}
export function zeros_like(t: Tensor, options: FactoryOptions = {}): Tensor {
  return withGrad(callT(aten("aten::zeros_like"), t, ...likeArgs(t, options)), options);
}
export function ones_like(t: Tensor, options: FactoryOptions = {}): Tensor {
  return withGrad(callT(aten("aten::ones_like"), t, ...likeArgs(t, options)), options);
}
export function empty_like(t: Tensor, options: FactoryOptions = {}): Tensor {
  return withGrad(callT(aten("aten::empty_like"), t, ...likeArgs(t, options)), options);
}
export function rand_like(t: Tensor, options: FactoryOptions = {}): Tensor {
  return withGrad(callT(aten("aten::rand_like"), t, ...likeArgs(t, options)), options);
}
export function randn_like(t: Tensor, options: FactoryOptions = {}): Tensor {
  return withGrad(callT(aten("aten::randn_like"), t, ...likeArgs(t, options)), options);
}
export function full_like(t: Tensor, fill_value: number | boolean, options: FactoryOptions = {}): Tensor {
  return withGrad(callT(aten("aten::full_like"), t, fill_value, ...likeArgs(t, options)), options);
}
