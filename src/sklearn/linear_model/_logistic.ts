// sklearn.linear_model.LogisticRegression (solver="lbfgs"), ported from scikit-learn 1.9.1's
// _logistic.py / _linear_loss.py / _loss (HalfBinomialLoss, HalfMultinomialLoss).
//  - 2 classes: one coef row, y in {0, 1} (1 = classes_[1]), the half binomial loss.
//    >= 3 classes: the multinomial (softmax) loss over all classes, coef_ is (n_classes, n_features).
//  - The objective sklearn minimises (LinearModelLoss.loss_gradient):
//        sum_i sw_i * loss_i / sum(sw)  +  ||W||^2 / (2 * C * sum(sw))
//    where sw = sample_weight * class_weight[y] (ones by default) and the intercept is not penalised.
//  - It is minimised by our port of scipy's L-BFGS-B (./_lbfgs.ts) with sklearn's options:
//    maxiter=max_iter, maxls=50, gtol=tol, ftol=64*eps, maxcor=10.
//  - Parameters are laid out like sklearn's ravel(order="F") of the (n_classes, n_features + 1)
//    matrix: the n_classes values of one feature are contiguous (index j*K + k), the intercepts
//    last. For a CSR row that makes each non-zero touch one contiguous block of K weights.
// X may be a csr_matrix (looping over non-zeros only), an NDArray or nested number rows.
import { ValueError, NotImplementedError } from "../../utils/errors.js";
import { NDArray } from "../../utils/ndarray.js";
import { ClassifierMixin, NotFittedError, type Params } from "../base.js";
import { csr_matrix } from "../_sparse.js";
import { toNumberVector, toTarget, typeOfTarget, uniqueSorted, type Label } from "../_array.js";
import { minimizeLbfgs } from "./_lbfgs.js";
import { shapeOf, toMat, type Mat } from "../utils/validation.js";

/** Feature matrix input: sparse, dense NDArray, or nested rows (arrays or Float64Array rows). */
export type LinearInput = csr_matrix | NDArray | ArrayLike<ArrayLike<number>>;

export interface LogisticRegressionOptions {
  /** Deprecated in sklearn 1.8 ("deprecated" = derive it from l1_ratio and C). "l2" or null (no penalty). */
  penalty?: "deprecated" | "l2" | "l1" | "elasticnet" | null;
  /** Inverse regularisation strength (> 0); Infinity means no penalty. */
  C?: number;
  /** Elastic-net mixing; only 0 (pure L2) works with lbfgs. */
  l1_ratio?: number | null;
  /** Dual formulation (liblinear only); must be false. */
  dual?: boolean;
  /** Stop when max|gradient| <= tol. */
  tol?: number;
  fit_intercept?: boolean;
  /** Used by liblinear only; accepted and ignored, as sklearn does for lbfgs. */
  intercept_scaling?: number;
  /** null, "balanced" or {label: weight} (labels as object keys). */
  class_weight?: null | "balanced" | Record<string, number> | Map<Label, number>;
  /** Used by sag/saga/liblinear only; ignored by lbfgs. */
  random_state?: number | null;
  solver?: "lbfgs" | "liblinear" | "newton-cg" | "newton-cholesky" | "sag" | "saga";
  max_iter?: number;
  verbose?: number;
  /** Start from the previous fit's coef_ / intercept_. */
  warm_start?: boolean;
  /** Deprecated in sklearn 1.8, no effect. */
  n_jobs?: number | null;
}

const SOLVERS = ["lbfgs", "liblinear", "newton-cg", "newton-cholesky", "sag", "saga"];
const CONVERGENCE_HELP =
  "\nYou might also want to scale the data as shown in:\n    https://scikit-learn.org/stable/modules/preprocessing.html" +
  "\nPlease also refer to the documentation for alternative solver options:\n    https://scikit-learn.org/stable/modules/linear_model.html#logistic-regression";



function checkFinite(m: Mat): void {
  const vals = "sparse" in m ? m.sparse.data : m.dense;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i]!;
    if (!Number.isFinite(v)) throw new ValueError(Number.isNaN(v) ? "Input X contains NaN." : "Input X contains infinity or a value too large for dtype('float64').");
  }
}

