// Mirrors metrics/accuracy/accuracy.py (HF evaluate): accuracy_score(references, predictions).
import { accuracy_score } from "../../sklearn/metrics/index.js";
import type { MetricDefinition } from "../module.js";
import { labels, SKLEARN_CITATION_URL } from "./_sklearn_args.js";

export const accuracy: MetricDefinition<{ accuracy: number }> = {
  name: "accuracy",
  description: "Accuracy is the proportion of correct predictions among the total number of cases processed.",
  inputs: [["predictions", "references"]],
  kwargs: ["normalize", "sample_weight"],
  config_names: ["multilabel"],
  reference_urls: [`${SKLEARN_CITATION_URL}accuracy_score.html`],
  compute: ({ predictions, references }, kw) => ({
    accuracy: accuracy_score(labels(references), labels(predictions), kw as Parameters<typeof accuracy_score>[2]),
  }),
};
