// Mirrors roc_curve, auc and roc_auc_score from sklearn/metrics/_ranking.py and
// _average_binary_score / _average_multiclass_ovo_score from sklearn/metrics/_base.py
// (scikit-learn 1.9): binary scores, multilabel indicators, multiclass one-vs-rest and one-vs-one.
import { NotImplementedError, ValueError } from "../../utils/errors.js";
import {
  checkConsistentLength,
  checkOptions,
  numpyStr,
  pairwiseSum,
  pyRepr,
  toNumberMatrix,
  toNumberVector,
  toTarget,
  typeOfTarget,
  uniqueSorted,
  weightedAverage,
  type Label,
  type LabelInput,
  type NumericInput,
  type WeightInput,
} from "../_array.js";
import type { LabelLike } from "./_prf.js";
import { UndefinedMetricWarning, warn } from "./_warnings.js";

/**
 * Area under a curve by the trapezoidal rule (x monotonic, either direction).
 *
 * @example
 * auc([1, 2, 3, 4], [0.1, 0.4, 0.35, 0.8]); // 1.2
 */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const xs = toNumberVector(x, "x");
  const ys = toNumberVector(y, "y");
  checkConsistentLength(xs.length, ys.length);
  if (xs.length < 2) throw new ValueError(`At least 2 points are needed to compute area under curve, but x.shape = ${xs.length}`);
  const dx = xs.slice(1).map((v, i) => v - xs[i]!);
  let direction = 1;
  if (dx.some((d) => d < 0)) {
    if (dx.every((d) => d <= 0)) direction = -1;
    else throw new ValueError(`x is neither increasing nor decreasing : ${numpyStr(xs, "float")}.`);
  }
  return direction * pairwiseSum(dx.map((d, i) => (d * (ys[i + 1]! + ys[i]!)) / 2.0));
}

/** Counts at each distinct threshold (sklearn's confusion_matrix_at_thresholds, fps/tps part). */
function countsAtThresholds(yTrue: number[], score: number[], sw: number[] | null) {
  let y = yTrue;
  let s = score;
  let w = sw;
  if (w !== null) {
    const keep = w.map((v) => v !== 0);
    y = y.filter((_, i) => keep[i]);
    s = s.filter((_, i) => keep[i]);
    w = w.filter((_, i) => keep[i]);
  }
  const order = s.map((_, i) => i).sort((a, b) => s[b]! - s[a]! || a - b);
  const ys = order.map((i) => y[i]!);
  const ss = order.map((i) => s[i]!);
  const ws = w === null ? null : order.map((i) => w![i]!);
  const thr: number[] = [];
  for (let i = 0; i < ss.length - 1; i++) if (ss[i + 1]! - ss[i]! !== 0) thr.push(i);
  thr.push(ys.length - 1);
  const tpsAll: number[] = [];
  const fpsAll: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < ys.length; i++) {
    const wi = ws === null ? 1.0 : ws[i]!;
    tp += ys[i]! * wi;
    fp += (1 - ys[i]!) * wi;
    tpsAll.push(tp);
    fpsAll.push(fp);
  }
  const tps = thr.map((i) => tpsAll[i]!);
  const fps = ws === null ? thr.map((i, k) => 1 + i - tps[k]!) : thr.map((i) => fpsAll[i]!);
  return { tps, fps, thresholds: thr.map((i) => ss[i]!) };
}

function binaryTarget(y_true: unknown, pos_label: LabelLike | null | undefined): number[] {
  const t = toTarget(y_true, "y_true");
  const type = typeOfTarget(t, "y_true");
  const hasPos = pos_label !== undefined && pos_label !== null;
  if (!(type === "binary" || (type === "multiclass" && hasPos))) throw new ValueError(`${type} format is not supported`);
  const values = (t as { values: Label[] }).values;
  let pos: Label = 1;
  if (hasPos) pos = typeof pos_label === "boolean" ? (pos_label ? 1 : 0) : pos_label;
  else {
    const classes = uniqueSorted(values);
    const ok = [[0, 1], [-1, 1], [0], [-1], [1]].some((set) => set.length === classes.length && set.every((v, i) => v === classes[i]));
    if (!ok) {
      throw new ValueError(
        `y_true takes value in {${classes.map((c) => pyRepr(c, t.kind)).join(", ")}} and pos_label is not specified: either make y_true take value in {0, 1} or {-1, 1} or pass pos_label explicitly.`,
      );
    }
  }
  return values.map((v) => (v === pos ? 1 : 0));
}

