// Mirrors sklearn/metrics/_classification.py (scikit-learn 1.9): target checking, accuracy,
// confusion matrices, Matthews correlation and Cohen's kappa. Precision/recall/F live in _prf.ts,
// the report in _report.ts, log_loss in _log_loss.ts. Results are plain numbers / arrays; messages
// are sklearn's, word for word, so a user can search them.
import { ValueError } from "../../utils/errors.js";
import {
  checkConsistentLength,
  compareLabels,
  numpyStr,
  pairwiseSum,
  pyFloatRepr,
  toNumberVector,
  toTarget,
  typeOfTarget,
  uniqueSorted,
  checkOptions,
  type Label,
  type LabelInput,
  type LabelKind,
  type Target,
  type WeightInput,
} from "../_array.js";
import { warn, UndefinedMetricWarning, UserWarning } from "./_warnings.js";

/** What `_check_targets` hands on: the task type, sorted labels and parsed inputs. */
export interface CheckedTargets {
  type: "binary" | "multiclass" | "multilabel-indicator";
  /** Sorted distinct labels (column indices for a multilabel indicator). */
  labels: Label[];
  kind: LabelKind;
  yTrue: Label[];
  yPred: Label[];
  /** Indicator rows (multilabel only). */
  mTrue: number[][];
  mPred: number[][];
  n: number;
  sampleWeight: number[] | null;
}

function targetLength(t: Target): number {
  return t.ndim === 1 ? t.values.length : t.rows.length;
}

/** sklearn's `_check_targets(y_true, y_pred, sample_weight)`. */
export function checkTargets(y_true: unknown, y_pred: unknown, sample_weight?: unknown): CheckedTargets {
  const tTrue = toTarget(y_true, "y_true");
  const tPred = toTarget(y_pred, "y_pred");
  const sw = sample_weight === undefined || sample_weight === null ? null : toNumberVector(sample_weight, "sample_weight");
  checkConsistentLength(targetLength(tTrue), targetLength(tPred), sw === null ? null : sw.length);
  const typeTrue = typeOfTarget(tTrue, "y_true");
  const typePred = typeOfTarget(tPred, "y_pred");
  if (targetLength(tTrue) < 1 || targetLength(tPred) < 1) {
    throw new ValueError("Found empty input array (e.g., `y_true` or `y_pred`) while a minimum of 1 sample is required.");
  }
  let type: string;
  const types = new Set([typeTrue, typePred]);
  if (types.size === 2 && types.has("binary") && types.has("multiclass")) type = "multiclass";
  else if (types.size > 1) throw new ValueError(`Classification metrics can't handle a mix of ${typeTrue} and ${typePred} targets`);
  else type = typeTrue;
  if (type !== "binary" && type !== "multiclass" && type !== "multilabel-indicator") {
    throw new ValueError(`${type} is not supported`);
  }
  const kind = combineKinds(tTrue.kind, tPred.kind);
  if (type === "multilabel-indicator") {
    const a = tTrue as Extract<Target, { ndim: 2 }>;
    const b = tPred as Extract<Target, { ndim: 2 }>;
    if (a.ncols !== b.ncols) throw new ValueError("Multi-label binary indicator input with different numbers of labels");
    return {
      type,
      labels: Array.from({ length: a.ncols }, (_, i) => i),
      kind: "int",
      yTrue: [],
      yPred: [],
      mTrue: a.rows as number[][],
      mPred: b.rows as number[][],
      n: a.rows.length,
      sampleWeight: sw,
    };
  }
  const yt = (tTrue as Extract<Target, { ndim: 1 }>).values;
  const yp = (tPred as Extract<Target, { ndim: 1 }>).values;
  const labels = uniqueLabels(yt, tTrue.kind, yp, tPred.kind);
  if (type === "binary" && labels.length > 2) type = "multiclass";
  return { type: type as CheckedTargets["type"], labels, kind, yTrue: yt, yPred: yp, mTrue: [], mPred: [], n: yt.length, sampleWeight: sw };
}

