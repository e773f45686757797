// sklearn.naive_bayes: MultinomialNB, ComplementNB and BernoulliNB (the discrete, count-based
// models used for text), ported from scikit-learn 1.9.1's naive_bayes.py. The arithmetic follows
// the NumPy expressions term by term (same operand order, NumPy's pairwise row sums, sklearn's
// max-shifted log1p logsumexp) so probabilities agree with sklearn to ~1e-12, not just roughly.
// X may be a csr_matrix (the vectorizers' output), an NDArray or nested number rows.
import { ValueError } from "../utils/errors.js";
import { NDArray } from "../utils/ndarray.js";
import { ClassifierMixin, NotFittedError, type Params } from "./base.js";
import { csr_matrix } from "./_sparse.js";
import { pairwiseSum, pyRepr, toTarget, uniqueSorted, type Label } from "./_array.js";
import { shapeOf, toMat, type Mat } from "./utils/validation.js";

/** Feature matrix input: sparse, dense NDArray, or nested rows. */
export type NBInput = csr_matrix | NDArray | ArrayLike<ArrayLike<number>>;

export interface DiscreteNBOptions {
  /** Additive (Laplace/Lidstone) smoothing; a per-feature array is allowed. */
  alpha?: number | ArrayLike<number>;
  /** Keep alpha as given even below 1e-10 (sklearn >= 1.4 default: true). */
  force_alpha?: boolean;
  /** Learn class priors from the data; false means uniform priors. */
  fit_prior?: boolean;
  /** Fixed class priors (in `classes_` order), overriding fit_prior. */
  class_prior?: ArrayLike<number> | null;
}
export interface ComplementNBOptions extends DiscreteNBOptions {
  /** Second normalisation of the weights (Rennie et al.); sklearn's default is false. */
  norm?: boolean;
}
export interface BernoulliNBOptions extends DiscreteNBOptions {
  /** Threshold mapping features to {0, 1}; null means X is already binary. */
  binarize?: number | null;
}



function values(m: Mat): Float64Array {
  return "sparse" in m ? m.sparse.data : m.dense;
}

function rowSums(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = pairwiseSum(a, r * cols, cols);
  return out;
}

/** `X @ W.T` for W (k, f) row-major: (n, k). Sparse rows accumulate in index order as scipy does. */
function dotT(X: Mat, W: Float64Array, k: number): Float64Array {
  const [n, f] = shapeOf(X);
  const out = new Float64Array(n * k);
  if ("sparse" in X) {
    // scipy's csr_matvecs order: each nonzero adds data·W[:, j] to the row's k sums, so every
    // class sums its terms in index order (bit-identical to sklearn). W is read feature-major
    // (k contiguous values per nonzero) instead of striding k rows of f: ~4× faster.
    const WT = featureMajor(W, k, f);
    const { data, indices, indptr } = X.sparse;
    for (let i = 0; i < n; i++) {
      const o = i * k;
      for (let p = indptr[i]!; p < indptr[i + 1]!; p++) {
        const v = data[p]!;
        const w = indices[p]! * k;
        for (let c = 0; c < k; c++) out[o + c] = out[o + c]! + v * WT[w + c]!;
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < f; j++) s += X.dense[i * f + j]! * W[c * f + j]!;
        out[i * k + c] = s;
      }
    }
  }
  return out;
}

/** W (k, f) transposed to (f, k), cached per W array (a refit makes a new one). */
const transposed = new WeakMap<Float64Array, Float64Array>();
function featureMajor(W: Float64Array, k: number, f: number): Float64Array {
  let t = transposed.get(W);
  if (t === undefined) {
    t = new Float64Array(k * f);
    for (let c = 0; c < k; c++) for (let j = 0; j < f; j++) t[j * k + c] = W[c * f + j]!;
    transposed.set(W, t);
  }
  return t;
}

