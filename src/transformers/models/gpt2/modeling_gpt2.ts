// GPT-2 — mirrors transformers/models/gpt2/modeling_gpt2.py (v5.17): same attribute names (so the
// same state-dict keys), module registration order (so the same seeded init), init and math.
// Deliberate differences: `forward` takes one inputs object (api-conventions); no KV cache yet
// (generation comes later: the mask and position ids already take a past length, and the
// attention marks where the cache update goes); cross-attention and `reorder_and_upcast_attn`
// are not implemented (they throw).
import * as torch from "../../../torch/index.js";
import type { Tensor } from "../../../torch/index.js";
import { PreTrainedModel } from "../../modeling_utils.js";
import { GPT2Config } from "./configuration_gpt2.js";
import { Conv1D } from "../../pytorch_utils.js";
import { get_activation } from "../../activations.js";
import { eager_attention_forward, finfoMin } from "../../modeling_attention.js";
import { causal_lm_loss, sequence_classification_loss } from "../../loss/loss_utils.js";
import type { BaseModelOutput, CausalLMOutput, ModelInputs, SequenceClassifierOutput } from "../../modeling_outputs.js";
import { without_labels, optional_outputs } from "../../modeling_outputs.js";
import type { PretrainedConfig } from "../../configuration_utils.js";
import { NotImplementedError, ValueError } from "../../../utils/errors.js";

const { nn } = torch;
const F = torch.nn.functional;

/**
 * HF v5 masking_utils.create_causal_mask, eager flavour: (B, 1, T, past + T) additive mask where
 * query i may see key j iff j ≤ past + i AND key j is not padding; disallowed entries get ONE
 * finfo.min (4.x added min + min where both held; equal after softmax except on rows with no
 * visible key, i.e. left padding). With no padding mask the batch dim is 1 (broadcast).
 */
export function causal_additive_mask(
  attention_mask: Tensor | null, query_length: number, dtype: torch.dtype, device: torch.DeviceLike, past_key_values_length = 0,
): Tensor {
  return torch.tidy(() => {
    const S = past_key_values_length + query_length;
    // tril(diagonal = past): row i keeps columns 0..past+i. (T, S)
    let allowed = torch.ones([query_length, S], { dtype: torch.bool, device }).tril(past_key_values_length).index(null, null); // (1, 1, T, S)
    if (attention_mask) {
      if (attention_mask.size(-1) !== S) throw new ValueError(`attention_mask has ${attention_mask.size(-1)} columns; expected past + current length = ${S}`);
      allowed = allowed.logical_and(attention_mask.bool().index(":", null, null, ":")); // (B, 1, 1, S) -> (B, 1, T, S)
    }
    return torch.zeros(allowed.shape, { dtype, device }).masked_fill(allowed.logical_not(), finfoMin(dtype));
  });
}

/** True when every entry of a (B, S) padding mask is 1 (HF's sdpa mask is then dropped for is_causal). */
function noPadding(attention_mask: Tensor | null): boolean {
  return attention_mask === null || torch.tidy(() => attention_mask.bool().all().item() === 1);
}

export class GPT2Attention extends nn.Module {
  readonly embed_dim: number;
  readonly num_heads: number;
  readonly head_dim: number;
  readonly split_size: number;
  readonly scaling: number;
  readonly layer_idx: number;
  c_attn: Conv1D;
  c_proj: Conv1D;
  attn_dropout: torch.nn.Dropout;
  resid_dropout: torch.nn.Dropout;
  constructor(private readonly config: GPT2Config, layer_idx = 0) {
    super();
    this.embed_dim = config.hidden_size;
    this.num_heads = config.num_attention_heads;
    this.head_dim = Math.floor(this.embed_dim / this.num_heads);
    this.split_size = this.embed_dim;
    this.layer_idx = layer_idx;
    if (this.head_dim * this.num_heads !== this.embed_dim) {
      throw new ValueError(`\`embed_dim\` must be divisible by num_heads (got \`embed_dim\`: ${this.embed_dim} and \`num_heads\`: ${this.num_heads}).`);
    }
    if (config.reorder_and_upcast_attn) throw new NotImplementedError("GPT2Config.reorder_and_upcast_attn = true is not implemented");
    if (config.add_cross_attention) throw new NotImplementedError("GPT-2 cross-attention (add_cross_attention = true) is not implemented");
    this.scaling = config.scale_attn_weights ? this.head_dim ** -0.5 : 1.0;
    if (config.scale_attn_by_inverse_layer_idx) this.scaling /= layer_idx + 1;
    this.c_attn = this.add_module("c_attn", new Conv1D(3 * this.embed_dim, this.embed_dim));
    this.c_proj = this.add_module("c_proj", new Conv1D(this.embed_dim, this.embed_dim));
    this.attn_dropout = this.add_module("attn_dropout", new nn.Dropout(config.attn_pdrop));
    this.resid_dropout = this.add_module("resid_dropout", new nn.Dropout(config.resid_pdrop));
  }

