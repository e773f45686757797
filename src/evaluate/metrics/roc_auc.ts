// Mirrors metrics/roc_auc/roc_auc.py (HF evaluate): inputs `prediction_scores` and `references`.
import { roc_auc_score, type RocAucOptions } from "../../sklearn/metrics/index.js";
import type { MetricDefinition } from "../module.js";
import { labels, numbers, SKLEARN_CITATION_URL } from "./_sklearn_args.js";

export const roc_auc: MetricDefinition<{ roc_auc: number | number[] }> = {
  name: "roc_auc",
  description: "Area under the receiver operating characteristic curve (binary, multiclass one-vs-rest/one-vs-one, multilabel).",
  inputs: [["prediction_scores", "references"]],
  kwargs: ["average", "sample_weight", "max_fpr", "multi_class", "labels"],
  config_names: ["multiclass", "multilabel"],
  reference_urls: [`${SKLEARN_CITATION_URL}roc_auc_score.html`],
  compute: ({ prediction_scores, references }, kw) => ({
    roc_auc: roc_auc_score(labels(references), numbers(prediction_scores), kw as RocAucOptions) as number | number[],
  }),
};
