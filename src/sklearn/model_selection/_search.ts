// sklearn.model_selection._search: ParameterGrid and GridSearchCV. Candidates are enumerated in
// sklearn's order (each dict's keys sorted, then itertools.product), every candidate is scored on
// every split with a fresh clone, and ranks are scipy's rankdata(-means, "min") so ties and
// best_index_ (the first rank-1 candidate) agree with scikit-learn.
import { ValueError } from "../../utils/errors.js";
import { BaseEstimator, clone, NotFittedError } from "../base.js";
import { checkOptions, mean, type Label } from "../_array.js";
import { check_cv, type CrossValidator } from "./_split.js";
import { check_random_state, type RandomState, type RandomStateLike } from "../utils/random_state.js";
import { fitAndScore, get_scorer, isClassifier, type Scorer } from "./_validation.js";

export type ParamValues = Record<string, readonly unknown[]>;
export type ParamDict = Record<string, unknown>;

/** ParameterGrid(grid): iterable over every combination, in sklearn's order. */
export class ParameterGrid implements Iterable<ParamDict> {
  readonly param_grid: readonly ParamValues[];
  constructor(param_grid: ParamValues | readonly ParamValues[]) {
    const grids = Array.isArray(param_grid) ? (param_grid as readonly ParamValues[]) : [param_grid as ParamValues];
    for (const g of grids) {
      if (g === null || typeof g !== "object" || Array.isArray(g)) throw new TypeError(`Parameter grid is not a dict (${JSON.stringify(g)})`);
      for (const [k, v] of Object.entries(g)) {
        if (!Array.isArray(v)) throw new TypeError(`Parameter grid for parameter '${k}' needs to be a list or a numpy array, but got ${JSON.stringify(v)} (of type ${typeof v}) instead. Single values need to be wrapped in a list with one element.`);
        if (v.length === 0) throw new ValueError(`Parameter grid for parameter '${k}' need to be a non-empty sequence, got: []`);
      }
    }
    this.param_grid = grids;
  }

  *[Symbol.iterator](): Iterator<ParamDict> {
    for (const g of this.param_grid) {
      // Python's sorted() on str keys is code-point order; JS's default sort is UTF-16 order, which
      // agrees for every key a parameter name can be (ASCII identifiers and "__").
      const keys = Object.keys(g).sort();
      const idx = new Array<number>(keys.length).fill(0);
      if (keys.length === 0) {
        yield {};
        continue;
      }
      // itertools.product: the last key varies fastest.
      for (;;) {
        yield Object.fromEntries(keys.map((k, i) => [k, g[k][idx[i]]]));
        let d = keys.length - 1;
        while (d >= 0 && ++idx[d] === g[keys[d]].length) idx[d--] = 0;
        if (d < 0) break;
      }
    }
  }

  get length(): number {
    return this.param_grid.reduce((s, g) => s + Object.values(g).reduce((p, v) => p * v.length, 1), 0);
  }

  toArray(): ParamDict[] {
    return [...this];
  }
}

/** rankdata(-means, method="min"), NaN means counted as tied with (below) the worst. */
export function rankTestScores(means: readonly number[]): number[] {
  if (means.every(Number.isNaN)) return means.map(() => 1);
  const finite = means.filter((m) => !Number.isNaN(m));
  const floor = Math.min(...finite) - 1;
  const m = means.map((v) => (Number.isNaN(v) ? floor : v));
  return m.map((v) => 1 + m.filter((w) => w > v).length);
}

export interface CvResults {
  params: ParamDict[];
  mean_test_score: number[];
  std_test_score: number[];
  rank_test_score: number[];
  /** `param_<name>`: each candidate's value (undefined where its grid lacks the key; numpy masks it). */
  [key: `param_${string}`]: unknown[];
  /** `split<k>_test_score`. */
  [key: `split${number}_test_score`]: number[];
}

export interface GridSearchCVOptions {
  scoring?: string | Scorer | null;
  cv?: number | CrossValidator | null;
  refit?: boolean;
  error_score?: "raise" | number;
  n_jobs?: number | null;
  verbose?: number;
  return_train_score?: false;
}

