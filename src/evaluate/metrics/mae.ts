// Mirrors metrics/mae/mae.py (HF evaluate).
import { mean_absolute_error, type RegressionOptions } from "../../sklearn/metrics/index.js";
import type { MetricDefinition } from "../module.js";
import { numbers, SKLEARN_CITATION_URL } from "./_sklearn_args.js";

export const mae: MetricDefinition<{ mae: number | number[] }> = {
  name: "mae",
  description: "Mean Absolute Error (MAE) is the mean of the magnitude of difference between the predicted and actual values.",
  inputs: [["predictions", "references"]],
  kwargs: ["sample_weight", "multioutput"],
  config_names: ["multilist"],
  reference_urls: [`${SKLEARN_CITATION_URL}mean_absolute_error.html`],
  compute: ({ predictions, references }, kw) => ({
    mae: mean_absolute_error(numbers(references), numbers(predictions), kw as RegressionOptions) as number | number[],
  }),
};