/** CSR -> CSC by a stable counting sort on the column index (rows stay ascending per column). */
function toCsc(X: csr_matrix): { colptr: Int32Array; rows: Int32Array; vals: Float64Array } {
  const [n, f] = X.shape;
  const { data, indices, indptr } = X;
  const nnz = indptr[n]!;
  const colptr = new Int32Array(f + 1);
  for (let q = 0; q < nnz; q++) colptr[indices[q]! + 1]++;
  for (let j = 0; j < f; j++) colptr[j + 1] += colptr[j]!;
  const next = colptr.slice(0, f);
  const rows = new Int32Array(nnz);
  const vals = new Float64Array(nnz);
  for (let i = 0; i < n; i++) {
    for (let q = indptr[i]!; q < indptr[i + 1]!; q++) {
      const dst = next[indices[q]!]++;
      rows[dst] = i;
      vals[dst] = data[q]!;
    }
  }
  return { colptr, rows, vals };
}

/** NumPy's repr of a numpy scalar label, as sklearn's `%r` of `classes_[0]` prints it. */
function npScalarRepr(v: Label, kind: string): string {
  if (typeof v === "string") return `np.str_('${v}')`;
  if (kind === "float") return `np.float64(${Number.isInteger(v) ? `${v}.0` : String(v)})`;
  if (kind === "bool") return `np.True_`.replace("True", v ? "True" : "False");
  return `np.int64(${v})`;
}

/**
 * The penalised logistic loss and its gradient at w (sklearn's LinearModelLoss.loss_gradient),
 * with all buffers allocated once so the L-BFGS loop does not allocate.
 */
export class LogisticLoss {
  readonly nParams: number;
  private readonly raw: Float64Array; // one row of raw predictions (K)
  private readonly p: Float64Array; // one row of exp(raw - max) / pointwise gradient (K)
  // Column-major copy of a sparse X (see passCsc), or null when rows are walked directly.
  private readonly csc: { colptr: Int32Array; rows: Int32Array; vals: Float64Array } | null = null;
  private readonly rawAll: Float64Array | null = null; // (n, K) raw predictions / pointwise gradients

  /**
   * @param X training data
   * @param y class index per sample (0..K-1; for the binary loss 0/1 meaning classes_[0]/[1])
   * @param sw sample weights (null = ones)
   * @param K number of weight rows: n_classes for the multinomial loss, 1 for the binary loss
   * @param multinomial softmax loss (true) or half binomial loss (false, K must be 1)
   */
  constructor(
    private readonly X: Mat,
    private readonly y: Int32Array,
    private readonly sw: Float64Array | null,
    readonly K: number,
    readonly multinomial: boolean,
    readonly fitIntercept: boolean,
    readonly l2: number,
  ) {
    const f = shapeOf(X)[1];
    this.nParams = (f + (fitIntercept ? 1 : 0)) * K;
    this.raw = new Float64Array(K);
    this.p = new Float64Array(K);
    const n = y.length;
    if ("sparse" in X && n <= f) {
      // Wide sparse data (text: more features than samples): walk X by COLUMN. Then the big
      // (n_features, K) weight and gradient blocks are read and written sequentially, and the
      // scattered accesses go to the smaller (n_samples, K) buffer, which stays in cache. Rows
      // within a column are ascending, so every sum is taken in the same order as a row walk.
      this.csc = toCsc(X.sparse);
      this.rawAll = new Float64Array(n * K);
    }
  }

  /** Sum of sample weights (n_samples without weights), the normaliser of the loss. */
  get swSum(): number {
    if (this._swSum === undefined) {
      let s = this.y.length;
      if (this.sw !== null) {
        s = 0;
        for (let i = 0; i < this.sw.length; i++) s += this.sw[i]!;
      }
      this._swSum = s;
    }
    return this._swSum;
  }
  private _swSum: number | undefined;

  /** Loss at w; the gradient is written into grad. */
  lossGradient(w: Float64Array, grad: Float64Array): number {
    const f = shapeOf(this.X)[1];
    const swSum = this.swSum;
    grad.fill(0);
    const lossSum = this.csc !== null ? this.passCsc(this.csc, f, w, grad, swSum) : "sparse" in this.X ? this.passSparse(this.X.sparse, w, grad, swSum) : this.passDense(this.X.dense, f, w, grad, swSum);
    // L2 penalty on the weights only (not the intercepts): l2/2 * ||W||^2.
    let norm2 = 0;
    const l2 = this.l2;
    const nW = f * this.K;
    for (let t = 0; t < nW; t++) {
      const v = w[t]!;
      norm2 += v * v;
      grad[t] = grad[t]! + l2 * v;
    }
    return lossSum / swSum + 0.5 * l2 * norm2;
  }