/** sklearn.utils._array_api._logsumexp along axis 1 (scipy's algorithm: the maxima are counted
 *  and excluded, then log1p(sum/m) + log(m) + max), so log-probabilities match to the last bits. */
function logsumexpRows(a: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(n);
  const row = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let mx = -Infinity;
    for (let c = 0; c < k; c++) mx = Math.max(mx, a[i * k + c]!);
    let m = 0;
    const shift = Number.isFinite(mx) ? mx : 0;
    for (let c = 0; c < k; c++) {
      const v = a[i * k + c]!;
      if (v === mx) {
        m++;
        row[c] = 0; // exp(-inf - shift)
      } else row[c] = Math.exp(v - shift);
    }
    let s = pairwiseSum(row, 0, k);
    if (s !== 0) s = s / m;
    out[i] = Math.log1p(s) + Math.log(m) + mx;
  }
  return out;
}

/** Shared machinery of sklearn's _BaseDiscreteNB. */
export abstract class _BaseDiscreteNB extends ClassifierMixin {
  alpha: number | ArrayLike<number> = 1.0;
  force_alpha = true;
  fit_prior = true;
  class_prior: ArrayLike<number> | null = null;

  classes_?: Label[];
  class_count_?: Float64Array;
  feature_count_?: NDArray;
  class_log_prior_?: Float64Array;
  feature_log_prob_?: NDArray;
  n_features_in_?: number;

  /** Per-model validation/transform of X (Bernoulli binarizes). */
  protected prepareX(X: Mat): Mat {
    return X;
  }
  protected abstract count(X: Mat, Y: Float64Array, k: number): void;
  protected abstract updateFeatureLogProb(alpha: number | Float64Array): void;
  protected abstract jointLogLikelihood(X: Mat): Float64Array;

  protected checkX(X: unknown): Mat {
    if (this.classes_ === undefined || this.feature_log_prob_ === undefined) throw new NotFittedError(this);
    const m = toMat(X, "X");
    const f = shapeOf(m)[1];
    if (f !== this.n_features_in_) throw new ValueError(`X has ${f} features, but ${this.constructor.name} is expecting ${this.n_features_in_} features as input.`);
    return this.prepareX(m);
  }

  private checkXy(X: unknown, y: unknown, reset: boolean): { X: Mat; y: Label[] } {
    const m = toMat(X, "X");
    const t = toTarget(y, "y");
    if (t.ndim !== 1) throw new ValueError("y should be a 1d array, got an array of shape (" + t.rows.length + ", " + t.ncols + ") instead.");
    const [n, f] = shapeOf(m);
    if (t.values.length !== n) throw new ValueError(`Found input variables with inconsistent numbers of samples: [${n}, ${t.values.length}]`);
    if (n === 0) throw new ValueError(`Found array with 0 sample(s) (shape=(0, ${f})) while a minimum of 1 is required by ${this.constructor.name}.`);
    for (const v of values(m)) if (!Number.isFinite(v)) throw new ValueError(Number.isNaN(v) ? `Input X contains NaN.` : `Input X contains infinity or a value too large for dtype('float64').`);
    if (reset) this.n_features_in_ = f;
    else if (f !== this.n_features_in_) throw new ValueError(`X has ${f} features, but ${this.constructor.name} is expecting ${this.n_features_in_} features as input.`);
    return { X: this.prepareX(m), y: t.values };
  }