function rocCurveCore(y: number[], score: number[], sw: number[] | null, dropIntermediate: boolean): [number[], number[], number[]] {
  let { tps, fps, thresholds } = countsAtThresholds(y, score, sw);
  if (dropIntermediate && fps.length > 2) {
    const keep = [0];
    for (let i = 0; i < fps.length - 2; i++) {
      const d2f = fps[i + 2]! - fps[i + 1]! - (fps[i + 1]! - fps[i]!);
      const d2t = tps[i + 2]! - tps[i + 1]! - (tps[i + 1]! - tps[i]!);
      if (d2f !== 0 || d2t !== 0) keep.push(i + 1);
    }
    keep.push(fps.length - 1);
    tps = keep.map((i) => tps[i]!);
    fps = keep.map((i) => fps[i]!);
    thresholds = keep.map((i) => thresholds[i]!);
  }
  tps = [0, ...tps];
  fps = [0, ...fps];
  thresholds = [Infinity, ...thresholds];
  let fpr: number[];
  let tpr: number[];
  const lastF = fps[fps.length - 1]!;
  const lastT = tps[tps.length - 1]!;
  if (lastF <= 0) {
    warn("No negative samples in y_true, false positive value should be meaningless", UndefinedMetricWarning);
    fpr = fps.map(() => NaN);
  } else fpr = fps.map((v) => v / lastF);
  if (lastT <= 0) {
    warn("No positive samples in y_true, true positive value should be meaningless", UndefinedMetricWarning);
    tpr = tps.map(() => NaN);
  } else tpr = tps.map((v) => v / lastT);
  return [fpr, tpr, thresholds];
}

/**
 * Receiver operating characteristic: `[fpr, tpr, thresholds]` (thresholds start at Infinity).
 *
 * @example
 * roc_curve([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8], { pos_label: 2 });
 * // [[0, 0, 0.5, 0.5, 1], [0, 0.5, 0.5, 1, 1], [Infinity, 0.8, 0.4, 0.35, 0.1]]
 */
export function roc_curve(
  y_true: LabelInput,
  y_score: ArrayLike<number> | { tolist(): unknown },
  options: { pos_label?: LabelLike | null; sample_weight?: WeightInput | null; drop_intermediate?: boolean } = {},
): [number[], number[], number[]] {
  checkOptions("roc_curve", options, ["pos_label", "sample_weight", "drop_intermediate"]);
  const y = binaryTarget(y_true, options.pos_label);
  const s = scoreVector(y_score, y.length);
  const sw = options.sample_weight === undefined || options.sample_weight === null ? null : toNumberVector(options.sample_weight, "sample_weight");
  checkConsistentLength(y.length, s.length, sw === null ? null : sw.length);
  return rocCurveCore(y, s, sw, options.drop_intermediate ?? true);
}

function scoreVector(y_score: unknown, n: number): number[] {
  const { rows, ndim } = toNumberMatrix(y_score, "y_score");
  if (ndim === 2 && (rows[0]?.length ?? 1) !== 1) throw new ValueError(`y should be a 1d array, got an array of shape (${rows.length}, ${rows[0]!.length}) instead.`);
  void n;
  return rows.map((r) => r[0]!);
}

function binaryRocAuc(y: number[], score: number[], sw: number[] | null, maxFpr: number | null): number {
  if (new Set(y).size !== 2) {
    warn("Only one class is present in y_true. ROC AUC score is not defined in that case.", UndefinedMetricWarning);
    return NaN;
  }
  const [fpr, tpr] = rocCurveCore(y, score, sw, true);
  if (maxFpr === null || maxFpr === 1) return auc(fpr, tpr);
  if (maxFpr <= 0 || maxFpr > 1) throw new ValueError(`Expected max_fpr in range (0, 1], got: ${maxFpr}`);
  let stop = 0;
  while (stop < fpr.length && fpr[stop]! <= maxFpr) stop++;
  const [x0, x1, y0, y1] = [fpr[stop - 1]!, fpr[stop]!, tpr[stop - 1]!, tpr[stop]!];
  const yInterp = maxFpr >= x1 ? y1 : ((y1 - y0) / (x1 - x0)) * (maxFpr - x0) + y0;
  const partial = auc([...fpr.slice(0, stop), maxFpr], [...tpr.slice(0, stop), yInterp]);
  const minArea = 0.5 * maxFpr ** 2;
  return 0.5 * (1 + (partial - minArea) / (maxFpr - minArea));
}