  // The two passes below differ only in how a row is read; each is a separate small function so
  // V8 optimises it quickly and the inner loops stay monomorphic.

  private passSparse(X: csr_matrix, w: Float64Array, grad: Float64Array, swSum: number): number {
    const { data, indices, indptr } = X;
    const n = X.shape[0];
    const K = this.K;
    const raw = this.raw;
    const p = this.p;
    let lossSum = 0;
    for (let i = 0; i < n; i++) {
      const a = indptr[i]!;
      const b = indptr[i + 1]!;
      // raw = x_i @ W.T, 4 classes at a time in locals (V8 does not unroll a loop over a runtime K)
      let k = 0;
      for (; k + 3 < K; k += 4) {
        let r0 = 0;
        let r1 = 0;
        let r2 = 0;
        let r3 = 0;
        for (let q = a; q < b; q++) {
          const xv = data[q]!;
          const off = indices[q]! * K + k;
          r0 += xv * w[off]!;
          r1 += xv * w[off + 1]!;
          r2 += xv * w[off + 2]!;
          r3 += xv * w[off + 3]!;
        }
        raw[k] = r0;
        raw[k + 1] = r1;
        raw[k + 2] = r2;
        raw[k + 3] = r3;
      }
      for (; k < K; k++) {
        let rk = 0;
        for (let q = a; q < b; q++) rk += data[q]! * w[indices[q]! * K + k]!;
        raw[k] = rk;
      }
      lossSum += this.pointwise(i, raw, 0, p, 0, w, grad, swSum);
      // grad[W] += outer(x_i, g_i)
      for (let q = a; q < b; q++) {
        const xv = data[q]!;
        const off = indices[q]! * K;
        for (let kk = 0; kk < K; kk++) grad[off + kk] = grad[off + kk]! + xv * p[kk]!;
      }
    }
    return lossSum;
  }

  private passCsc(X: { colptr: Int32Array; rows: Int32Array; vals: Float64Array }, f: number, w: Float64Array, grad: Float64Array, swSum: number): number {
    const { colptr, rows, vals } = X;
    const K = this.K;
    const R = this.rawAll!;
    const n = this.y.length;
    R.fill(0);
    // R = X @ W.T, column by column. The classes go in blocks of 4 held in locals (V8 does not
    // unroll a loop over a runtime K); every R[i, k] still receives its terms in column order.
    for (let j = 0; j < f; j++) {
      const a = colptr[j]!;
      const b = colptr[j + 1]!;
      if (a === b) continue;
      const off = j * K;
      let k = 0;
      for (; k + 3 < K; k += 4) {
        const w0 = w[off + k]!;
        const w1 = w[off + k + 1]!;
        const w2 = w[off + k + 2]!;
        const w3 = w[off + k + 3]!;
        for (let q = a; q < b; q++) {
          const xv = vals[q]!;
          const ro = rows[q]! * K + k;
          R[ro] = R[ro]! + xv * w0;
          R[ro + 1] = R[ro + 1]! + xv * w1;
          R[ro + 2] = R[ro + 2]! + xv * w2;
          R[ro + 3] = R[ro + 3]! + xv * w3;
        }
      }
      // the last 1-3 classes in one more pass
      const rem = K - k;
      if (rem === 3) {
        const w0 = w[off + k]!;
        const w1 = w[off + k + 1]!;
        const w2 = w[off + k + 2]!;
        for (let q = a; q < b; q++) {
          const xv = vals[q]!;
          const ro = rows[q]! * K + k;
          R[ro] = R[ro]! + xv * w0;
          R[ro + 1] = R[ro + 1]! + xv * w1;
          R[ro + 2] = R[ro + 2]! + xv * w2;
        }
      } else if (rem === 2) {
        const w0 = w[off + k]!;
        const w1 = w[off + k + 1]!;
        for (let q = a; q < b; q++) {
          const xv = vals[q]!;
          const ro = rows[q]! * K + k;
          R[ro] = R[ro]! + xv * w0;
          R[ro + 1] = R[ro + 1]! + xv * w1;
        }
      } else if (rem === 1) {
        const w0 = w[off + k]!;
        for (let q = a; q < b; q++) {
          const ro = rows[q]! * K + k;
          R[ro] = R[ro]! + vals[q]! * w0;
        }
      }
    }
    // pointwise loss; R is overwritten in place with the scaled pointwise gradient
    let lossSum = 0;
    for (let i = 0; i < n; i++) lossSum += this.pointwise(i, R, i * K, R, i * K, w, grad, swSum);
    // grad[W] = G.T @ X, column by column, accumulating each block of 4 classes in locals
    // (grad is zero here, so starting from 0 gives the same sums as adding into grad).
    for (let j = 0; j < f; j++) {
      const a = colptr[j]!;
      const b = colptr[j + 1]!;
      if (a === b) continue;
      const off = j * K;
      let k = 0;
      for (; k + 3 < K; k += 4) {
        let g0 = 0;
        let g1 = 0;
        let g2 = 0;
        let g3 = 0;
        for (let q = a; q < b; q++) {
          const xv = vals[q]!;
          const ro = rows[q]! * K + k;
          g0 += xv * R[ro]!;
          g1 += xv * R[ro + 1]!;
          g2 += xv * R[ro + 2]!;
          g3 += xv * R[ro + 3]!;
        }
        grad[off + k] = g0;
        grad[off + k + 1] = g1;
        grad[off + k + 2] = g2;
        grad[off + k + 3] = g3;
      }
      const rem = K - k;
      if (rem === 3) {
        let g0 = 0;
        let g1 = 0;
        let g2 = 0;
        for (let q = a; q < b; q++) {
          const xv = vals[q]!;
          const ro = rows[q]! * K + k;
          g0 += xv * R[ro]!;
          g1 += xv * R[ro + 1]!;
          g2 += xv * R[ro + 2]!;
        }
        grad[off + k] = g0;
        grad[off + k + 1] = g1;
        grad[off + k + 2] = g2;
      } else if (rem === 2) {
        let g0 = 0;
        let g1 = 0;
        for (let q = a; q < b; q++) {
          const xv = vals[q]!;
          const ro = rows[q]! * K + k;
          g0 += xv * R[ro]!;
          g1 += xv * R[ro + 1]!;
        }
        grad[off + k] = g0;
        grad[off + k + 1] = g1;
      } else if (rem === 1) {
        let g0 = 0;
        for (let q = a; q < b; q++) g0 += vals[q]! * R[rows[q]! * K + k]!;
        grad[off + k] = g0;
      }
    }
    return lossSum;
  }

