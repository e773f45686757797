// Mirrors sklearn.metrics.log_loss (scikit-learn 1.9): probabilities are clipped to
// [eps, 1 - eps] with eps = float64 machine epsilon (sklearn uses the input dtype's eps; our
// arithmetic is float64 throughout) and are NOT renormalised: rows that do not sum to one only warn.
import { ValueError } from "../../utils/errors.js";
import {
  checkConsistentLength,
  checkOptions,
  compareLabels,
  numpyStr,
  pairwiseSum,
  pyFloatRepr,
  pyRepr,
  toNumberMatrix,
  toNumberVector,
  toTarget,
  uniqueSorted,
  assertFinite,
  type Label,
  type LabelInput,
  type NumericInput,
  type WeightInput,
} from "../_array.js";
import type { LabelLike } from "./_prf.js";
import { UserWarning, warn } from "./_warnings.js";

const EPS = 2.220446049250313e-16;

/**
 * Log loss (cross-entropy) of predicted probabilities. `y_proba` is (n_samples, n_classes) with
 * columns in sorted label order, or (n_samples,) holding the positive class's probability.
 *
 * @example
 * log_loss(["spam", "ham", "ham", "spam"], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]]);
 * // 0.21616187468057912
 */
export function log_loss(
  y_true: LabelInput,
  y_proba: NumericInput,
  options: { normalize?: boolean; sample_weight?: WeightInput | null; labels?: ArrayLike<LabelLike> | null } = {},
): number {
  checkOptions("log_loss", options, ["normalize", "sample_weight", "labels"]);
  const { rows: proba0, ndim } = toNumberMatrix(y_proba, "y_proba");
  assertFinite(proba0.flat(), "");
  const sw = options.sample_weight === undefined || options.sample_weight === null ? null : toNumberVector(options.sample_weight, "sample_weight");
  const flat = proba0.flat();
  if (flat.length > 0) {
    const mx = flat.reduce((a, b) => (b > a ? b : a), -Infinity);
    if (mx > 1) throw new ValueError(`y_prob contains values greater than 1: ${pyFloatRepr(mx)}`);
    const mn = flat.reduce((a, b) => (b < a ? b : a), Infinity);
    if (mn < 0) throw new ValueError(`y_prob contains values lower than 0: ${pyFloatRepr(mn)}`);
  }
  const t = toTarget(y_true, "y_true");
  if (t.ndim !== 1) throw new ValueError("log_loss expects y_true as one label per sample (a 1d array).");
  checkConsistentLength(proba0.length, t.values.length, sw === null ? null : sw.length);

  // LabelBinarizer: classes are sorted, whatever order `labels` came in.
  let classes: Label[];
  if (options.labels !== undefined && options.labels !== null) {
    const lt = toTarget(options.labels, "labels");
    if (lt.ndim !== 1) throw new ValueError("labels should be a 1d array");
    classes = uniqueSorted(lt.values);
    const passed = lt.values;
    if (classes.length !== passed.length || classes.some((c, i) => compareLabels(c, passed[i]!) !== 0)) {
      warn(
        `Labels passed were ${pyList(passed, lt.kind)}. But this function assumes labels are ordered lexicographically. ` +
          `Pass the ordered labels=${pyList(classes, lt.kind)} and ensure that the columns of y_prob correspond to this ordering.`,
        UserWarning,
      );
    }
    const known = new Set(classes);
    const undeclared = uniqueSorted(t.values.filter((v) => !known.has(v)));
    if (undeclared.length > 0) {
      throw new ValueError(
        `y_true contains values {${undeclared.map((v) => pyRepr(v, t.kind)).join(", ")}} not belonging to the passed labels ${pyList(passed, lt.kind)}.`,
      );
    }
  } else {
    classes = uniqueSorted(t.values);
  }
  if (classes.length === 1) {
    if (options.labels === undefined || options.labels === null) {
      throw new ValueError(
        `y_true contains only one label (${String(classes[0])}). Please provide the list of all expected class labels explicitly through the labels argument.`,
      );
    }
    throw new ValueError(`The labels array needs to contain at least two labels, got ${numpyStr(classes, t.kind)}.`);
  }
  const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
  const proba = ndim === 1 || proba0[0]?.length === 1 ? proba0.map((r) => [1 - r[0]!, r[0]!]) : proba0;

  const rtol = Math.sqrt(EPS);
  if (proba.some((r) => Math.abs(pairwiseSum(r) - 1) > 1e-8 + rtol)) {
    warn("The y_prob values do not sum to one. Make sure to pass probabilities.", UserWarning);
  }
  const ncols = proba[0]?.length ?? 0;
  if (classes.length !== ncols) {
    if (options.labels === undefined || options.labels === null) {
      throw new ValueError(
        `y_true and y_prob contain different number of classes: ${classes.length} vs ${ncols}. Please provide the true labels explicitly through the labels argument. Classes found in y_true: ${numpyStr(classes, t.kind)}`,
      );
    }
    throw new ValueError(`The number of classes in labels is different from that in y_prob. Classes found in labels: ${numpyStr(classes, t.kind)}`);
  }
  const loss = t.values.map((v, i) => {
    const p = Math.min(Math.max(proba[i]![index.get(v)!]!, EPS), 1 - EPS);
    return -Math.log(p);
  });
  const normalize = options.normalize ?? true;
  if (sw === null) return normalize ? pairwiseSum(loss) / loss.length : pairwiseSum(loss);
  if (!normalize) return loss.reduce((s, l, i) => s + l * sw[i]!, 0);
  return pairwiseSum(loss.map((l, i) => l * sw[i]!)) / pairwiseSum(sw);
}

function pyList(values: readonly Label[], kind: Parameters<typeof pyRepr>[1]): string {
  return `[${values.map((v) => pyRepr(v, kind)).join(", ")}]`;
}
