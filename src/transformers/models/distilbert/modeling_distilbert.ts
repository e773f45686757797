// DistilBERT — mirrors transformers/models/distilbert/modeling_distilbert.py (v5): same attribute
// names (so the same state-dict keys, `distilbert.transformer.layer.N.attention.q_lin.weight`),
// module registration order (so the same seeded init) and math.
// Deliberate differences: `forward` takes one inputs object (api-conventions) and ignores
// `token_type_ids` (DistilBERT has none; HF v5 swallows it through **kwargs too); HF's
// `Embeddings`/`FFN`/`Transformer` are exported as DistilBertEmbeddings/DistilBertFFN/
// DistilBertTransformer (only attribute names reach the keys); sinusoidal_pos_embds=true throws.
import * as torch from "../../../torch/index.js";
import type { Tensor } from "../../../torch/index.js";
import { PreTrainedModel } from "../../modeling_utils.js";
import { DistilBertConfig } from "./configuration_distilbert.js";
import { get_activation } from "../../activations.js";
import { encoder_attention_mask, may_skip_to_first_token, multi_head_attention, run_encoder_layers } from "../../modeling_attention.js";
import type { EncoderRunOptions } from "../../modeling_attention.js";
import { sequence_classification_loss, token_classification_loss, question_answering_loss } from "../../loss/loss_utils.js";
import type {
  BaseModelOutput, ModelInputs, SequenceClassifierOutput, TokenClassifierOutput, MaskedLMOutput, QuestionAnsweringModelOutput,
} from "../../modeling_outputs.js";
import { without_labels, optional_outputs } from "../../modeling_outputs.js";
import type { PretrainedConfig } from "../../configuration_utils.js";
import { NotImplementedError, ValueError } from "../../../utils/errors.js";

const { nn } = torch;
type Cfg = DistilBertConfig;

/** DistilBERT's layers hard-code this LayerNorm eps (there is no layer_norm_eps key). */
const LAYER_NORM_EPS = 1e-12;

function asDistilBertConfig(config: PretrainedConfig): DistilBertConfig {
  return config instanceof DistilBertConfig ? config : new DistilBertConfig(config.to_dict());
}

/** HF `Embeddings`: word + learned position (0..T-1 whatever the padding), no token types. */
export class DistilBertEmbeddings extends nn.Module {
  word_embeddings: torch.nn.Embedding;
  position_embeddings: torch.nn.Embedding;
  LayerNorm: torch.nn.LayerNorm;
  dropout: torch.nn.Dropout;
  position_ids: Tensor;
  constructor(config: Cfg) {
    super();
    if (config.sinusoidal_pos_embds) {
      throw new NotImplementedError(
        "DistilBERT with sinusoidal_pos_embds=true is not implemented in finetune-ts; set sinusoidal_pos_embds: false (learned position embeddings, as every distilbert-base-* checkpoint uses).",
      );
    }
    this.word_embeddings = this.add_module("word_embeddings", new nn.Embedding(config.vocab_size, config.dim, { padding_idx: config.pad_token_id }));
    this.position_embeddings = this.add_module("position_embeddings", new nn.Embedding(config.max_position_embeddings, config.dim));
    this.LayerNorm = this.add_module("LayerNorm", new nn.LayerNorm(config.dim, { eps: LAYER_NORM_EPS }));
    this.dropout = this.add_module("dropout", new nn.Dropout(config.dropout));
    this.position_ids = this.register_buffer("position_ids", torch.tidy(() => torch.arange(config.max_position_embeddings).unsqueeze(0)), { persistent: false });
  }
  forward(input_ids: Tensor | null, inputs_embeds?: Tensor | null, position_ids?: Tensor | null): Tensor {
    return torch.tidy(() => {
      const words = inputs_embeds ?? this.word_embeddings.forward(input_ids!); // (B, T, C)
      const T = words.size(1);
      const pos = position_ids ?? this.position_ids.index(":", `0:${T}`); // (1, T)
      return this.dropout.forward(this.LayerNorm.forward(words.add(this.position_embeddings.forward(pos))));
    });
  }
}