/** Shared by GridSearchCV (and any future RandomizedSearchCV): evaluate candidates, pick the best. */
export abstract class BaseSearchCV extends BaseEstimator {
  estimator!: BaseEstimator;
  scoring: string | Scorer | null = null;
  cv: number | CrossValidator | null = null;
  refit = true;
  error_score: "raise" | number = NaN;
  n_jobs: number | null = null;
  verbose = 0;
  return_train_score = false;

  cv_results_?: CvResults;
  best_index_?: number;
  best_score_?: number;
  best_params_?: ParamDict;
  best_estimator_?: BaseEstimator;
  n_splits_?: number;
  scorer_?: Scorer;

  protected abstract candidates(): ParamDict[];

  /** `groups`: group labels for a group-aware `cv` such as GroupKFold (sklearn: fit(X, y, groups=…)). */
  fit(X: unknown, y: ArrayLike<Label>, options: { groups?: ArrayLike<Label> | null } = {}): this {
    const cv = check_cv(this.cv, isClassifier(this.estimator));
    const scorer = get_scorer(this.scoring);
    // Materialise the splits once so every candidate sees the same folds (sklearn does too).
    const splits = [...cv.split(X, y, options.groups ?? null)];
    const cands = this.candidates();
    if (cands.length === 0) throw new ValueError("No fits were performed. Was the CV iterator empty? Were there no candidates?");
    const scores = cands.map((p) => splits.map(([tr, te]) => fitAndScore(this.estimator, X, y, tr, te, scorer, p, this.error_score)));
    const means = scores.map((s) => mean(s));
    const stds = scores.map((s, i) => Math.sqrt(mean(s.map((v) => (v - means[i]) ** 2))));
    const ranks = rankTestScores(means);
    const results = { params: cands, mean_test_score: means, std_test_score: stds, rank_test_score: ranks } as CvResults;
    const keys = [...new Set(cands.flatMap((c) => Object.keys(c)))].sort();
    for (const k of keys) results[`param_${k}`] = cands.map((c) => c[k]);
    splits.forEach((_, k) => (results[`split${k}_test_score`] = scores.map((s) => s[k])));
    this.cv_results_ = results;
    this.n_splits_ = splits.length;
    this.scorer_ = scorer;
    if (this.refit) {
      this.best_index_ = ranks.indexOf(Math.min(...ranks));
      this.best_score_ = means[this.best_index_];
      this.best_params_ = cands[this.best_index_];
      const best = clone(this.estimator).set_params(this.best_params_);
      (best as unknown as { fit(X: unknown, y: unknown): unknown }).fit(X, Array.from(y));
      this.best_estimator_ = best;
    }
    return this;
  }

  private best(method: string): Record<string, (...a: unknown[]) => unknown> {
    if (this.best_estimator_ === undefined) {
      if (this.cv_results_ !== undefined) throw new ValueError(`This ${this.constructor.name} instance was initialized with refit=False. ${method} is available only after refitting on the best parameters.`);
      throw new NotFittedError(this);
    }
    const e = this.best_estimator_ as unknown as Record<string, (...a: unknown[]) => unknown>;
    if (typeof e[method] !== "function") throw new ValueError(`This '${this.constructor.name}' has no attribute '${method}'`);
    return e;
  }

  predict(X: unknown): Label[] {
    return this.best("predict").predict(X) as Label[];
  }
  predict_proba(X: unknown): unknown {
    return this.best("predict_proba").predict_proba(X);
  }
  predict_log_proba(X: unknown): unknown {
    return this.best("predict_log_proba").predict_log_proba(X);
  }
  decision_function(X: unknown): unknown {
    return this.best("decision_function").decision_function(X);
  }
  transform(X: unknown): unknown {
    return this.best("transform").transform(X);
  }
  /** The search's scorer on the refitted best estimator (sklearn's BaseSearchCV.score). */
  score(X: unknown, y: ArrayLike<Label>): number {
    this.best("fit");
    return (this.scorer_ as Scorer)(this.best_estimator_ as BaseEstimator, X, y);
  }
  get classes_(): unknown {
    return (this.best("fit") as unknown as { classes_?: unknown }).classes_;
  }
  get _estimator_type(): unknown {
    return (this.estimator as unknown as { _estimator_type?: unknown })._estimator_type;
  }
}