function combineKinds(a: LabelKind, b: LabelKind): LabelKind {
  if (a === b) return a;
  if (a === "str" || b === "str") return "str";
  if (a === "float" || b === "float") return "float";
  return "int";
}

/** `unique_labels(y_true, y_pred)`: sorted union, refusing strings mixed with numbers. */
export function uniqueLabels(yt: Label[], kt: LabelKind, yp: Label[], kp: LabelKind): Label[] {
  const all = new Set<Label>([...yt, ...yp]);
  const kinds = new Set([...all].map((v) => typeof v));
  if (kinds.size > 1) {
    throw new ValueError(
      `Mix of label input types (string and number); Got ${numpyStr(uniqueSorted(yt), kt)} and ${numpyStr(uniqueSorted(yp), kp)}.`,
    );
  }
  return [...all].sort(compareLabels);
}

/** Normalise a user label (pos_label, labels entries) to our representation (True == 1). */
export function asLabel(v: Label | boolean | bigint): Label {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v);
  return v;
}

export function labelList(labels: ArrayLike<Label | boolean | bigint> | { tolist(): unknown }, name = "labels"): Label[] {
  const t = toTarget(labels, name);
  if (t.ndim !== 1) throw new ValueError(`${name} should be a 1d array`);
  return t.values;
}

/** Per-label counts behind `multilabel_confusion_matrix`: tp, predicted, true and tn sums. */
export interface LabelCounts {
  tp: number[];
  pred: number[];
  true: number[];
  tn: number[];
}

/** The core of sklearn's `multilabel_confusion_matrix` (labels already validated). */
export function labelCounts(c: CheckedTargets, labels: Label[] | null, samplewise: boolean): LabelCounts {
  const sw = c.sampleWeight;
  let tp: number[];
  let pred: number[];
  let tru: number[];
  let total: number | number[];
  if (c.type !== "multilabel-indicator") {
    if (samplewise) throw new ValueError("Samplewise metrics are not available outside of multilabel classification.");
    const present = c.labels;
    const given = labels ?? present;
    const extra = labels === null ? [] : present.filter((p) => !labels.includes(p));
    const classes = uniqueSorted([...given, ...extra]);
    const index = new Map<Label, number>(classes.map((l, i) => [l, i]));
    const tpAll = new Array<number>(classes.length).fill(0);
    const predAll = new Array<number>(classes.length).fill(0);
    const trueAll = new Array<number>(classes.length).fill(0);
    for (let i = 0; i < c.n; i++) {
      const w = sw === null ? 1 : sw[i]!;
      const t = index.get(c.yTrue[i]!)!;
      const p = index.get(c.yPred[i]!)!;
      if (t === p) tpAll[t] = tpAll[t]! + w;
      predAll[p] = predAll[p]! + w;
      trueAll[t] = trueAll[t]! + w;
    }
    const idx = given.map((l) => index.get(l)!);
    tp = idx.map((i) => tpAll[i]!);
    pred = idx.map((i) => predAll[i]!);
    tru = idx.map((i) => trueAll[i]!);
    total = sw === null ? c.n : pairwiseSum(sw);
  } else {
    let cols = c.labels as number[];
    if (labels !== null) {
      const nums = labels as number[];
      const maxL = Math.max(...nums);
      const maxP = c.labels.length - 1;
      if (maxL > maxP) throw new ValueError(`All labels must be in [0, n labels) for multilabel targets. Got ${maxL} > ${maxP}`);
      const minL = Math.min(...nums);
      if (minL < 0) throw new ValueError(`All labels must be in [0, n labels) for multilabel targets. Got ${minL} < 0`);
      cols = nums;
    }
    const nz = (v: number): number => (v !== 0 ? 1 : 0);
    if (samplewise) {
      tp = c.mTrue.map((r, i) => cols.reduce((s, j) => s + nz(r[j]!) * nz(c.mPred[i]![j]!), 0) * (sw === null ? 1 : sw[i]!));
      pred = c.mPred.map((r, i) => cols.reduce((s, j) => s + nz(r[j]!), 0) * (sw === null ? 1 : sw[i]!));
      tru = c.mTrue.map((r, i) => cols.reduce((s, j) => s + nz(r[j]!), 0) * (sw === null ? 1 : sw[i]!));
      total = sw === null ? cols.length : sw.map((w) => w * cols.length);
    } else {
      tp = cols.map(() => 0);
      pred = cols.map(() => 0);
      tru = cols.map(() => 0);
      for (let i = 0; i < c.n; i++) {
        const w = sw === null ? 1 : sw[i]!;
        cols.forEach((j, k) => {
          const t = nz(c.mTrue[i]![j]!);
          const p = nz(c.mPred[i]![j]!);
          if (t && p) tp[k] = tp[k]! + w;
          if (p) pred[k] = pred[k]! + w;
          if (t) tru[k] = tru[k]! + w;
        });
      }
      total = sw === null ? c.n : pairwiseSum(sw);
    }
  }
  const tn = tp.map((v, i) => {
    const fp = pred[i]! - v;
    const fn = tru[i]! - v;
    const tot = typeof total === "number" ? total : total[i]!;
    return tot - v - fp - fn;
  });
  return { tp, pred, true: tru, tn };
}

