// Mirrors mean_absolute_error, mean_squared_error, root_mean_squared_error and r2_score from
// sklearn/metrics/_regression.py (scikit-learn 1.9). As in sklearn >= 1.6 there is no `squared`
// argument: passing it names root_mean_squared_error.
import { ValueError } from "../../utils/errors.js";
import {
  assertFinite,
  checkConsistentLength,
  checkOptions,
  pairwiseSum,
  toNumberMatrix,
  toNumberVector,
  weightedAverage,
  type NumericInput,
  type WeightInput,
} from "../_array.js";
import { UndefinedMetricWarning, warn } from "./_warnings.js";

/** How outputs are combined: per output, uniform mean, variance-weighted (r2 only), or weights. */
export type Multioutput = "raw_values" | "uniform_average" | "variance_weighted" | ArrayLike<number>;

export interface RegressionOptions {
  sample_weight?: WeightInput | null;
  multioutput?: Multioutput;
}

/** A number, or one number per output with `multioutput: "raw_values"`. */
export type RegressionResult<O> = O extends { multioutput: "raw_values" } ? number[] : number;

const KEYS = ["sample_weight", "multioutput"] as const;
const HINTS = {
  squared: "`squared` was removed in scikit-learn 1.6; use root_mean_squared_error for squared=False.",
};

interface RegTargets {
  yTrue: number[][];
  yPred: number[][];
  sw: number[] | null;
  multioutput: "raw_values" | "uniform_average" | "variance_weighted" | number[];
  nOutputs: number;
}

function checkRegTargets(fn: string, y_true: NumericInput, y_pred: NumericInput, o: RegressionOptions): RegTargets {
  const a = toNumberMatrix(y_true, "y_true");
  const b = toNumberMatrix(y_pred, "y_pred");
  const sw = o.sample_weight === undefined || o.sample_weight === null ? null : toNumberVector(o.sample_weight, "sample_weight");
  checkConsistentLength(a.rows.length, b.rows.length, sw === null ? null : sw.length);
  assertFinite(a.rows.flat(), "");
  assertFinite(b.rows.flat(), "");
  const nt = a.rows[0]?.length ?? 1;
  const np = b.rows[0]?.length ?? 1;
  if (nt !== np) throw new ValueError(`y_true and y_pred have different number of output (${nt}!=${np})`);
  const mo = o.multioutput ?? "uniform_average";
  let multioutput: RegTargets["multioutput"];
  if (typeof mo === "string") {
    const allowed = fn === "r2_score" ? ["raw_values", "uniform_average", "variance_weighted"] : ["raw_values", "uniform_average"];
    if (!allowed.includes(mo)) {
      throw new ValueError(
        `The 'multioutput' parameter of ${fn} must be a str among {${allowed.map((a) => `'${a}'`).join(", ")}} or an array-like. Got '${mo}' instead.`,
      );
    }
    multioutput = mo;
  } else {
    multioutput = toNumberVector(mo, "multioutput");
    if (nt === 1) throw new ValueError("Custom weights are useful only in multi-output cases.");
    if (multioutput.length !== nt) throw new ValueError(`There must be equally many custom weights (${multioutput.length}) as outputs (${nt}).`);
  }
  return { yTrue: a.rows, yPred: b.rows, sw, multioutput, nOutputs: nt };
}

/** `np.sum(x, axis=0)` of (n, k): pairwise for one column (contiguous), row by row otherwise. */
function columnSums(m: number[][], k: number): number[] {
  if (k === 1) return [pairwiseSum(m.map((r) => r[0]!))];
  const out = new Array<number>(k).fill(0);
  for (const r of m) for (let j = 0; j < k; j++) out[j] = out[j]! + r[j]!;
  return out;
}

/** `np.average(values, axis=0, weights=sw)` per output. */
function averageAxis0(values: number[][], k: number, sw: number[] | null): number[] {
  if (sw === null) return columnSums(values, k).map((s) => s / values.length);
  const scl = pairwiseSum(sw);
  return columnSums(values.map((r, i) => r.map((v) => v * sw[i]!)), k).map((s) => s / scl);
}

function combine(errors: number[], mo: RegTargets["multioutput"]): number | number[] {
  if (mo === "raw_values") return errors;
  return weightedAverage(errors, mo === "uniform_average" || mo === "variance_weighted" ? null : mo);
}

/**
 * Mean absolute error.
 *
 * @example
 * mean_absolute_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]); // 0.5
 */