  private passDense(X: Float64Array, f: number, w: Float64Array, grad: Float64Array, swSum: number): number {
    const n = this.y.length;
    const K = this.K;
    const raw = this.raw;
    const p = this.p;
    let lossSum = 0;
    for (let i = 0; i < n; i++) {
      const base = i * f;
      raw.fill(0);
      for (let j = 0; j < f; j++) {
        const xv = X[base + j]!;
        if (xv === 0) continue;
        const off = j * K;
        for (let k = 0; k < K; k++) raw[k] = raw[k]! + xv * w[off + k]!;
      }
      lossSum += this.pointwise(i, raw, 0, p, 0, w, grad, swSum);
      for (let j = 0; j < f; j++) {
        const xv = X[base + j]!;
        if (xv === 0) continue;
        const off = j * K;
        for (let k = 0; k < K; k++) grad[off + k] = grad[off + k]! + xv * p[k]!;
      }
    }
    return lossSum;
  }

  /**
   * Sample i, with raw = x_i @ W.T already in this.raw: adds the intercept, returns sw_i * loss_i,
   * leaves the scaled pointwise gradient sw_i * dloss/draw / sum(sw) in this.p and adds it to the
   * intercept gradient.
   */
  private pointwise(i: number, raw: Float64Array, ro: number, p: Float64Array, po: number, w: Float64Array, grad: Float64Array, swSum: number): number {
    const K = this.K;
    const interceptOff = grad.length - (this.fitIntercept ? K : 0);
    if (this.fitIntercept) for (let k = 0; k < K; k++) raw[ro + k] = raw[ro + k]! + w[interceptOff + k]!;
    const wi = this.sw === null ? 1.0 : this.sw[i]!;
    const yi = this.y[i]!;
    let li: number;
    if (this.multinomial) {
      // HalfMultinomialLoss: log(sum exp(raw)) - raw[y]; gradient softmax(raw) - onehot(y).
      // (raw and p may be the same buffer: read raw[y] before p overwrites it)
      const ry = raw[ro + yi]!;
      let mx = raw[ro]!;
      for (let k = 1; k < K; k++) if (raw[ro + k]! > mx) mx = raw[ro + k]!;
      let sumExp = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp(raw[ro + k]! - mx);
        p[po + k] = e;
        sumExp += e;
      }
      li = (Math.log(sumExp) + mx - ry) * wi;
      for (let k = 0; k < K; k++) p[po + k] = ((p[po + k]! / sumExp - (yi === k ? 1 : 0)) * wi) / swSum;
    } else {
      // HalfBinomialLoss: log(1 + exp(raw)) - y*raw, in sklearn's four numerically safe ranges.
      const rp = raw[ro]!;
      let gp: number;
      if (rp <= -37) {
        const e = Math.exp(rp);
        li = e - yi * rp;
        gp = e - yi;
      } else if (rp <= -2) {
        const e = Math.exp(rp);
        li = Math.log1p(e) - yi * rp;
        gp = ((1 - yi) * e - yi) / (1 + e);
      } else if (rp <= 18) {
        const e = Math.exp(-rp);
        li = Math.log1p(e) + (1 - yi) * rp;
        gp = (1 - yi - yi * e) / (1 + e);
      } else {
        const e = Math.exp(-rp);
        li = e + (1 - yi) * rp;
        gp = (1 - yi - yi * e) / (1 + e);
      }
      li *= wi;
      p[po] = (wi * gp) / swSum;
    }
    if (this.fitIntercept) for (let k = 0; k < K; k++) grad[interceptOff + k] = grad[interceptOff + k]! + p[po + k]!;
    return li;
  }
}