  /**
   * hidden_states (B, T, C). `mask` is the additive causal+padding mask, or null with
   * `is_causal` (SDPA's own causal masking when nothing is padded). Returns [(B, T, C), probs|null].
   */
  forward(hidden_states: Tensor, mask: Tensor | null, output_attentions = false): [Tensor, Tensor | null] {
    return torch.tidy(() => {
      const [B, T] = hidden_states.shape;
      const [q0, k0, v0] = this.c_attn.forward(hidden_states).split(this.split_size, 2); // (B, T, 3C) -> 3 × (B, T, C)
      const heads = (x: Tensor): Tensor => x.view(B, T, -1, this.head_dim).transpose(1, 2); // (B, T, C) -> (B, nh, T, hs)
      const q = heads(q0);
      // A KV cache appends here: [k, v] = cache.update(heads(k0), heads(v0), this.layer_idx) → (B, nh, past + T, hs).
      const k = heads(k0);
      const v = heads(v0);
      const p = this.training ? this.attn_dropout.p : 0.0;
      let out: Tensor;
      let probs: Tensor | null = null;
      if (output_attentions || this.config._attn_implementation !== "sdpa") {
        // The oracle: eager needs the explicit causal mask even without padding.
        const m = mask ?? causal_additive_mask(null, T, q.dtype, q.device, k.size(2) - T);
        [out, probs] = eager_attention_forward(q, k, v, m, this.scaling, p, this.training, output_attentions);
      } else {
        // is_causal only holds when queries and keys start together (no past); else the mask carries it.
        const isCausal = mask === null;
        out = F.scaled_dot_product_attention(q, k, v, { attn_mask: mask, dropout_p: p, is_causal: isCausal, scale: this.scaling }).transpose(1, 2).contiguous();
      }
      const merged = out.reshape(B, T, -1).contiguous(); // (B, T, nh, hs) -> (B, T, C)
      return [this.resid_dropout.forward(this.c_proj.forward(merged)), probs] as [Tensor, Tensor | null];
    });
  }
}

export class GPT2MLP extends nn.Module {
  c_fc: Conv1D;
  c_proj: Conv1D;
  act: torch.nn.TensorModule;
  dropout: torch.nn.Dropout;
  constructor(intermediate_size: number, config: GPT2Config) {
    super();
    this.c_fc = this.add_module("c_fc", new Conv1D(intermediate_size, config.hidden_size));
    this.c_proj = this.add_module("c_proj", new Conv1D(config.hidden_size, intermediate_size));
    this.act = this.add_module("act", get_activation(config.activation_function));
    this.dropout = this.add_module("dropout", new nn.Dropout(config.resid_pdrop));
  }
  forward(hidden_states: Tensor): Tensor {
    return torch.tidy(() => this.dropout.forward(this.c_proj.forward(this.act.forward(this.c_fc.forward(hidden_states)))));
  }
}

/** Pre-LN block: x + attn(ln_1(x)), then x + mlp(ln_2(x)). */
export class GPT2Block extends nn.Module {
  ln_1: torch.nn.LayerNorm;
  attn: GPT2Attention;
  ln_2: torch.nn.LayerNorm;
  mlp: GPT2MLP;
  constructor(config: GPT2Config, layer_idx = 0) {
    super();
    const hidden = config.hidden_size;
    const inner = config.n_inner ?? 4 * hidden;
    this.ln_1 = this.add_module("ln_1", new nn.LayerNorm(hidden, { eps: config.layer_norm_epsilon }));
    this.attn = this.add_module("attn", new GPT2Attention(config, layer_idx));
    this.ln_2 = this.add_module("ln_2", new nn.LayerNorm(hidden, { eps: config.layer_norm_epsilon }));
    this.mlp = this.add_module("mlp", new GPT2MLP(inner, config));
  }
  forward(hidden_states: Tensor, mask: Tensor | null, output_attentions = false): [Tensor, Tensor | null] {
    return torch.tidy(() => {
      const [a, probs] = this.attn.forward(this.ln_1.forward(hidden_states), mask, output_attentions);
      const h = a.add(hidden_states); // residual
      return [this.mlp.forward(this.ln_2.forward(h)).add(h), probs] as [Tensor, Tensor | null];
    });
  }
}

