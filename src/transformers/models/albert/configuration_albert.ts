// AlbertConfig (transformers/models/albert/configuration_albert.py): defaults of albert-xxlarge.
import { PretrainedConfig, type ConfigDict } from "../../configuration_utils.js";

export class AlbertConfig extends PretrainedConfig {
  static override model_type = "albert";
  declare vocab_size: number;
  declare embedding_size: number;
  declare hidden_size: number;
  declare num_hidden_layers: number;
  declare num_hidden_groups: number;
  declare num_attention_heads: number;
  declare intermediate_size: number;
  declare inner_group_num: number;
  declare hidden_act: string;
  declare hidden_dropout_prob: number;
  declare attention_probs_dropout_prob: number;
  declare max_position_embeddings: number;
  declare type_vocab_size: number;
  declare initializer_range: number;
  declare layer_norm_eps: number;
  declare classifier_dropout_prob: number;

  constructor(kwargs: ConfigDict = {}) {
    super({
      vocab_size: 30000, embedding_size: 128, hidden_size: 4096, num_hidden_layers: 12, num_hidden_groups: 1,
      num_attention_heads: 64, intermediate_size: 16384, inner_group_num: 1, hidden_act: "gelu_new",
      hidden_dropout_prob: 0.0, attention_probs_dropout_prob: 0.0, max_position_embeddings: 512, type_vocab_size: 2,
      initializer_range: 0.02, layer_norm_eps: 1e-12, classifier_dropout_prob: 0.1, pad_token_id: 0, bos_token_id: 2, eos_token_id: 3,
      ...kwargs,
    });
  }
}