/**
 * Accuracy classification score (subset accuracy for multilabel indicators).
 *
 * @example
 * accuracy_score([0, 1, 2, 3], [0, 2, 1, 3]);                       // 0.5
 * accuracy_score([0, 1, 2, 3], [0, 2, 1, 3], { normalize: false }); // 2
 */
export function accuracy_score(
  y_true: LabelInput,
  y_pred: LabelInput,
  options: { normalize?: boolean; sample_weight?: WeightInput | null } = {},
): number {
  checkOptions("accuracy_score", options, ["normalize", "sample_weight"]);
  const c = checkTargets(y_true, y_pred, options.sample_weight);
  const score =
    c.type === "multilabel-indicator"
      ? c.mTrue.map((r, i) => (r.every((v, j) => v === c.mPred[i]![j]) ? 1 : 0))
      : c.yTrue.map((v, i) => (v === c.yPred[i] ? 1 : 0));
  const sw = c.sampleWeight;
  if (options.normalize ?? true) {
    if (sw === null) return pairwiseSum(score) / score.length;
    return pairwiseSum(score.map((s, i) => s * sw[i]!)) / pairwiseSum(sw);
  }
  if (sw === null) return pairwiseSum(score);
  return score.reduce<number>((s, v, i) => s + v * sw[i]!, 0);
}

export type ConfusionNormalize = "true" | "pred" | "all" | null;

/**
 * Confusion matrix `C[i][j]` = samples of true class `labels[i]` predicted as `labels[j]`.
 *
 * @example
 * confusion_matrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]);
 * // [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
 * confusion_matrix(["cat", "ant", "cat"], ["ant", "ant", "cat"], { normalize: "true" });
 * // [[1, 0], [0.5, 0.5]]
 */
