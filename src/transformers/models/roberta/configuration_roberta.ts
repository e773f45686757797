// RobertaConfig (transformers/models/roberta/configuration_roberta.py): BERT's keys with
// roberta-base's special ids (pad 1, bos 0, eos 2). HF's class default layer_norm_eps is 1e-12;
// roberta-base's config.json says 1e-5, and the value in config.json is what the model uses.
import { PretrainedConfig, type ConfigDict } from "../../configuration_utils.js";

export class RobertaConfig extends PretrainedConfig {
  static override model_type = "roberta";
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
  declare use_cache: boolean;
  declare classifier_dropout: number | null;
  declare is_decoder: boolean;
  declare add_cross_attention: boolean;

  constructor(kwargs: ConfigDict = {}) {
    super({
      vocab_size: 50265, hidden_size: 768, num_hidden_layers: 12, num_attention_heads: 12, intermediate_size: 3072,
      hidden_act: "gelu", hidden_dropout_prob: 0.1, attention_probs_dropout_prob: 0.1, max_position_embeddings: 512,
      type_vocab_size: 2, initializer_range: 0.02, layer_norm_eps: 1e-12, pad_token_id: 1, bos_token_id: 0, eos_token_id: 2,
      use_cache: true, classifier_dropout: null, is_decoder: false, add_cross_attention: false, tie_word_embeddings: true,
      ...kwargs,
    });
  }
}
