// ALBERT — mirrors transformers/models/albert/modeling_albert.py (v5): factorized embeddings
// (embedding_size → hidden_size through embedding_hidden_mapping_in) and layer groups whose
// weights are shared across num_hidden_layers. Same attribute names (state-dict keys) and order.
// Deliberate differences: one inputs object for forward; hidden_states lists the mapped embedding
// output and then every layer application's output (HF records AlbertLayer outputs).
import * as torch from "../../../torch/index.js";
import type { Tensor } from "../../../torch/index.js";
import { PreTrainedModel } from "../../modeling_utils.js";
import { AlbertConfig } from "./configuration_albert.js";
import type { PretrainedConfig } from "../../configuration_utils.js";
import { get_activation } from "../../activations.js";
import { encoder_attention_mask, may_skip_to_first_token, multi_head_attention } from "../../modeling_attention.js";
import type { EncoderRunOptions } from "../../modeling_attention.js";
import { sequence_classification_loss, token_classification_loss, question_answering_loss } from "../../loss/loss_utils.js";
import type { BaseModelOutputWithPooling, ModelInputs, SequenceClassifierOutput, MaskedLMOutput, TokenClassifierOutput, QuestionAnsweringModelOutput } from "../../modeling_outputs.js";
import { without_labels, optional_outputs } from "../../modeling_outputs.js";
import { BertEmbeddings } from "../bert/modeling_bert.js";
import { BertConfig } from "../bert/configuration_bert.js";
import { ValueError } from "../../../utils/errors.js";

const { nn } = torch;
type Cfg = AlbertConfig;

/** Same layout and math as BERT's embeddings, at embedding_size. */
export class AlbertEmbeddings extends BertEmbeddings {
  constructor(config: Cfg) {
    super(new BertConfig({ ...config.to_dict(), hidden_size: config.embedding_size }));
  }
}

export class AlbertAttention extends nn.Module {
  readonly attention_head_size: number;
  readonly scaling: number;
  attention_dropout: torch.nn.Dropout;
  output_dropout: torch.nn.Dropout;
  query: torch.nn.Linear;
  key: torch.nn.Linear;
  value: torch.nn.Linear;
  dense: torch.nn.Linear;
  LayerNorm: torch.nn.LayerNorm;
  constructor(private readonly config: Cfg) {
    super();
    if (config.hidden_size % config.num_attention_heads !== 0) {
      throw new ValueError(`The hidden size (${config.hidden_size}) is not a multiple of the number of attention heads (${config.num_attention_heads})`);
    }
    this.attention_head_size = config.hidden_size / config.num_attention_heads;
    this.scaling = this.attention_head_size ** -0.5;
    this.attention_dropout = this.add_module("attention_dropout", new nn.Dropout(config.attention_probs_dropout_prob));
    this.output_dropout = this.add_module("output_dropout", new nn.Dropout(config.hidden_dropout_prob));
    this.query = this.add_module("query", new nn.Linear(config.hidden_size, config.hidden_size));
    this.key = this.add_module("key", new nn.Linear(config.hidden_size, config.hidden_size));
    this.value = this.add_module("value", new nn.Linear(config.hidden_size, config.hidden_size));
    this.dense = this.add_module("dense", new nn.Linear(config.hidden_size, config.hidden_size));
    this.LayerNorm = this.add_module("LayerNorm", new nn.LayerNorm(config.hidden_size, { eps: config.layer_norm_eps }));
  }
  /** `query_states`: the rows that ask (the first-token-only last layer); keys and values use every row. */
  forward(h: Tensor, mask: Tensor | null, output_attentions = false, query_states?: Tensor): [Tensor, Tensor | null] {
    return torch.tidy(() => {
      const [ctx, probs] = multi_head_attention(h, this, this.attention_head_size, mask, {
        scaling: this.scaling, dropout_p: this.attention_dropout.p, training: this.training, output_attentions, implementation: this.config._attn_implementation, query_states,
      });
      const proj = this.output_dropout.forward(this.dense.forward(ctx));
      return [this.LayerNorm.forward((query_states ?? h).add(proj)), probs] as [Tensor, Tensor | null];
    });
  }
}

