// finetune-ts/sklearn/metrics — `from sklearn.metrics import f1_score` becomes
// `import { f1_score } from "finetune-ts/sklearn/metrics"`. Pure TypeScript (no torch import):
// inputs may be arrays, TypedArrays, nested rows or anything with `tolist()` (a Tensor).
export {
  accuracy_score,
  confusion_matrix,
  multilabel_confusion_matrix,
  matthews_corrcoef,
  cohen_kappa_score,
  type ConfusionNormalize,
} from "./_classification.js";
export {
  precision_recall_fscore_support,
  precision_score,
  recall_score,
  f1_score,
  fbeta_score,
  type Average,
  type ZeroDivision,
  type LabelLike,
  type ScoreOptions,
  type PRFOptions,
  type PRFResult,
  type PRFArrays,
  type PRFAveraged,
  type ScoreResult,
} from "./_prf.js";
export {
  classification_report,
  type ClassificationReportDict,
  type ClassificationReportRow,
  type ClassificationReportOptions,
} from "./_report.js";
export { log_loss } from "./_log_loss.js";
export { auc, roc_curve, roc_auc_score, type RocAucOptions, type RocAverage } from "./_ranking.js";
export {
  mean_absolute_error,
  mean_squared_error,
  root_mean_squared_error,
  r2_score,
  type Multioutput,
  type RegressionOptions,
  type RegressionResult,
} from "./_regression.js";
export type { LabelInput, NumericInput, WeightInput, ToList, LabelValue } from "../_array.js";
