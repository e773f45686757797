// sklearn.model_selection._validation: cross_val_score and the scorer strings GridSearchCV shares.
// Each fold fits a fresh clone on the train rows and scores the test rows, as sklearn does.
import { ValueError } from "../../utils/errors.js";
import { BaseEstimator, clone } from "../base.js";
import { checkOptions, type Label } from "../_array.js";
import { accuracy_score, f1_score, precision_score, recall_score, mean_squared_error, mean_absolute_error, r2_score } from "../metrics/index.js";
import { check_cv, safeIndexing, type CrossValidator } from "./_split.js";

/** scorer(estimator, X, y) -> number, greater is better (sklearn's scorer callables). */
export type Scorer = (estimator: BaseEstimator, X: unknown, y: ArrayLike<Label>) => number;

interface Predictor {
  predict(X: unknown): ArrayLike<Label>;
}

function predictScorer(metric: (yt: ArrayLike<Label>, yp: ArrayLike<Label>) => number, sign = 1): Scorer {
  return (est, X, y) => sign * metric(y, (est as unknown as Predictor).predict(X));
}

const num = (v: unknown): number => v as number;
const SCORERS: Record<string, Scorer> = {
  accuracy: predictScorer((a, b) => num(accuracy_score(a, b))),
  neg_mean_squared_error: predictScorer((a, b) => num(mean_squared_error(a as ArrayLike<number>, b as ArrayLike<number>)), -1),
  neg_mean_absolute_error: predictScorer((a, b) => num(mean_absolute_error(a as ArrayLike<number>, b as ArrayLike<number>)), -1),
  r2: predictScorer((a, b) => num(r2_score(a as ArrayLike<number>, b as ArrayLike<number>))),
};
for (const [name, fn] of [["f1", f1_score], ["precision", precision_score], ["recall", recall_score]] as const) {
  SCORERS[name] = predictScorer((a, b) => num(fn(a, b)));
  for (const avg of ["macro", "micro", "weighted"] as const) SCORERS[`${name}_${avg}`] = predictScorer((a, b) => num(fn(a, b, { average: avg })));
}

/** sklearn.metrics.get_scorer for the names above; null means the estimator's own `score`. */
export function get_scorer(scoring: string | Scorer | null | undefined): Scorer {
  if (scoring === null || scoring === undefined) {
    return (est, X, y) => {
      const s = (est as unknown as { score?: (X: unknown, y: unknown) => number }).score;
      if (typeof s !== "function") throw new TypeError(`If no scoring is specified, the estimator passed should have a 'score' method. The estimator ${est.constructor.name} does not.`);
      return s.call(est, X, y);
    };
  }
  if (typeof scoring === "function") return scoring;
  const s = SCORERS[scoring];
  if (s === undefined) throw new ValueError(`'${scoring}' is not a valid scoring value. Use sklearn.metrics.get_scorer_names() to get valid options.`);
  return s;
}

export function get_scorer_names(): string[] {
  return Object.keys(SCORERS).sort();
}

export function isClassifier(est: unknown): boolean {
  return (est as { _estimator_type?: unknown })._estimator_type === "classifier";
}

export interface CrossValScoreOptions {
  cv?: number | CrossValidator | null;
  scoring?: string | Scorer | null;
  /** Group labels for group-aware splitters such as GroupKFold (ignored by the others). */
  groups?: ArrayLike<Label> | null;
  error_score?: "raise" | number;
}

/** Fit a clone of `estimator` on `train` and score `test`; an error becomes error_score unless "raise". */
export function fitAndScore(estimator: BaseEstimator, X: unknown, y: ArrayLike<Label>, train: number[], test: number[], scorer: Scorer, params: Record<string, unknown> | null, error_score: "raise" | number): number {
  const est = clone(estimator);
  if (params !== null) est.set_params(params);
  const yArr = Array.from(y);
  try {
    (est as unknown as { fit(X: unknown, y: unknown): unknown }).fit(safeIndexing(X, train), safeIndexing(yArr, train));
  } catch (e) {
    if (error_score === "raise") throw e;
    process.emitWarning(`Estimator fit failed. The score on this train-test partition for these parameters will be set to ${error_score}. Details: ${String(e)}`, "FitFailedWarning");
    return error_score;
  }
  return scorer(est, safeIndexing(X, test), safeIndexing(yArr, test));
}

/** cross_val_score(estimator, X, y, {cv, scoring}): one score per fold, in fold order. */
export function cross_val_score(estimator: BaseEstimator, X: unknown, y: ArrayLike<Label>, options: CrossValScoreOptions = {}): number[] {
  checkOptions("cross_val_score", options, ["cv", "scoring", "groups", "error_score"]);
  const cv = check_cv(options.cv, isClassifier(estimator));
  const scorer = get_scorer(options.scoring);
  const err = options.error_score ?? NaN;
  const out: number[] = [];
  for (const [train, test] of cv.split(X, y, options.groups ?? null)) out.push(fitAndScore(estimator, X, y, train, test, scorer, null, err));
  return out;
}
