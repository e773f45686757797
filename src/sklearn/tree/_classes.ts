// sklearn.tree.DecisionTreeClassifier (scikit-learn 1.9.1, tree/_classes.py): parameter
// validation, label encoding, class_weight / sample_weight handling and the max_features /
// min_samples_* arithmetic of BaseDecisionTree._fit, on top of the ported Cython core
// (_builder.ts grows the tree, _tree.ts holds it and prunes it for ccp_alpha > 0).
// X may be nested number rows, an NDArray or a csr_matrix; it is converted to float32 as sklearn
// does (so thresholds and predictions match sklearn's bit for bit).
// Integer vs float parameters: JavaScript has one number type, so an integral value is read as
// sklearn's int (min_samples_split=1 is rejected, max_features=1 means one feature, not 100%).
// Not implemented (clear errors): monotonic_cst, missing values (NaN) in X, multi-output y.
import { NotImplementedError, ValueError } from "../../utils/errors.js";
import { NDArray } from "../../utils/ndarray.js";
import { ClassifierMixin, NotFittedError, type Params } from "../base.js";
import { csr_matrix } from "../_sparse.js";
import { pairwiseSum, pyRepr, toTarget, uniqueSorted, type Label } from "../_array.js";
import { check_random_state, type RandomStateLike } from "../utils/random_state.js";
import { RAND_R_MAX, applyTree, ccpPruningPath, computeFeatureImportances, pruneTree, type ColumnMatrix, type Tree, type TrainMatrix } from "./_tree.js";
import { buildTree } from "./_builder.js";
import { toMat } from "../utils/validation.js";

/** Feature matrix input: sparse, dense NDArray, or nested rows. */
export type TreeInput = csr_matrix | NDArray | ArrayLike<ArrayLike<number>>;
export type ClassWeight = Record<string, number> | Map<Label, number> | "balanced" | null;
export type MaxFeatures = number | "sqrt" | "log2" | null;

export interface DecisionTreeClassifierOptions {
  criterion?: "gini" | "entropy" | "log_loss";
  splitter?: "best" | "random";
  max_depth?: number | null;
  min_samples_split?: number;
  min_samples_leaf?: number;
  min_weight_fraction_leaf?: number;
  max_features?: MaxFeatures;
  random_state?: RandomStateLike;
  max_leaf_nodes?: number | null;
  min_impurity_decrease?: number;
  class_weight?: ClassWeight;
  ccp_alpha?: number;
  monotonic_cst?: ArrayLike<number> | null;
}

/** sklearn's InvalidParameterError text (a ValueError subclass there too). */
export function invalidParam(est: string, name: string, expected: string, got: unknown): ValueError {
  const shown = typeof got === "string" ? `'${got}'` : got === null ? "None" : typeof got === "boolean" ? (got ? "True" : "False") : String(got);
  return new ValueError(`The '${name}' parameter of ${est} must be ${expected}. Got ${shown} instead.`);
}

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === "number" && !Number.isNaN(v);

