// Mirrors metrics/matthews_correlation/matthews_correlation.py (HF evaluate).
import { matthews_corrcoef } from "../../sklearn/metrics/index.js";
import type { MetricDefinition } from "../module.js";
import { labels, SKLEARN_CITATION_URL } from "./_sklearn_args.js";

export const matthews_correlation: MetricDefinition<{ matthews_correlation: number }> = {
  name: "matthews_correlation",
  description: "The Matthews correlation coefficient (MCC): a correlation between -1 and +1 of predicted and true classes, balanced even when classes differ in size.",
  inputs: [["predictions", "references"]],
  kwargs: ["sample_weight"],
  reference_urls: [`${SKLEARN_CITATION_URL}matthews_corrcoef.html`],
  compute: ({ predictions, references }, kw) => ({
    matthews_correlation: matthews_corrcoef(labels(references), labels(predictions), kw as Parameters<typeof matthews_corrcoef>[2]),
  }),
};