export class AlbertLayer extends nn.Module {
  full_layer_layer_norm: torch.nn.LayerNorm;
  attention: AlbertAttention;
  ffn: torch.nn.Linear;
  ffn_output: torch.nn.Linear;
  activation: torch.nn.TensorModule;
  dropout: torch.nn.Dropout;
  constructor(config: Cfg) {
    super();
    this.full_layer_layer_norm = this.add_module("full_layer_layer_norm", new nn.LayerNorm(config.hidden_size, { eps: config.layer_norm_eps }));
    this.attention = this.add_module("attention", new AlbertAttention(config));
    this.ffn = this.add_module("ffn", new nn.Linear(config.hidden_size, config.intermediate_size));
    this.ffn_output = this.add_module("ffn_output", new nn.Linear(config.intermediate_size, config.hidden_size));
    this.activation = get_activation(config.hidden_act);
    this.dropout = this.add_module("dropout", new nn.Dropout(config.hidden_dropout_prob));
  }
  forward(h: Tensor, mask: Tensor | null, output_attentions = false, first_token_only = false): [Tensor, Tensor | null] {
    return torch.tidy(() => {
      const [a, probs] = this.attention.forward(h, mask, output_attentions, first_token_only ? h.narrow(1, 0, 1) : undefined);
      const ffn = this.ffn_output.forward(this.activation.forward(this.ffn.forward(a)));
      return [this.full_layer_layer_norm.forward(ffn.add(a)), probs] as [Tensor, Tensor | null];
    });
  }
}

export class AlbertLayerGroup extends nn.Module {
  albert_layers: torch.nn.ModuleList<AlbertLayer>;
  constructor(config: Cfg) {
    super();
    this.albert_layers = this.add_module("albert_layers", new nn.ModuleList(Array.from({ length: config.inner_group_num }, () => new AlbertLayer(config))));
  }
}

export class AlbertTransformer extends nn.Module {
  embedding_hidden_mapping_in: torch.nn.Linear;
  albert_layer_groups: torch.nn.ModuleList<AlbertLayerGroup>;
  constructor(private readonly config: Cfg) {
    super();
    this.embedding_hidden_mapping_in = this.add_module("embedding_hidden_mapping_in", new nn.Linear(config.embedding_size, config.hidden_size));
    this.albert_layer_groups = this.add_module("albert_layer_groups", new nn.ModuleList(Array.from({ length: config.num_hidden_groups }, () => new AlbertLayerGroup(config))));
  }
  /** `first_token_only`: the very last layer runs for position 0 alone (see EncoderRunOptions). */
  forward(emb: Tensor, mask: Tensor | null, all_hidden: Tensor[] | null, all_attn: Tensor[] | null, first_token_only = false): Tensor {
    let h = this.embedding_hidden_mapping_in.forward(emb);
    all_hidden?.push(h);
    const { num_hidden_layers: L, num_hidden_groups: G } = this.config;
    for (let i = 0; i < L; i++) {
      // Layers share weights: layer i runs group floor(i / (L / G)).
      const group = this.albert_layer_groups.at(Math.floor(i / (L / G)));
      const inner = [...group.albert_layers];
      for (const [j, layer] of inner.entries()) {
        const [next, probs] = layer.forward(h, mask, all_attn !== null, first_token_only && i === L - 1 && j === inner.length - 1);
        if (probs) all_attn!.push(probs);
        h = next;
        all_hidden?.push(h);
      }
    }
    return h;
  }
}