  /** label_binarize(y, classes_) as float, with sklearn's two-class / one-class expansion. */
  private binarizeLabels(y: Label[], sample_weight: ArrayLike<number> | undefined): Float64Array {
    const classes = this.classes_!;
    const k = classes.length;
    const Y = new Float64Array(y.length * k);
    const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
    for (let i = 0; i < y.length; i++) {
      if (k === 1) Y[i] = 1;
      else if (k === 2) {
        // one 0/1 column (1 = classes_[1]) expanded to [1 - Y, Y]: unknown labels count as class 0
        const pos = y[i] === classes[1] ? 1 : 0;
        Y[i * 2] = 1 - pos;
        Y[i * 2 + 1] = pos;
      } else {
        const c = index.get(y[i]!);
        if (c !== undefined) Y[i * k + c] = 1; // label_binarize leaves unseen labels as a zero row
      }
    }
    if (sample_weight !== undefined) {
      if (sample_weight.length !== y.length) throw new ValueError(`sample_weight.shape == (${sample_weight.length},), expected (${y.length},)!`);
      for (let i = 0; i < y.length; i++) for (let c = 0; c < k; c++) Y[i * k + c] = Y[i * k + c]! * sample_weight[i]!;
    }
    return Y;
  }

  private initCounters(k: number, f: number): void {
    this.class_count_ = new Float64Array(k);
    this.feature_count_ = new NDArray(new Float64Array(k * f), [k, f]);
  }

  fit(X: NBInput, y: ArrayLike<Label>, options: { sample_weight?: ArrayLike<number> } = {}): this {
    this.validateParams();
    const { X: m, y: labels } = this.checkXy(X, y, true);
    this.classes_ = uniqueSorted(labels);
    const Y = this.binarizeLabels(labels, options.sample_weight);
    this.initCounters(this.classes_.length, shapeOf(m)[1]);
    this.count(m, Y, this.classes_.length);
    this.updateFeatureLogProb(this.checkAlpha());
    this.updateClassLogPrior();
    return this;
  }

  partial_fit(X: NBInput, y: ArrayLike<Label>, options: { classes?: ArrayLike<Label>; sample_weight?: ArrayLike<number> } = {}): this {
    this.validateParams();
    const first = this.classes_ === undefined;
    if (first && options.classes === undefined) throw new ValueError("classes must be passed on the first call to partial_fit.");
    const { X: m, y: labels } = this.checkXy(X, y, first);
    if (options.classes !== undefined) {
      const cls = uniqueSorted(Array.from(options.classes));
      if (first) {
        this.classes_ = cls;
        this.initCounters(cls.length, shapeOf(m)[1]);
      } else if (cls.length !== this.classes_!.length || cls.some((c, i) => c !== this.classes_![i])) {
        const given = `[${Array.from(options.classes, (c) => pyRepr(c)).join(", ")}]`; // Python list repr
        const was = ndarrayRepr(this.classes_!);
        throw new ValueError(`\`classes=${given}\` is not the same as on last call to partial_fit, was: ${was}`);
      }
    }
    const Y = this.binarizeLabels(labels, options.sample_weight);
    this.count(m, Y, this.classes_!.length);
    this.updateFeatureLogProb(this.checkAlpha());
    this.updateClassLogPrior();
    return this;
  }

  /** The parameter checks sklearn's _parameter_constraints make at fit time. */
  private validateParams(): void {
    const a = this.alpha;
    if (typeof a === "number" ? !(a >= 0) : typeof a !== "object" || a === null || typeof a.length !== "number") {
      throw new ValueError(`The 'alpha' parameter of ${this.constructor.name} must be a float in the range [0.0, inf) or an array-like. Got ${String(a)} instead.`);
    }
  }

  /** _check_alpha: per-feature length and sign checks; clip to 1e-10 unless force_alpha. */
  private checkAlpha(): number | Float64Array {
    const isArr = typeof this.alpha !== "number";
    const alpha = isArr ? Float64Array.from(this.alpha as ArrayLike<number>) : (this.alpha as number);
    const min = typeof alpha === "number" ? alpha : Math.min(...alpha);
    if (typeof alpha !== "number") {
      if (alpha.length !== this.n_features_in_) throw new ValueError(`When alpha is an array, it should contains \`n_features\`. Got ${alpha.length} elements instead of ${this.n_features_in_}.`);
      if (min < 0) throw new ValueError("All values in alpha must be greater than 0.");
    }
    const lower = 1e-10;
    if (min < lower && !this.force_alpha) {
      console.warn(`alpha too small will result in numeric errors, setting alpha = 1.0e-10. Use \`force_alpha=True\` to keep alpha unchanged.`);
      return typeof alpha === "number" ? Math.max(alpha, lower) : alpha.map((v) => Math.max(v, lower));
    }
    return alpha;
  }