export function confusion_matrix(
  y_true: LabelInput,
  y_pred: LabelInput,
  options: { labels?: ArrayLike<Label | boolean> | null; sample_weight?: WeightInput | null; normalize?: ConfusionNormalize } = {},
): number[][] {
  checkOptions("confusion_matrix", options, ["labels", "sample_weight", "normalize"]);
  const c = checkTargets(y_true, y_pred, options.sample_weight);
  if (c.type !== "binary" && c.type !== "multiclass") throw new ValueError(`${c.type} is not supported`);
  let labels = c.labels;
  if (options.labels !== undefined && options.labels !== null) {
    labels = labelList(options.labels);
    if (labels.length === 0) throw new ValueError("'labels' should contain at least one label.");
    const inTrue = new Set(c.yTrue);
    if (!labels.some((l) => inTrue.has(l))) throw new ValueError("At least one label specified must be in y_true");
  }
  const normalize = options.normalize ?? null;
  if (normalize !== null && !["true", "pred", "all"].includes(normalize)) {
    throw new ValueError(`The 'normalize' parameter of confusion_matrix must be a str among {'all', 'pred', 'true'} or None. Got '${String(normalize)}' instead.`);
  }
  const n = labels.length;
  const index = new Map<Label, number>();
  labels.forEach((l, i) => index.set(l, i)); // a repeated label keeps its last index, as sklearn's dict
  const cm = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const sw = c.sampleWeight;
  for (let i = 0; i < c.n; i++) {
    const t = index.get(c.yTrue[i]!);
    const p = index.get(c.yPred[i]!);
    if (t === undefined || p === undefined) continue;
    cm[t]![p] = cm[t]![p]! + (sw === null ? 1 : sw[i]!);
  }
  let out = cm;
  if (normalize === "true") {
    out = cm.map((row) => {
      const s = pairwiseSum(row);
      return row.map((v) => v / s);
    });
  } else if (normalize === "pred") {
    const colSums = cm[0]!.map((_, j) => cm.reduce((s, row) => s + row[j]!, 0));
    out = cm.map((row) => row.map((v, j) => v / colSums[j]!));
  } else if (normalize === "all") {
    const s = pairwiseSum(cm.flat());
    out = cm.map((row) => row.map((v) => v / s));
  }
  if (normalize !== null) out = out.map((row) => row.map(nanToNum));
  if (n === 1) {
    warn(
      "A single label was found in 'y_true' and 'y_pred'. For the confusion matrix to have the correct shape, use the 'labels' parameter to pass all known labels.",
      UserWarning,
    );
  }
  return out;
}

function nanToNum(v: number): number {
  if (Number.isNaN(v)) return 0;
  if (v === Infinity) return Number.MAX_VALUE;
  if (v === -Infinity) return -Number.MAX_VALUE;
  return v;
}

/**
 * One 2×2 matrix `[[tn, fp], [fn, tp]]` per label (or per sample with `samplewise`).
 *
 * @example
 * multilabel_confusion_matrix(["a", "b", "a"], ["a", "a", "b"]);
 * // [[[0, 1], [1, 1]], [[1, 1], [1, 0]]]
 */
export function multilabel_confusion_matrix(
  y_true: LabelInput,
  y_pred: LabelInput,
  options: { sample_weight?: WeightInput | null; labels?: ArrayLike<Label | boolean> | null; samplewise?: boolean } = {},
): number[][][] {
  checkOptions("multilabel_confusion_matrix", options, ["sample_weight", "labels", "samplewise"]);
  const c = checkTargets(y_true, y_pred, options.sample_weight);
  const labels = options.labels === undefined || options.labels === null ? null : labelList(options.labels);
  const k = labelCounts(c, labels, options.samplewise ?? false);
  return k.tp.map((tp, i) => [
    [k.tn[i]!, k.pred[i]! - tp],
    [k.true[i]! - tp, tp],
  ]);
}

/**
 * Matthews correlation coefficient (binary and multiclass).
 *
 * @example
 * matthews_corrcoef([+1, +1, +1, -1], [+1, -1, +1, +1]); // -0.3333333333333333
 */
export function matthews_corrcoef(y_true: LabelInput, y_pred: LabelInput, options: { sample_weight?: WeightInput | null } = {}): number {
  checkOptions("matthews_corrcoef", options, ["sample_weight"]);
  const c = checkTargets(y_true, y_pred, options.sample_weight);
  if (c.type !== "binary" && c.type !== "multiclass") throw new ValueError(`${c.type} is not supported`);
  const C = confusion_matrix(c.yTrue, c.yPred, { sample_weight: c.sampleWeight, labels: c.labels });
  const tSum = C.map((row) => pairwiseSum(row));
  const pSum = C[0]!.map((_, j) => C.reduce((s, row) => s + row[j]!, 0));
  let nCorrect = 0;
  for (let i = 0; i < C.length; i++) nCorrect += C[i]![i]!;
  const nSamples = pairwiseSum(pSum);
  const dot = (a: number[], b: number[]): number => a.reduce((s, v, i) => s + v * b[i]!, 0);
  const covYtYp = nCorrect * nSamples - dot(tSum, pSum);
  const covYpYp = nSamples ** 2 - dot(pSum, pSum);
  const covYtYt = nSamples ** 2 - dot(tSum, tSum);
  const prod = covYpYp * covYtYt;
  if (prod === 0) return 0.0;
  return covYtYp / Math.sqrt(prod);
}