export class DistilBertSelfAttention extends nn.Module {
  readonly n_heads: number;
  readonly dim: number;
  readonly attention_head_size: number;
  readonly scaling: number;
  q_lin: torch.nn.Linear;
  k_lin: torch.nn.Linear;
  v_lin: torch.nn.Linear;
  out_lin: torch.nn.Linear;
  dropout: torch.nn.Dropout;
  constructor(private readonly config: Cfg) {
    super();
    this.n_heads = config.n_heads;
    this.dim = config.dim;
    if (this.dim % this.n_heads !== 0) throw new ValueError(`self.n_heads: ${this.n_heads} must divide self.dim: ${this.dim} evenly`);
    this.attention_head_size = this.dim / this.n_heads;
    this.scaling = this.attention_head_size ** -0.5;
    this.q_lin = this.add_module("q_lin", new nn.Linear(config.dim, config.dim));
    this.k_lin = this.add_module("k_lin", new nn.Linear(config.dim, config.dim));
    this.v_lin = this.add_module("v_lin", new nn.Linear(config.dim, config.dim));
    this.out_lin = this.add_module("out_lin", new nn.Linear(config.dim, config.dim));
    this.dropout = this.add_module("dropout", new nn.Dropout(config.attention_dropout));
  }
  /** `query_states`: the rows that ask (the first-token-only last layer); keys and values use every row. */
  forward(hidden_states: Tensor, mask: Tensor | null, output_attentions = false, query_states?: Tensor): [Tensor, Tensor | null] {
    return torch.tidy(() => {
      const [ctx, probs] = multi_head_attention(hidden_states, { query: this.q_lin, key: this.k_lin, value: this.v_lin }, this.attention_head_size, mask, {
        scaling: this.scaling, dropout_p: this.dropout.p, training: this.training, output_attentions, implementation: this.config._attn_implementation, query_states,
      });
      return [this.out_lin.forward(ctx), probs] as [Tensor, Tensor | null];
    });
  }
}

/** HF `FFN`: lin1 → activation → lin2 → dropout. */
export class DistilBertFFN extends nn.Module {
  dropout: torch.nn.Dropout;
  lin1: torch.nn.Linear;
  lin2: torch.nn.Linear;
  activation: torch.nn.TensorModule;
  constructor(config: Cfg) {
    super();
    this.dropout = this.add_module("dropout", new nn.Dropout(config.dropout));
    this.lin1 = this.add_module("lin1", new nn.Linear(config.dim, config.hidden_dim));
    this.lin2 = this.add_module("lin2", new nn.Linear(config.hidden_dim, config.dim));
    this.activation = this.add_module("activation", get_activation(config.activation));
  }
  forward(x: Tensor): Tensor {
    return torch.tidy(() => this.dropout.forward(this.lin2.forward(this.activation.forward(this.lin1.forward(x)))));
  }
}

/** Post-LN block: LN(x + attn(x)), then LN(h + ffn(h)); both LayerNorms eps 1e-12. */
export class TransformerBlock extends nn.Module {
  attention: DistilBertSelfAttention;
  sa_layer_norm: torch.nn.LayerNorm;
  ffn: DistilBertFFN;
  output_layer_norm: torch.nn.LayerNorm;
  constructor(config: Cfg) {
    super();
    this.attention = this.add_module("attention", new DistilBertSelfAttention(config));
    this.sa_layer_norm = this.add_module("sa_layer_norm", new nn.LayerNorm(config.dim, { eps: LAYER_NORM_EPS }));
    this.ffn = this.add_module("ffn", new DistilBertFFN(config));
    this.output_layer_norm = this.add_module("output_layer_norm", new nn.LayerNorm(config.dim, { eps: LAYER_NORM_EPS }));
  }
  forward(hidden_states: Tensor, mask: Tensor | null, output_attentions = false, first_token_only = false): [Tensor, Tensor | null] {
    return torch.tidy(() => {
      const q = first_token_only ? hidden_states.narrow(1, 0, 1) : undefined; // (B, 1, C)
      const [a, probs] = this.attention.forward(hidden_states, mask, output_attentions, q);
      const sa = this.sa_layer_norm.forward(a.add(q ?? hidden_states));
      return [this.output_layer_norm.forward(this.ffn.forward(sa).add(sa)), probs] as [Tensor, Tensor | null];
    });
  }
}

/** HF `Transformer`: the stack of blocks. */
export class DistilBertTransformer extends nn.Module {
  readonly n_layers: number;
  layer: torch.nn.ModuleList<TransformerBlock>;
  constructor(config: Cfg) {
    super();
    this.n_layers = config.n_layers;
    this.layer = this.add_module("layer", new nn.ModuleList(Array.from({ length: config.n_layers }, () => new TransformerBlock(config))));
  }
  /** Returns the last hidden state; collects every layer's input (and the output) when asked. */
  forward(hidden_states: Tensor, mask: Tensor | null, all_hidden_states: Tensor[] | null, all_attentions: Tensor[] | null, first_token_only = false): Tensor {
    return run_encoder_layers(this.layer, hidden_states, mask, all_hidden_states, all_attentions, first_token_only);
  }
}