export function mean_absolute_error<O extends RegressionOptions = {}>(y_true: NumericInput, y_pred: NumericInput, options?: O): RegressionResult<O>;
export function mean_absolute_error(y_true: NumericInput, y_pred: NumericInput, options: RegressionOptions = {}): number | number[] {
  checkOptions("mean_absolute_error", options, KEYS);
  const r = checkRegTargets("mean_absolute_error", y_true, y_pred, options);
  const abs = r.yTrue.map((row, i) => row.map((v, j) => Math.abs(r.yPred[i]![j]! - v)));
  return combine(averageAxis0(abs, r.nOutputs, r.sw), r.multioutput);
}

/**
 * Mean squared error (no `squared` argument since scikit-learn 1.6; see root_mean_squared_error).
 *
 * @example
 * mean_squared_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]); // 0.375
 * mean_squared_error([[0.5, 1], [-1, 1], [7, -6]], [[0, 2], [-1, 2], [8, -5]], { multioutput: "raw_values" }); // [0.4166666666666667, 1]
 */
export function mean_squared_error<O extends RegressionOptions = {}>(y_true: NumericInput, y_pred: NumericInput, options?: O): RegressionResult<O>;
export function mean_squared_error(y_true: NumericInput, y_pred: NumericInput, options: RegressionOptions = {}): number | number[] {
  checkOptions("mean_squared_error", options, KEYS, HINTS);
  const r = checkRegTargets("mean_squared_error", y_true, y_pred, options);
  return combine(rawMse(r), r.multioutput);
}

function rawMse(r: RegTargets): number[] {
  const sq = r.yTrue.map((row, i) => row.map((v, j) => (v - r.yPred[i]![j]!) ** 2));
  return averageAxis0(sq, r.nOutputs, r.sw);
}

/**
 * Root mean squared error.
 *
 * @example
 * root_mean_squared_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]); // 0.6123724356957945
 */
export function root_mean_squared_error<O extends RegressionOptions = {}>(y_true: NumericInput, y_pred: NumericInput, options?: O): RegressionResult<O>;
export function root_mean_squared_error(y_true: NumericInput, y_pred: NumericInput, options: RegressionOptions = {}): number | number[] {
  checkOptions("root_mean_squared_error", options, KEYS);
  const r = checkRegTargets("root_mean_squared_error", y_true, y_pred, options);
  return combine(rawMse(r).map(Math.sqrt), r.multioutput);
}

/**
 * Coefficient of determination R². With `force_finite` (default) a constant `y_true` gives 1.0
 * for a perfect prediction and 0.0 otherwise instead of NaN / -Infinity.
 *
 * @example
 * r2_score([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]); // 0.9486081370449679
 */
export function r2_score<O extends RegressionOptions & { force_finite?: boolean } = {}>(y_true: NumericInput, y_pred: NumericInput, options?: O): RegressionResult<O>;
export function r2_score(y_true: NumericInput, y_pred: NumericInput, options: RegressionOptions & { force_finite?: boolean } = {}): number | number[] {
  checkOptions("r2_score", options, [...KEYS, "force_finite"]);
  const r = checkRegTargets("r2_score", y_true, y_pred, options);
  const n = r.yPred.length;
  if (n < 2) {
    warn("R^2 score is not well-defined with less than two samples.", UndefinedMetricWarning);
    return NaN;
  }
  const k = r.nOutputs;
  const w = (i: number): number => (r.sw === null ? 1.0 : r.sw[i]!);
  const numerator = columnSums(r.yTrue.map((row, i) => row.map((v, j) => w(i) * (v - r.yPred[i]![j]!) ** 2)), k);
  const meanTrue = averageAxis0(r.yTrue, k, r.sw);
  const denominator = columnSums(r.yTrue.map((row, i) => row.map((v, j) => w(i) * (v - meanTrue[j]!) ** 2)), k);
  const forceFinite = options.force_finite ?? true;
  const scores = numerator.map((num, j) => {
    const den = denominator[j]!;
    if (!forceFinite) return 1 - num / den;
    if (num === 0) return 1.0;
    if (den === 0) return 0.0;
    return 1 - num / den;
  });
  if (r.multioutput === "raw_values") return scores;
  let weights: number[] | null = null;
  if (r.multioutput === "variance_weighted") weights = denominator.some((d) => d !== 0) ? denominator : null;
  else if (r.multioutput !== "uniform_average") weights = r.multioutput;
  return weightedAverage(scores, weights);
}
