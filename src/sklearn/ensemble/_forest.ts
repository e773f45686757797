// sklearn.ensemble.RandomForestClassifier (scikit-learn 1.9.1, ensemble/_forest.py).
// Same random stream as sklearn: the forest's RandomState draws one seed per tree with
// `randint(MAX_INT)` (_set_random_states); each tree's bootstrap is
// `RandomState(seed).randint(0, n_samples, n_samples_bootstrap)` turned into per-sample counts
// (np.bincount) used as sample weights, and the tree itself re-seeds RandomState(seed) for its
// splitter. With the exact tree port in ../tree this reproduces sklearn's forests tree for tree.
// predict_proba is the mean of the trees' leaf class fractions, summed tree by tree in order.
// Not implemented (clear errors): oob_score=true, monotonic_cst (and the trees' NaN support).
// n_jobs is accepted and ignored (trees are grown one after another).
import { NotImplementedError, ValueError } from "../../utils/errors.js";
import { NDArray } from "../../utils/ndarray.js";
import { ClassifierMixin, NotFittedError, type Params } from "../base.js";
import type { Label } from "../_array.js";
import { RandomState, check_random_state, type RandomStateLike } from "../utils/random_state.js";
import {
  DecisionTreeClassifier, applyRows, argmaxLabels, balancedWeights, dictWeights, encodeTarget, invalidParam, npSum,
  shapeOfRows, toRowMatrix, toTrainMatrix, toSampleWeight, validateTreeParams,
  type MaxFeatures, type TreeInput,
} from "../tree/_classes.js";

const MAX_INT = 2147483647; // np.iinfo(np.int32).max

export interface RandomForestClassifierOptions {
  n_estimators?: number;
  criterion?: "gini" | "entropy" | "log_loss";
  max_depth?: number | null;
  min_samples_split?: number;
  min_samples_leaf?: number;
  min_weight_fraction_leaf?: number;
  max_features?: MaxFeatures;
  max_leaf_nodes?: number | null;
  min_impurity_decrease?: number;
  bootstrap?: boolean;
  oob_score?: boolean;
  n_jobs?: number | null;
  random_state?: RandomStateLike;
  verbose?: number;
  warm_start?: boolean;
  class_weight?: Record<string, number> | Map<Label, number> | "balanced" | "balanced_subsample" | null;
  ccp_alpha?: number;
  max_samples?: number | null;
  monotonic_cst?: ArrayLike<number> | null;
}

/** A random forest: bootstrap-sampled decision trees with random feature subsets per split. */
export class RandomForestClassifier extends ClassifierMixin {
  static override _parameter_names = [
    "n_estimators", "criterion", "max_depth", "min_samples_split", "min_samples_leaf", "min_weight_fraction_leaf",
    "max_features", "max_leaf_nodes", "min_impurity_decrease", "bootstrap", "oob_score", "n_jobs", "random_state",
    "verbose", "warm_start", "class_weight", "ccp_alpha", "max_samples", "monotonic_cst",
  ] as const;

  n_estimators = 100;
  criterion: "gini" | "entropy" | "log_loss" = "gini";
  max_depth: number | null = null;
  min_samples_split = 2;
  min_samples_leaf = 1;
  min_weight_fraction_leaf = 0.0;
  max_features: MaxFeatures = "sqrt";
  max_leaf_nodes: number | null = null;
  min_impurity_decrease = 0.0;
  bootstrap = true;
  oob_score = false;
  n_jobs: number | null = null;
  random_state: RandomStateLike = null;
  verbose = 0;
  warm_start = false;
  class_weight: RandomForestClassifierOptions["class_weight"] = null;
  ccp_alpha = 0.0;
  max_samples: number | null = null;
  monotonic_cst: ArrayLike<number> | null = null;

  estimators_?: DecisionTreeClassifier[];
  classes_?: Label[];
  n_classes_?: number;
  n_features_in_?: number;
  n_outputs_?: number;

  constructor(options: RandomForestClassifierOptions = {}) {
    super();
    this.initParams(options as Params);
  }

  private validateParams(): void {
    const name = this.constructor.name;
    if (!(Number.isInteger(this.n_estimators) && this.n_estimators >= 1)) throw invalidParam(name, "n_estimators", "an int in the range [1, inf)", this.n_estimators);
    const ms = this.max_samples;
    if (!(ms === null || ms === undefined || (Number.isInteger(ms) ? ms >= 1 : typeof ms === "number" && ms > 0))) {
      throw invalidParam(name, "max_samples", "None, a float in the range (0.0, inf) or an int in the range [1, inf)", ms);
    }
    validateTreeParams(name, this as unknown as Record<string, unknown>, true);
  }