/**
 * Cohen's kappa: agreement between two annotators, optionally weighted.
 *
 * @example
 * cohen_kappa_score(["a", "b", "a", "c"], ["a", "b", "b", "c"]); // 0.6363636363636364
 * cohen_kappa_score([0, 1, 2, 2], [0, 2, 2, 1], { weights: "quadratic" }); // 0.6363636363636364
 */
export function cohen_kappa_score(
  y1: LabelInput,
  y2: LabelInput,
  options: {
    labels?: ArrayLike<Label | boolean> | null;
    weights?: "linear" | "quadratic" | null;
    sample_weight?: WeightInput | null;
    replace_undefined_by?: number;
  } = {},
): number {
  checkOptions("cohen_kappa_score", options, ["labels", "weights", "sample_weight", "replace_undefined_by"]);
  const replace = options.replace_undefined_by ?? NaN;
  if (!Number.isNaN(replace) && (replace < -1 || replace > 1)) {
    throw new ValueError(`The 'replace_undefined_by' parameter of cohen_kappa_score must be a float in the range [-1.0, 1.0] or nan. Got ${replace} instead.`);
  }
  const weights = options.weights ?? null;
  if (weights !== null && weights !== "linear" && weights !== "quadratic") {
    throw new ValueError(`The 'weights' parameter of cohen_kappa_score must be a str among {'linear', 'quadratic'} or None. Got '${String(weights)}' instead.`);
  }
  let confusion: number[][];
  try {
    confusion = confusion_matrix(y1, y2, { labels: options.labels ?? null, sample_weight: options.sample_weight ?? null });
  } catch (e) {
    if (e instanceof ValueError && e.message.includes("At least one label specified must be in y_true")) {
      throw new ValueError(
        "At least one label in `labels` must be present in `y1` (even though `cohen_kappa_score` is otherwise agnostic to the order of `y1` and `y2`).",
      );
    }
    throw e;
  }
  const n = confusion.length;
  const sum0 = confusion[0]!.map((_, j) => confusion.reduce((s, row) => s + row[j]!, 0));
  const sum1 = confusion.map((row) => pairwiseSum(row));
  const total = pairwiseSum(sum0);
  const rep = pyFloatRepr(replace);
  if (total === 0) {
    warn(
      "`y2` contains no labels that are present in both `y1` and `labels`.`cohen_kappa_score` is undefined and set to the value defined by " +
        `the \`replace_undefined_by\` param, which is set to ${rep}.`,
      UndefinedMetricWarning,
    );
    return replace;
  }
  const w = (i: number, j: number): number => {
    if (weights === null) return i === j ? 0 : 1;
    return weights === "linear" ? Math.abs(j - i) : (j - i) ** 2;
  };
  const num: number[] = [];
  const den: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      num.push(w(i, j) * confusion[i]![j]!);
      den.push(w(i, j) * ((sum0[i]! * sum1[j]!) / total));
    }
  }
  const d = pairwiseSum(den);
  if (d === 0) {
    warn(
      "`y1`, `y2` and `labels` have only one label in common. `cohen_kappa_score` is undefined and set to the value defined by the " +
        `the \`replace_undefined_by\` param, which is set to ${rep}.`,
      UndefinedMetricWarning,
    );
    return replace;
  }
  return 1 - pairwiseSum(num) / d;
}
