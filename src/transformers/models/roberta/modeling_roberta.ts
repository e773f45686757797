// RoBERTa — mirrors transformers/models/roberta/modeling_roberta.py (v5): same attribute names (so
// the same state-dict keys, `roberta.encoder.layer.N.attention.self.query.weight`), module
// registration order (so the same seeded init) and math.
// Deliberate differences: HF v5 copies BERT's encoder classes under Roberta* names; here the
// encoder and pooler ARE BERT's (imported; RobertaEncoder/RobertaPooler are name-only subclasses),
// since the attribute names, init and math are identical. `forward` takes one inputs object
// (api-conventions). Decoder use (is_decoder / add_cross_attention, RobertaForCausalLM) and
// past_key_values are not implemented and throw.
import * as torch from "../../../torch/index.js";
import type { Tensor } from "../../../torch/index.js";
import { PreTrainedModel } from "../../modeling_utils.js";
import { RobertaConfig } from "./configuration_roberta.js";
import { BertEncoder, BertPooler } from "../bert/modeling_bert.js";
import { encoder_attention_mask, may_skip_to_first_token } from "../../modeling_attention.js";
import type { EncoderRunOptions } from "../../modeling_attention.js";
import { sequence_classification_loss, token_classification_loss, question_answering_loss } from "../../loss/loss_utils.js";
import type {
  BaseModelOutputWithPooling, ModelInputs, SequenceClassifierOutput, TokenClassifierOutput, MaskedLMOutput, QuestionAnsweringModelOutput,
} from "../../modeling_outputs.js";
import { without_labels, optional_outputs } from "../../modeling_outputs.js";
import type { PretrainedConfig } from "../../configuration_utils.js";
import { NotImplementedError, ValueError } from "../../../utils/errors.js";

const { nn } = torch;
type Cfg = RobertaConfig;

function asRobertaConfig(config: PretrainedConfig): RobertaConfig {
  return config instanceof RobertaConfig ? config : new RobertaConfig(config.to_dict());
}

/**
 * fairseq's make_positions: non-pad tokens get padding_idx+1, padding_idx+2, … (counting only
 * non-pad tokens); pad tokens get padding_idx, i.e. the zeroed padding row of the position table.
 * @example
 * create_position_ids_from_input_ids(torch.tensor([[0, 80, 2, 1, 1]]), 1).tolist() // [[2, 3, 4, 1, 1]]
 */
export function create_position_ids_from_input_ids(input_ids: Tensor, padding_idx: number, past_key_values_length = 0): Tensor {
  return torch.tidy(() => {
    const mask = input_ids.ne(padding_idx).int(); // (B, T) 1 at real tokens
    const incremental = mask.cumsum(1).type_as(mask).add(past_key_values_length).mul(mask);
    return incremental.long().add(padding_idx);
  });
}

/** Embeddings given directly: no way to tell pads, so sequential ids from padding_idx+1. */
export function create_position_ids_from_inputs_embeds(inputs_embeds: Tensor, padding_idx: number): Tensor {
  return torch.tidy(() => {
    const [B, T] = inputs_embeds.shape;
    return torch.arange(padding_idx + 1, T + padding_idx + 1, { dtype: torch.int64, device: inputs_embeds.device }).unsqueeze(0).expand(B, T);
  });
}

