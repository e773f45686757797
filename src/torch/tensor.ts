// torch.Tensor: a JS object owning one native handle. Only the core lives here (lifetime,
// metadata, data out, autograd properties); the operator methods are added by ops/*.ts, each
// file a family of PyTorch methods, so no file grows into a monolith.
import { _C, type Handle } from "./_C.js";
import { dtypeFromCode, type dtype, type TypedArray, float32, bfloat16, float16, bool as boolDtype } from "./dtype.js";
import { device } from "./device.js";
import { track, _setTensorCheck, type Scoped } from "./scope.js";
import { formatTensor } from "./_tensor_str.js";
import { aten, callT } from "./ops/dispatch.js";

/** What `tensor.grad_fn` gives: the autograd node that made the tensor. */
export interface GradFn {
  name(): string;
}

// The GC backstop (architecture §4.4): frees the native tensor of a Tensor object that became
// unreachable without dispose(). Not a strategy — `finalized` counts these, and tests call it a leak.
const backstop = new FinalizationRegistry<Handle>((h) => _C.finalize(h));

export class Tensor implements Scoped {
  /** @internal the native handle; null once disposed */
  _h: Handle | null;
  /** @internal see scope.keep */
  _kept = false;
  /** @internal the wrapper handed out by `.grad`, owned by this tensor */
  private _gradCache: Tensor | null = null;

  /** @internal Tensors are made by factories and ops, never with `new` by users. */
  constructor(handle: Handle) {
    this._h = handle;
    backstop.register(this, handle, this);
    track(this);
  }

  /** @internal Points this object at another native handle (module.to() moving a parameter). */
  _rebind(handle: Handle): void {
    const old = this._h;
    backstop.unregister(this);
    this._h = handle;
    backstop.register(this, handle, this);
    if (old !== null) _C.dispose(old);
  }

  /** @internal The live handle, or the use-after-dispose error naming the op. */
  _handle(op: string): Handle {
    if (this._h === null) throw new Error(`Tensor used after dispose (op=${op})`);
    return this._h;
  }

  /** Frees the native tensor now. Idempotent; other handles on the same storage stay valid. */
  dispose(): void {
    if (this._h === null) return;
    backstop.unregister(this);
    _C.dispose(this._h);
    this._h = null;
    if (this._gradCache !== null) {
      this._gradCache.dispose();
      this._gradCache = null;
    }
  }
  [Symbol.dispose](): void {
    this.dispose();
  }
  get isDisposed(): boolean {
    return this._h === null;
  }

