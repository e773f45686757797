// BERT — mirrors transformers/models/bert/modeling_bert.py (v5): same attribute names (so the
// same state-dict keys), module registration order (so the same seeded init) and math.
// Deliberate difference: `forward` takes one inputs object (api-conventions), and attention uses
// libtorch's fused SDPA where available (eager is kept as the oracle; output_attentions uses it).
import * as torch from "../../../torch/index.js";
import type { Tensor } from "../../../torch/index.js";
import { PreTrainedModel } from "../../modeling_utils.js";
import { BertConfig } from "./configuration_bert.js";
import { get_activation } from "../../activations.js";
import { encoder_attention_mask, may_skip_to_first_token, multi_head_attention, run_encoder_layers } from "../../modeling_attention.js";
import type { EncoderRunOptions } from "../../modeling_attention.js";
import { sequence_classification_loss, token_classification_loss, question_answering_loss } from "../../loss/loss_utils.js";
import type {
  BaseModelOutputWithPooling, ModelInputs, SequenceClassifierOutput, TokenClassifierOutput, MaskedLMOutput, QuestionAnsweringModelOutput,
} from "../../modeling_outputs.js";
import { without_labels, optional_outputs } from "../../modeling_outputs.js";
import type { PretrainedConfig } from "../../configuration_utils.js";
import { ValueError } from "../../../utils/errors.js";

const { nn } = torch;
type Cfg = BertConfig;

export class BertEmbeddings extends nn.Module {
  word_embeddings: torch.nn.Embedding;
  position_embeddings: torch.nn.Embedding;
  token_type_embeddings: torch.nn.Embedding;
  LayerNorm: torch.nn.LayerNorm;
  dropout: torch.nn.Dropout;
  position_ids: Tensor;
  constructor(config: Cfg) {
    super();
    this.word_embeddings = this.add_module("word_embeddings", new nn.Embedding(config.vocab_size, config.hidden_size, { padding_idx: config.pad_token_id }));
    this.position_embeddings = this.add_module("position_embeddings", new nn.Embedding(config.max_position_embeddings, config.hidden_size));
    this.token_type_embeddings = this.add_module("token_type_embeddings", new nn.Embedding(config.type_vocab_size, config.hidden_size));
    this.LayerNorm = this.add_module("LayerNorm", new nn.LayerNorm(config.hidden_size, { eps: config.layer_norm_eps }));
    this.dropout = this.add_module("dropout", new nn.Dropout(config.hidden_dropout_prob));
    // Non-persistent: not in the state dict (HF ≥ 4.31); old checkpoints that carry it are ignored.
    this.position_ids = this.register_buffer("position_ids", torch.tidy(() => torch.arange(config.max_position_embeddings).unsqueeze(0)), { persistent: false });
  }
  forward(input_ids: Tensor | null, token_type_ids?: Tensor | null, position_ids?: Tensor | null, inputs_embeds?: Tensor | null): Tensor {
    return torch.tidy(() => {
      const shape = (input_ids ?? inputs_embeds!).shape;
      const T = shape[1];
      const pos = position_ids ?? this.position_ids.index(":", `0:${T}`); // (1, T) = 0..T-1, whatever the padding
      const tt = token_type_ids ?? torch.zeros([shape[0], T], { dtype: torch.int64, device: this.position_ids.device });
      const words = inputs_embeds ?? this.word_embeddings.forward(input_ids!);
      const emb = words.add(this.token_type_embeddings.forward(tt)).add(this.position_embeddings.forward(pos)); // (B, T, C)
      return this.dropout.forward(this.LayerNorm.forward(emb));
    });
  }
}

export class BertSelfAttention extends nn.Module {
  readonly num_attention_heads: number;
  readonly attention_head_size: number;
  readonly scaling: number;
  query: torch.nn.Linear;
  key: torch.nn.Linear;
  value: torch.nn.Linear;
  dropout: torch.nn.Dropout;
  constructor(private readonly config: Cfg) {
    super();
    if (config.hidden_size % config.num_attention_heads !== 0) {
      throw new ValueError(`The hidden size (${config.hidden_size}) is not a multiple of the number of attention heads (${config.num_attention_heads})`);
    }
    this.num_attention_heads = config.num_attention_heads;
    this.attention_head_size = config.hidden_size / config.num_attention_heads;
    this.scaling = this.attention_head_size ** -0.5;
    const all = this.num_attention_heads * this.attention_head_size;
    this.query = this.add_module("query", new nn.Linear(config.hidden_size, all));
    this.key = this.add_module("key", new nn.Linear(config.hidden_size, all));
    this.value = this.add_module("value", new nn.Linear(config.hidden_size, all));
    this.dropout = this.add_module("dropout", new nn.Dropout(config.attention_probs_dropout_prob));
  }
  /** `query_states`: the rows that ask (the first-token-only last layer); keys and values use every row. */
  forward(hidden_states: Tensor, mask: Tensor | null, output_attentions = false, query_states?: Tensor): [Tensor, Tensor | null] {
    return multi_head_attention(hidden_states, this, this.attention_head_size, mask, {
      scaling: this.scaling, dropout_p: this.dropout.p, training: this.training, output_attentions, implementation: this.config._attn_implementation, query_states,
    });
  }
}