export class RobertaEmbeddings extends nn.Module {
  word_embeddings: torch.nn.Embedding;
  token_type_embeddings: torch.nn.Embedding;
  LayerNorm: torch.nn.LayerNorm;
  dropout: torch.nn.Dropout;
  position_ids: Tensor;
  token_type_ids: Tensor;
  readonly padding_idx: number;
  position_embeddings: torch.nn.Embedding;
  constructor(config: Cfg) {
    super();
    if (config.pad_token_id === null || config.pad_token_id === undefined) {
      throw new ValueError("RobertaEmbeddings needs config.pad_token_id: position ids count from it (roberta-base uses 1)");
    }
    // v5 registration order (word, token_type, LayerNorm, then position): it fixes the seeded draws.
    this.word_embeddings = this.add_module("word_embeddings", new nn.Embedding(config.vocab_size, config.hidden_size, { padding_idx: config.pad_token_id }));
    this.token_type_embeddings = this.add_module("token_type_embeddings", new nn.Embedding(config.type_vocab_size, config.hidden_size));
    this.LayerNorm = this.add_module("LayerNorm", new nn.LayerNorm(config.hidden_size, { eps: config.layer_norm_eps }));
    this.dropout = this.add_module("dropout", new nn.Dropout(config.hidden_dropout_prob));
    this.position_ids = this.register_buffer("position_ids", torch.tidy(() => torch.arange(config.max_position_embeddings).unsqueeze(0)), { persistent: false });
    this.token_type_ids = this.register_buffer("token_type_ids", torch.zeros([1, config.max_position_embeddings], { dtype: torch.int64 }), { persistent: false });
    this.padding_idx = config.pad_token_id;
    this.position_embeddings = this.add_module(
      "position_embeddings",
      new nn.Embedding(config.max_position_embeddings, config.hidden_size, { padding_idx: this.padding_idx }),
    );
  }
  forward(input_ids: Tensor | null, token_type_ids?: Tensor | null, position_ids?: Tensor | null, inputs_embeds?: Tensor | null): Tensor {
    return torch.tidy(() => {
      const pos = position_ids ?? (input_ids ? create_position_ids_from_input_ids(input_ids, this.padding_idx) : create_position_ids_from_inputs_embeds(inputs_embeds!, this.padding_idx));
      const [B, T] = input_ids ? input_ids.shape : inputs_embeds!.shape;
      // HF gathers its all-zero token_type_ids buffer at the position ids: zeros either way.
      const tt = token_type_ids ?? torch.zeros([B, T], { dtype: torch.int64, device: this.position_ids.device });
      const words = inputs_embeds ?? this.word_embeddings.forward(input_ids!); // (B, T, C)
      const emb = words.add(this.token_type_embeddings.forward(tt)).add(this.position_embeddings.forward(pos));
      return this.dropout.forward(this.LayerNorm.forward(emb));
    });
  }
}

/** HF's RobertaEncoder is a copy of BertEncoder: layer.N.attention.self.query … */
export class RobertaEncoder extends BertEncoder {}
/** HF's RobertaPooler is a copy of BertPooler: tanh(dense(h[:, 0])). */
export class RobertaPooler extends BertPooler {}

/** masked-LM head: dense → gelu (exact, whatever hidden_act says) → layer_norm → decoder (tied). */
export class RobertaLMHead extends nn.Module {
  dense: torch.nn.Linear;
  layer_norm: torch.nn.LayerNorm;
  decoder: torch.nn.Linear;
  bias: torch.nn.Parameter;
  constructor(config: Cfg) {
    super();
    this.dense = this.add_module("dense", new nn.Linear(config.hidden_size, config.hidden_size));
    this.layer_norm = this.add_module("layer_norm", new nn.LayerNorm(config.hidden_size, { eps: config.layer_norm_eps }));
    // v5: the decoder is built with a bias; tie_weights makes decoder.weight the word embeddings
    // and decoder.bias this `bias`.
    this.decoder = this.add_module("decoder", new nn.Linear(config.hidden_size, config.vocab_size));
    this.bias = this.register_parameter("bias", torch.nn.Parameter._adopt(torch.zeros(config.vocab_size)));
  }
  forward(features: Tensor): Tensor {
    return torch.tidy(() => this.decoder.forward(this.layer_norm.forward(torch.nn.functional.gelu(this.dense.forward(features)))));
  }
}

