// Perplexity without a model. HF's metrics/perplexity/perplexity.py loads a causal LM and scores
// texts; here the model's numbers come in instead, and the result keys are HF's:
//   predictions: one array per sequence of per-token log-likelihoods ln p(token) (all <= 0)
//                -> perplexities[i] = exp(-mean(predictions[i]))
//   losses:      one mean negative log-likelihood per sequence (e.g. a CrossEntropyLoss)
//                -> perplexities[i] = exp(losses[i])
// mean_perplexity is the mean of the per-sequence perplexities, as in HF. (The corpus perplexity
// exp(eval_loss) of a Trainer is `compute({ losses: [eval_loss] }).mean_perplexity`.)
import { ValueError } from "../../utils/errors.js";
import { pairwiseSum } from "../../sklearn/_array.js";
import type { MetricDefinition } from "../module.js";

export const perplexity: MetricDefinition<{ perplexities: number[]; mean_perplexity: number }> = {
  name: "perplexity",
  description: "Perplexity: the exponentiated average negative log-likelihood of a sequence, exp(-1/t * sum_i log p(x_i | x_<i)).",
  inputs: [["predictions"], ["losses"]],
  kwargs: [],
  reference_urls: ["https://huggingface.co/docs/transformers/perplexity"],
  compute: ({ predictions, losses }) => {
    let perplexities: number[];
    if (losses !== undefined) {
      perplexities = losses.map((l, i) => {
        if (typeof l !== "number") throw new ValueError(`perplexity: losses[${i}] should be a number (one mean negative log-likelihood per sequence).`);
        return Math.exp(l);
      });
    } else {
      perplexities = (predictions ?? []).map((seq, i) => {
        if (!Array.isArray(seq) || seq.length === 0) {
          throw new ValueError(
            `perplexity: predictions[${i}] should be a non-empty array of per-token log-likelihoods (one array per sequence); for one mean loss per sequence pass { losses } instead.`,
          );
        }
        const lp = seq.map(Number);
        if (lp.some((v) => v > 0)) {
          throw new ValueError(
            `perplexity: predictions[${i}] holds a positive value; log-likelihoods ln p are <= 0. Pass negative log-likelihoods (losses) as { losses } instead.`,
          );
        }
        return Math.exp(-pairwiseSum(lp) / lp.length);
      });
    }
    if (perplexities.length === 0) throw new ValueError("perplexity: no sequences to score.");
    return { perplexities, mean_perplexity: pairwiseSum(perplexities) / perplexities.length };
  },
};