  // ---- metadata -------------------------------------------------------------------------
  /** torch.Size as a plain array. */
  get shape(): number[] {
    return _C.shape(this._handle("shape"));
  }
  /** `size()` is the shape; `size(dim)` one extent (negative dims count from the end). */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    const s = this.shape;
    if (dim === undefined) return s;
    const d = dim < 0 ? dim + s.length : dim;
    if (d < 0 || d >= s.length) throw new RangeError(`size: dimension ${dim} out of range for a ${s.length}-d tensor`);
    return s[d];
  }
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    const s = _C.strides(this._handle("stride"));
    return dim === undefined ? s : s[dim < 0 ? dim + s.length : dim];
  }
  get dtype(): dtype {
    return dtypeFromCode(_C.dtype(this._handle("dtype")));
  }
  get device(): device {
    return new device(_C.device(this._handle("device")));
  }
  get is_cuda(): boolean {
    return _C.device(this._handle("is_cuda")).startsWith("cuda");
  }
  get ndim(): number {
    return _C.dim(this._handle("ndim"));
  }
  dim(): number {
    return this.ndim;
  }
  numel(): number {
    return _C.numel(this._handle("numel"));
  }
  nelement(): number {
    return this.numel();
  }
  element_size(): number {
    return this.dtype.itemsize;
  }
  is_contiguous(): boolean {
    return _C.is_contiguous(this._handle("is_contiguous"));
  }
  is_floating_point(): boolean {
    return this.dtype.is_floating_point;
  }

  // ---- autograd ----------------------------------------------------------------------------
  get requires_grad(): boolean {
    return _C.requires_grad(this._handle("requires_grad"));
  }
  set requires_grad(on: boolean) {
    _C.set_requires_grad(this._handle("requires_grad"), on);
  }
  /** In place: turns gradient recording on (or off) for this leaf. Returns `this`. */
  requires_grad_(requires_grad = true): this {
    _C.set_requires_grad(this._handle("requires_grad_"), requires_grad);
    return this;
  }
  get is_leaf(): boolean {
    return _C.is_leaf(this._handle("is_leaf"));
  }
  get grad_fn(): GradFn | null {
    const n = _C.grad_fn(this._handle("grad_fn"));
    return n === null ? null : { name: () => n, toString: () => `<${n}>` } as GradFn;
  }
  /**
   * The accumulated gradient, or null. The returned tensor belongs to this tensor (do not
   * dispose it); read it again after the next backward.
   */
  get grad(): Tensor | null {
    const h = _C.grad(this._handle("grad"), this._gradCache?._h ?? null);
    if (h === null) {
      this._gradCache?.dispose();
      this._gradCache = null;
      return null;
    }
    if (this._gradCache === null || h !== this._gradCache._h) {
      this._gradCache?.dispose();
      this._gradCache = untracked(h);
    }
    return this._gradCache;
  }
  set grad(g: Tensor | null) {
    _C.set_grad(this._handle("grad"), g === null ? null : g._handle("grad"));
    this._gradCache?.dispose();
    this._gradCache = null;
  }
  /** Computes gradients of this tensor w.r.t. graph leaves (PyTorch's `backward`). */
  backward(gradient?: Tensor | null, options: { retain_graph?: boolean; create_graph?: boolean } = {}): void {
    _C.backward(
      this._handle("backward"),
      gradient ? gradient._handle("backward") : null,
      options.retain_graph,
      options.create_graph ?? false,
    );
  }
  retain_grad(): void {
    _C.retain_grad(this._handle("retain_grad"));
  }
  is_inference(): boolean {
    return _C.is_inference(this._handle("is_inference"));
  }

  // ---- data out ------------------------------------------------------------------------------
  /**
   * The elements as a new flat TypedArray in row-major order (float16/bfloat16 as raw Uint16
   * bits; use `.float()` first to read them as numbers). Copies from the device.
   */
  toTypedArray(): TypedArray {
    const buf = _C.to_buffer(this._handle("toTypedArray"));
    return new this.dtype.arrayType(buf);
  }
  /** The single value of a one-element tensor as a JS number (bool → 0/1). */
  item(): number {
    const n = this.numel();
    if (n !== 1) throw new RangeError(`item: a Tensor with ${n} elements cannot be converted to a scalar`);
    const arr = this.toJSNumbers();
    return Number(arr[0]);
  }
  /** Nested JS arrays of numbers (booleans for bool tensors), like PyTorch's tolist(). */
  tolist(): NestedList {
    const shape = this.shape;
    const flat = this.toJSNumbers();
    const isBool = this.dtype === boolDtype;
    const values: Array<number | boolean> = isBool ? Array.from(flat, (v) => v !== 0) : flat;
    if (shape.length === 0) return values[0];
    return nest(values, shape, 0, 0).value;
  }
  /** @internal Elements as JS numbers (int64 beyond 2^53 lose precision, as documented). */
  toJSNumbers(): number[] {
    const dt = this.dtype;
    if (dt === float16 || dt === bfloat16) {
      const f = callT(aten("aten::_to_copy"), this, float32.code);
      try {
        return Array.from(f.toTypedArray() as Float32Array);
      } finally {
        f.dispose();
      }
    }
    const arr = this.toTypedArray();
    if (arr instanceof BigInt64Array) return Array.from(arr, (v) => Number(v));
    return Array.from(arr as Float32Array);
  }
  toString(): string {
    if (this._h === null) return "tensor(<disposed>)";
    return formatTensor(this);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

export type NestedList = number | boolean | NestedList[];

function nest(values: Array<number | boolean>, shape: number[], dim: number, offset: number): { value: NestedList[]; next: number } {
  const out: NestedList[] = [];
  if (dim === shape.length - 1) {
    for (let i = 0; i < shape[dim]; i++) out.push(values[offset + i]);
    return { value: out, next: offset + shape[dim] };
  }
  let pos = offset;
  for (let i = 0; i < shape[dim]; i++) {
    const r = nest(values, shape, dim + 1, pos);
    out.push(r.value);
    pos = r.next;
  }
  return { value: out, next: pos };
}

/** @internal A Tensor around a handle that no tidy scope records (owned by another object). */
export function untracked(h: Handle): Tensor {
  const t = new Tensor(h);
  t._kept = true;
  return t;
}

/** True for finetune-ts tensors. */
export function is_tensor(v: unknown): v is Tensor {
  return v instanceof Tensor;
}

_setTensorCheck(is_tensor);