/** Sentence-level head on <s>: dropout → dense → tanh → dropout → out_proj. */
export class RobertaClassificationHead extends nn.Module {
  dense: torch.nn.Linear;
  dropout: torch.nn.Dropout;
  out_proj: torch.nn.Linear;
  constructor(config: Cfg) {
    super();
    this.dense = this.add_module("dense", new nn.Linear(config.hidden_size, config.hidden_size));
    this.dropout = this.add_module("dropout", new nn.Dropout(config.classifier_dropout ?? config.hidden_dropout_prob));
    this.out_proj = this.add_module("out_proj", new nn.Linear(config.hidden_size, config.num_labels));
  }
  forward(features: Tensor): Tensor {
    return torch.tidy(() => {
      const x = this.dropout.forward(features.select(1, 0)); // <s>: (B, T, C) -> (B, C)
      return this.out_proj.forward(this.dropout.forward(this.dense.forward(x).tanh()));
    });
  }
}

export abstract class RobertaPreTrainedModel extends PreTrainedModel {
  static override config_class = RobertaConfig;
  static override base_model_prefix = "roberta";
  declare readonly config: RobertaConfig;
  override _init_weights(module: torch.nn.Module): void {
    super._init_weights(module);
    if (module instanceof RobertaLMHead) torch.no_grad(() => module.bias.zero_());
  }
}

