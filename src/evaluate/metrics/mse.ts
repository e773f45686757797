// Mirrors metrics/mse/mse.py (HF evaluate). HF still passes `squared` to sklearn, which removed it
// in 1.6; here squared=false gives the root mean squared error under the same "mse" key, as HF did.
import { mean_squared_error, root_mean_squared_error, type RegressionOptions } from "../../sklearn/metrics/index.js";
import type { MetricDefinition } from "../module.js";
import { numbers, SKLEARN_CITATION_URL } from "./_sklearn_args.js";

export const mse: MetricDefinition<{ mse: number | number[] }> = {
  name: "mse",
  description: "Mean Squared Error (MSE) is the average of the square of difference between the predicted and actual values.",
  inputs: [["predictions", "references"]],
  kwargs: ["sample_weight", "multioutput", "squared"],
  config_names: ["multilist"],
  reference_urls: [`${SKLEARN_CITATION_URL}mean_squared_error.html`],
  compute: ({ predictions, references }, kw) => {
    const { squared = true, ...rest } = kw as RegressionOptions & { squared?: boolean };
    const fn = squared ? mean_squared_error : root_mean_squared_error;
    return { mse: fn(numbers(references), numbers(predictions), rest) as number | number[] };
  },
};