/** The _parameter_constraints checks shared by the tree and the forest (tree hyper-parameters). */
export function validateTreeParams(est: string, p: Record<string, unknown>, forest = false): void {
  const crit = p.criterion;
  if (crit !== "gini" && crit !== "entropy" && crit !== "log_loss") throw invalidParam(est, "criterion", "a str among {'log_loss', 'entropy', 'gini'}", crit);
  if (!forest && p.splitter !== "best" && p.splitter !== "random") throw invalidParam(est, "splitter", "a str among {'random', 'best'}", p.splitter);
  if (p.max_depth !== null && p.max_depth !== undefined && !(isInt(p.max_depth) && p.max_depth >= 1)) throw invalidParam(est, "max_depth", "an int in the range [1, inf) or None", p.max_depth);
  const mss = p.min_samples_split;
  if (!(isInt(mss) ? mss >= 2 : isNum(mss) && mss > 0 && mss <= 1)) throw invalidParam(est, "min_samples_split", "an int in the range [2, inf) or a float in the range (0.0, 1.0]", mss);
  const msl = p.min_samples_leaf;
  if (!(isInt(msl) ? msl >= 1 : isNum(msl) && msl > 0 && msl < 1)) throw invalidParam(est, "min_samples_leaf", "an int in the range [1, inf) or a float in the range (0.0, 1.0)", msl);
  const mwf = p.min_weight_fraction_leaf;
  if (!(isNum(mwf) && mwf >= 0 && mwf <= 0.5)) throw invalidParam(est, "min_weight_fraction_leaf", "a float in the range [0.0, 0.5]", mwf);
  const mf = p.max_features;
  if (!(mf === null || mf === undefined || mf === "sqrt" || mf === "log2" || (isInt(mf) ? mf >= 1 : isNum(mf) && mf > 0 && mf <= 1))) {
    throw invalidParam(est, "max_features", "an int in the range [1, inf), a float in the range (0.0, 1.0], a str among {'log2', 'sqrt'} or None", mf);
  }
  const mln = p.max_leaf_nodes;
  if (mln !== null && mln !== undefined && !(isInt(mln) && mln >= 2)) throw invalidParam(est, "max_leaf_nodes", "an int in the range [2, inf) or None", mln);
  if (!(isNum(p.min_impurity_decrease) && p.min_impurity_decrease >= 0)) throw invalidParam(est, "min_impurity_decrease", "a float in the range [0.0, inf)", p.min_impurity_decrease);
  if (!(isNum(p.ccp_alpha) && p.ccp_alpha >= 0)) throw invalidParam(est, "ccp_alpha", "a float in the range [0.0, inf)", p.ccp_alpha);
  const cw = p.class_weight;
  const cwOk = cw === null || cw === undefined || cw === "balanced" || (forest && cw === "balanced_subsample") || cw instanceof Map || (typeof cw === "object" && !Array.isArray(cw));
  if (!cwOk) {
    throw invalidParam(est, "class_weight", forest ? "a str among {'balanced_subsample', 'balanced'}, an instance of 'dict', an instance of 'list' or None" : "an instance of 'dict', an instance of 'list', a str among {'balanced'} or None", cw);
  }
  if (p.monotonic_cst !== null && p.monotonic_cst !== undefined) throw new NotImplementedError(`${est}: monotonic_cst is not implemented in finetune-ts.`);
}

function checkFiniteF32(v: number): number {
  if (!Number.isFinite(v)) throw new ValueError(Number.isNaN(v) ? "Input X contains NaN." : "Input X contains infinity or a value too large for dtype('float32').");
  return Math.fround(v);
}

/** Row-major float32 view for prediction: dense or CSR. */
export type RowMatrix = { dense: Float32Array; rows: number; cols: number } | { csr: csr_matrix; data32: Float32Array };

export function shapeOfRows(m: RowMatrix): [number, number] {
  return "dense" in m ? [m.rows, m.cols] : m.csr.shape;
}

/** `check_array(X, dtype=np.float32, accept_sparse=...)` for our input types. */
export function toRowMatrix(X: unknown): RowMatrix {
  // sklearn's check_array (float64, as the other estimators here), then the trees' float32 copy.
  const m = toMat(X, "X");
  const src = "sparse" in m ? m.sparse.data : m.dense;
  const d = new Float32Array(src.length);
  for (let k = 0; k < d.length; k++) d[k] = checkFiniteF32(src[k]!);
  return "sparse" in m ? { csr: m.sparse, data32: d } : { dense: d, rows: m.rows, cols: m.cols };
}

/** The training matrix for growing trees: CSC float32 for sparse input (sklearn's
 *  `accept_sparse="csc"`), a column-major float32 copy for dense input. */
export function toTrainMatrix(m: RowMatrix): TrainMatrix {
  if ("csr" in m) {
    const [n, f] = m.csr.shape;
    const { indices, indptr } = m.csr;
    const nnz = indices.length;
    const cptr = new Int32Array(f + 1);
    for (let k = 0; k < nnz; k++) cptr[indices[k]! + 1]++;
    for (let j = 0; j < f; j++) cptr[j + 1] += cptr[j]!;
    const next = cptr.slice(0, f);
    const rowsOut = new Int32Array(nnz);
    const data = new Float32Array(nnz);
    for (let i = 0; i < n; i++) {
      for (let p = indptr[i]!; p < indptr[i + 1]!; p++) {
        const q = next[indices[p]!]!++;
        rowsOut[q] = i;
        data[q] = m.data32[p]!;
      }
    }
    return { data, indices: rowsOut, indptr: cptr, n_samples: n, n_features: f };
  }
  return toColumnMatrix(m);
}

