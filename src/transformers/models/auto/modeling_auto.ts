// AutoModel* (transformers/models/auto/modeling_auto.py): per task, model classes keyed by model_type.
import type { PreTrainedModel, FromPretrainedOptions } from "../../modeling_utils.js";
import type { PretrainedConfig, ConfigDict } from "../../configuration_utils.js";
import type { AttnImplementation } from "../../modeling_attention.js";
import type { BaseModelOutputWithPooling, CausalLMOutput, MaskedLMOutput, ModelInputs, QuestionAnsweringModelOutput, SequenceClassifierOutput, TokenClassifierOutput } from "../../modeling_outputs.js";
import { AutoConfig } from "./configuration_auto.js";
import * as bert from "../bert/modeling_bert.js";
import * as albert from "../albert/modeling_albert.js";
import * as gpt2 from "../gpt2/modeling_gpt2.js";
import * as distilbert from "../distilbert/modeling_distilbert.js";
import * as roberta from "../roberta/modeling_roberta.js";
import { ValueError } from "../../../utils/errors.js";

/** A model class as the registries hold it. */
export interface ModelClass {
  name: string;
  from_pretrained(name_or_path: string, options?: FromPretrainedOptions): Promise<PreTrainedModel>;
  from_config(config: PretrainedConfig, options?: FromConfigOptions): PreTrainedModel;
}
/** HF's from_config keyword arguments that finetune-ts takes. */
export interface FromConfigOptions {
  attn_implementation?: AttnImplementation | null;
}
type Mapping = Map<string, ModelClass>;
const m = (entries: Array<[string, unknown]>): Mapping => new Map(entries as Array<[string, ModelClass]>);

export const MODEL_MAPPING = m([
  ["bert", bert.BertModel], ["distilbert", distilbert.DistilBertModel], ["roberta", roberta.RobertaModel], ["albert", albert.AlbertModel], ["gpt2", gpt2.GPT2Model],
]);
export const MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING = m([
  ["bert", bert.BertForSequenceClassification], ["distilbert", distilbert.DistilBertForSequenceClassification], ["roberta", roberta.RobertaForSequenceClassification],
  ["albert", albert.AlbertForSequenceClassification], ["gpt2", gpt2.GPT2ForSequenceClassification],
]);
export const MODEL_FOR_TOKEN_CLASSIFICATION_MAPPING = m([
  ["bert", bert.BertForTokenClassification], ["distilbert", distilbert.DistilBertForTokenClassification], ["roberta", roberta.RobertaForTokenClassification],
  ["albert", albert.AlbertForTokenClassification],
]);
export const MODEL_FOR_MASKED_LM_MAPPING = m([
  ["bert", bert.BertForMaskedLM], ["distilbert", distilbert.DistilBertForMaskedLM], ["roberta", roberta.RobertaForMaskedLM], ["albert", albert.AlbertForMaskedLM],
]);
export const MODEL_FOR_QUESTION_ANSWERING_MAPPING = m([
  ["bert", bert.BertForQuestionAnswering], ["distilbert", distilbert.DistilBertForQuestionAnswering], ["roberta", roberta.RobertaForQuestionAnswering],
  ["albert", albert.AlbertForQuestionAnswering],
]);
export const MODEL_FOR_CAUSAL_LM_MAPPING = m([["gpt2", gpt2.GPT2LMHeadModel]]);

abstract class BaseAutoModelClass {
  static _model_mapping: Mapping;
  private static pick(this: typeof BaseAutoModelClass, config: PretrainedConfig): ModelClass {
    const cls = this._model_mapping.get(config.model_type);
    if (!cls) {
      throw new ValueError(
        `Unrecognized configuration class ${config.constructor.name} for this kind of AutoModel: ${this.name}.\n` +
          `Model type should be one of ${[...this._model_mapping.keys()].join(", ")}.`,
      );
    }
    return cls;
  }
  /** Loads config.json, picks the class for its model_type, loads the weights. */
  static async from_pretrained(this: typeof BaseAutoModelClass, name_or_path: string, options: FromPretrainedOptions = {}): Promise<PreTrainedModel> {
    const { config: given, torch_dtype, ignore_mismatched_sizes, local_files_only, revision, cache_dir, token, verbose, attn_implementation, ...overrides } = options;
    const config = given ?? (await AutoConfig.from_pretrained(name_or_path, overrides as ConfigDict, { local_files_only, revision, cache_dir, token }));
    if (given) config.update(overrides as ConfigDict);
    return this.pick(config).from_pretrained(name_or_path, { config, torch_dtype, ignore_mismatched_sizes, local_files_only, revision, cache_dir, token, verbose, attn_implementation });
  }
  /** A randomly initialised model of the config's architecture (HF's init). */
  static from_config(this: typeof BaseAutoModelClass, config: PretrainedConfig, options: FromConfigOptions = {}): PreTrainedModel {
    return this.pick(config).from_config(config, options);
  }
}