export abstract class DistilBertPreTrainedModel extends PreTrainedModel {
  static override config_class = DistilBertConfig;
  static override base_model_prefix = "distilbert";
  declare readonly config: DistilBertConfig;
  // HF's own _init_weights adds only the sinusoidal table and the position_ids buffer (already
  // 0..max-1 here), so the generic PreTrainedModel._init_weights is the whole story.
}

/** The bare encoder: `last_hidden_state` (B, T, dim), plus `hidden_states`/`attentions` when asked. */
export class DistilBertModel extends DistilBertPreTrainedModel {
  embeddings: DistilBertEmbeddings;
  transformer: DistilBertTransformer;
  constructor(config: PretrainedConfig) {
    super(asDistilBertConfig(config));
    this.embeddings = this.add_module("embeddings", new DistilBertEmbeddings(this.config));
    this.transformer = this.add_module("transformer", new DistilBertTransformer(this.config));
    this.post_init();
  }
  forward(inputs: ModelInputs, options: EncoderRunOptions = {}): BaseModelOutput {
    const { input_ids = null, attention_mask = null, position_ids = null, inputs_embeds = null } = inputs;
    const outputHidden = inputs.output_hidden_states ?? this.config.output_hidden_states;
    const outputAttn = inputs.output_attentions ?? this.config.output_attentions;
    return torch.tidy(() => {
      if (!input_ids === !inputs_embeds) throw new ValueError("You must specify exactly one of input_ids or inputs_embeds");
      const emb = this.embeddings.forward(input_ids, inputs_embeds, position_ids);
      const mask = encoder_attention_mask(attention_mask, emb.dtype, this.config._attn_implementation);
      const hs: Tensor[] | null = outputHidden ? [] : null;
      const attn: Tensor[] | null = outputAttn ? [] : null;
      const last = this.transformer.forward(emb, mask, hs, attn, options.first_token_only === true);
      const out: BaseModelOutput = { last_hidden_state: last };
      if (hs) out.hidden_states = hs;
      if (attn) out.attentions = attn;
      return out;
    });
  }
}


/** Masked language modelling: vocab_transform → activation → vocab_layer_norm → vocab_projector (tied). */
export class DistilBertForMaskedLM extends DistilBertPreTrainedModel {
  // HF ties only the weight; vocab_projector.bias is the head's own parameter and is saved.
  static override _tied_weights_keys = { "vocab_projector.weight": "distilbert.embeddings.word_embeddings.weight" };
  activation: torch.nn.TensorModule;
  distilbert: DistilBertModel;
  vocab_transform: torch.nn.Linear;
  vocab_layer_norm: torch.nn.LayerNorm;
  vocab_projector: torch.nn.Linear;
  constructor(config: PretrainedConfig) {
    super(asDistilBertConfig(config));
    this.activation = this.add_module("activation", get_activation(this.config.activation));
    this.distilbert = this.add_module("distilbert", new DistilBertModel(this.config));
    this.vocab_transform = this.add_module("vocab_transform", new nn.Linear(this.config.dim, this.config.dim));
    this.vocab_layer_norm = this.add_module("vocab_layer_norm", new nn.LayerNorm(this.config.dim, { eps: LAYER_NORM_EPS }));
    this.vocab_projector = this.add_module("vocab_projector", new nn.Linear(this.config.dim, this.config.vocab_size));
    this.post_init();
  }
  forward(inputs: ModelInputs): MaskedLMOutput {
    return torch.tidy(() => {
      const out = this.distilbert.forward(without_labels(inputs));
      const h = this.vocab_layer_norm.forward(this.activation.forward(this.vocab_transform.forward(out.last_hidden_state))); // (B, T, dim)
      const logits = this.vocab_projector.forward(h); // (B, T, vocab)
      const res: MaskedLMOutput = { logits, ...optional_outputs(out) };
      if (inputs.labels) res.loss = token_classification_loss(logits, inputs.labels, this.config.vocab_size);
      return res;
    });
  }
}

