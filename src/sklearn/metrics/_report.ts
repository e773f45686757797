// Mirrors sklearn.metrics.classification_report (scikit-learn 1.9): the same text, byte for byte
// (column widths, Python's round-half-even `.Nf` formatting, the "accuracy" row), and the same
// dict with output_dict. Row names are `str(label)` as Python prints them.
import { ValueError } from "../../utils/errors.js";
import { checkOptions, pairwiseSum, pyFloatRepr, pyFormatFixed, pyStr, rjust, type Label, type LabelInput, type WeightInput } from "../_array.js";
import { checkTargets, labelList, uniqueLabels } from "./_classification.js";
import { precision_recall_fscore_support, type LabelLike, type ZeroDivision, type PRFAveraged, type PRFArrays } from "./_prf.js";
import { warn, UserWarning } from "./_warnings.js";

/** One row of the report dict. */
export interface ClassificationReportRow {
  precision: number;
  recall: number;
  "f1-score": number;
  support: number;
}

/**
 * classification_report(..., { output_dict: true }): one row per class, then the averages.
 * Same keys and values as sklearn's dict; note that a JS object lists integer-like keys ("0", "2")
 * in ascending order whatever the `labels` order was.
 */
export interface ClassificationReportDict {
  [label: string]: ClassificationReportRow | number | undefined;
  /** Present for binary/multiclass when every label is reported (micro average == accuracy). */
  accuracy?: number;
  "micro avg"?: ClassificationReportRow;
  "macro avg": ClassificationReportRow;
  "weighted avg": ClassificationReportRow;
  "samples avg"?: ClassificationReportRow;
}

export interface ClassificationReportOptions {
  labels?: ArrayLike<LabelLike> | null;
  target_names?: ArrayLike<string> | null;
  sample_weight?: WeightInput | null;
  digits?: number;
  output_dict?: boolean;
  zero_division?: ZeroDivision;
}

const KEYS = ["labels", "target_names", "sample_weight", "digits", "output_dict", "zero_division"] as const;

/**
 * Text report of precision, recall, F1 and support per class, exactly as sklearn prints it.
 *
 * @example
 * console.log(classification_report([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], { target_names: ["class 0", "class 1", "class 2"] }));
 * //               precision    recall  f1-score   support
 * //
 * //      class 0       0.50      1.00      0.67         1
 * //      class 1       0.00      0.00      0.00         1
 * //      class 2       1.00      0.67      0.80         3
 * //
 * //     accuracy                           0.60         5
 * //    macro avg       0.50      0.56      0.49         5
 * // weighted avg       0.70      0.60      0.61         5
 * classification_report([0, 1], [0, 1], { output_dict: true })["macro avg"]["f1-score"]; // 1
 */
export function classification_report(
  y_true: LabelInput,
  y_pred: LabelInput,
  options: ClassificationReportOptions & { output_dict: true },
): ClassificationReportDict;
export function classification_report(
  y_true: LabelInput,
  y_pred: LabelInput,
  options?: ClassificationReportOptions & { output_dict?: false },
): string;
export function classification_report(y_true: LabelInput, y_pred: LabelInput, options?: ClassificationReportOptions): string | ClassificationReportDict;
export function classification_report(
  y_true: LabelInput,
  y_pred: LabelInput,
  options: ClassificationReportOptions = {},
): string | ClassificationReportDict {
  checkOptions("classification_report", options, KEYS);
  const digits = options.digits ?? 2;
  const zero_division = options.zero_division ?? "warn";
  const c = checkTargets(y_true, y_pred, options.sample_weight);
  const sample_weight = c.sampleWeight;
  const labelsGiven = options.labels !== undefined && options.labels !== null;
  const labels: Label[] = labelsGiven ? labelList(options.labels!) : c.labels;
  const present = c.type === "multilabel-indicator" ? c.labels : uniqueLabels(c.yTrue, c.kind, c.yPred, c.kind);
  const microIsAccuracy = (c.type === "multiclass" || c.type === "binary") && (!labelsGiven || present.every((p) => labels.includes(p)));
  let targetNames: string[];
  if (options.target_names !== undefined && options.target_names !== null) {
    targetNames = Array.from(options.target_names, String);
    if (labels.length !== targetNames.length) {
      if (labelsGiven) warn(`labels size, ${labels.length}, does not match size of target_names, ${targetNames.length}`, UserWarning);
      else {
        throw new ValueError(
          `Number of classes, ${labels.length}, does not match size of target_names, ${targetNames.length}. Try specifying the labels parameter`,
        );
      }
    }
  } else {
    const kind = c.type === "multilabel-indicator" ? "int" : c.kind;
    targetNames = labels.map((l) => pyStr(l, kind));
  }
  const yt = c.type === "multilabel-indicator" ? c.mTrue : c.yTrue;
  const yp = c.type === "multilabel-indicator" ? c.mPred : c.yPred;
  const common = { labels, sample_weight, zero_division };
  const [p, r, f1, s] = precision_recall_fscore_support(yt, yp, { ...common, average: null }) as PRFArrays;
  const nRows = Math.min(targetNames.length, p.length); // Python's zip stops at the shorter
  const averages = c.type === "multilabel-indicator" ? (["micro", "macro", "weighted", "samples"] as const) : (["micro", "macro", "weighted"] as const);
  const totalSupport = pairwiseSum(s);
  const avgRows = averages.map((average) => {
    const heading = average === "micro" && microIsAccuracy ? "accuracy" : `${average} avg`;
    const [ap, ar, af] = precision_recall_fscore_support(yt, yp, { ...common, average }) as PRFAveraged;
    return { heading, row: { precision: ap, recall: ar, "f1-score": af, support: totalSupport } };
  });

  if (options.output_dict) {
    const out: Record<string, ClassificationReportRow | number> = {};
    for (let i = 0; i < nRows; i++) out[targetNames[i]!] = { precision: p[i]!, recall: r[i]!, "f1-score": f1[i]!, support: s[i]! };
    for (const { heading, row } of avgRows) out[heading] = heading === "accuracy" ? row.precision : row;
    return out as ClassificationReportDict;
  }

  // Support prints as Python prints the count: an int, or a float ("4.0") once weights are given.
  const fmtSupport = (v: number): string => (sample_weight === null ? String(v) : pyFloatRepr(v));
  const width = Math.max(...targetNames.map((n) => [...n].length), "weighted avg".length, digits);
  const headers = ["precision", "recall", "f1-score", "support"];
  let report = rjust("", width) + " " + headers.map((h) => " " + rjust(h, 9)).join("") + "\n\n";
  const row = (name: string, vals: number[], support: number): string =>
    rjust(name, width) + " " + vals.map((v) => " " + rjust(pyFormatFixed(v, digits), 9)).join("") + " " + rjust(fmtSupport(support), 9) + "\n";
  for (let i = 0; i < nRows; i++) report += row(targetNames[i]!, [p[i]!, r[i]!, f1[i]!], s[i]!);
  report += "\n";
  for (const { heading, row: v } of avgRows) {
    if (heading === "accuracy") {
      report += rjust(heading, width) + " " + " " + rjust("", 9) + " " + rjust("", 9) + " " + rjust(pyFormatFixed(v["f1-score"], digits), 9) + " " + rjust(fmtSupport(v.support), 9) + "\n";
    } else {
      report += row(heading, [v.precision, v.recall, v["f1-score"]], v.support);
    }
  }
  return report;
}
