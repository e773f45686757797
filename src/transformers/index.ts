// finetune-ts/transformers: HF transformers' names.
export * from "./optimization.js";
export { PretrainedConfig, type ConfigDict, type ProblemType } from "./configuration_utils.js";
export { PreTrainedModel, type FromPretrainedOptions, type LoadingInfo } from "./modeling_utils.js";
export type * from "./modeling_outputs.js";
export { AutoConfig, CONFIG_MAPPING } from "./models/auto/configuration_auto.js";
export {
  AutoModel, AutoModelForSequenceClassification, AutoModelForTokenClassification, AutoModelForMaskedLM,
  AutoModelForQuestionAnswering, AutoModelForCausalLM,
  type PreTrainedModelFor,
} from "./models/auto/modeling_auto.js";
export { BertConfig } from "./models/bert/configuration_bert.js";
export {
  BertModel, BertForSequenceClassification, BertForTokenClassification, BertForMaskedLM, BertForQuestionAnswering, BertPreTrainedModel,
} from "./models/bert/modeling_bert.js";
export { AlbertConfig } from "./models/albert/configuration_albert.js";
export {
  AlbertModel, AlbertForSequenceClassification, AlbertForTokenClassification, AlbertForMaskedLM, AlbertForQuestionAnswering, AlbertPreTrainedModel,
} from "./models/albert/modeling_albert.js";
export { DistilBertConfig } from "./models/distilbert/configuration_distilbert.js";
export {
  DistilBertModel, DistilBertForSequenceClassification, DistilBertForTokenClassification, DistilBertForMaskedLM, DistilBertForQuestionAnswering,
} from "./models/distilbert/modeling_distilbert.js";
export { RobertaConfig } from "./models/roberta/configuration_roberta.js";
export {
  RobertaModel, RobertaForSequenceClassification, RobertaForTokenClassification, RobertaForMaskedLM, RobertaForQuestionAnswering,
} from "./models/roberta/modeling_roberta.js";
export { GPT2Config } from "./models/gpt2/configuration_gpt2.js";
export { GPT2Model, GPT2LMHeadModel, GPT2ForSequenceClassification, GPT2PreTrainedModel } from "./models/gpt2/modeling_gpt2.js";
export { Conv1D } from "./pytorch_utils.js";
export { get_decay_parameter_names, get_parameter_names } from "./trainer_pt_utils.js";
export { ACT2CLS, get_activation } from "./activations.js";
export { cached_file } from "./utils/hub.js";
export { AutoTokenizer, TOKENIZER_MAPPING } from "./models/auto/tokenization_auto.js";
export { PreTrainedTokenizerFast, BatchEncoding, AddedToken, type TokenizerInit, type TokenizerCallOptions, type EncodeOptions, type DecodeOptions } from "./tokenization_utils.js";
export { BertTokenizerFast, BertTokenizer } from "./models/bert/tokenization_bert.js";
export { DistilBertTokenizerFast, DistilBertTokenizer } from "./models/distilbert/tokenization_distilbert.js";
export { RobertaTokenizerFast, RobertaTokenizer } from "./models/roberta/tokenization_roberta.js";
export { GPT2TokenizerFast, GPT2Tokenizer } from "./models/gpt2/tokenization_gpt2.js";
export { AlbertTokenizerFast, AlbertTokenizer } from "./models/albert/tokenization_albert.js";
export * as tokenizers from "./tokenizers/index.js";
export { TrainingArguments, type TrainingArgumentsInit, type IntervalStrategy } from "./training_args.js";
export { Trainer, type TrainerInit } from "./trainer.js";
export { TrainerCallback, TrainerState, TrainerControl, EarlyStoppingCallback, ProgressCallback, DefaultFlowCallback } from "./trainer_callback.js";
export { EvalPrediction, NDArray, set_seed, type TrainOutput, type PredictionOutput, type Metrics } from "./trainer_utils.js";
export { get_last_checkpoint } from "./trainer_checkpoint.js";
export { DataCollatorWithPadding, DataCollatorForTokenClassification, DataCollatorForLanguageModeling, default_data_collator, type DataCollator } from "./data/data_collator.js";
export {
  pipeline, Pipeline, PipelineException, SUPPORTED_TASKS, TASK_ALIASES, DEFAULT_MODELS, EMBEDDED_MODELS_DIR, set_default_model,
  get_supported_tasks, check_task,
  TextClassificationPipeline, FeatureExtractionPipeline, FillMaskPipeline, TokenClassificationPipeline,
  type PipelineOptions, type SupportedTask, type DeviceArg, type PipelineBaseOptions,
  type TextClassificationOptions, type TextClassificationInput, type ClassificationResult, type ClassificationFunction,
  type FeatureExtractionOptions, type Features, type Pooling, type FillMaskOptions, type FillMaskResult,
  type TokenClassificationOptions, type TokenEntity, type EntityGroup, type TokenClassificationResult, type AggregationStrategy,
} from "./pipelines/index.js";