/** dense → dropout → LayerNorm(x + residual): the post-LN residual of BertSelfOutput and BertOutput. */
class BertResidual extends nn.Module {
  dense: torch.nn.Linear;
  LayerNorm: torch.nn.LayerNorm;
  dropout: torch.nn.Dropout;
  constructor(config: Cfg, inFeatures: number) {
    super();
    this.dense = this.add_module("dense", new nn.Linear(inFeatures, config.hidden_size));
    this.LayerNorm = this.add_module("LayerNorm", new nn.LayerNorm(config.hidden_size, { eps: config.layer_norm_eps }));
    this.dropout = this.add_module("dropout", new nn.Dropout(config.hidden_dropout_prob));
  }
  forward(hidden_states: Tensor, input_tensor: Tensor): Tensor {
    return torch.tidy(() => this.LayerNorm.forward(this.dropout.forward(this.dense.forward(hidden_states)).add(input_tensor)));
  }
}
export class BertSelfOutput extends BertResidual {
  constructor(config: Cfg) {
    super(config, config.hidden_size);
  }
}
export class BertOutput extends BertResidual {
  constructor(config: Cfg) {
    super(config, config.intermediate_size);
  }
}

export class BertAttention extends nn.Module {
  self: BertSelfAttention;
  output: BertSelfOutput;
  constructor(config: Cfg) {
    super();
    this.self = this.add_module("self", new BertSelfAttention(config));
    this.output = this.add_module("output", new BertSelfOutput(config));
  }
  forward(hidden_states: Tensor, mask: Tensor | null, output_attentions = false, query_states?: Tensor): [Tensor, Tensor | null] {
    return torch.tidy(() => {
      const [a, probs] = this.self.forward(hidden_states, mask, output_attentions, query_states);
      return [this.output.forward(a, query_states ?? hidden_states), probs] as [Tensor, Tensor | null];
    });
  }
}

export class BertIntermediate extends nn.Module {
  dense: torch.nn.Linear;
  intermediate_act_fn: torch.nn.TensorModule;
  constructor(config: Cfg) {
    super();
    this.dense = this.add_module("dense", new nn.Linear(config.hidden_size, config.intermediate_size));
    this.intermediate_act_fn = get_activation(config.hidden_act);
  }
  forward(hidden_states: Tensor): Tensor {
    return torch.tidy(() => this.intermediate_act_fn.forward(this.dense.forward(hidden_states)));
  }
}

export class BertLayer extends nn.Module {
  attention: BertAttention;
  intermediate: BertIntermediate;
  output: BertOutput;
  constructor(config: Cfg) {
    super();
    this.attention = this.add_module("attention", new BertAttention(config));
    this.intermediate = this.add_module("intermediate", new BertIntermediate(config));
    this.output = this.add_module("output", new BertOutput(config));
  }
  forward(hidden_states: Tensor, mask: Tensor | null, output_attentions = false, first_token_only = false): [Tensor, Tensor | null] {
    return torch.tidy(() => {
      const q = first_token_only ? hidden_states.narrow(1, 0, 1) : undefined; // (B, 1, C)
      const [a, probs] = this.attention.forward(hidden_states, mask, output_attentions, q);
      return [this.output.forward(this.intermediate.forward(a), a), probs] as [Tensor, Tensor | null];
    });
  }
}

export class BertEncoder extends nn.Module {
  layer: torch.nn.ModuleList<BertLayer>;
  constructor(config: Cfg) {
    super();
    this.layer = this.add_module("layer", new nn.ModuleList(Array.from({ length: config.num_hidden_layers }, () => new BertLayer(config))));
  }
  /** Returns the last hidden state; collects every layer's input (and the output) when asked. */
  forward(hidden_states: Tensor, mask: Tensor | null, all_hidden_states: Tensor[] | null, all_attentions: Tensor[] | null, first_token_only = false): Tensor {
    return run_encoder_layers(this.layer, hidden_states, mask, all_hidden_states, all_attentions, first_token_only);
  }
}

export class BertPooler extends nn.Module {
  dense: torch.nn.Linear;
  activation: torch.nn.Tanh;
  constructor(config: Cfg) {
    super();
    this.dense = this.add_module("dense", new nn.Linear(config.hidden_size, config.hidden_size));
    this.activation = this.add_module("activation", new nn.Tanh());
  }
  forward(hidden_states: Tensor): Tensor {
    return torch.tidy(() => this.activation.forward(this.dense.forward(hidden_states.select(1, 0)))); // [CLS]: (B, T, C) -> (B, C)
  }
}