export type RocAverage = "micro" | "macro" | "weighted" | "samples" | null;

/** `_average_binary_score` over the columns (or rows, for "samples") of an indicator matrix. */
function averageBinaryScore(Y: number[][], S: number[][], average: RocAverage, sw: number[] | null, maxFpr: number | null): number | number[] {
  const k = Y[0]?.length ?? 0;
  let weightsForScore = sw;
  let averageWeight: number[] | null = null;
  if (average === "micro") {
    const y = Y.flat();
    const s = S.flat();
    const w = sw === null ? null : sw.flatMap((v) => new Array<number>(k).fill(v));
    return weightedAverage([binaryRocAuc(y, s, w, maxFpr)], null);
  }
  if (average === "weighted") {
    averageWeight = Array.from({ length: k }, (_, j) => Y.reduce((acc, r, i) => acc + r[j]! * (sw === null ? 1 : sw[i]!), 0));
    if (Math.abs(pairwiseSum(averageWeight)) <= 1e-8) return 0;
  }
  const perSample = average === "samples";
  if (perSample) {
    averageWeight = sw;
    weightsForScore = null;
  }
  const n = perSample ? Y.length : k;
  const scores: number[] = [];
  for (let c = 0; c < n; c++) {
    const y = perSample ? Y[c]! : Y.map((r) => r[c]!);
    const s = perSample ? S[c]! : S.map((r) => r[c]!);
    scores.push(binaryRocAuc(y, s, weightsForScore, maxFpr));
  }
  if (average === null) return scores;
  if (averageWeight !== null) {
    const aw = averageWeight;
    scores.forEach((_, i) => {
      if (aw[i] === 0) scores[i] = 0;
    });
  }
  return weightedAverage(scores, averageWeight);
}

export interface RocAucOptions {
  average?: RocAverage;
  sample_weight?: WeightInput | null;
  max_fpr?: number | null;
  multi_class?: "raise" | "ovr" | "ovo";
  labels?: ArrayLike<LabelLike> | null;
}

/**
 * Area under the ROC curve: binary (scores of the greater label), multilabel indicators, or
 * multiclass probability rows with `multi_class: "ovr"` / `"ovo"`.
 *
 * @example
 * roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * roc_auc_score([0, 1, 2, 2], [[0.8, 0.1, 0.1], [0.2, 0.6, 0.2], [0.1, 0.3, 0.6], [0.3, 0.3, 0.4]], { multi_class: "ovr" }); // 1
 */
export function roc_auc_score<O extends RocAucOptions = {}>(y_true: LabelInput, y_score: NumericInput, options?: O): O extends { average: null } ? number[] : number;
export function roc_auc_score(y_true: LabelInput, y_score: NumericInput, options: RocAucOptions = {}): number | number[] {
  checkOptions("roc_auc_score", options, ["average", "sample_weight", "max_fpr", "multi_class", "labels"]);
  const average = options.average === undefined ? "macro" : options.average;
  const maxFpr = options.max_fpr ?? null;
  const multiClass = options.multi_class ?? "raise";
  const t = toTarget(y_true, "y_true");
  const type = typeOfTarget(t, "y_true");
  const { rows: S, ndim } = toNumberMatrix(y_score, "y_score");
  const sw = options.sample_weight === undefined || options.sample_weight === null ? null : toNumberVector(options.sample_weight, "sample_weight");
  if (type === "multiclass" || (type === "binary" && ndim === 2 && S[0]!.length > 2)) {
    if (maxFpr !== null && maxFpr !== 1.0) {
      throw new ValueError(`Partial AUC computation not available in multiclass setting, 'max_fpr' must be set to \`None\`, received \`max_fpr=${maxFpr}\` instead`);
    }
    if (multiClass === "raise") throw new ValueError("multi_class must be in ('ovo', 'ovr')");
    return multiclassRocAuc((t as { values: Label[] }).values, t.kind, S, ndim, options.labels ?? null, multiClass, average, sw);
  }
  if (!["micro", "macro", "weighted", "samples", null].includes(average)) {
    throw new ValueError("average has to be one of (None, 'micro', 'macro', 'weighted', 'samples')");
  }
  if (type === "binary") {
    const values = (t as { values: Label[] }).values;
    const classes = uniqueSorted(values);
    const y = values.map((v) => (classes.length === 2 && v === classes[1] ? 1 : 0));
    if (ndim === 2 && S[0]!.length !== 1) throw new ValueError(`y should be a 1d array, got an array of shape (${S.length}, ${S[0]!.length}) instead.`);
    const s = S.map((r) => r[0]!);
    checkConsistentLength(y.length, s.length, sw === null ? null : sw.length);
    return binaryRocAuc(y, s, sw, maxFpr);
  }
  if (type !== "multilabel-indicator") throw new ValueError(`${type} format is not supported`);
  const Y = (t as { rows: Label[][] }).rows as number[][];
  checkConsistentLength(Y.length, S.length, sw === null ? null : sw.length);
  return averageBinaryScore(Y, S, average, sw, maxFpr);
}

