// finetune-ts/transformers: HF transformers' names.
export * from "./optimization.js";
export { PretrainedConfig, type ConfigDict, type ProblemType } from "./configuration_utils.js";
export { PreTrainedModel, type FromPretrainedOptions, type LoadingInfo } from "./modeling_utils.js";
export type * from "./modeling_outputs.js";
export { AutoConfig, CONFIG_MAPPING } from "./models/auto/configuration_auto.js";
export {
  AutoModel, AutoModelForSequenceClassification, AutoModelForTokenClassification, AutoModelForMaskedLM,
  AutoModelForQuestionAnswering, AutoModelForCausalLM,
} from "./models/auto/modeling_auto.js";
export { BertConfig } from "./models/bert/configuration_bert.js";
export {
  BertModel, BertForSequenceClassification, BertForTokenClassification, BertForMaskedLM, BertForQuestionAnswering, BertPreTrainedModel,
} from "./models/bert/modeling_bert.js";
export { get_decay_parameter_names, get_parameter_names } from "./trainer_pt_utils.js";
export { ACT2CLS, get_activation } from "./activations.js";
export { cached_file } from "./utils/hub.js";