/**
 * A loaded model whose forward() is typed with its head's output (the signature comes first, so it
 * wins overload resolution over PreTrainedModel's `unknown`), still usable wherever a
 * PreTrainedModel is expected (Trainer, pipeline).
 */
export type PreTrainedModelFor<O> = { forward(inputs: ModelInputs): O } & PreTrainedModel;

export class AutoModel extends BaseAutoModelClass {
  static override _model_mapping = MODEL_MAPPING;
  static override from_pretrained(name_or_path: string, options?: FromPretrainedOptions): Promise<PreTrainedModelFor<BaseModelOutputWithPooling>> {
    return BaseAutoModelClass.from_pretrained.call(this, name_or_path, options) as Promise<PreTrainedModelFor<BaseModelOutputWithPooling>>;
  }
  static override from_config(config: PretrainedConfig, options?: FromConfigOptions): PreTrainedModelFor<BaseModelOutputWithPooling> {
    return BaseAutoModelClass.from_config.call(this, config, options) as PreTrainedModelFor<BaseModelOutputWithPooling>;
  }
}
export class AutoModelForSequenceClassification extends BaseAutoModelClass {
  static override _model_mapping = MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING;
  static override from_pretrained(name_or_path: string, options?: FromPretrainedOptions): Promise<PreTrainedModelFor<SequenceClassifierOutput>> {
    return BaseAutoModelClass.from_pretrained.call(this, name_or_path, options) as Promise<PreTrainedModelFor<SequenceClassifierOutput>>;
  }
  static override from_config(config: PretrainedConfig, options?: FromConfigOptions): PreTrainedModelFor<SequenceClassifierOutput> {
    return BaseAutoModelClass.from_config.call(this, config, options) as PreTrainedModelFor<SequenceClassifierOutput>;
  }
}
export class AutoModelForTokenClassification extends BaseAutoModelClass {
  static override _model_mapping = MODEL_FOR_TOKEN_CLASSIFICATION_MAPPING;
  static override from_pretrained(name_or_path: string, options?: FromPretrainedOptions): Promise<PreTrainedModelFor<TokenClassifierOutput>> {
    return BaseAutoModelClass.from_pretrained.call(this, name_or_path, options) as Promise<PreTrainedModelFor<TokenClassifierOutput>>;
  }
  static override from_config(config: PretrainedConfig, options?: FromConfigOptions): PreTrainedModelFor<TokenClassifierOutput> {
    return BaseAutoModelClass.from_config.call(this, config, options) as PreTrainedModelFor<TokenClassifierOutput>;
  }
}
export class AutoModelForMaskedLM extends BaseAutoModelClass {
  static override _model_mapping = MODEL_FOR_MASKED_LM_MAPPING;
  static override from_pretrained(name_or_path: string, options?: FromPretrainedOptions): Promise<PreTrainedModelFor<MaskedLMOutput>> {
    return BaseAutoModelClass.from_pretrained.call(this, name_or_path, options) as Promise<PreTrainedModelFor<MaskedLMOutput>>;
  }
  static override from_config(config: PretrainedConfig, options?: FromConfigOptions): PreTrainedModelFor<MaskedLMOutput> {
    return BaseAutoModelClass.from_config.call(this, config, options) as PreTrainedModelFor<MaskedLMOutput>;
  }
}
export class AutoModelForQuestionAnswering extends BaseAutoModelClass {
  static override _model_mapping = MODEL_FOR_QUESTION_ANSWERING_MAPPING;
  static override from_pretrained(name_or_path: string, options?: FromPretrainedOptions): Promise<PreTrainedModelFor<QuestionAnsweringModelOutput>> {
    return BaseAutoModelClass.from_pretrained.call(this, name_or_path, options) as Promise<PreTrainedModelFor<QuestionAnsweringModelOutput>>;
  }
  static override from_config(config: PretrainedConfig, options?: FromConfigOptions): PreTrainedModelFor<QuestionAnsweringModelOutput> {
    return BaseAutoModelClass.from_config.call(this, config, options) as PreTrainedModelFor<QuestionAnsweringModelOutput>;
  }
}
export class AutoModelForCausalLM extends BaseAutoModelClass {
  static override _model_mapping = MODEL_FOR_CAUSAL_LM_MAPPING;
  static override from_pretrained(name_or_path: string, options?: FromPretrainedOptions): Promise<PreTrainedModelFor<CausalLMOutput>> {
    return BaseAutoModelClass.from_pretrained.call(this, name_or_path, options) as Promise<PreTrainedModelFor<CausalLMOutput>>;
  }
  static override from_config(config: PretrainedConfig, options?: FromConfigOptions): PreTrainedModelFor<CausalLMOutput> {
    return BaseAutoModelClass.from_config.call(this, config, options) as PreTrainedModelFor<CausalLMOutput>;
  }
}