/** Classification/regression on the first token: pre_classifier → ReLU → dropout → classifier. */
export class DistilBertForSequenceClassification extends DistilBertPreTrainedModel {
  distilbert: DistilBertModel;
  pre_classifier: torch.nn.Linear;
  classifier: torch.nn.Linear;
  dropout: torch.nn.Dropout;
  /** Run the last layer for the first token alone (same logits, less work; see EncoderRunOptions). false: the full layer. */
  first_token_only = true;
  constructor(config: PretrainedConfig) {
    super(asDistilBertConfig(config));
    this.distilbert = this.add_module("distilbert", new DistilBertModel(this.config));
    this.pre_classifier = this.add_module("pre_classifier", new nn.Linear(this.config.dim, this.config.dim));
    this.classifier = this.add_module("classifier", new nn.Linear(this.config.dim, this.config.num_labels));
    this.dropout = this.add_module("dropout", new nn.Dropout(this.config.seq_classif_dropout));
    this.post_init();
  }
  forward(inputs: ModelInputs): SequenceClassifierOutput {
    return torch.tidy(() => {
      const out = this.distilbert.forward(without_labels(inputs), { first_token_only: may_skip_to_first_token(this.first_token_only, inputs, this.config) });
      const pooled = this.pre_classifier.forward(out.last_hidden_state.select(1, 0)).relu(); // first token: (B, T, dim) -> (B, dim)
      const logits = this.classifier.forward(this.dropout.forward(pooled));
      const res: SequenceClassifierOutput = { logits, ...optional_outputs(out) };
      if (inputs.labels) res.loss = sequence_classification_loss(this.config, logits, inputs.labels);
      return res;
    });
  }
}

export interface DistilBertQAInputs extends ModelInputs {
  start_positions?: Tensor | null;
  end_positions?: Tensor | null;
}

/** Extractive QA: dropout(qa_dropout) → qa_outputs → start/end logits per token. */
export class DistilBertForQuestionAnswering extends DistilBertPreTrainedModel {
  distilbert: DistilBertModel;
  qa_outputs: torch.nn.Linear;
  dropout: torch.nn.Dropout;
  constructor(config: PretrainedConfig) {
    super(asDistilBertConfig(config));
    // HF checks after building qa_outputs; checking first builds nothing that would be left to the GC.
    if (this.config.num_labels !== 2) throw new ValueError(`config.num_labels should be 2, but it is ${this.config.num_labels}`);
    this.distilbert = this.add_module("distilbert", new DistilBertModel(this.config));
    this.qa_outputs = this.add_module("qa_outputs", new nn.Linear(this.config.dim, this.config.num_labels));
    this.dropout = this.add_module("dropout", new nn.Dropout(this.config.qa_dropout));
    this.post_init();
  }
  forward(inputs: DistilBertQAInputs): QuestionAnsweringModelOutput {
    return torch.tidy(() => {
      const { start_positions, end_positions, ...rest } = inputs;
      const out = this.distilbert.forward(without_labels(rest));
      const logits = this.qa_outputs.forward(this.dropout.forward(out.last_hidden_state)); // (B, T, 2)
      const [start, end] = logits.split(1, -1); // 2 × (B, T, 1)
      const res: QuestionAnsweringModelOutput = { start_logits: start.squeeze(-1).contiguous(), end_logits: end.squeeze(-1).contiguous(), ...optional_outputs(out) };
      if (start_positions && end_positions) res.loss = question_answering_loss(res.start_logits, res.end_logits, start_positions, end_positions);
      return res;
    });
  }
}

/** A linear head on every token (NER-style), after dropout(config.dropout). Labels of -100 are ignored. */
export class DistilBertForTokenClassification extends DistilBertPreTrainedModel {
  distilbert: DistilBertModel;
  dropout: torch.nn.Dropout;
  classifier: torch.nn.Linear;
  constructor(config: PretrainedConfig) {
    super(asDistilBertConfig(config));
    this.distilbert = this.add_module("distilbert", new DistilBertModel(this.config));
    this.dropout = this.add_module("dropout", new nn.Dropout(this.config.dropout));
    this.classifier = this.add_module("classifier", new nn.Linear(this.config.hidden_size, this.config.num_labels));
    this.post_init();
  }
  forward(inputs: ModelInputs): TokenClassifierOutput {
    return torch.tidy(() => {
      const out = this.distilbert.forward(without_labels(inputs));
      const logits = this.classifier.forward(this.dropout.forward(out.last_hidden_state));
      const res: TokenClassifierOutput = { logits, ...optional_outputs(out) };
      if (inputs.labels) res.loss = token_classification_loss(logits, inputs.labels, this.config.num_labels);
      return res;
    });
  }
}
