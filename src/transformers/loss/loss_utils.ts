// Losses the model heads share (transformers/loss/loss_utils.py and each model's forward).
import * as torch from "../../torch/index.js";
import type { Tensor } from "../../torch/index.js";
import type { PretrainedConfig, ProblemType } from "../configuration_utils.js";

const F = torch.nn.functional;

/**
 * The loss of a sequence-classification head, picked as HF does: regression for one label,
 * single-label CE for integer labels, BCE-with-logits otherwise. An inferred problem_type is
 * written back into the config (HF does too, so it lands in config.json on save).
 */
export function sequence_classification_loss(config: PretrainedConfig, logits: Tensor, labels: Tensor): Tensor {
  const numLabels = config.num_labels;
  let problem: ProblemType | null = config.problem_type;
  if (problem === null) {
    if (numLabels === 1) problem = "regression";
    else if (labels.dtype === torch.int64 || labels.dtype === torch.int32) problem = "single_label_classification";
    else problem = "multi_label_classification";
    config.problem_type = problem;
  }
  return torch.tidy(() => {
    if (problem === "regression") {
      return numLabels === 1 ? F.mse_loss(logits.squeeze(), labels.squeeze().to(logits.dtype)) : F.mse_loss(logits, labels.to(logits.dtype));
    }
    if (problem === "single_label_classification") return F.cross_entropy(logits.view(-1, numLabels), labels.view(-1));
    return F.binary_cross_entropy_with_logits(logits, labels.to(logits.dtype));
  });
}

/** Token classification / masked LM: mean CE over positions whose label is not -100. */
export function token_classification_loss(logits: Tensor, labels: Tensor, numClasses: number): Tensor {
  return torch.tidy(() => F.cross_entropy(logits.view(-1, numClasses), labels.view(-1), { ignore_index: -100 }));
}

/**
 * ForCausalLMLoss: logits upcast to float32, labels shifted left by one (padded with -100 on the
 * right), mean CE over the non-ignored positions.
 */
export function causal_lm_loss(logits: Tensor, labels: Tensor, vocabSize: number): Tensor {
  return torch.tidy(() => {
    const l = logits.float();
    const padded = F.pad(labels, [0, 1], "constant", -100); // (B, T) -> (B, T+1)
    const shifted = padded.index(":", "1:").contiguous(); // labels[..., 1:] then the pad
    return F.cross_entropy(l.view(-1, vocabSize), shifted.view(-1), { ignore_index: -100 });
  });
}

/** Extractive QA: (CE(start) + CE(end)) / 2 with positions clamped to the sequence, as HF. */
export function question_answering_loss(start_logits: Tensor, end_logits: Tensor, start_positions: Tensor, end_positions: Tensor): Tensor {
  return torch.tidy(() => {
    const ignored = start_logits.size(1);
    const s = start_positions.view(-1).clamp(0, ignored);
    const e = end_positions.view(-1).clamp(0, ignored);
    const ls = F.cross_entropy(start_logits, s, { ignore_index: ignored });
    const le = F.cross_entropy(end_logits, e, { ignore_index: ignored });
    return ls.add(le).div(2);
  });
}
