// Mirrors metrics/confusion_matrix/confusion_matrix.py (HF evaluate).
import { confusion_matrix as sk_confusion_matrix } from "../../sklearn/metrics/index.js";
import type { MetricDefinition } from "../module.js";
import { labels, SKLEARN_CITATION_URL } from "./_sklearn_args.js";

export const confusion_matrix: MetricDefinition<{ confusion_matrix: number[][] }> = {
  name: "confusion_matrix",
  description: "The confusion matrix: each row is a true class, each column a predicted class.",
  inputs: [["predictions", "references"]],
  kwargs: ["labels", "sample_weight", "normalize"],
  config_names: ["multilabel"],
  reference_urls: [`${SKLEARN_CITATION_URL}confusion_matrix.html`],
  compute: ({ predictions, references }, kw) => ({
    confusion_matrix: sk_confusion_matrix(labels(references), labels(predictions), kw as Parameters<typeof sk_confusion_matrix>[2]),
  }),
};
