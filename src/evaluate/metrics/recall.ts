// Mirrors metrics/recall/recall.py (HF evaluate): recall_score(references, predictions, ...).
import { recall_score, type ScoreOptions } from "../../sklearn/metrics/index.js";
import type { MetricDefinition } from "../module.js";
import { labels, scalarIfSingle, SKLEARN_CITATION_URL } from "./_sklearn_args.js";

export const recall: MetricDefinition<{ recall: number | number[] }> = {
  name: "recall",
  description: "Recall is the fraction of the positive examples that were correctly labeled by the model as positive: TP / (TP + FN).",
  inputs: [["predictions", "references"]],
  kwargs: ["labels", "pos_label", "average", "sample_weight", "zero_division"],
  config_names: ["multilabel"],
  reference_urls: [`${SKLEARN_CITATION_URL}recall_score.html`],
  compute: ({ predictions, references }, kw) => ({
    recall: scalarIfSingle(recall_score(labels(references), labels(predictions), kw as ScoreOptions)),
  }),
};
