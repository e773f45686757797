// "r2": sklearn's r2_score (sample_weight, multioutput, force_finite) under the key `r2`.
// "r_squared" mirrors metrics/r_squared/r_squared.py (HF evaluate): 1 - SSR/SST with NumPy's
// arithmetic (a constant reference gives -Infinity or NaN), returned as `{ r_squared }` where HF
// returns the bare float — every module here returns an object, so combine() can merge it.
import { r2_score, type RegressionOptions } from "../../sklearn/metrics/index.js";
import { pairwiseSum } from "../../sklearn/_array.js";
import type { MetricDefinition } from "../module.js";
import { numbers, SKLEARN_CITATION_URL } from "./_sklearn_args.js";

export const r2: MetricDefinition<{ r2: number | number[] }> = {
  name: "r2",
  description: "R^2 (coefficient of determination): the proportion of the variance of the references explained by the predictions.",
  inputs: [["predictions", "references"]],
  kwargs: ["sample_weight", "multioutput", "force_finite"],
  reference_urls: [`${SKLEARN_CITATION_URL}r2_score.html`],
  compute: ({ predictions, references }, kw) => ({
    r2: r2_score(numbers(references), numbers(predictions), kw as RegressionOptions & { force_finite?: boolean }) as number | number[],
  }),
};

export const r_squared: MetricDefinition<{ r_squared: number }> = {
  name: "r_squared",
  description: "R^2 (R Squared): 1 - (sum of squared errors / total sum of squares of the references).",
  inputs: [["predictions", "references"]],
  kwargs: [],
  reference_urls: ["https://en.wikipedia.org/wiki/Coefficient_of_determination"],
  compute: ({ predictions, references }) => {
    const p = (predictions ?? []).map(Number);
    const r = (references ?? []).map(Number);
    const mean = pairwiseSum(r) / r.length;
    const ssr = pairwiseSum(p.map((v, i) => (v - r[i]!) ** 2));
    const sst = pairwiseSum(r.map((v) => (v - mean) ** 2));
    return { r_squared: 1 - ssr / sst };
  },
};