const SEARCH_KEYS = ["scoring", "cv", "refit", "error_score", "n_jobs", "verbose", "return_train_score"] as const;

export class GridSearchCV extends BaseSearchCV {
  static override _parameter_names = ["estimator", "param_grid", "scoring", "n_jobs", "refit", "cv", "verbose", "error_score", "return_train_score"];
  param_grid!: ParamValues | ParamValues[];

  /** `new GridSearchCV(estimator, param_grid, {scoring, cv, refit})`; the one-object form is clone's. */
  constructor(estimator?: BaseEstimator | (GridSearchCVOptions & { estimator: BaseEstimator; param_grid: ParamValues | ParamValues[] }), param_grid?: ParamValues | ParamValues[], options: GridSearchCVOptions = {}) {
    super();
    if (estimator instanceof BaseEstimator) {
      checkOptions("GridSearchCV", options, SEARCH_KEYS);
      this.initParams({ estimator, param_grid, ...options });
    } else {
      this.initParams(estimator as Record<string, unknown> | undefined);
    }
    if (this.estimator === undefined || this.param_grid === undefined) throw new TypeError("GridSearchCV() missing required arguments: 'estimator' and 'param_grid'");
    if (this.return_train_score) throw new ValueError("GridSearchCV: return_train_score=true is not supported");
    new ParameterGrid(this.param_grid);
  }

  protected candidates(): ParamDict[] {
    return new ParameterGrid(this.param_grid).toArray();
  }
}

/** A distribution to sample from: anything with `rvs(random_state)` (scipy.stats' interface). */
export interface Distribution {
  rvs(random_state: RandomState): unknown;
}
export type ParamDistributions = Record<string, readonly unknown[] | Distribution>;

/** sklearn.utils.random.sample_without_replacement(method="auto"), same draws as the Cython code. */
export function sample_without_replacement(n_population: number, n_samples: number, random_state: RandomStateLike): number[] {
  if (n_samples > n_population) throw new ValueError(`n_population should be greater or equal than n_samples, got n_samples > n_population (${n_samples} > ${n_population})`);
  const rng = check_random_state(random_state);
  const ratio = n_population !== 0 ? n_samples / n_population : 1;
  if (ratio > 0.01 && ratio < 0.99) return rng.permutation(n_population).slice(0, n_samples);
  if (ratio < 0.2) {
    // tracking selection: redraw until unseen.
    const selected = new Set<number>();
    const out: number[] = [];
    for (let i = 0; i < n_samples; i++) {
      let j = rng.randint(n_population);
      while (selected.has(j)) j = rng.randint(n_population);
      selected.add(j);
      out.push(j);
    }
    return out;
  }
  // reservoir sampling
  const out = Array.from({ length: n_samples }, (_, i) => i);
  for (let i = n_samples; i < n_population; i++) {
    const j = rng.randint(0, i + 1);
    if (j < n_samples) out[j] = i;
  }
  return out;
}

const isDist = (v: unknown): v is Distribution => v !== null && typeof v === "object" && typeof (v as Distribution).rvs === "function";

/**
 * ParameterSampler(param_distributions, n_iter, {random_state}). All-list grids are sampled without
 * replacement from the ParameterGrid (n_iter capped at its size, with sklearn's warning); otherwise
 * each draw picks a dict, then per sorted key `rvs(rng)` or `v[rng.randint(len(v))]`.
 */
