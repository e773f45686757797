// GPT2Config — mirrors transformers/models/gpt2/configuration_gpt2.py (v5): the defaults of the
// `gpt2` (124M) checkpoint, and HF's `attribute_map` (hidden_size → n_embd, …) as accessors on the
// prototype, so the generic names read and write GPT-2's own keys and never reach config.json.
import { PretrainedConfig, type ConfigDict } from "../../configuration_utils.js";

export class GPT2Config extends PretrainedConfig {
  static override model_type = "gpt2";
  /** HF's attribute_map: generic name → GPT-2's key. */
  static readonly attribute_map: Readonly<Record<string, string>> = {
    hidden_size: "n_embd",
    max_position_embeddings: "n_positions",
    num_attention_heads: "n_head",
    num_hidden_layers: "n_layer",
  };
  static readonly keys_to_ignore_at_inference = ["past_key_values"];

  declare vocab_size: number;
  declare n_positions: number;
  declare n_embd: number;
  declare n_layer: number;
  declare n_head: number;
  /** MLP width; null means 4 · n_embd. */
  declare n_inner: number | null;
  declare activation_function: string;
  declare resid_pdrop: number;
  declare embd_pdrop: number;
  declare attn_pdrop: number;
  declare layer_norm_epsilon: number;
  declare initializer_range: number;
  declare summary_type: string;
  declare summary_use_proj: boolean;
  declare summary_activation: string | null;
  declare summary_proj_to_labels: boolean;
  declare summary_first_dropout: number;
  declare scale_attn_weights: boolean;
  declare use_cache: boolean;
  declare scale_attn_by_inverse_layer_idx: boolean;
  declare reorder_and_upcast_attn: boolean;
  declare add_cross_attention: boolean;

  /**
   * Keyword arguments as HF's `GPT2Config(**kwargs)`; generic names (`hidden_size`, …) are
   * accepted and stored under GPT-2's keys.
   * @example
   * new GPT2Config({ n_layer: 2, hidden_size: 32 }).n_embd // 32
   */
  constructor(kwargs: ConfigDict = {}) {
    super({
      vocab_size: 50257, n_positions: 1024, n_embd: 768, n_layer: 12, n_head: 12, n_inner: null,
      activation_function: "gelu_new", resid_pdrop: 0.1, embd_pdrop: 0.1, attn_pdrop: 0.1,
      layer_norm_epsilon: 1e-5, initializer_range: 0.02, summary_type: "cls_index", summary_use_proj: true,
      summary_activation: null, summary_proj_to_labels: true, summary_first_dropout: 0.1,
      scale_attn_weights: true, use_cache: true, bos_token_id: 50256, eos_token_id: 50256,
      scale_attn_by_inverse_layer_idx: false, reorder_and_upcast_attn: false, add_cross_attention: false,
      pad_token_id: null, tie_word_embeddings: true,
      // Generic aliases go after the defaults so that their setters win over them.
      ...kwargs,
    });
  }

  get hidden_size(): number {
    return this.n_embd;
  }
  set hidden_size(v: number) {
    this.n_embd = v;
  }
  get max_position_embeddings(): number {
    return this.n_positions;
  }
  set max_position_embeddings(v: number) {
    this.n_positions = v;
  }
  get num_attention_heads(): number {
    return this.n_head;
  }
  set num_attention_heads(v: number) {
    this.n_head = v;
  }
  get num_hidden_layers(): number {
    return this.n_layer;
  }
  set num_hidden_layers(v: number) {
    this.n_layer = v;
  }
}