export abstract class GPT2PreTrainedModel extends PreTrainedModel {
  static override config_class = GPT2Config;
  static override base_model_prefix = "transformer";
  /** Old checkpoints (the original `gpt2` on the hub) carry the causal-mask buffers; v5 ignores them. */
  static override _keys_to_ignore_on_load_unexpected: RegExp[] = [
    ...PreTrainedModel._keys_to_ignore_on_load_unexpected, /(^|\.)attn\.masked_bias$/, /(^|\.)attn\.bias$/,
  ];
  declare readonly config: GPT2Config;

  override _init_weights(module: torch.nn.Module): void {
    super._init_weights(module);
    torch.no_grad(() => {
      if (module instanceof Conv1D) {
        module.weight.normal_(0, this.config.initializer_range);
        module.bias.zero_();
      }
      if (module instanceof GPT2Attention || module instanceof GPT2MLP) {
        // GPT-2 paper: residual projections scaled by 1/√(2·n_layer). The child Conv1D was already
        // drawn (children first), so c_proj is drawn twice, exactly as HF's order does.
        module.c_proj.weight.normal_(0, this.config.initializer_range / Math.sqrt(2 * this.config.n_layer));
      }
    });
  }
}

function asGPT2Config(config: PretrainedConfig): GPT2Config {
  return config instanceof GPT2Config ? config : new GPT2Config(config.to_dict());
}

/** The bare decoder: token + position embeddings, n_layer pre-LN blocks, final ln_f. */
export class GPT2Model extends GPT2PreTrainedModel {
  readonly embed_dim: number;
  wte: torch.nn.Embedding;
  wpe: torch.nn.Embedding;
  drop: torch.nn.Dropout;
  h: torch.nn.ModuleList<GPT2Block>;
  ln_f: torch.nn.LayerNorm;
  constructor(config: PretrainedConfig) {
    super(asGPT2Config(config));
    const c = this.config;
    this.embed_dim = c.hidden_size;
    this.wte = this.add_module("wte", new nn.Embedding(c.vocab_size, this.embed_dim));
    this.wpe = this.add_module("wpe", new nn.Embedding(c.max_position_embeddings, this.embed_dim));
    this.drop = this.add_module("drop", new nn.Dropout(c.embd_pdrop));
    this.h = this.add_module("h", new nn.ModuleList(Array.from({ length: c.num_hidden_layers }, (_, i) => new GPT2Block(c, i))));
    this.ln_f = this.add_module("ln_f", new nn.LayerNorm(this.embed_dim, { eps: c.layer_norm_epsilon }));
    this.post_init();
  }

  /**
   * hidden_states (when asked) has n_layer + 1 entries: wte + wpe, then each block's input, and
   * last ln_f of the last block's output (= last_hidden_state), as HF.
   */
  forward(inputs: ModelInputs): BaseModelOutput {
    const { input_ids = null, attention_mask = null, token_type_ids = null, position_ids = null, inputs_embeds = null } = inputs;
    const outputHidden = inputs.output_hidden_states ?? this.config.output_hidden_states;
    const outputAttn = inputs.output_attentions ?? this.config.output_attentions;
    return torch.tidy(() => {
      if (input_ids && inputs_embeds) throw new ValueError("You cannot specify both input_ids and inputs_embeds at the same time");
      if (!input_ids && !inputs_embeds) throw new ValueError("You have to specify either input_ids or inputs_embeds");
      const embeds = inputs_embeds ?? this.wte.forward(input_ids!); // (B, T, C)
      const T = embeds.size(1);
      const past = 0; // the cache's length once there is one
      const pos = position_ids ?? torch.arange(past, past + T, { device: embeds.device }).unsqueeze(0); // (1, T): 0..T-1, whatever the padding
      let x = embeds.add(this.wpe.forward(pos));
      if (token_type_ids) x = x.add(this.wte.forward(token_type_ids.view(-1, T))); // HF: token types share wte
      // Eager always gets the explicit mask; SDPA without padding (or output_attentions) uses is_causal.
      const eager = outputAttn || this.config._attn_implementation !== "sdpa";
      const mask = eager || !noPadding(attention_mask) ? causal_additive_mask(attention_mask, T, x.dtype, x.device, past) : null;
      x = this.drop.forward(x);
      const hs: Tensor[] | null = outputHidden ? [] : null;
      const attn: Tensor[] | null = outputAttn ? [] : null;
      for (const block of this.h) {
        hs?.push(x);
        const [next, probs] = block.forward(x, mask, outputAttn);
        if (probs) attn!.push(probs);
        x = next;
      }
      x = this.ln_f.forward(x);
      hs?.push(x);
      const out: BaseModelOutput = { last_hidden_state: x };
      if (hs) out.hidden_states = hs;
      if (attn) out.attentions = attn;
      return out;
    });
  }
}