  private updateClassLogPrior(): void {
    const k = this.classes_!.length;
    if (this.class_prior !== null && this.class_prior !== undefined) {
      if (this.class_prior.length !== k) throw new ValueError("Number of priors must match number of classes.");
      this.class_log_prior_ = Float64Array.from(this.class_prior, (p) => Math.log(p));
    } else if (this.fit_prior) {
      const total = Math.log(pairwiseSum(this.class_count_!, 0, k));
      this.class_log_prior_ = this.class_count_!.map((c) => Math.log(c) - total);
    } else {
      this.class_log_prior_ = new Float64Array(k).fill(-Math.log(k));
    }
  }

  /** feature_count_ += Y.T @ X and class_count_ += Y.sum(axis=0). */
  protected accumulate(X: Mat, Y: Float64Array, k: number): void {
    const [n, f] = shapeOf(X);
    const fc = this.feature_count_!.data;
    // Accumulate into a fresh product first, then add: `fc += (Y.T @ X)` rounds that way.
    const prod = new Float64Array(k * f);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        const w = Y[i * k + c]!;
        if (w === 0) continue;
        if ("sparse" in X) {
          const { data, indices, indptr } = X.sparse;
          for (let p = indptr[i]!; p < indptr[i + 1]!; p++) prod[c * f + indices[p]!] += w * data[p]!;
        } else for (let j = 0; j < f; j++) prod[c * f + j] += w * X.dense[i * f + j]!;
      }
    }
    for (let t = 0; t < fc.length; t++) fc[t] = fc[t]! + prod[t]!;
    const cc = this.class_count_!;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Y[i * k + c]!; // Y.sum(axis=0): row by row
      cc[c] = cc[c]! + s;
    }
  }

  protected checkNonNegative(X: Mat): void {
    for (const v of values(X)) if (v < 0) throw new ValueError(`Negative values in data passed to ${this.constructor.name} (input X).`);
  }

  /** Unnormalised log P(c) + log P(x|c), shape (n_samples, n_classes). */
  predict_joint_log_proba(X: NBInput): NDArray {
    const m = this.checkX(X);
    return new NDArray(this.jointLogLikelihood(m), [shapeOf(m)[0], this.classes_!.length]);
  }

  predict(X: NBInput): Label[] {
    const jll = this.predict_joint_log_proba(X);
    const [n, k] = jll.shape as [number, number];
    const out: Label[] = [];
    for (let i = 0; i < n; i++) {
      let best = 0; // first maximum, as np.argmax
      for (let c = 1; c < k; c++) if (jll.data[i * k + c]! > jll.data[i * k + best]!) best = c;
      out.push(this.classes_![best]!);
    }
    return out;
  }

  predict_log_proba(X: NBInput): NDArray {
    const jll = this.predict_joint_log_proba(X);
    const [n, k] = jll.shape as [number, number];
    const lse = logsumexpRows(jll.data, n, k);
    const out = new Float64Array(n * k);
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) out[i * k + c] = jll.data[i * k + c]! - lse[i]!;
    return new NDArray(out, [n, k]);
  }

  predict_proba(X: NBInput): NDArray {
    const lp = this.predict_log_proba(X);
    return new NDArray(lp.data.map((v) => Math.exp(v)), lp.shape);
  }
}