export class LogisticRegression extends ClassifierMixin {
  static override _parameter_names = [
    "penalty",
    "C",
    "l1_ratio",
    "dual",
    "tol",
    "fit_intercept",
    "intercept_scaling",
    "class_weight",
    "random_state",
    "solver",
    "max_iter",
    "verbose",
    "warm_start",
    "n_jobs",
  ] as const;

  penalty: LogisticRegressionOptions["penalty"] = "deprecated";
  C = 1.0;
  l1_ratio: number | null = 0.0;
  dual = false;
  tol = 1e-4;
  fit_intercept = true;
  intercept_scaling = 1;
  class_weight: LogisticRegressionOptions["class_weight"] = null;
  random_state: number | null = null;
  solver: string = "lbfgs";
  max_iter = 100;
  verbose = 0;
  warm_start = false;
  n_jobs: number | null = null;

  classes_?: Label[];
  /** (n_classes, n_features), or (1, n_features) for two classes. */
  coef_?: NDArray;
  /** (n_classes,), or (1,) for two classes. */
  intercept_?: Float64Array;
  /** Iterations L-BFGS ran, shape (1,) as sklearn. */
  n_iter_?: Int32Array;
  n_features_in_?: number;

  constructor(options: LogisticRegressionOptions = {}) {
    super();
    this.initParams(options as Params);
  }