/**
 * GPT-2 with the language-modelling head tied to the token embeddings. `labels` are the input ids
 * (-100 where ignored); the model shifts them, so position t predicts token t + 1.
 * @example
 * const model = await GPT2LMHeadModel.from_pretrained("./gpt2");
 * const { loss, logits } = model.forward({ input_ids, attention_mask, labels: input_ids });
 */
export class GPT2LMHeadModel extends GPT2PreTrainedModel {
  static override _tied_weights_keys = { "lm_head.weight": "transformer.wte.weight" };
  transformer: GPT2Model;
  lm_head: torch.nn.Linear;
  constructor(config: PretrainedConfig) {
    super(asGPT2Config(config));
    this.transformer = this.add_module("transformer", new GPT2Model(this.config));
    this.lm_head = this.add_module("lm_head", new nn.Linear(this.config.n_embd, this.config.vocab_size, { bias: false }));
    this.post_init();
  }
  forward(inputs: ModelInputs): CausalLMOutput {
    return torch.tidy(() => {
      const out = this.transformer.forward(without_labels(inputs));
      const logits = this.lm_head.forward(out.last_hidden_state); // (B, T, vocab)
      const res: CausalLMOutput = { logits, ...optional_outputs(out) };
      if (inputs.labels) res.loss = causal_lm_loss(logits, inputs.labels, this.config.vocab_size);
      return res;
    });
  }
}

let warnedEmbedsPadding = false;

/**
 * GPT-2 with a linear `score` head read at each row's last non-pad token (HF: the rightmost token
 * that is not `pad_token_id`, so left and right padding both work — and a real token equal to the
 * pad id counts as padding, as in HF). Batches of more than one row need `pad_token_id`.
 */
export class GPT2ForSequenceClassification extends GPT2PreTrainedModel {
  readonly num_labels: number;
  transformer: GPT2Model;
  score: torch.nn.Linear;
  constructor(config: PretrainedConfig) {
    super(asGPT2Config(config));
    this.num_labels = this.config.num_labels;
    this.transformer = this.add_module("transformer", new GPT2Model(this.config));
    this.score = this.add_module("score", new nn.Linear(this.config.n_embd, this.num_labels, { bias: false }));
    this.post_init();
  }
  forward(inputs: ModelInputs): SequenceClassifierOutput {
    return torch.tidy(() => {
      const out = this.transformer.forward(without_labels(inputs));
      const logits = this.score.forward(out.last_hidden_state); // (B, T, num_labels)
      const [B, T] = logits.shape;
      const pad = this.config.pad_token_id;
      if (pad === null && B !== 1) throw new ValueError("Cannot handle batch sizes > 1 if no padding token is defined.");
      let last: Tensor | number = -1;
      if (pad !== null && inputs.input_ids) {
        const nonPad = inputs.input_ids.ne(pad).to(torch.int32); // (B, T)
        const idx = torch.arange(T, { dtype: torch.int32, device: logits.device });
        last = idx.mul(nonPad).argmax(-1); // (B,) rightmost non-pad position
      } else if (pad !== null && !warnedEmbedsPadding) {
        warnedEmbedsPadding = true; // HF: logger.warning_once
        console.warn(`${this.constructor.name} will not detect padding tokens in \`inputs_embeds\`. Results may be unexpected if using padding tokens in conjunction with \`inputs_embeds.\``);
      }
      const pooled = typeof last === "number"
        ? logits.select(1, last) // (B, num_labels)
        : logits.index(torch.arange(B, { device: logits.device }), last); // logits[arange(B), last]
      const res: SequenceClassifierOutput = { logits: pooled, ...optional_outputs(out) };
      if (inputs.labels) res.loss = sequence_classification_loss(this.config, pooled, inputs.labels);
      return res;
    });
  }
}
