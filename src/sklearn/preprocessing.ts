// sklearn.preprocessing basics: LabelEncoder (labels <-> 0..n-1 in sorted order, as np.unique sorts
// them) and StandardScaler (dense only; population variance, zero variance scaled by 1).
import { ValueError } from "../utils/errors.js";
import { NDArray } from "../utils/ndarray.js";
import { BaseEstimator, NotFittedError, TransformerMixin, type Params } from "./base.js";
import { uniqueSorted, type Label } from "./_array.js";
import { csr_matrix } from "./_sparse.js";

function labelsOf(y: ArrayLike<Label> | { tolist(): unknown }): Label[] {
  const arr = "tolist" in y && typeof y.tolist === "function" ? (y.tolist() as unknown[]) : Array.from(y as ArrayLike<unknown>);
  return arr.map((v) => {
    if (typeof v === "number" || typeof v === "string") return v;
    if (typeof v === "boolean") return Number(v);
    throw new ValueError(`y should be a 1d array of labels, got an element ${JSON.stringify(v)}`);
  });
}

export class LabelEncoder extends BaseEstimator {
  static override _parameter_names: readonly string[] = [];
  classes_?: Label[];

  constructor(options?: Params) {
    super();
    this.initParams(options);
  }

  fit(y: ArrayLike<Label>): this {
    this.classes_ = uniqueSorted(labelsOf(y));
    return this;
  }

  fit_transform(y: ArrayLike<Label>): number[] {
    return this.fit(y).transform(y);
  }

  transform(y: ArrayLike<Label>): number[] {
    const classes = this.fitted();
    const pos = new Map(classes.map((c, i) => [c, i]));
    const labels = labelsOf(y);
    const unseen = uniqueSorted(labels.filter((v) => !pos.has(v)));
    if (unseen.length > 0) throw new ValueError(`y contains previously unseen labels: ${unseen.map((u) => (typeof u === "string" ? `'${u}'` : String(u))).join(", ")}`);
    return labels.map((v) => pos.get(v) as number);
  }

  inverse_transform(y: ArrayLike<number>): Label[] {
    const classes = this.fitted();
    return Array.from(y, (i) => {
      if (!Number.isInteger(i) || i < 0 || i >= classes.length) throw new ValueError(`y contains previously unseen labels: [${i}]`);
      return classes[i];
    });
  }

  private fitted(): Label[] {
    if (this.classes_ === undefined) throw new NotFittedError(this);
    return this.classes_;
  }
}

export interface StandardScalerOptions {
  copy?: boolean;
  with_mean?: boolean;
  with_std?: boolean;
}

type Dense = NDArray | ArrayLike<ArrayLike<number>>;

function toRows(X: Dense): { rows: number[][]; n: number; m: number } {
  if (X instanceof csr_matrix) throw new ValueError("Cannot center sparse matrices: StandardScaler here supports dense input only.");
  if (X instanceof NDArray) {
    if (X.ndim !== 2) throw new ValueError(`Expected 2D array, got ${X.ndim}D array instead`);
    const [n, m] = X.shape;
    return { rows: Array.from({ length: n }, (_, i) => Array.from(X.data.subarray(i * m, (i + 1) * m))), n, m };
  }
  const rows = Array.from(X, (r) => Array.from(r));
  const m = rows[0]?.length ?? 0;
  for (const r of rows) if (r.length !== m) throw new ValueError("StandardScaler: rows have different lengths");
  return { rows, n: rows.length, m };
}

export class StandardScaler extends TransformerMixin {
  static override _parameter_names: readonly string[] = ["copy", "with_mean", "with_std"];
  copy = true;
  with_mean = true;
  with_std = true;
  mean_?: number[] | null;
  var_?: number[] | null;
  scale_?: number[] | null;
  n_features_in_?: number;
  n_samples_seen_?: number;

  constructor(options?: StandardScalerOptions) {
    super();
    this.initParams(options as Params | undefined);
  }

  /**
   * Column means and population variances as sklearn's _incremental_mean_and_var computes them:
   * sums down axis 0 (row after row), var = (sum(d^2) - sum(d)^2 / n) / n with d = x - mean.
   */
  fit(X: Dense): this {
    const { rows, n, m } = toRows(X);
    if (n === 0) throw new ValueError("Found array with 0 sample(s) (shape=(0, " + m + ")) while a minimum of 1 is required by StandardScaler.");
    const cols = Array.from({ length: m }, (_, j) => rows.map((r) => r[j]));
    const colSum = (c: number[]): number => c.reduce((a, b) => a + b, 0);
    const means = cols.map((c) => colSum(c) / n);
    this.n_features_in_ = m;
    this.n_samples_seen_ = n;
    if (!this.with_mean && !this.with_std) {
      this.mean_ = null;
      this.var_ = null;
    } else {
      this.mean_ = means;
      this.var_ = this.with_std ? cols.map((c, j) => {
          const d = c.map((v) => v - means[j]);
          const corr = colSum(d);
          return (colSum(d.map((v) => v * v)) - (corr * corr) / n) / n;
        }) : null;
    }
    // Near-constant features get scale 1 (sklearn's _handle_zeros_in_scale with its 10*eps bound).
    this.scale_ = this.with_std
      ? (this.var_ as number[]).map((v, j) => {
          const s = Math.sqrt(v);
          const bound = 10 * Number.EPSILON * Math.max(1, Math.abs(means[j]));
          return s < bound ? 1 : s;
        })
      : null;
    return this;
  }

  transform(X: Dense): number[][] {
    const { rows, m } = toRows(X);
    if (this.n_features_in_ === undefined) throw new NotFittedError(this);
    if (m !== this.n_features_in_) throw new ValueError(`X has ${m} features, but StandardScaler is expecting ${this.n_features_in_} features as input.`);
    return rows.map((r) => r.map((v, j) => {
      let x = v;
      if (this.with_mean && this.mean_) x -= this.mean_[j];
      if (this.with_std && this.scale_) x /= this.scale_[j];
      return x;
    }));
  }

  override fit_transform(X: Dense): number[][] {
    return this.fit(X).transform(X);
  }

  inverse_transform(X: Dense): number[][] {
    const { rows } = toRows(X);
    if (this.n_features_in_ === undefined) throw new NotFittedError(this);
    return rows.map((r) => r.map((v, j) => {
      let x = v;
      if (this.with_std && this.scale_) x *= this.scale_[j];
      if (this.with_mean && this.mean_) x += this.mean_[j];
      return x;
    }));
  }
}