  /** sklearn's parameter constraints and the penalty resolution at the top of fit. Returns C_. */
  private resolvePenalty(): number {
    const name = this.constructor.name;
    if (!SOLVERS.includes(this.solver)) {
      throw new ValueError(`The 'solver' parameter of ${name} must be a str among {${SOLVERS.map((s) => `'${s}'`).join(", ")}}. Got '${String(this.solver)}' instead.`);
    }
    if (!(typeof this.C === "number" && this.C > 0)) throw new ValueError(`The 'C' parameter of ${name} must be a float in the range (0.0, inf]. Got ${String(this.C)} instead.`);
    if (!(typeof this.tol === "number" && this.tol >= 0)) throw new ValueError(`The 'tol' parameter of ${name} must be a float in the range [0.0, inf). Got ${String(this.tol)} instead.`);
    if (!(Number.isInteger(this.max_iter) && this.max_iter >= 0)) throw new ValueError(`The 'max_iter' parameter of ${name} must be an int in the range [0, inf). Got ${String(this.max_iter)} instead.`);
    if (this.l1_ratio !== null && !(this.l1_ratio >= 0 && this.l1_ratio <= 1)) throw new ValueError(`The 'l1_ratio' parameter of ${name} must be a float in the range [0.0, 1.0] or None. Got ${String(this.l1_ratio)} instead.`);
    const cw = this.class_weight;
    if (!(cw === null || cw === undefined || cw === "balanced" || typeof cw === "object")) {
      throw new ValueError(`The 'class_weight' parameter of ${name} must be an instance of 'dict', a str among {'balanced'} or None. Got ${JSON.stringify(cw)} instead.`);
    }

    let penalty: string | null;
    if (this.penalty === "deprecated") {
      if (this.l1_ratio === 0 || this.l1_ratio === null) {
        penalty = "l2";
        if (this.l1_ratio === null) process.emitWarning("'l1_ratio=None' was deprecated in version 1.8 and will trigger an error in 1.10. Use 0<=l1_ratio<=1 instead.", "FutureWarning");
      } else if (this.l1_ratio === 1) penalty = "l1";
      else penalty = "elasticnet";
      if (this.C === Infinity) penalty = null;
    } else {
      if (!(this.penalty === null || this.penalty === "l2" || this.penalty === "l1" || this.penalty === "elasticnet")) {
        throw new ValueError(`The 'penalty' parameter of ${name} must be a str among {'l1', 'l2', 'elasticnet'} or None. Got ${JSON.stringify(this.penalty)} instead.`);
      }
      penalty = this.penalty;
      process.emitWarning(
        "'penalty' was deprecated in version 1.8 and will be removed in 1.10. To avoid this warning, leave 'penalty' set to its default value and use 'l1_ratio' or 'C' instead. Use l1_ratio=0 instead of penalty='l2', l1_ratio=1 instead of penalty='l1', l1_ratio set to a float between 0 and 1 instead of penalty='elasticnet', and C=np.inf instead of penalty=None.",
        "FutureWarning",
      );
    }
    // _check_solver
    if (!["liblinear", "saga"].includes(this.solver) && penalty !== "l2" && penalty !== null) {
      throw new ValueError(`Solver ${this.solver} supports only 'l2' or None penalties, got ${penalty} penalty.`);
    }
    if (this.solver !== "liblinear" && this.dual) throw new ValueError(`Solver ${this.solver} supports only dual=False, got dual=True`);
    if (penalty === "elasticnet" && this.solver !== "saga") throw new ValueError(`Only 'saga' solver supports elasticnet penalty, got solver=${this.solver}.`);
    if (this.solver !== "lbfgs") {
      throw new NotImplementedError(`LogisticRegression(solver='${this.solver}') is not implemented in finetune-ts; only solver='lbfgs' is available.`);
    }
    if (this.n_jobs !== null && this.n_jobs !== undefined) {
      process.emitWarning(`'n_jobs' has no effect since 1.8 and will be removed in 1.10. You provided 'n_jobs=${this.n_jobs}', please leave it unspecified.`, "FutureWarning");
    }
    if (this.penalty === null) {
      if (this.C !== 1.0) process.emitWarning("Setting penalty=None will ignore the C and l1_ratio parameters", "UserWarning");
      return Infinity;
    }
    return this.C;
  }

  /** Per-class weights (compute_class_weight), in classes_ order. */
  private classWeights(classes: Label[], yIdx: Int32Array, sw: Float64Array | null): Float64Array {
    const K = classes.length;
    const cw = this.class_weight;
    const out = new Float64Array(K).fill(1);
    if (cw === "balanced") {
      const counts = new Float64Array(K);
      for (let i = 0; i < yIdx.length; i++) counts[yIdx[i]!] += sw === null ? 1 : sw[i]!;
      let total = 0;
      for (let c = 0; c < K; c++) total += counts[c]!;
      for (let c = 0; c < K; c++) out[c] = total / (K * counts[c]!);
    } else if (cw !== null && cw !== undefined) {
      const entries: Array<[string, number]> = cw instanceof Map ? [...cw.entries()].map(([k, v]) => [String(k), v]) : Object.entries(cw);
      const lookup = new Map(entries);
      const unweighted: Label[] = [];
      classes.forEach((c, i) => {
        const w = lookup.get(String(c));
        if (w !== undefined) out[i] = w;
        else unweighted.push(c);
      });
      if (unweighted.length > 0 && K - unweighted.length !== lookup.size) {
        throw new ValueError(`The classes, [${unweighted.map((c) => (typeof c === "string" ? `'${c}'` : String(c))).join(", ")}], are not in class_weight`);
      }
    }
    return out;
  }

