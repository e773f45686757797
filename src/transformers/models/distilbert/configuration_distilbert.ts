// DistilBertConfig (transformers/models/distilbert/configuration_distilbert.py): defaults of
// distilbert-base-uncased. HF's attribute_map (hidden_size → dim, num_attention_heads → n_heads,
// num_hidden_layers → n_layers) is a getter/setter pair here, so generic code reading
// `config.hidden_size` works and config.json keeps DistilBERT's own keys only.
import { PretrainedConfig, type ConfigDict } from "../../configuration_utils.js";

export class DistilBertConfig extends PretrainedConfig {
  static override model_type = "distilbert";
  /** HF's `attribute_map`: generic name → DistilBERT's key. */
  static readonly attribute_map: Readonly<Record<string, string>> = { hidden_size: "dim", num_attention_heads: "n_heads", num_hidden_layers: "n_layers" };
  declare vocab_size: number;
  declare max_position_embeddings: number;
  /** Fixed sin/cos position table instead of a learned one; not implemented (the model throws). */
  declare sinusoidal_pos_embds: boolean;
  declare n_layers: number;
  declare n_heads: number;
  declare dim: number;
  declare hidden_dim: number;
  declare dropout: number;
  declare attention_dropout: number;
  declare activation: string;
  declare initializer_range: number;
  declare qa_dropout: number;
  declare seq_classif_dropout: number;

  constructor(kwargs: ConfigDict = {}) {
    super({
      vocab_size: 30522, max_position_embeddings: 512, sinusoidal_pos_embds: false, n_layers: 6, n_heads: 12, dim: 768,
      hidden_dim: 4 * 768, dropout: 0.1, attention_dropout: 0.1, activation: "gelu", initializer_range: 0.02,
      qa_dropout: 0.1, seq_classif_dropout: 0.2, pad_token_id: 0, tie_word_embeddings: true,
      ...kwargs,
    });
  }

  get hidden_size(): number {
    return this.dim;
  }
  set hidden_size(v: number) {
    this.dim = v;
  }
  get num_attention_heads(): number {
    return this.n_heads;
  }
  set num_attention_heads(v: number) {
    this.n_heads = v;
  }
  get num_hidden_layers(): number {
    return this.n_layers;
  }
  set num_hidden_layers(v: number) {
    this.n_layers = v;
  }
}