function multiclassRocAuc(
  yTrue: Label[],
  kind: Parameters<typeof numpyStr>[1],
  S: number[][],
  ndim: 1 | 2,
  labelsOpt: ArrayLike<LabelLike> | null,
  multiClass: "ovr" | "ovo",
  average: RocAverage,
  sw: number[] | null,
): number | number[] {
  if (ndim !== 2) {
    throw new ValueError(`\`y_score\` needs to be of shape \`(n_samples, n_classes)\`, since \`y_true\` contains multiple classes. Got \`y_score.shape=(${S.length},)\`.`);
  }
  if (!S.every((r) => Math.abs(1 - pairwiseSum(r)) <= 1e-8 + 1e-5 * Math.abs(pairwiseSum(r)))) {
    throw new ValueError("Target scores need to be probabilities for multiclass roc_auc, i.e. they should sum up to 1.0 over classes");
  }
  const opts: RocAverage[] = multiClass === "ovr" ? ["micro", "macro", "weighted", null] : ["macro", "weighted", null];
  if (!opts.includes(average)) {
    throw new ValueError(`average must be one of (${opts.map((o) => (o === null ? "None" : `'${o}'`)).join(", ")}) for multiclass problems`);
  }
  if (multiClass !== "ovr" && multiClass !== "ovo") {
    throw new ValueError(`multi_class='${String(multiClass)}' is not supported for multiclass ROC AUC, multi_class must be in ('ovo', 'ovr')`);
  }
  if (average === null && multiClass === "ovo") throw new NotImplementedError("average=None is not implemented for multi_class='ovo'.");
  const k = S[0]!.length;
  let classes: Label[];
  if (labelsOpt !== null) {
    const lt = toTarget(labelsOpt, "labels");
    const labels = (lt as { values: Label[] }).values;
    classes = uniqueSorted(labels);
    if (classes.length !== labels.length) throw new ValueError("Parameter 'labels' must be unique");
    if (classes.some((c, i) => c !== labels[i])) throw new ValueError("Parameter 'labels' must be ordered");
    if (classes.length !== k) {
      throw new ValueError(`Number of given labels, ${classes.length}, not equal to the number of columns in 'y_score', ${k}`);
    }
    if (yTrue.some((v) => !classes.includes(v))) throw new ValueError("'y_true' contains labels not in parameter 'labels'");
  } else {
    classes = uniqueSorted(yTrue);
    if (classes.length !== k) throw new ValueError("Number of classes in y_true not equal to the number of columns in 'y_score'");
  }
  void kind;
  checkConsistentLength(yTrue.length, S.length, sw === null ? null : sw.length);
  if (multiClass === "ovo") {
    if (sw !== null) {
      throw new ValueError("sample_weight is not supported for multiclass one-vs-one ROC AUC, 'sample_weight' must be None in this case.");
    }
    const enc = yTrue.map((v) => classes.indexOf(v));
    const present = [...new Set(enc)].sort((a, b) => a - b);
    const pairScores: number[] = [];
    const prevalence: number[] = [];
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        const a = present[i]!;
        const b = present[j]!;
        const idx = enc.map((e, r) => (e === a || e === b ? r : -1)).filter((r) => r >= 0);
        prevalence.push(idx.length / enc.length);
        const aScore = binaryRocAuc(idx.map((r) => (enc[r] === a ? 1 : 0)), idx.map((r) => S[r]![a]!), null, null);
        const bScore = binaryRocAuc(idx.map((r) => (enc[r] === b ? 1 : 0)), idx.map((r) => S[r]![b]!), null, null);
        pairScores.push((aScore + bScore) / 2);
      }
    }
    return weightedAverage(pairScores, average === "weighted" ? prevalence : null);
  }
  const Y = yTrue.map((v) => classes.map((c) => (c === v ? 1 : 0)));
  return averageBinaryScore(Y, S, average, sw, null);
}