/** Multinomial naive Bayes: P(x|c) proportional to prod_j theta_cj^x_j (word counts, TF-IDF). */
export class MultinomialNB extends _BaseDiscreteNB {
  static override _parameter_names = ["alpha", "force_alpha", "fit_prior", "class_prior"] as const;
  constructor(options: DiscreteNBOptions = {}) {
    super();
    this.initParams(options as Params);
  }
  protected count(X: Mat, Y: Float64Array, k: number): void {
    this.checkNonNegative(X);
    this.accumulate(X, Y, k);
  }
  protected updateFeatureLogProb(alpha: number | Float64Array): void {
    const [k, f] = this.feature_count_!.shape as [number, number];
    const smoothed = addAlpha(this.feature_count_!.data, alpha, k, f);
    const cc = rowSums(smoothed, k, f);
    const out = new Float64Array(k * f);
    for (let c = 0; c < k; c++) {
      const lc = Math.log(cc[c]!);
      for (let j = 0; j < f; j++) out[c * f + j] = Math.log(smoothed[c * f + j]!) - lc;
    }
    this.feature_log_prob_ = new NDArray(out, [k, f]);
  }
  protected jointLogLikelihood(X: Mat): Float64Array {
    const k = this.classes_!.length;
    const jll = dotT(X, this.feature_log_prob_!.data, k);
    for (let t = 0; t < jll.length; t++) jll[t] = jll[t]! + this.class_log_prior_![t % k]!;
    return jll;
  }
}

/** Complement naive Bayes (Rennie et al. 2003): weights from the counts of all OTHER classes,
 *  which is steadier than MultinomialNB on imbalanced text data. */
export class ComplementNB extends _BaseDiscreteNB {
  static override _parameter_names = ["alpha", "force_alpha", "fit_prior", "class_prior", "norm"] as const;
  norm = false;
  /** Total count of each feature over all classes. */
  feature_all_?: Float64Array;
  constructor(options: ComplementNBOptions = {}) {
    super();
    this.initParams(options as Params);
  }
  protected count(X: Mat, Y: Float64Array, k: number): void {
    this.checkNonNegative(X);
    this.accumulate(X, Y, k);
    const [, f] = this.feature_count_!.shape as [number, number];
    const fa = new Float64Array(f);
    const fc = this.feature_count_!.data;
    for (let c = 0; c < k; c++) for (let j = 0; j < f; j++) fa[j] = fa[j]! + fc[c * f + j]!; // sum(axis=0), row by row
    this.feature_all_ = fa;
  }
  protected updateFeatureLogProb(alpha: number | Float64Array): void {
    const [k, f] = this.feature_count_!.shape as [number, number];
    const fc = this.feature_count_!.data;
    const comp = new Float64Array(k * f);
    for (let c = 0; c < k; c++) for (let j = 0; j < f; j++) comp[c * f + j] = this.feature_all_![j]! + (typeof alpha === "number" ? alpha : alpha[j]!) - fc[c * f + j]!;
    const sums = rowSums(comp, k, f);
    const logged = new Float64Array(k * f);
    for (let c = 0; c < k; c++) for (let j = 0; j < f; j++) logged[c * f + j] = Math.log(comp[c * f + j]! / sums[c]!);
    if (this.norm) {
      const summed = rowSums(logged, k, f);
      for (let c = 0; c < k; c++) for (let j = 0; j < f; j++) logged[c * f + j] = logged[c * f + j]! / summed[c]!;
    } else for (let t = 0; t < logged.length; t++) logged[t] = -logged[t]!;
    this.feature_log_prob_ = new NDArray(logged, [k, f]);
  }
  protected jointLogLikelihood(X: Mat): Float64Array {
    const k = this.classes_!.length;
    const jll = dotT(X, this.feature_log_prob_!.data, k);
    // The prior only matters (and is only added) when there is a single class.
    if (k === 1) for (let t = 0; t < jll.length; t++) jll[t] = jll[t]! + this.class_log_prior_![0]!;
    return jll;
  }
}