  fit(X: TreeInput, y: ArrayLike<Label | boolean>, options: { sample_weight?: ArrayLike<number> | null } = {}): this {
    this.validateParams();
    const rows = toRowMatrix(X);
    const [n, f] = shapeOfRows(rows);
    if (n === 0) throw new ValueError(`Found array with 0 sample(s) (shape=(0, ${f})) while a minimum of 1 is required by ${this.constructor.name}.`);
    const enc = encodeTarget(y, n, this.constructor.name);
    const sw = toSampleWeight(options.sample_weight, n);
    if (this.warm_start && this.estimators_ !== undefined && this.n_features_in_ !== f) {
      throw new ValueError(`X has ${f} features, but ${this.constructor.name} is expecting ${this.n_features_in_} features as input.`);
    }
    this.n_features_in_ = f;
    this.n_outputs_ = 1;
    this.classes_ = enc.classes;
    this.n_classes_ = enc.classes.length;
    const k = enc.classes.length;

    // _validate_y_class_weight
    let expanded: Float64Array | null = null;
    const cw = this.class_weight;
    if (cw !== null && cw !== undefined) {
      if (cw === "balanced" || (cw === "balanced_subsample" && !this.bootstrap)) {
        const w = balancedWeights(enc.y, k, sw);
        expanded = Float64Array.from(enc.y, (c) => w[c]!);
      } else if (cw !== "balanced_subsample") {
        const w = dictWeights(cw, enc.classes);
        expanded = Float64Array.from(enc.y, (c) => w[c]!);
      }
    }
    const sampleWeight = sw === null ? expanded : expanded === null ? sw : sw.map((w, i) => w * expanded![i]!);

    if (!this.bootstrap && this.max_samples !== null && this.max_samples !== undefined) {
      throw new ValueError("`max_sample` cannot be set if `bootstrap=False`. Either switch to `bootstrap=True` or set `max_sample=None`.");
    }
    let nBoot = n;
    if (this.bootstrap && this.max_samples !== null && this.max_samples !== undefined) {
      if (Number.isInteger(this.max_samples)) nBoot = this.max_samples;
      else nBoot = Math.max(Math.trunc(this.max_samples * (sampleWeight === null ? n : npSum(sampleWeight))), 1);
    }
    if (!this.bootstrap && this.oob_score) throw new ValueError("Out of bag estimation only available if bootstrap=True");
    if (this.oob_score) throw new NotImplementedError("RandomForestClassifier: oob_score=true is not implemented in finetune-ts; score a held-out split instead.");

    const rs = check_random_state(this.random_state);
    if (!this.warm_start || this.estimators_ === undefined) this.estimators_ = [];
    const nMore = this.n_estimators - this.estimators_.length;
    if (nMore < 0) throw new ValueError(`n_estimators=${this.n_estimators} must be larger or equal to len(estimators_)=${this.estimators_.length} when warm_start==True`);
    if (nMore === 0) {
      console.warn("Warm-start fitting without increasing n_estimators does not fit new trees.");
      return this;
    }
    if (this.warm_start && this.estimators_.length > 0) rs.randint(0, MAX_INT, this.estimators_.length);

    const Xc = toTrainMatrix(rows);
    const treeClasses: Label[] = Array.from({ length: k }, (_, i) => i);
    const seeds = Array.from({ length: nMore }, () => rs.randint(0, MAX_INT));
    for (let t = 0; t < nMore; t++) {
      if (this.verbose > 1) console.log(`building tree ${t + 1} of ${nMore}`);
      const tree = new DecisionTreeClassifier({
        criterion: this.criterion,
        max_depth: this.max_depth,
        min_samples_split: this.min_samples_split,
        min_samples_leaf: this.min_samples_leaf,
        min_weight_fraction_leaf: this.min_weight_fraction_leaf,
        max_features: this.max_features,
        max_leaf_nodes: this.max_leaf_nodes,
        min_impurity_decrease: this.min_impurity_decrease,
        random_state: seeds[t]!,
        ccp_alpha: this.ccp_alpha,
        monotonic_cst: this.monotonic_cst,
      });
      if (this.bootstrap) {
        const indices = generateSampleIndices(seeds[t]!, n, nBoot, sampleWeight);
        const treeWeight = new Float64Array(n);
        for (let s = 0; s < indices.length; s++) treeWeight[indices[s]!] += 1;
        if (cw === "balanced_subsample") {
          const w = balancedWeights(enc.y, k, null, indices);
          for (let i = 0; i < n; i++) treeWeight[i] = treeWeight[i]! * w[enc.y[i]!]!;
        }
        tree._fitEncoded(Xc, enc.y, treeClasses, treeWeight);
      } else {
        tree._fitEncoded(Xc, enc.y, treeClasses, sampleWeight);
      }
      this.estimators_.push(tree);
    }
    return this;
  }