/** The bare encoder: `last_hidden_state`, `pooler_output` (unless add_pooling_layer: false), `hidden_states`/`attentions` when asked. */
export class RobertaModel extends RobertaPreTrainedModel {
  embeddings: RobertaEmbeddings;
  encoder: RobertaEncoder;
  pooler: RobertaPooler | null;
  constructor(config: PretrainedConfig, options: { add_pooling_layer?: boolean } = {}) {
    super(asRobertaConfig(config));
    if (this.config.is_decoder || this.config.add_cross_attention) {
      throw new NotImplementedError("RoBERTa as a decoder (is_decoder / add_cross_attention, RobertaForCausalLM) is not implemented in finetune-ts; set both to false for the encoder models.");
    }
    this.embeddings = this.add_module("embeddings", new RobertaEmbeddings(this.config));
    this.encoder = this.add_module("encoder", new RobertaEncoder(this.config));
    this.pooler = this.add_module("pooler", options.add_pooling_layer === false ? null : new RobertaPooler(this.config));
    this.post_init();
  }
  forward(inputs: ModelInputs, options: EncoderRunOptions = {}): BaseModelOutputWithPooling {
    const { input_ids = null, attention_mask = null, token_type_ids = null, position_ids = null, inputs_embeds = null } = inputs;
    const outputHidden = inputs.output_hidden_states ?? this.config.output_hidden_states;
    const outputAttn = inputs.output_attentions ?? this.config.output_attentions;
    return torch.tidy(() => {
      if (!input_ids === !inputs_embeds) throw new ValueError("You must specify exactly one of input_ids or inputs_embeds");
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


/** Masked language modelling; lm_head.decoder is tied to the word embeddings and lm_head.bias. */
export class RobertaForMaskedLM extends RobertaPreTrainedModel {
  static override _tied_weights_keys = {
    "lm_head.decoder.weight": "roberta.embeddings.word_embeddings.weight",
    "lm_head.decoder.bias": "lm_head.bias",
  };
  roberta: RobertaModel;
  lm_head: RobertaLMHead;
  constructor(config: PretrainedConfig) {
    super(asRobertaConfig(config));
    this.roberta = this.add_module("roberta", new RobertaModel(this.config, { add_pooling_layer: false }));
    this.lm_head = this.add_module("lm_head", new RobertaLMHead(this.config));
    this.post_init();
  }
  forward(inputs: ModelInputs): MaskedLMOutput {
    return torch.tidy(() => {
      const out = this.roberta.forward(without_labels(inputs));
      const logits = this.lm_head.forward(out.last_hidden_state); // (B, T, vocab)
      const res: MaskedLMOutput = { logits, ...optional_outputs(out) };
      if (inputs.labels) res.loss = token_classification_loss(logits, inputs.labels, this.config.vocab_size);
      return res;
    });
  }
}

/** Classification/regression with RobertaClassificationHead on <s>; no pooler. */
export class RobertaForSequenceClassification extends RobertaPreTrainedModel {
  roberta: RobertaModel;
  classifier: RobertaClassificationHead;
  /** Run the last layer for <s> alone (same logits, less work; see EncoderRunOptions). false: the full layer. */
  first_token_only = true;
  constructor(config: PretrainedConfig) {
    super(asRobertaConfig(config));
    this.roberta = this.add_module("roberta", new RobertaModel(this.config, { add_pooling_layer: false }));
    this.classifier = this.add_module("classifier", new RobertaClassificationHead(this.config));
    this.post_init();
  }
  forward(inputs: ModelInputs): SequenceClassifierOutput {
    return torch.tidy(() => {
      const out = this.roberta.forward(without_labels(inputs), { first_token_only: may_skip_to_first_token(this.first_token_only, inputs, this.config) });
      const logits = this.classifier.forward(out.last_hidden_state);
      const res: SequenceClassifierOutput = { logits, ...optional_outputs(out) };
      if (inputs.labels) res.loss = sequence_classification_loss(this.config, logits, inputs.labels);
      return res;
    });
  }
}

/** A linear head on every token (NER-style). Labels of -100 are ignored. */
export class RobertaForTokenClassification extends RobertaPreTrainedModel {
  roberta: RobertaModel;
  dropout: torch.nn.Dropout;
  classifier: torch.nn.Linear;
  constructor(config: PretrainedConfig) {
    super(asRobertaConfig(config));
    this.roberta = this.add_module("roberta", new RobertaModel(this.config, { add_pooling_layer: false }));
    this.dropout = this.add_module("dropout", new nn.Dropout(this.config.classifier_dropout ?? this.config.hidden_dropout_prob));
    this.classifier = this.add_module("classifier", new nn.Linear(this.config.hidden_size, this.config.num_labels));
    this.post_init();
  }
  forward(inputs: ModelInputs): TokenClassifierOutput {
    return torch.tidy(() => {
      const out = this.roberta.forward(without_labels(inputs));
      const logits = this.classifier.forward(this.dropout.forward(out.last_hidden_state));
      const res: TokenClassifierOutput = { logits, ...optional_outputs(out) };
      if (inputs.labels) res.loss = token_classification_loss(logits, inputs.labels, this.config.num_labels);
      return res;
    });
  }
}

export interface RobertaQAInputs extends ModelInputs {
  start_positions?: Tensor | null;
  end_positions?: Tensor | null;
}

/** Extractive QA: qa_outputs → start/end logits per token (no dropout, as HF). */
export class RobertaForQuestionAnswering extends RobertaPreTrainedModel {
  roberta: RobertaModel;
  qa_outputs: torch.nn.Linear;
  constructor(config: PretrainedConfig) {
    super(asRobertaConfig(config));
    this.roberta = this.add_module("roberta", new RobertaModel(this.config, { add_pooling_layer: false }));
    this.qa_outputs = this.add_module("qa_outputs", new nn.Linear(this.config.hidden_size, this.config.num_labels));
    this.post_init();
  }
  forward(inputs: RobertaQAInputs): QuestionAnsweringModelOutput {
    return torch.tidy(() => {
      const { start_positions, end_positions, ...rest } = inputs;
      const out = this.roberta.forward(without_labels(rest));
      const [start, end] = this.qa_outputs.forward(out.last_hidden_state).split(1, -1); // (B, T, 2) -> 2 × (B, T, 1)
      const res: QuestionAnsweringModelOutput = { start_logits: start.squeeze(-1).contiguous(), end_logits: end.squeeze(-1).contiguous(), ...optional_outputs(out) };
      if (start_positions && end_positions) res.loss = question_answering_loss(res.start_logits, res.end_logits, start_positions, end_positions);
      return res;
    });
  }
}