/** Column-major float32 copy of a matrix (sparse input is densified). */
export function toColumnMatrix(m: RowMatrix): ColumnMatrix {
  const [n, f] = shapeOfRows(m);
  if (n * f > 2 ** 30) throw new ValueError(`X of shape (${n}, ${f}) is too large to grow trees on in finetune-ts (the trees keep a dense float32 copy: ${n * f} values).`);
  const cols = new Float32Array(n * f);
  if ("dense" in m) {
    for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) cols[j * n + i] = m.dense[i * f + j]!;
  } else {
    const { indices, indptr } = m.csr;
    for (let i = 0; i < n; i++) for (let p = indptr[i]!; p < indptr[i + 1]!; p++) cols[indices[p]! * n + i] = m.data32[p]!;
  }
  return { cols, n_samples: n, n_features: f };
}

/** Leaf index per row of a prepared matrix. */
export function applyRows(tree: Tree, m: RowMatrix): Int32Array {
  if ("dense" in m) {
    const { dense, cols } = m;
    return applyTree(tree, m.rows, (i, j) => dense[i * cols + j]!);
  }
  // CSR: scatter one row at a time into a dense buffer, then clear it.
  const [n, f] = m.csr.shape;
  const { indices, indptr } = m.csr;
  const buf = new Float32Array(f);
  const out = new Int32Array(n);
  const { children_left: L, children_right: R, feature: F, threshold: T } = tree;
  for (let i = 0; i < n; i++) {
    for (let p = indptr[i]!; p < indptr[i + 1]!; p++) buf[indices[p]!] = m.data32[p]!;
    let node = 0;
    while (L[node] !== -1) node = buf[F[node]!]! <= T[node]! ? L[node]! : R[node]!;
    out[i] = node;
    for (let p = indptr[i]!; p < indptr[i + 1]!; p++) buf[indices[p]!] = 0;
  }
  return out;
}

/** compute_class_weight("balanced") over class indices: sum(counts) / (n_present * counts). */
export function balancedWeights(yIdx: Int32Array, k: number, weights: Float64Array | null, indices?: ArrayLike<number>): Float64Array {
  const counts = new Float64Array(k);
  if (indices !== undefined) for (let t = 0; t < indices.length; t++) counts[yIdx[indices[t]!]!] += 1;
  else for (let i = 0; i < yIdx.length; i++) counts[yIdx[i]!] += weights === null ? 1 : weights[i]!;
  let total = 0;
  let present = 0;
  for (let c = 0; c < k; c++) {
    total += counts[c]!;
    if (counts[c]! > 0) present++;
  }
  const w = new Float64Array(k);
  // a class absent from a bootstrap sample gets weight 0 (compute_sample_weight's classes_missing)
  for (let c = 0; c < k; c++) w[c] = counts[c]! > 0 ? total / (present * counts[c]!) : 0;
  return w;
}

/** Per-class weights from a user dict (keys as Python would print the labels). */
export function dictWeights(cw: Record<string, number> | Map<Label, number>, classes: readonly Label[]): Float64Array {
  const get = (c: Label): number | undefined => (cw instanceof Map ? (cw.get(c) ?? cw.get(String(c))) : cw[String(c)]);
  const w = new Float64Array(classes.length).fill(1);
  let matched = 0;
  classes.forEach((c, i) => {
    const v = get(c);
    if (v !== undefined) {
      w[i] = v;
      matched++;
    }
  });
  const nKeys = cw instanceof Map ? cw.size : Object.keys(cw).length;
  if (matched !== classes.length && matched !== nKeys) {
    const missing = classes.filter((c) => get(c) === undefined);
    throw new ValueError(`The classes, [${missing.map((c) => pyRepr(c, typeof c === "string" ? "str" : "int")).join(", ")}], are not in class_weight`);
  }
  return w;
}

export interface EncodedTarget {
  classes: Label[];
  y: Int32Array;
}

/** np.unique(y, return_inverse=True) for a 1-D label vector. */
export function encodeTarget(y: unknown, nSamples: number, est: string): EncodedTarget {
  const t = toTarget(y, "y");
  if (t.ndim !== 1) throw new NotImplementedError(`${est}: multi-output y (shape (${t.rows.length}, ${t.ncols})) is not implemented in finetune-ts.`);
  if (t.values.length !== nSamples) throw new ValueError(`Found input variables with inconsistent numbers of samples: [${nSamples}, ${t.values.length}]`);
  for (const v of t.values) if (typeof v === "number" && !Number.isFinite(v)) throw new ValueError(Number.isNaN(v) ? "Input y contains NaN." : "Input y contains infinity or a value too large for dtype('float64').");
  if (t.kind === "float" || t.values.some((v) => typeof v === "number" && !Number.isInteger(v))) {
    throw new ValueError("Unknown label type: continuous. Maybe you are trying to fit a classifier, which expects discrete classes on a regression target with continuous values.");
  }
  const classes = uniqueSorted(t.values);
  const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
  const enc = Int32Array.from(t.values, (v) => index.get(v)!);
  return { classes, y: enc };
}

