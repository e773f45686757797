// BertConfig (transformers/models/bert/configuration_bert.py): defaults of bert-base-uncased.
import { PretrainedConfig, type ConfigDict } from "../../configuration_utils.js";

export class BertConfig extends PretrainedConfig {
  static override model_type = "bert";
  declare vocab_size: number;
  declare hidden_size: number;
  declare num_hidden_layers: number;
  declare num_attention_heads: number;
  declare intermediate_size: number;
  declare hidden_act: string;
  declare hidden_dropout_prob: number;
  declare attention_probs_dropout_prob: number;
  declare max_position_embeddings: number;
  declare type_vocab_size: number;
  declare initializer_range: number;
  declare layer_norm_eps: number;
  declare classifier_dropout: number | null;

  constructor(kwargs: ConfigDict = {}) {
    super({
      vocab_size: 30522, hidden_size: 768, num_hidden_layers: 12, num_attention_heads: 12, intermediate_size: 3072,
      hidden_act: "gelu", hidden_dropout_prob: 0.1, attention_probs_dropout_prob: 0.1, max_position_embeddings: 512,
      type_vocab_size: 2, initializer_range: 0.02, layer_norm_eps: 1e-12, pad_token_id: 0, classifier_dropout: null,
      ...kwargs,
    });
  }
}
