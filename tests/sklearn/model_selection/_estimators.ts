// Test-only estimator mirrored line for line by ShrunkCentroid in
// scripts/make_sklearn_selection_goldens.py, so GridSearchCV/cross_val_score goldens can be compared
// without depending on other estimators: centroid_k = (1 - shrink) * mean_k + shrink * overall mean,
// predict = the class whose centroid has the least sum |x - c|^power (first class on ties).
import { ClassifierMixin, NotFittedError, type Params } from "../../../src/sklearn/base.js";
import { uniqueSorted, type Label } from "../../../src/sklearn/_array.js";
import { NDArray } from "../../../src/utils/ndarray.js";

type X = number[][] | NDArray;
const rowsOf = (X: X): number[][] => (X instanceof NDArray ? (X.tolist() as number[][]) : X);

/** Column means summed row after row, as numpy's mean(axis=0) on a C-ordered array. */
function colMean(rows: number[][]): number[] {
  const s = rows[0].map(() => 0);
  for (const r of rows) r.forEach((v, j) => (s[j] += v));
  return s.map((v) => v / rows.length);
}

export class ShrunkCentroid extends ClassifierMixin {
  static override _parameter_names = ["shrink", "power"];
  shrink = 0;
  power = 2;
  classes_?: Label[];
  centroids_?: number[][];
  constructor(options?: { shrink?: number; power?: number }) {
    super();
    this.initParams(options as Params | undefined);
  }
  fit(X: X, y: ArrayLike<Label>): this {
    const rows = rowsOf(X);
    const labels = Array.from(y);
    this.classes_ = uniqueSorted(labels);
    const overall = colMean(rows);
    this.centroids_ = this.classes_.map((c) => colMean(rows.filter((_, i) => labels[i] === c)).map((m, j) => (1 - this.shrink) * m + this.shrink * overall[j]));
    return this;
  }
  predict(X: X): Label[] {
    if (!this.centroids_ || !this.classes_) throw new NotFittedError(this);
    const cents = this.centroids_;
    const classes = this.classes_;
    return rowsOf(X).map((r) => {
      const d = cents.map((c) => r.reduce((s, v, j) => s + (this.power === 2 ? (v - c[j]) ** 2 : Math.abs(v - c[j]) ** this.power), 0));
      return classes[d.indexOf(Math.min(...d))];
    });
  }
}