export class ParameterSampler implements Iterable<ParamDict> {
  readonly param_distributions: readonly ParamDistributions[];
  constructor(param_distributions: ParamDistributions | readonly ParamDistributions[], readonly n_iter: number, readonly options: { random_state?: RandomStateLike } = {}) {
    checkOptions("ParameterSampler", options, ["random_state"]);
    const dists = Array.isArray(param_distributions) ? (param_distributions as readonly ParamDistributions[]) : [param_distributions as ParamDistributions];
    for (const d of dists) {
      for (const [k, v] of Object.entries(d)) {
        if (!Array.isArray(v) && !isDist(v)) throw new TypeError(`Parameter grid for parameter '${k}' is not iterable or a distribution (value=${JSON.stringify(v)})`);
        if (Array.isArray(v) && v.length === 0) throw new ValueError(`Parameter grid for parameter '${k}' need to be a non-empty sequence, got: []`);
      }
    }
    this.param_distributions = dists;
  }

  *[Symbol.iterator](): Iterator<ParamDict> {
    const rng = check_random_state(this.options.random_state ?? null);
    const allLists = this.param_distributions.every((d) => Object.values(d).every((v) => Array.isArray(v)));
    if (allLists) {
      const grid = new ParameterGrid(this.param_distributions as ParamValues[]).toArray();
      let n = this.n_iter;
      if (grid.length < n) {
        process.emitWarning(`The total space of parameters ${grid.length} is smaller than n_iter=${n}. Running ${grid.length} iterations. For exhaustive searches, use GridSearchCV.`, "UserWarning");
        n = grid.length;
      }
      for (const i of sample_without_replacement(grid.length, n, rng)) yield grid[i];
      return;
    }
    for (let it = 0; it < this.n_iter; it++) {
      // rng.choice(list) without p is randint(0, len), which draws nothing for a single dict.
      const dist = this.param_distributions[rng.randint(0, this.param_distributions.length)];
      const params: ParamDict = {};
      for (const k of Object.keys(dist).sort()) {
        const v = dist[k];
        params[k] = isDist(v) ? v.rvs(rng) : v[rng.randint(v.length)];
      }
      yield params;
    }
  }

  get length(): number {
    const allLists = this.param_distributions.every((d) => Object.values(d).every((v) => Array.isArray(v)));
    return allLists ? Math.min(this.n_iter, new ParameterGrid(this.param_distributions as ParamValues[]).length) : this.n_iter;
  }
}

export interface RandomizedSearchCVOptions extends GridSearchCVOptions {
  n_iter?: number;
  random_state?: RandomStateLike;
}

export class RandomizedSearchCV extends BaseSearchCV {
  static override _parameter_names = ["estimator", "param_distributions", "n_iter", "scoring", "n_jobs", "refit", "cv", "verbose", "random_state", "error_score", "return_train_score"];
  param_distributions!: ParamDistributions | ParamDistributions[];
  n_iter = 10;
  random_state: RandomStateLike = null;

  /** `new RandomizedSearchCV(estimator, param_distributions, {n_iter, random_state, ...})`; the one-object form is clone's. */
  constructor(estimator?: BaseEstimator | (RandomizedSearchCVOptions & { estimator: BaseEstimator; param_distributions: ParamDistributions | ParamDistributions[] }), param_distributions?: ParamDistributions | ParamDistributions[], options: RandomizedSearchCVOptions = {}) {
    super();
    if (estimator instanceof BaseEstimator) {
      checkOptions("RandomizedSearchCV", options, [...SEARCH_KEYS, "n_iter", "random_state"]);
      this.initParams({ estimator, param_distributions, ...options });
    } else {
      this.initParams(estimator as Record<string, unknown> | undefined);
    }
    if (this.estimator === undefined || this.param_distributions === undefined) throw new TypeError("RandomizedSearchCV() missing required arguments: 'estimator' and 'param_distributions'");
    if (this.return_train_score) throw new ValueError("RandomizedSearchCV: return_train_score=true is not supported");
  }

  protected candidates(): ParamDict[] {
    return [...new ParameterSampler(this.param_distributions, this.n_iter, { random_state: this.random_state })];
  }
}