export function toSampleWeight(sw: ArrayLike<number> | undefined | null, n: number): Float64Array | null {
  if (sw === undefined || sw === null) return null;
  if (sw.length !== n) throw new ValueError(`sample_weight.shape == (${sw.length},), expected (${n},)!`);
  const out = Float64Array.from(sw);
  for (const v of out) if (!Number.isFinite(v)) throw new ValueError("Input sample_weight contains NaN or infinity.");
  for (const v of out) if (v < 0) throw new ValueError("Negative values in data passed to `sample_weight`");
  return out;
}

/** NumPy's pairwise float sum (np.sum on a contiguous 1-D array). */
export const npSum = (a: Float64Array): number => pairwiseSum(a);

/** A decision tree classifier (CART with Gini or entropy impurity), sklearn's algorithm exactly. */
export class DecisionTreeClassifier extends ClassifierMixin {
  static override _parameter_names = [
    "criterion", "splitter", "max_depth", "min_samples_split", "min_samples_leaf", "min_weight_fraction_leaf",
    "max_features", "random_state", "max_leaf_nodes", "min_impurity_decrease", "class_weight", "ccp_alpha", "monotonic_cst",
  ] as const;

  criterion: "gini" | "entropy" | "log_loss" = "gini";
  splitter: "best" | "random" = "best";
  max_depth: number | null = null;
  min_samples_split = 2;
  min_samples_leaf = 1;
  min_weight_fraction_leaf = 0.0;
  max_features: MaxFeatures = null;
  random_state: RandomStateLike = null;
  max_leaf_nodes: number | null = null;
  min_impurity_decrease = 0.0;
  class_weight: ClassWeight = null;
  ccp_alpha = 0.0;
  monotonic_cst: ArrayLike<number> | null = null;

  classes_?: Label[];
  n_classes_?: number;
  n_features_in_?: number;
  n_outputs_?: number;
  max_features_?: number;
  tree_?: Tree;

  constructor(options: DecisionTreeClassifierOptions = {}) {
    super();
    this.initParams(options as Params);
  }

  fit(X: TreeInput, y: ArrayLike<Label | boolean>, options: { sample_weight?: ArrayLike<number> | null } = {}): this {
    validateTreeParams(this.constructor.name, this as unknown as Record<string, unknown>);
    const rows = toRowMatrix(X);
    const [n, f] = shapeOfRows(rows);
    if (n === 0) throw new ValueError(`Found array with 0 sample(s) (shape=(0, ${f})) while a minimum of 1 is required by ${this.constructor.name}.`);
    if (f === 0) throw new ValueError(`Found array with 0 feature(s) (shape=(${n}, 0)) while a minimum of 1 is required by ${this.constructor.name}.`);
    const enc = encodeTarget(y, n, this.constructor.name);
    let sw = toSampleWeight(options.sample_weight, n);
    if (this.class_weight !== null && this.class_weight !== undefined) {
      const k = enc.classes.length;
      const cw = this.class_weight === "balanced" ? balancedWeights(enc.y, k, null) : dictWeights(this.class_weight, enc.classes);
      const expanded = Float64Array.from(enc.y, (c) => cw[c]!);
      sw = sw === null ? expanded : sw.map((w, i) => w * expanded[i]!);
    }
    this._fitEncoded(toTrainMatrix(rows), enc.y, enc.classes, sw);
    return this;
  }