  private checkFitted(): DecisionTreeClassifier[] {
    if (this.estimators_ === undefined || this.estimators_.length === 0) throw new NotFittedError(this);
    return this.estimators_;
  }

  /** Leaf indices, shape (n_samples, n_estimators). */
  apply(X: TreeInput): NDArray {
    const trees = this.checkFitted();
    const m = this.checkX(X);
    const n = shapeOfRows(m)[0];
    const out = new Float64Array(n * trees.length);
    trees.forEach((t, j) => {
      const leaves = applyRows(t.tree_!, m);
      for (let i = 0; i < n; i++) out[i * trees.length + j] = leaves[i]!;
    });
    return new NDArray(out, [n, trees.length]);
  }

  private checkX(X: unknown): ReturnType<typeof toRowMatrix> {
    this.checkFitted();
    const m = toRowMatrix(X);
    const f = shapeOfRows(m)[1];
    if (f !== this.n_features_in_) throw new ValueError(`X has ${f} features, but ${this.constructor.name} is expecting ${this.n_features_in_} features as input.`);
    return m;
  }

  /** Mean of the trees' class probabilities, shape (n_samples, n_classes). */
  predict_proba(X: TreeInput): NDArray {
    const trees = this.checkFitted();
    const m = this.checkX(X);
    const n = shapeOfRows(m)[0];
    const k = this.n_classes_!;
    const out = new Float64Array(n * k);
    for (const t of trees) {
      const leaves = applyRows(t.tree_!, m);
      const v = t.tree_!.value.data;
      for (let i = 0; i < n; i++) {
        const o = leaves[i]! * k;
        for (let c = 0; c < k; c++) out[i * k + c] = out[i * k + c]! + v[o + c]!;
      }
    }
    for (let t = 0; t < out.length; t++) out[t] = out[t]! / trees.length;
    return new NDArray(out, [n, k]);
  }

  predict_log_proba(X: TreeInput): NDArray {
    const p = this.predict_proba(X);
    return new NDArray(p.data.map((x) => Math.log(x)), p.shape);
  }

  predict(X: TreeInput): Label[] {
    return argmaxLabels(this.predict_proba(X), this.classes_!);
  }

  /** Mean of the (non-trivial) trees' impurity importances, renormalised to sum to 1. */
  get feature_importances_(): Float64Array {
    const trees = this.checkFitted().filter((t) => t.tree_!.node_count > 1);
    const f = this.n_features_in_!;
    if (trees.length === 0) return new Float64Array(f);
    const acc = new Float64Array(f);
    for (const t of trees) {
      const imp = t.feature_importances_;
      for (let j = 0; j < f; j++) acc[j] = acc[j]! + imp[j]!;
    }
    for (let j = 0; j < f; j++) acc[j] = acc[j]! / trees.length;
    const s = npSum(acc);
    for (let j = 0; j < f; j++) acc[j] = acc[j]! / s;
    return acc;
  }
}

/** _generate_sample_indices: uniform bootstrap, or RandomState.choice(p=w/sum(w)) with weights. */
function generateSampleIndices(seed: number, n: number, nBoot: number, sampleWeight: Float64Array | null): Int32Array {
  const rs = new RandomState(seed);
  if (sampleWeight === null) return Int32Array.from(rs.randint(0, n, nBoot));
  // legacy choice(n, size, replace=True, p): cdf = cumsum(p) / cdf[-1]; searchsorted(right)
  const total = npSum(sampleWeight);
  const cdf = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += sampleWeight[i]! / total;
    cdf[i] = acc;
  }
  const last = cdf[n - 1]!;
  for (let i = 0; i < n; i++) cdf[i] = cdf[i]! / last;
  const u = rs.random_sample(nBoot);
  const out = new Int32Array(nBoot);
  for (let s = 0; s < nBoot; s++) {
    let lo = 0;
    let hi = n;
    const x = u[s]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    out[s] = lo;
  }
  return out;
}
