// Mirrors precision_recall_fscore_support and its wrappers from sklearn/metrics/_classification.py
// (scikit-learn 1.9): the same label checks, zero_division handling, UndefinedMetricWarning texts and
// averaging (NaN-aware, support-weighted, sample-weighted for multilabel "samples").
import { ValueError } from "../../utils/errors.js";
import {
  checkOptions,
  numpyStr,
  pairwiseSum,
  pyRepr,
  weightedAverage,
  ZeroWeightsError,
  type Label,
  type LabelInput,
  type WeightInput,
} from "../_array.js";
import { asLabel, checkTargets, labelCounts, labelList } from "./_classification.js";
import { UndefinedMetricWarning, UserWarning, warn } from "./_warnings.js";

/** sklearn's `average`: null returns one score per label. */
export type Average = "binary" | "micro" | "macro" | "weighted" | "samples" | null;
/** `"warn"` (acts as 0 and warns), 0, 1 or NaN. */
export type ZeroDivision = "warn" | number;
/** A class label as a user passes it (booleans compare as 0/1, like NumPy). */
export type LabelLike = Label | boolean;

/** Keyword arguments of precision_score / recall_score / f1_score. */
export interface ScoreOptions {
  labels?: ArrayLike<LabelLike> | null;
  pos_label?: LabelLike | null;
  average?: Average;
  sample_weight?: WeightInput | null;
  zero_division?: ZeroDivision;
}
/** Keyword arguments of precision_recall_fscore_support (default `average` is null there). */
export interface PRFOptions extends ScoreOptions {
  beta?: number;
  warn_for?: readonly ("precision" | "recall" | "f-score")[];
}

const AVERAGE_OPTIONS = [null, "micro", "macro", "weighted", "samples"] as const;
const PRF_KEYS = ["beta", "labels", "pos_label", "average", "warn_for", "sample_weight", "zero_division"] as const;
const SCORE_KEYS = ["labels", "pos_label", "average", "sample_weight", "zero_division"] as const;

function zeroDivisionValue(zd: ZeroDivision, fn: string): number {
  if (zd === "warn") return 0;
  if (zd === 0 || zd === 1 || Number.isNaN(zd)) return zd;
  throw new ValueError(
    `The 'zero_division' parameter of ${fn} must be a float among {0.0, 1.0, nan} or a str among {'warn'}. Got ${typeof zd === "string" ? `'${zd}'` : String(zd)} instead.`,
  );
}

function warnPrf(average: Average, modifier: string, msgStart: string, resultSize: number): void {
  let axis0 = "sample";
  let axis1 = "label";
  if (average === "samples") [axis0, axis1] = [axis1, axis0];
  const lead = resultSize === 1 ? "due to" : `in ${axis1}s with`;
  warn(
    `${msgStart} ill-defined and being set to 0.0 ${lead} no ${modifier} ${axis0}s. Use \`zero_division\` parameter to control this behavior.`,
    UndefinedMetricWarning,
  );
}

function prfDivide(
  num: number[],
  den: number[],
  metric: string,
  modifier: string,
  average: Average,
  warnFor: readonly string[],
  zd: ZeroDivision,
): number[] {
  let anyZero = false;
  const zv = zeroDivisionValue(zd, "precision_recall_fscore_support");
  const out = num.map((v, i) => {
    if (den[i] === 0) {
      anyZero = true;
      return zv;
    }
    return v / den[i]!;
  });
  if (anyZero && zd === "warn" && warnFor.includes(metric)) {
    warnPrf(average, modifier, `${metric[0]!.toUpperCase()}${metric.slice(1)} is`, out.length);
  }
  return out;
}

/** `_nanaverage`: mean ignoring NaN, weighted when weights are given (all-zero weights → unweighted). */
function nanAverage(a: number[], weights: number[] | null): number {
  if (a.length === 0) return NaN;
  const keep = a.map((v) => !Number.isNaN(v));
  if (!keep.some(Boolean)) return NaN;
  const av = a.filter((_, i) => keep[i]);
  if (weights === null) return weightedAverage(av, null);
  const wv = weights.filter((_, i) => keep[i]);
  try {
    return weightedAverage(av, wv);
  } catch (e) {
    if (e instanceof ZeroWeightsError) return weightedAverage(av, null);
    throw e;
  }
}