  /** BaseDecisionTree._fit after input checking (the forest calls this with check_input=False). */
  _fitEncoded(X: TrainMatrix, y: Int32Array, classes: Label[], sample_weight: Float64Array | null): this {
    const rs = check_random_state(this.random_state);
    const n = X.n_samples;
    const f = X.n_features;
    this.n_features_in_ = f;
    this.n_outputs_ = 1;
    this.classes_ = classes;
    this.n_classes_ = classes.length;
    const maxDepth = this.max_depth ?? 2147483647;
    const msl = Number.isInteger(this.min_samples_leaf) ? this.min_samples_leaf : Math.ceil(this.min_samples_leaf * n);
    let mss = Number.isInteger(this.min_samples_split) ? this.min_samples_split : Math.max(2, Math.ceil(this.min_samples_split * n));
    mss = Math.max(mss, 2 * msl);
    const mf = this.max_features;
    let maxFeatures: number;
    if (mf === "sqrt") maxFeatures = Math.max(1, Math.trunc(Math.sqrt(f)));
    else if (mf === "log2") maxFeatures = Math.max(1, Math.trunc(Math.log2(f)));
    else if (mf === null || mf === undefined) maxFeatures = f;
    else if (Number.isInteger(mf)) maxFeatures = mf;
    else maxFeatures = mf > 0 ? Math.max(1, Math.trunc(mf * f)) : 0;
    this.max_features_ = maxFeatures;
    const minWeightLeaf = sample_weight === null ? this.min_weight_fraction_leaf * n : this.min_weight_fraction_leaf * npSum(sample_weight);
    const seed = rs.randint(0, RAND_R_MAX);
    this.tree_ = buildTree(X, y, classes.length, sample_weight, {
      criterion: this.criterion,
      splitter: this.splitter,
      max_features: maxFeatures,
      max_depth: maxDepth,
      min_samples_split: mss,
      min_samples_leaf: msl,
      min_weight_leaf: minWeightLeaf,
      min_impurity_decrease: this.min_impurity_decrease,
      max_leaf_nodes: this.max_leaf_nodes ?? -1,
      seed,
    });
    if (this.ccp_alpha !== 0) this.tree_ = pruneTree(this.tree_, this.ccp_alpha);
    return this;
  }

  /** The minimal cost-complexity pruning path of the unpruned tree fitted on (X, y). */
  cost_complexity_pruning_path(X: TreeInput, y: ArrayLike<Label | boolean>, options: { sample_weight?: ArrayLike<number> | null } = {}): { ccp_alphas: Float64Array; impurities: Float64Array } {
    const est = new (this.constructor as new (o: Params) => DecisionTreeClassifier)({ ...this.get_params(false), ccp_alpha: 0.0 });
    est.fit(X, y, options);
    return ccpPruningPath(est.tree_!);
  }

  protected checkX(X: unknown): RowMatrix {
    if (this.tree_ === undefined) throw new NotFittedError(this);
    const m = toRowMatrix(X);
    const f = shapeOfRows(m)[1];
    if (f !== this.n_features_in_) throw new ValueError(`X has ${f} features, but ${this.constructor.name} is expecting ${this.n_features_in_} features as input.`);
    return m;
  }

  /** Index of the leaf each sample ends in. */
  apply(X: TreeInput): Int32Array {
    return applyRows(this.tree_ ?? (undefined as never), this.checkX(X));
  }

  /** Class fractions of the leaf each sample ends in, shape (n_samples, n_classes). */
  predict_proba(X: TreeInput): NDArray {
    const leaves = this.apply(X);
    return this._probaFromLeaves(leaves);
  }

  _probaFromLeaves(leaves: Int32Array): NDArray {
    const k = this.n_classes_!;
    const v = this.tree_!.value.data;
    const out = new Float64Array(leaves.length * k);
    for (let i = 0; i < leaves.length; i++) for (let c = 0; c < k; c++) out[i * k + c] = v[leaves[i]! * k + c]!;
    return new NDArray(out, [leaves.length, k]);
  }

  predict_log_proba(X: TreeInput): NDArray {
    const p = this.predict_proba(X);
    return new NDArray(p.data.map((x) => Math.log(x)), p.shape);
  }

  predict(X: TreeInput): Label[] {
    return argmaxLabels(this.predict_proba(X), this.classes_!);
  }

  /** The depth of the tree (a single leaf has depth 0). */
  get_depth(): number {
    if (this.tree_ === undefined) throw new NotFittedError(this);
    return this.tree_.max_depth;
  }

  get_n_leaves(): number {
    if (this.tree_ === undefined) throw new NotFittedError(this);
    return this.tree_.n_leaves;
  }

  /** Impurity-based (Gini) importances, normalised to sum to 1. */
  get feature_importances_(): Float64Array {
    if (this.tree_ === undefined) throw new NotFittedError(this);
    return computeFeatureImportances(this.tree_);
  }
}

/** classes.take(argmax(proba, axis=1)): the first maximum wins, as np.argmax. */
export function argmaxLabels(proba: NDArray, classes: readonly Label[]): Label[] {
  const [n, k] = proba.shape as [number, number];
  const d = proba.data;
  const out: Label[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (d[i * k + c]! > d[i * k + best]!) best = c;
    out[i] = classes[best]!;
  }
  return out;
}
