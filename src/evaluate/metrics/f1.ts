// Mirrors metrics/f1/f1.py (HF evaluate): f1_score(references, predictions, ...); average
// defaults to "binary"; per-class scores come back as an array unless there is only one.
import { f1_score, type ScoreOptions } from "../../sklearn/metrics/index.js";
import type { MetricDefinition } from "../module.js";
import { labels, scalarIfSingle, SKLEARN_CITATION_URL } from "./_sklearn_args.js";

export const f1: MetricDefinition<{ f1: number | number[] }> = {
  name: "f1",
  description: "The F1 score is the harmonic mean of the precision and recall: F1 = 2 * (precision * recall) / (precision + recall).",
  inputs: [["predictions", "references"]],
  kwargs: ["labels", "pos_label", "average", "sample_weight", "zero_division"],
  config_names: ["multilabel"],
  reference_urls: [`${SKLEARN_CITATION_URL}f1_score.html`],
  compute: ({ predictions, references }, kw) => ({
    f1: scalarIfSingle(f1_score(labels(references), labels(predictions), kw as ScoreOptions)),
  }),
};