/** Bernoulli naive Bayes: binary occurrence features; absent features count against a class. */
export class BernoulliNB extends _BaseDiscreteNB {
  static override _parameter_names = ["alpha", "force_alpha", "binarize", "fit_prior", "class_prior"] as const;
  binarize: number | null = 0.0;
  constructor(options: BernoulliNBOptions = {}) {
    super();
    this.initParams(options as Params);
  }
  protected override prepareX(X: Mat): Mat {
    if (this.binarize === null || this.binarize === undefined) return X;
    const thr = this.binarize;
    if ("sparse" in X) {
      if (thr < 0) throw new ValueError("Cannot binarize a sparse matrix with threshold < 0");
      // sklearn zeroes then eliminate_zeros(); dropping the entries gives the same matrix.
      const s = X.sparse;
      const keep: number[] = [];
      const indptr = new Int32Array(s.shape[0] + 1);
      for (let i = 0; i < s.shape[0]; i++) {
        for (let p = s.indptr[i]!; p < s.indptr[i + 1]!; p++) if (s.data[p]! > thr) keep.push(p);
        indptr[i + 1] = keep.length;
      }
      const data = new Float64Array(keep.length).fill(1);
      const indices = Int32Array.from(keep, (p) => s.indices[p]!);
      return { sparse: new csr_matrix({ data, indices, indptr }, s.shape) };
    }
    return { dense: X.dense.map((v) => (v > thr ? 1 : 0)), rows: X.rows, cols: X.cols };
  }
  protected count(X: Mat, Y: Float64Array, k: number): void {
    this.accumulate(X, Y, k);
  }
  protected updateFeatureLogProb(alpha: number | Float64Array): void {
    const [k, f] = this.feature_count_!.shape as [number, number];
    if (typeof alpha !== "number" && alpha.length !== k) {
      // smoothed_cc = class_count_ + alpha * 2 broadcasts (n_classes,) against (n_features,)
      throw new ValueError(`operands could not be broadcast together with shapes (${k},) (${alpha.length},) `);
    }
    const smoothed = addAlpha(this.feature_count_!.data, alpha, k, f);
    const out = new Float64Array(k * f);
    for (let c = 0; c < k; c++) {
      const lc = Math.log(this.class_count_![c]! + (typeof alpha === "number" ? alpha : alpha[c]!) * 2);
      for (let j = 0; j < f; j++) out[c * f + j] = Math.log(smoothed[c * f + j]!) - lc;
    }
    this.feature_log_prob_ = new NDArray(out, [k, f]);
  }
  protected jointLogLikelihood(X: Mat): Float64Array {
    const k = this.classes_!.length;
    const flp = this.feature_log_prob_!.data;
    const f = flp.length / k;
    const neg = flp.map((v) => Math.log(1 - Math.exp(v)));
    const w = flp.map((v, t) => v - neg[t]!);
    const jll = dotT(X, w, k);
    const negSum = rowSums(neg, k, f);
    for (let t = 0; t < jll.length; t++) jll[t] = jll[t]! + (this.class_log_prior_![t % k]! + negSum[t % k]!);
    return jll;
  }
}

/** feature_count_ + alpha, alpha broadcast along features. */
function addAlpha(fc: Float64Array, alpha: number | Float64Array, k: number, f: number): Float64Array {
  const out = new Float64Array(k * f);
  for (let c = 0; c < k; c++) for (let j = 0; j < f; j++) out[c * f + j] = fc[c * f + j]! + (typeof alpha === "number" ? alpha : alpha[j]!);
  return out;
}

/** NumPy's repr of a short 1-D label array, as sklearn's "%r" prints classes_ (no line wrapping). */
function ndarrayRepr(classes: readonly Label[]): string {
  if (classes.every((c) => typeof c === "number")) return `array([${classes.join(", ")}])`;
  const width = Math.max(...classes.map((c) => [...String(c)].length));
  return `array([${classes.map((c) => pyRepr(c)).join(", ")}], dtype='<U${width}')`;
}