export abstract class BertPreTrainedModel extends PreTrainedModel {
  static override config_class = BertConfig;
  static override base_model_prefix = "bert";
  declare readonly config: BertConfig;
  override _init_weights(module: torch.nn.Module): void {
    super._init_weights(module);
    if (module instanceof BertLMPredictionHead) torch.no_grad(() => module.bias.zero_());
  }
}

export class BertModel extends BertPreTrainedModel {
  embeddings: BertEmbeddings;
  encoder: BertEncoder;
  pooler: BertPooler | null;
  constructor(config: PretrainedConfig, options: { add_pooling_layer?: boolean } = {}) {
    super(config instanceof BertConfig ? config : new BertConfig(config.to_dict()));
    this.embeddings = this.add_module("embeddings", new BertEmbeddings(this.config));
    this.encoder = this.add_module("encoder", new BertEncoder(this.config));
    this.pooler = this.add_module("pooler", options.add_pooling_layer === false ? null : new BertPooler(this.config));
    this.post_init();
  }
  forward(inputs: ModelInputs, options: EncoderRunOptions = {}): BaseModelOutputWithPooling {
    const { input_ids = null, attention_mask = null, token_type_ids = null, position_ids = null, inputs_embeds = null } = inputs;
    const outputHidden = inputs.output_hidden_states ?? this.config.output_hidden_states;
    const outputAttn = inputs.output_attentions ?? this.config.output_attentions;
    return torch.tidy(() => {
      if (!input_ids && !inputs_embeds) throw new ValueError("You have to specify either input_ids or inputs_embeds");
      const emb = this.embeddings.forward(input_ids, token_type_ids, position_ids, inputs_embeds);
      const mask = encoder_attention_mask(attention_mask, emb.dtype, this.config._attn_implementation);
      const hs: Tensor[] | null = outputHidden ? [] : null;
      const attn: Tensor[] | null = outputAttn ? [] : null;
      const last = this.encoder.forward(emb, mask, hs, attn, options.first_token_only === true);
      const out: BaseModelOutputWithPooling = { last_hidden_state: last };
      if (this.pooler) out.pooler_output = this.pooler.forward(last);
      if (hs) out.hidden_states = hs;
      if (attn) out.attentions = attn;
      return out;
    });
  }
}

function classifierDropout(config: BertConfig): number {
  return config.classifier_dropout ?? config.hidden_dropout_prob;
}

/** BERT with a linear head on the pooled [CLS] output: classification or regression. */
export class BertForSequenceClassification extends BertPreTrainedModel {
  bert: BertModel;
  dropout: torch.nn.Dropout;
  classifier: torch.nn.Linear;
  /** Run the last layer for [CLS] alone (same logits, less work; see EncoderRunOptions). false: the full layer. */
  first_token_only = true;
  constructor(config: PretrainedConfig) {
    super(config instanceof BertConfig ? config : new BertConfig(config.to_dict()));
    this.bert = this.add_module("bert", new BertModel(this.config));
    this.dropout = this.add_module("dropout", new nn.Dropout(classifierDropout(this.config)));
    this.classifier = this.add_module("classifier", new nn.Linear(this.config.hidden_size, this.config.num_labels));
    this.post_init();
  }
  forward(inputs: ModelInputs): SequenceClassifierOutput {
    return torch.tidy(() => {
      const out = this.bert.forward(without_labels(inputs), { first_token_only: may_skip_to_first_token(this.first_token_only, inputs, this.config) });
      const logits = this.classifier.forward(this.dropout.forward(out.pooler_output!));
      const res: SequenceClassifierOutput = { logits, ...optional_outputs(out) };
      if (inputs.labels) res.loss = sequence_classification_loss(this.config, logits, inputs.labels);
      return res;
    });
  }
}

/** A linear head on every token (NER-style). Labels of -100 are ignored. */
export class BertForTokenClassification extends BertPreTrainedModel {
  bert: BertModel;
  dropout: torch.nn.Dropout;
  classifier: torch.nn.Linear;
  constructor(config: PretrainedConfig) {
    super(config instanceof BertConfig ? config : new BertConfig(config.to_dict()));
    this.bert = this.add_module("bert", new BertModel(this.config, { add_pooling_layer: false }));
    this.dropout = this.add_module("dropout", new nn.Dropout(classifierDropout(this.config)));
    this.classifier = this.add_module("classifier", new nn.Linear(this.config.hidden_size, this.config.num_labels));
    this.post_init();
  }
  forward(inputs: ModelInputs): TokenClassifierOutput {
    return torch.tidy(() => {
      const out = this.bert.forward(without_labels(inputs));
      const logits = this.classifier.forward(this.dropout.forward(out.last_hidden_state));
      const res: TokenClassifierOutput = { logits, ...optional_outputs(out) };
      if (inputs.labels) res.loss = token_classification_loss(logits, inputs.labels, this.config.num_labels);
      return res;
    });
  }
}