  fit(X: LinearInput, y: ArrayLike<Label> | unknown, sample_weight?: ArrayLike<number> | null | { sample_weight?: ArrayLike<number> | null }): this {
    // Accept both fit(X, y, sw) (sklearn's positional form) and fit(X, y, {sample_weight}).
    let swIn: ArrayLike<number> | null | undefined;
    if (sample_weight !== null && sample_weight !== undefined && !ArrayBuffer.isView(sample_weight) && !Array.isArray(sample_weight) && "sample_weight" in (sample_weight as object)) {
      swIn = (sample_weight as { sample_weight?: ArrayLike<number> | null }).sample_weight;
    } else swIn = sample_weight as ArrayLike<number> | null | undefined;

    const C_ = this.resolvePenalty();
    const m = toMat(X, "X");
    const [n, f] = shapeOf(m);
    const t = toTarget(y, "y");
    if (t.ndim !== 1) throw new ValueError(`y should be a 1d array, got an array of shape (${t.rows.length}, ${t.ncols}) instead.`);
    if (t.values.length !== n) throw new ValueError(`Found input variables with inconsistent numbers of samples: [${n}, ${t.values.length}]`);
    if (n === 0) throw new ValueError(`Found array with 0 sample(s) (shape=(0, ${f})) while a minimum of 1 is required by LogisticRegression.`);
    if (f === 0) throw new ValueError(`Found array with 0 feature(s) (shape=(${n}, 0)) while a minimum of 1 is required by LogisticRegression.`);
    checkFinite(m);
    const tt = typeOfTarget(t, "y");
    if (!["binary", "multiclass"].includes(tt)) {
      throw new ValueError(`Unknown label type: ${tt}. Maybe you are trying to fit a classifier, which expects discrete classes on a regression target with ${tt} values.`);
    }
    const classes = uniqueSorted(t.values);
    if (classes.length < 2) {
      throw new ValueError(`This solver needs samples of at least 2 classes in the data, but the data contains only one class: ${npScalarRepr(classes[0]!, t.kind)}`);
    }
    const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
    const yIdx = new Int32Array(n);
    for (let i = 0; i < n; i++) yIdx[i] = index.get(t.values[i]!)!;

    let sw: Float64Array | null = null;
    if (swIn !== null && swIn !== undefined) {
      const v = toNumberVector(swIn, "sample_weight");
      if (v.length !== n) throw new ValueError(`sample_weight.shape == (${v.length},), expected (${n},)!`);
      sw = Float64Array.from(v);
    }
    if (this.class_weight !== null && this.class_weight !== undefined) {
      const cw = this.classWeights(classes, yIdx, sw);
      if (sw === null) sw = new Float64Array(n).fill(1);
      for (let i = 0; i < n; i++) sw[i] = sw[i]! * cw[yIdx[i]!]!;
    }

    const binary = classes.length === 2;
    const K = binary ? 1 : classes.length;
    let swSum = n;
    if (sw !== null) {
      swSum = 0;
      for (let i = 0; i < n; i++) swSum += sw[i]!;
    }
    const l2 = 1.0 / (C_ * swSum);
    const loss = new LogisticLoss(m, yIdx, sw, K, !binary, this.fit_intercept, l2);

    // Starting point: zeros, or the previous fit (warm_start) when its shape fits.
    const w0 = new Float64Array(loss.nParams);
    if (this.warm_start && this.coef_ !== undefined && this.intercept_ !== undefined) {
      const [kr, fc] = this.coef_.shape as [number, number];
      if (kr !== K || fc !== f) {
        throw new ValueError(`Initialization coef is of shape (${kr}, ${fc + (this.fit_intercept ? 1 : 0)}), expected shape (${K}, ${f + (this.fit_intercept ? 1 : 0)})`);
      }
      for (let k = 0; k < K; k++) {
        for (let j = 0; j < f; j++) w0[j * K + k] = this.coef_.data[k * f + j]!;
        if (this.fit_intercept) w0[f * K + k] = this.intercept_[k]!;
      }
    }

    const res = minimizeLbfgs((w, g) => loss.lossGradient(w, g), w0, {
      maxiter: this.max_iter,
      maxls: 50,
      gtol: this.tol,
      ftol: 64 * 2.220446049250313e-16,
      maxcor: 10,
    });
    const nIter = Math.min(res.nit, this.max_iter);
    if (res.status !== 0) {
      let msg = `lbfgs failed to converge after ${nIter} iteration(s) (status=${res.status}):\n${res.message}\n`;
      if (nIter === this.max_iter) msg += `\nIncrease the number of iterations to improve the convergence (max_iter=${this.max_iter}).`;
      process.emitWarning(msg + CONVERGENCE_HELP, "ConvergenceWarning");
    }

    const coef = new Float64Array(K * f);
    const intercept = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < f; j++) coef[k * f + j] = res.x[j * K + k]!;
      if (this.fit_intercept) intercept[k] = res.x[f * K + k]!;
    }
    this.classes_ = classes;
    this.coef_ = new NDArray(coef, [K, f]);
    this.intercept_ = intercept;
    this.n_iter_ = Int32Array.of(nIter);
    this.n_features_in_ = f;
    return this;
  }

  private checkX(X: unknown): Mat {
    if (this.coef_ === undefined || this.classes_ === undefined) throw new NotFittedError(this);
    const m = toMat(X, "X");
    const f = shapeOf(m)[1];
    if (f !== this.n_features_in_) throw new ValueError(`X has ${f} features, but ${this.constructor.name} is expecting ${this.n_features_in_} features as input.`);
    checkFinite(m);
    return m;
  }

  /** X @ coef_.T + intercept_ as a flat (n, K) buffer. */
  private scores(m: Mat): { s: Float64Array; n: number; K: number } {
    const [n, f] = shapeOf(m);
    const K = this.coef_!.shape[0]!;
    const W = this.coef_!.data;
    const b = this.intercept_!;
    const s = new Float64Array(n * K);
    if ("sparse" in m && K > 1 && m.sparse.nnz >= f) {
      // Many non-zeros: transpose coef_ once to (n_features, K) so each non-zero reads one
      // contiguous block of K weights instead of K scattered ones.
      const { data, indices, indptr } = m.sparse;
      const Wt = new Float64Array(f * K);
      for (let k = 0; k < K; k++) for (let j = 0; j < f; j++) Wt[j * K + k] = W[k * f + j]!;
      for (let i = 0; i < n; i++) {
        const o = i * K;
        for (let q = indptr[i]!; q < indptr[i + 1]!; q++) {
          const xv = data[q]!;
          const off = indices[q]! * K;
          for (let k = 0; k < K; k++) s[o + k] = s[o + k]! + xv * Wt[off + k]!;
        }
        for (let k = 0; k < K; k++) s[o + k] = s[o + k]! + b[k]!;
      }
    } else if ("sparse" in m) {
      const { data, indices, indptr } = m.sparse;
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < K; k++) {
          let acc = 0;
          const off = k * f;
          for (let q = indptr[i]!; q < indptr[i + 1]!; q++) acc += data[q]! * W[off + indices[q]!]!;
          s[i * K + k] = acc + b[k]!;
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < K; k++) {
          let acc = 0;
          const off = k * f;
          const base = i * f;
          for (let j = 0; j < f; j++) acc += m.dense[base + j]! * W[off + j]!;
          s[i * K + k] = acc + b[k]!;
        }
      }
    }
    return { s, n, K };
  }

  /** Confidence scores: (n,) for two classes (score of classes_[1]), else (n, n_classes). */
  decision_function(X: LinearInput): NDArray {
    const { s, n, K } = this.scores(this.checkX(X));
    return K === 1 ? new NDArray(s, [n]) : new NDArray(s, [n, K]);
  }

  predict(X: LinearInput): Label[] {
    const { s, n, K } = this.scores(this.checkX(X));
    const classes = this.classes_!;
    const out: Label[] = new Array(n);
    if (K === 1) {
      for (let i = 0; i < n; i++) out[i] = classes[s[i]! > 0 ? 1 : 0]!;
    } else {
      for (let i = 0; i < n; i++) {
        let best = 0; // first maximum, as np.argmax
        for (let k = 1; k < K; k++) if (s[i * K + k]! > s[i * K + best]!) best = k;
        out[i] = classes[best]!;
      }
    }
    return out;
  }

  /** Class probabilities in classes_ order: softmax of the scores, or [1 - expit, expit] for two classes. */
  predict_proba(X: LinearInput): NDArray {
    const { s, n, K } = this.scores(this.checkX(X));
    if (K === 1) {
      const out = new Float64Array(n * 2);
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-s[i]!));
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      }
      return new NDArray(out, [n, 2]);
    }
    for (let i = 0; i < n; i++) {
      const o = i * K;
      let mx = s[o]!;
      for (let k = 1; k < K; k++) if (s[o + k]! > mx) mx = s[o + k]!;
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp(s[o + k]! - mx);
        s[o + k] = e;
        sum += e;
      }
      for (let k = 0; k < K; k++) s[o + k] = s[o + k]! / sum;
    }
    return new NDArray(s, [n, K]);
  }

  predict_log_proba(X: LinearInput): NDArray {
    const p = this.predict_proba(X);
    return new NDArray(p.data.map((v) => Math.log(v)), p.shape);
  }
}
