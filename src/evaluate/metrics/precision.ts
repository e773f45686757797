// Mirrors metrics/precision/precision.py (HF evaluate): precision_score(references, predictions, ...).
import { precision_score, type ScoreOptions } from "../../sklearn/metrics/index.js";
import type { MetricDefinition } from "../module.js";
import { labels, scalarIfSingle, SKLEARN_CITATION_URL } from "./_sklearn_args.js";

export const precision: MetricDefinition<{ precision: number | number[] }> = {
  name: "precision",
  description: "Precision is the fraction of correctly labeled positive examples out of all of the examples that were labeled as positive: TP / (TP + FP).",
  inputs: [["predictions", "references"]],
  kwargs: ["labels", "pos_label", "average", "sample_weight", "zero_division"],
  config_names: ["multilabel"],
  reference_urls: [`${SKLEARN_CITATION_URL}precision_score.html`],
  compute: ({ predictions, references }, kw) => ({
    precision: scalarIfSingle(precision_score(labels(references), labels(predictions), kw as ScoreOptions)),
  }),
};