export class AlbertMLMHead extends nn.Module {
  LayerNorm: torch.nn.LayerNorm;
  bias: torch.nn.Parameter;
  dense: torch.nn.Linear;
  decoder: torch.nn.Linear;
  activation: torch.nn.TensorModule;
  constructor(config: Cfg) {
    super();
    this.LayerNorm = this.add_module("LayerNorm", new nn.LayerNorm(config.embedding_size, { eps: config.layer_norm_eps }));
    this.bias = this.register_parameter("bias", torch.nn.Parameter._adopt(torch.zeros(config.vocab_size)));
    this.dense = this.add_module("dense", new nn.Linear(config.hidden_size, config.embedding_size));
    this.decoder = this.add_module("decoder", new nn.Linear(config.embedding_size, config.vocab_size));
    this.activation = get_activation(config.hidden_act);
  }
  forward(h: Tensor): Tensor {
    return torch.tidy(() => this.decoder.forward(this.LayerNorm.forward(this.activation.forward(this.dense.forward(h)))));
  }
}

export abstract class AlbertPreTrainedModel extends PreTrainedModel {
  static override config_class = AlbertConfig;
  static override base_model_prefix = "albert";
  declare readonly config: AlbertConfig;
  override _init_weights(module: torch.nn.Module): void {
    super._init_weights(module);
    if (module instanceof AlbertMLMHead) torch.no_grad(() => module.bias.zero_());
  }
}

const asAlbert = (c: PretrainedConfig): AlbertConfig => (c instanceof AlbertConfig ? c : new AlbertConfig(c.to_dict()));

export class AlbertModel extends AlbertPreTrainedModel {
  embeddings: AlbertEmbeddings;
  encoder: AlbertTransformer;
  pooler: torch.nn.Linear | null;
  pooler_activation: torch.nn.Tanh | null;
  constructor(config: PretrainedConfig, options: { add_pooling_layer?: boolean } = {}) {
    super(asAlbert(config));
    this.embeddings = this.add_module("embeddings", new AlbertEmbeddings(this.config));
    this.encoder = this.add_module("encoder", new AlbertTransformer(this.config));
    const pool = options.add_pooling_layer !== false;
    this.pooler = this.add_module("pooler", pool ? new nn.Linear(this.config.hidden_size, this.config.hidden_size) : null);
    this.pooler_activation = this.add_module("pooler_activation", pool ? new nn.Tanh() : null);
    this.post_init();
  }
  forward(inputs: ModelInputs, options: EncoderRunOptions = {}): BaseModelOutputWithPooling {
    const { input_ids = null, attention_mask = null, token_type_ids = null, position_ids = null, inputs_embeds = null } = inputs;
    const outputHidden = inputs.output_hidden_states ?? this.config.output_hidden_states;
    const outputAttn = inputs.output_attentions ?? this.config.output_attentions;
    return torch.tidy(() => {
      if ((input_ids === null) === (inputs_embeds === null)) throw new ValueError("You must specify exactly one of input_ids or inputs_embeds");
      const emb = this.embeddings.forward(input_ids, token_type_ids, position_ids, inputs_embeds);
      const mask = encoder_attention_mask(attention_mask, emb.dtype, this.config._attn_implementation);
      const hs: Tensor[] | null = outputHidden ? [] : null;
      const attn: Tensor[] | null = outputAttn ? [] : null;
      const last = this.encoder.forward(emb, mask, hs, attn, options.first_token_only === true);
      const out: BaseModelOutputWithPooling = { last_hidden_state: last };
      if (this.pooler) out.pooler_output = this.pooler_activation!.forward(this.pooler.forward(last.select(1, 0)));
      if (hs) out.hidden_states = hs;
      if (attn) out.attentions = attn;
      return out;
    });
  }
}


export class AlbertForSequenceClassification extends AlbertPreTrainedModel {
  albert: AlbertModel;
  dropout: torch.nn.Dropout;
  classifier: torch.nn.Linear;
  /** Run the last layer for [CLS] alone (same logits, less work; see EncoderRunOptions). false: the full layer. */
  first_token_only = true;
  constructor(config: PretrainedConfig) {
    super(asAlbert(config));
    this.albert = this.add_module("albert", new AlbertModel(this.config));
    this.dropout = this.add_module("dropout", new nn.Dropout(this.config.classifier_dropout_prob));
    this.classifier = this.add_module("classifier", new nn.Linear(this.config.hidden_size, this.config.num_labels));
    this.post_init();
  }
  forward(inputs: ModelInputs): SequenceClassifierOutput {
    return torch.tidy(() => {
      const out = this.albert.forward(without_labels(inputs), { first_token_only: may_skip_to_first_token(this.first_token_only, inputs, this.config) });
      const logits = this.classifier.forward(this.dropout.forward(out.pooler_output!));
      const res: SequenceClassifierOutput = { logits, ...optional_outputs(out) };
      if (inputs.labels) res.loss = sequence_classification_loss(this.config, logits, inputs.labels);
      return res;
    });
  }
}