export class BertPredictionHeadTransform extends nn.Module {
  dense: torch.nn.Linear;
  transform_act_fn: torch.nn.TensorModule;
  LayerNorm: torch.nn.LayerNorm;
  constructor(config: Cfg) {
    super();
    this.dense = this.add_module("dense", new nn.Linear(config.hidden_size, config.hidden_size));
    this.transform_act_fn = get_activation(config.hidden_act);
    this.LayerNorm = this.add_module("LayerNorm", new nn.LayerNorm(config.hidden_size, { eps: config.layer_norm_eps }));
  }
  forward(h: Tensor): Tensor {
    return torch.tidy(() => this.LayerNorm.forward(this.transform_act_fn.forward(this.dense.forward(h))));
  }
}

export class BertLMPredictionHead extends nn.Module {
  transform: BertPredictionHeadTransform;
  decoder: torch.nn.Linear;
  bias: torch.nn.Parameter;
  constructor(config: Cfg) {
    super();
    this.transform = this.add_module("transform", new BertPredictionHeadTransform(config));
    // v5: the decoder is built with a bias; tie_weights makes decoder.weight the word embeddings
    // and decoder.bias this `bias` (4.x built it bias=False and assigned it).
    this.decoder = this.add_module("decoder", new nn.Linear(config.hidden_size, config.vocab_size));
    this.bias = this.register_parameter("bias", torch.nn.Parameter._adopt(torch.zeros(config.vocab_size)));
  }
  forward(h: Tensor): Tensor {
    return torch.tidy(() => this.decoder.forward(this.transform.forward(h)));
  }
}

export class BertOnlyMLMHead extends nn.Module {
  predictions: BertLMPredictionHead;
  constructor(config: Cfg) {
    super();
    this.predictions = this.add_module("predictions", new BertLMPredictionHead(config));
  }
  forward(h: Tensor): Tensor {
    return this.predictions.forward(h);
  }
}

/** Masked language modelling with the decoder tied to the input embeddings. */
export class BertForMaskedLM extends BertPreTrainedModel {
  static override _tied_weights_keys = {
    "cls.predictions.decoder.weight": "bert.embeddings.word_embeddings.weight",
    "cls.predictions.decoder.bias": "cls.predictions.bias",
  };
  bert: BertModel;
  cls: BertOnlyMLMHead;
  constructor(config: PretrainedConfig) {
    super(config instanceof BertConfig ? config : new BertConfig(config.to_dict()));
    this.bert = this.add_module("bert", new BertModel(this.config, { add_pooling_layer: false }));
    this.cls = this.add_module("cls", new BertOnlyMLMHead(this.config));
    this.post_init();
  }
  forward(inputs: ModelInputs): MaskedLMOutput {
    return torch.tidy(() => {
      const out = this.bert.forward(without_labels(inputs));
      const logits = this.cls.forward(out.last_hidden_state);
      const res: MaskedLMOutput = { logits, ...optional_outputs(out) };
      if (inputs.labels) res.loss = token_classification_loss(logits, inputs.labels, this.config.vocab_size);
      return res;
    });
  }
}

export interface QAInputs extends ModelInputs {
  start_positions?: Tensor | null;
  end_positions?: Tensor | null;
}

/** Extractive QA: start/end logits per token. */
export class BertForQuestionAnswering extends BertPreTrainedModel {
  bert: BertModel;
  qa_outputs: torch.nn.Linear;
  constructor(config: PretrainedConfig) {
    super(config instanceof BertConfig ? config : new BertConfig(config.to_dict()));
    this.bert = this.add_module("bert", new BertModel(this.config, { add_pooling_layer: false }));
    this.qa_outputs = this.add_module("qa_outputs", new nn.Linear(this.config.hidden_size, this.config.num_labels));
    this.post_init();
  }
  forward(inputs: QAInputs): QuestionAnsweringModelOutput {
    return torch.tidy(() => {
      const { start_positions, end_positions, ...rest } = inputs;
      const out = this.bert.forward(without_labels(rest));
      const [start, end] = this.qa_outputs.forward(out.last_hidden_state).split(1, -1); // (B, T, 2) -> 2 × (B, T, 1)
      const res: QuestionAnsweringModelOutput = { start_logits: start.squeeze(-1).contiguous(), end_logits: end.squeeze(-1).contiguous(), ...optional_outputs(out) };
      if (start_positions && end_positions) res.loss = question_answering_loss(res.start_logits, res.end_logits, start_positions, end_positions);
      return res;
    });
  }
}
