// A small NumPy-like array for what users index in Python: Trainer predictions / EvalPrediction.
// Row-major Float64 data with a shape; argmax/softmax along an axis, row access, tolist().
export class NDArray {
  constructor(readonly data: Float64Array, readonly shape: number[]) {
    const n = shape.reduce((a, b) => a * b, 1);
    if (n !== data.length) throw new RangeError(`NDArray: shape [${shape}] needs ${n} values, got ${data.length}`);
  }
  static from(values: ArrayLike<number>, shape: number[] = [values.length]): NDArray {
    return new NDArray(Float64Array.from(values), shape);
  }
  get ndim(): number {
    return this.shape.length;
  }
  get length(): number {
    return this.shape[0] ?? 0;
  }
  /** Row i of the first axis (a view-like copy), or the value for a 1-d array. */
  at(i: number): NDArray | number {
    if (this.ndim === 1) return this.data[i < 0 ? i + this.length : i];
    const row = this.shape.slice(1).reduce((a, b) => a * b, 1);
    const k = i < 0 ? i + this.length : i;
    return new NDArray(this.data.slice(k * row, (k + 1) * row), this.shape.slice(1));
  }
  private lastAxisOnly(axis: number, what: string): void {
    const a = axis < 0 ? axis + this.ndim : axis;
    if (a !== this.ndim - 1) throw new RangeError(`${what}: only the last axis is supported (axis=-1)`);
  }
  /** argmax over the last axis: predictions.argmax(-1). */
  argmax(axis = -1): NDArray {
    this.lastAxisOnly(axis, "argmax");
    const c = this.shape[this.ndim - 1];
    const out = new Float64Array(this.data.length / c);
    for (let r = 0; r < out.length; r++) {
      let best = 0;
      for (let j = 1; j < c; j++) if (this.data[r * c + j] > this.data[r * c + best]) best = j;
      out[r] = best;
    }
    return new NDArray(out, this.shape.slice(0, -1));
  }
  /** softmax over the last axis (stable: max subtracted). */
  softmax(axis = -1): NDArray {
    this.lastAxisOnly(axis, "softmax");
    const c = this.shape[this.ndim - 1];
    const out = new Float64Array(this.data.length);
    for (let r = 0; r < this.data.length / c; r++) {
      let m = -Infinity;
      for (let j = 0; j < c; j++) m = Math.max(m, this.data[r * c + j]);
      let s = 0;
      for (let j = 0; j < c; j++) s += out[r * c + j] = Math.exp(this.data[r * c + j] - m);
      for (let j = 0; j < c; j++) out[r * c + j] /= s;
    }
    return new NDArray(out, this.shape);
  }
  tolist(): unknown[] {
    const rec = (dim: number, off: number): unknown[] => {
      const stride = this.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
      return Array.from({ length: this.shape[dim] }, (_, i) => (dim === this.ndim - 1 ? this.data[off + i] : rec(dim + 1, off + i * stride)));
    };
    return this.ndim === 0 ? [this.data[0]] : rec(0, 0);
  }
  [Symbol.iterator](): Iterator<NDArray | number> {
    let i = 0;
    return { next: () => (i < this.length ? { value: this.at(i++), done: false } : { value: undefined, done: true }) };
  }
}