export class AlbertForTokenClassification extends AlbertPreTrainedModel {
  albert: AlbertModel;
  dropout: torch.nn.Dropout;
  classifier: torch.nn.Linear;
  constructor(config: PretrainedConfig) {
    super(asAlbert(config));
    this.albert = this.add_module("albert", new AlbertModel(this.config, { add_pooling_layer: false }));
    const p = (this.config.classifier_dropout_prob as number | null) ?? this.config.hidden_dropout_prob;
    this.dropout = this.add_module("dropout", new nn.Dropout(p));
    this.classifier = this.add_module("classifier", new nn.Linear(this.config.hidden_size, this.config.num_labels));
    this.post_init();
  }
  forward(inputs: ModelInputs): TokenClassifierOutput {
    return torch.tidy(() => {
      const out = this.albert.forward(without_labels(inputs));
      const logits = this.classifier.forward(this.dropout.forward(out.last_hidden_state));
      const res: TokenClassifierOutput = { logits, ...optional_outputs(out) };
      if (inputs.labels) res.loss = token_classification_loss(logits, inputs.labels, this.config.num_labels);
      return res;
    });
  }
}

export class AlbertForMaskedLM extends AlbertPreTrainedModel {
  static override _tied_weights_keys = {
    "predictions.decoder.weight": "albert.embeddings.word_embeddings.weight",
    "predictions.decoder.bias": "predictions.bias",
  };
  albert: AlbertModel;
  predictions: AlbertMLMHead;
  constructor(config: PretrainedConfig) {
    super(asAlbert(config));
    this.albert = this.add_module("albert", new AlbertModel(this.config, { add_pooling_layer: false }));
    this.predictions = this.add_module("predictions", new AlbertMLMHead(this.config));
    this.post_init();
  }
  forward(inputs: ModelInputs): MaskedLMOutput {
    return torch.tidy(() => {
      const out = this.albert.forward(without_labels(inputs));
      const logits = this.predictions.forward(out.last_hidden_state);
      const res: MaskedLMOutput = { logits, ...optional_outputs(out) };
      if (inputs.labels) res.loss = token_classification_loss(logits, inputs.labels, this.config.vocab_size);
      return res;
    });
  }
}

export class AlbertForQuestionAnswering extends AlbertPreTrainedModel {
  albert: AlbertModel;
  qa_outputs: torch.nn.Linear;
  constructor(config: PretrainedConfig) {
    super(asAlbert(config));
    this.albert = this.add_module("albert", new AlbertModel(this.config, { add_pooling_layer: false }));
    this.qa_outputs = this.add_module("qa_outputs", new nn.Linear(this.config.hidden_size, this.config.num_labels));
    this.post_init();
  }
  forward(inputs: ModelInputs & { start_positions?: Tensor | null; end_positions?: Tensor | null }): QuestionAnsweringModelOutput {
    return torch.tidy(() => {
      const { start_positions, end_positions, ...rest } = inputs;
      const out = this.albert.forward(without_labels(rest));
      const [s, e] = this.qa_outputs.forward(out.last_hidden_state).split(1, -1); // (B, T, 2) -> 2 × (B, T, 1)
      const res: QuestionAnsweringModelOutput = { start_logits: s.squeeze(-1).contiguous(), end_logits: e.squeeze(-1).contiguous(), ...optional_outputs(out) };
      if (start_positions && end_positions) res.loss = question_answering_loss(res.start_logits, res.end_logits, start_positions, end_positions);
      return res;
    });
  }
}