function fmtAverage(a: Average): string {
  return a === null ? "None" : `'${a}'`;
}

/** Per-label arrays `[precision, recall, fbeta, support]`. */
export type PRFArrays = [number[], number[], number[], number[]];
/** Averaged `[precision, recall, fbeta, null]`. */
export type PRFAveraged = [number, number, number, null];
/** What precision_recall_fscore_support returns for options of type `O` (average defaults to null). */
export type PRFResult<O> = "average" extends keyof O
  ? O[keyof O & "average"] extends null | undefined
    ? PRFArrays
    : null extends O[keyof O & "average"]
      ? PRFArrays | PRFAveraged
      : PRFAveraged
  : PRFArrays;

function prf(y_true: LabelInput, y_pred: LabelInput, o: PRFOptions, defaultAverage: Average, fn: string) {
  const zd = o.zero_division ?? "warn";
  zeroDivisionValue(zd, fn);
  const average = o.average === undefined ? defaultAverage : o.average;
  if (!(AVERAGE_OPTIONS as readonly Average[]).includes(average) && average !== "binary") {
    throw new ValueError("average has to be one of (None, 'micro', 'macro', 'weighted', 'samples')");
  }
  const beta = o.beta ?? 1;
  if (!(beta >= 0)) throw new ValueError(`The 'beta' parameter of ${fn} must be a float in the range [0.0, inf]. Got ${beta} instead.`);
  const c = checkTargets(y_true, y_pred, o.sample_weight);
  let labels: Label[] | null = o.labels === undefined || o.labels === null ? null : labelList(o.labels);
  const rawPos = o.pos_label === undefined ? 1 : o.pos_label;
  const pos = rawPos === null ? null : asLabel(rawPos);
  if (average === "binary") {
    if (c.type === "binary") {
      if (pos === null || !c.labels.includes(pos)) {
        if (c.labels.length >= 2) {
          throw new ValueError(`pos_label=${rawPos === null ? "None" : pyRepr(rawPos).replace(/^'(.*)'$/, "$1")} is not a valid label. It should be one of ${numpyStr(c.labels, c.kind)}`);
        }
      }
      labels = [pos as Label];
    } else {
      const opts = c.type === "multiclass" ? "[None, 'micro', 'macro', 'weighted']" : "[None, 'micro', 'macro', 'weighted', 'samples']";
      throw new ValueError(`Target is ${c.type} but average='binary'. Please choose another average setting, one of ${opts}.`);
    }
  } else if (pos !== null && pos !== 1) {
    warn(
      `Note that pos_label (set to ${pyRepr(rawPos)}) is ignored when average != 'binary' (got ${fmtAverage(average)}). You may use labels=[pos_label] to specify a single positive class.`,
      UserWarning,
    );
  }
  const k = labelCounts(c, labels, average === "samples");
  let tp = k.tp;
  let pred = k.pred;
  let tru = k.true;
  if (average === "micro") {
    tp = [pairwiseSum(tp)];
    pred = [pairwiseSum(pred)];
    tru = [pairwiseSum(tru)];
  }
  const warnFor = o.warn_for ?? ["precision", "recall", "f-score"];
  const precision = prfDivide(tp, pred, "precision", "predicted", average, warnFor, zd);
  const recall = prfDivide(tp, tru, "recall", "true", average, warnFor, zd);
  let f: number[];
  if (beta === Infinity) f = recall;
  else if (beta === 0) f = precision;
  else {
    const b2 = beta ** 2;
    const denom = tru.map((t, i) => b2 * t + pred[i]!);
    f = prfDivide(tp.map((v) => (1 + b2) * v), denom, "f-score", "true nor predicted", average, warnFor, zd);
  }
  const weights = average === "weighted" ? tru : average === "samples" ? c.sampleWeight : null;
  return { average, precision, recall, f, support: tru, weights };
}

/**
 * Precision, recall, F-beta and support per label, or averaged (then support is null).
 * Destructures like the Python tuple.
 *
 * @example
 * const [p, r, f, s] = precision_recall_fscore_support(["cat", "dog", "pig", "cat"], ["cat", "pig", "dog", "cat"]);
 * // p = [1, 0, 0], r = [1, 0, 0], f = [1, 0, 0], s = [2, 1, 1]
 * precision_recall_fscore_support([0, 1, 2, 0], [0, 2, 1, 0], { average: "macro" });
 * // [0.3333333333333333, 0.3333333333333333, 0.3333333333333333, null]
 */
