// Output records (transformers/modeling_outputs.py) as plain objects with HF's keys.
import type { Tensor } from "../torch/index.js";

export interface BaseModelOutput {
  last_hidden_state: Tensor;
  hidden_states?: Tensor[];
  attentions?: Tensor[];
}
export interface BaseModelOutputWithPooling extends BaseModelOutput {
  pooler_output?: Tensor;
}
export interface SequenceClassifierOutput {
  loss?: Tensor;
  logits: Tensor;
  hidden_states?: Tensor[];
  attentions?: Tensor[];
}
export type TokenClassifierOutput = SequenceClassifierOutput;
export type MaskedLMOutput = SequenceClassifierOutput;
export type CausalLMOutput = SequenceClassifierOutput;
export interface QuestionAnsweringModelOutput {
  loss?: Tensor;
  start_logits: Tensor;
  end_logits: Tensor;
  hidden_states?: Tensor[];
  attentions?: Tensor[];
}

/** What every model's forward takes: one inputs object (api-conventions: `model(**batch)`). */
export interface ModelInputs {
  input_ids?: Tensor | null;
  attention_mask?: Tensor | null;
  token_type_ids?: Tensor | null;
  position_ids?: Tensor | null;
  inputs_embeds?: Tensor | null;
  labels?: Tensor | null;
  output_hidden_states?: boolean;
  output_attentions?: boolean;
}

/** The inputs a head passes to its base model: everything but the labels (the head's loss uses them). */
export function without_labels<I extends ModelInputs>(inputs: I): Omit<I, "labels"> {
  const { labels: _labels, ...rest } = inputs;
  void _labels;
  return rest;
}

/** hidden_states / attentions of a base model's output, when it has them, for the head's output. */
export function optional_outputs(out: { hidden_states?: Tensor[]; attentions?: Tensor[] }): { hidden_states?: Tensor[]; attentions?: Tensor[] } {
  const r: { hidden_states?: Tensor[]; attentions?: Tensor[] } = {};
  if (out.hidden_states) r.hidden_states = out.hidden_states;
  if (out.attentions) r.attentions = out.attentions;
  return r;
}