export function precision_recall_fscore_support<O extends PRFOptions = {}>(y_true: LabelInput, y_pred: LabelInput, options?: O): PRFResult<O>;
export function precision_recall_fscore_support(y_true: LabelInput, y_pred: LabelInput, options: PRFOptions = {}): PRFArrays | PRFAveraged {
  checkOptions("precision_recall_fscore_support", options, PRF_KEYS);
  const r = prf(y_true, y_pred, options, null, "precision_recall_fscore_support");
  if (r.average === null) return [r.precision, r.recall, r.f, r.support];
  return [nanAverage(r.precision, r.weights), nanAverage(r.recall, r.weights), nanAverage(r.f, r.weights), null];
}

/** Per-label array when `average` is null, else one number (binary by default). */
export type ScoreResult<O> = O extends { average: null }
  ? number[]
  : "average" extends keyof O
    ? null extends O[keyof O & "average"]
      ? number | number[]
      : number
    : number;

function score(which: "precision" | "recall" | "f", y_true: LabelInput, y_pred: LabelInput, o: PRFOptions, fn: string, keys: readonly string[]): number | number[] {
  checkOptions(fn, o, keys);
  const warnFor = which === "f" ? (["f-score"] as const) : ([which] as const);
  const r = prf(y_true, y_pred, { ...o, warn_for: warnFor }, "binary", fn);
  const v = r[which];
  return r.average === null ? v : nanAverage(v, r.weights);
}

/**
 * Precision `tp / (tp + fp)`; binary by default (`pos_label` 1).
 *
 * @example
 * precision_score([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: "macro" }); // 0.2222222222222222
 * precision_score([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: null });    // [0.6666666666666666, 0, 0]
 */
export function precision_score<O extends ScoreOptions = {}>(y_true: LabelInput, y_pred: LabelInput, options?: O): ScoreResult<O>;
export function precision_score(y_true: LabelInput, y_pred: LabelInput, options: ScoreOptions = {}): number | number[] {
  return score("precision", y_true, y_pred, options, "precision_score", SCORE_KEYS);
}

/**
 * Recall `tp / (tp + fn)`; binary by default.
 *
 * @example
 * recall_score([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: "micro" }); // 0.3333333333333333
 */
export function recall_score<O extends ScoreOptions = {}>(y_true: LabelInput, y_pred: LabelInput, options?: O): ScoreResult<O>;
export function recall_score(y_true: LabelInput, y_pred: LabelInput, options: ScoreOptions = {}): number | number[] {
  return score("recall", y_true, y_pred, options, "recall_score", SCORE_KEYS);
}

/**
 * F1 score, the harmonic mean of precision and recall; binary by default.
 *
 * @example
 * f1_score([0, 1, 0, 1, 0], [0, 0, 1, 1, 0]);                                // 0.5
 * f1_score([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: "weighted" }); // 0.26666666666666666
 */
export function f1_score<O extends ScoreOptions = {}>(y_true: LabelInput, y_pred: LabelInput, options?: O): ScoreResult<O>;
export function f1_score(y_true: LabelInput, y_pred: LabelInput, options: ScoreOptions = {}): number | number[] {
  checkOptions("f1_score", options, SCORE_KEYS);
  return score("f", y_true, y_pred, { ...options, beta: 1 }, "f1_score", [...SCORE_KEYS, "beta"]);
}

/**
 * F-beta score: `beta` < 1 favours precision, > 1 recall. `beta` is required, as in sklearn.
 *
 * @example
 * fbeta_score([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { beta: 0.5, average: "macro" }); // 0.2380952380952381
 */
export function fbeta_score<O extends ScoreOptions & { beta: number }>(y_true: LabelInput, y_pred: LabelInput, options: O): ScoreResult<O>;
export function fbeta_score(y_true: LabelInput, y_pred: LabelInput, options: ScoreOptions & { beta: number }): number | number[] {
  if (options === undefined || typeof options.beta !== "number") {
    throw new TypeError("fbeta_score() missing 1 required keyword-only argument: 'beta'");
  }
  return score("f", y_true, y_pred, options, "fbeta_score", [...SCORE_KEYS, "beta"]);
}
