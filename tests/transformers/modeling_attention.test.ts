// The sequence-classification heads' first-token-only last layer against the full last layer (the
// oracle: HF's own computation), for BERT, DistilBERT, RoBERTa and ALBERT: logits, loss and every
// parameter's gradient, with padded and unpadded batches, under eager attention and (libtorch ≥
// 2.0) SDPA. The two are the same math (only position 0 reaches the head, and everything after the
// attention is row-wise); the numbers differ only by float32 summation order, so the tolerance is
// 1e-5 of each tensor's largest magnitude (+1e-8 absolute). Dropout is 0: with dropout on, the two paths
// draw different amounts of randomness by design.
// Also: encoder_attention_mask drops an all-ones mask under SDPA only (HF v5's
// _ignore_bidirectional_mask_sdpa), and keeps it otherwise.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/torch/index.js";
import type { Tensor } from "../../src/torch/index.js";
import { AutoConfig } from "../../src/transformers/models/auto/configuration_auto.js";
import { AutoModelForSequenceClassification } from "../../src/transformers/models/auto/modeling_auto.js";
import { encoder_attention_mask } from "../../src/transformers/modeling_attention.js";
import type { ModelInputs } from "../../src/transformers/modeling_outputs.js";

const hasSdpa = torch.hasOp("aten::scaled_dot_product_attention");
const TINY = { vocab_size: 97, hidden_size: 32, num_hidden_layers: 3, num_attention_heads: 4, intermediate_size: 37, max_position_embeddings: 40, num_labels: 3 };
const CONFIGS: Record<string, Record<string, unknown>> = {
  bert: { ...TINY, hidden_dropout_prob: 0, attention_probs_dropout_prob: 0 },
  roberta: { ...TINY, hidden_dropout_prob: 0, attention_probs_dropout_prob: 0, pad_token_id: 1 },
  distilbert: { vocab_size: 97, dim: 32, n_layers: 3, n_heads: 4, hidden_dim: 37, max_position_embeddings: 40, num_labels: 3, dropout: 0, attention_dropout: 0, seq_classif_dropout: 0 },
  albert: { ...TINY, embedding_size: 16, num_hidden_groups: 1, inner_group_num: 2, hidden_dropout_prob: 0, attention_probs_dropout_prob: 0, classifier_dropout_prob: 0 },
};

interface Classifier {
  first_token_only: boolean;
  forward(i: ModelInputs): { logits: Tensor; loss?: Tensor; hidden_states?: Tensor[] };
  named_parameters(): Map<string, torch.nn.Parameter> | Iterable<[string, torch.nn.Parameter]>;
  zero_grad(): void;
  train(): void;
  dispose(): void;
}

function batch(padded: boolean): ModelInputs {
  torch.manual_seed(1);
  const input_ids = torch.randint(5, 97, [3, 11]);
  const attention_mask = torch.tidy(() => {
    const m = torch.ones([3, 11], { dtype: torch.int64 });
    if (padded) m.index(1, "7:").fill_(0), m.index(2, "4:").fill_(0);
    return m;
  });
  return { input_ids, attention_mask, labels: torch.tensor([2, 0, 1], { dtype: torch.int64 }) };
}

/** loss, logits and every gradient of one train-mode forward+backward, cloned out. */
function run(model: Classifier, inputs: ModelInputs, firstTokenOnly: boolean): Map<string, Tensor> {
  model.first_token_only = firstTokenOnly;
  model.zero_grad();
  const out = new Map<string, Tensor>();
  const [logits, loss] = torch.tidy(() => {
    const o = model.forward(inputs);
    o.loss!.backward();
    return [o.logits.detach(), o.loss!.detach()];
  });
  out.set("logits", logits);
  out.set("loss", loss);
  for (const [n, p] of model.named_parameters()) if (p.grad) out.set(`grad.${n}`, p.grad.clone());
  model.zero_grad();
  return out;
}

function assertClose(a: Map<string, Tensor>, b: Map<string, Tensor>, what: string): void {
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), `${what}: the same tensors get gradients`);
  for (const [k, x] of a) {
    const y = b.get(k)!;
    const [diff, scale] = torch.tidy(() => [x.sub(y).abs().max().item(), y.abs().max().item()]);
    assert.ok(diff <= 1e-5 * scale + 1e-8, `${what} ${k}: first-token-only vs full last layer differ by ${diff} (scale ${scale})`);
  }
}

for (const model_type of Object.keys(CONFIGS)) {
  for (const impl of ["eager", "sdpa"] as const) {
    test(`${model_type} (${impl}): first-token-only last layer = full last layer (logits, loss, every gradient)`, { skip: impl === "sdpa" && !hasSdpa && "libtorch < 2.0 has no scaled_dot_product_attention" }, () => {
      torch.manual_seed(0);
      const config = AutoConfig.for_model(model_type, { ...CONFIGS[model_type], _attn_implementation: impl });
      const model = AutoModelForSequenceClassification.from_config(config) as unknown as Classifier;
      model.train();
      assert.equal(model.first_token_only, true, "on by default");
      const before = torch.memory().live_tensors;
      for (const padded of [true, false]) {
        const inputs = batch(padded);
        const fast = run(model, inputs, true);
        const full = run(model, inputs, false);
        assertClose(fast, full, `${model_type} ${impl} padded=${padded}`);
        for (const t of [...fast.values(), ...full.values(), ...Object.values(inputs)]) (t as Tensor).dispose();
      }
      assert.equal(torch.memory().live_tensors, before, "no tensors left behind");
      // Asking for every position's hidden states takes the full layer (it has to): (B, T, C) out.
      model.first_token_only = true;
      const hs = torch.no_grad(() => torch.tidy(() => {
        const inputs = batch(false);
        return model.forward({ ...inputs, labels: null, output_hidden_states: true }).hidden_states!.at(-1)!.shape;
      }));
      assert.deepEqual(hs, [3, 11, 32]);
      model.dispose();
    });
  }
}

test("encoder_attention_mask: an all-ones mask is dropped under SDPA only; padding keeps the additive mask", () => {
  torch.tidy(() => {
    const ones = torch.ones([2, 5], { dtype: torch.int64 });
    assert.equal(encoder_attention_mask(ones, torch.float32, "sdpa"), null);
    assert.equal(encoder_attention_mask(null, torch.float32, "sdpa"), null);
    const eager = encoder_attention_mask(ones, torch.float32, "eager")!;
    assert.deepEqual(eager.shape, [2, 1, 1, 5]);
    assert.equal(eager.abs().max().item(), 0);
    const padded = torch.tensor([[1, 1, 0], [1, 1, 1]]);
    const m = encoder_attention_mask(padded, torch.float32, "sdpa")!;
    assert.deepEqual((m.flatten().tolist() as number[]).map((v) => v + 0), [0, 0, -3.4028234663852886e38, 0, 0, 0]);
  });
});

test("attn_implementation: from_config / from_pretrained / set_attn_implementation choose it; unsupported ones get a clear error", async () => {
  const { FIXTURES } = await import("./models/_model_goldens.js");
  const path = await import("node:path");
  const config = (): ReturnType<typeof AutoConfig.for_model> => AutoConfig.for_model("bert", CONFIGS.bert);
  const eager = AutoModelForSequenceClassification.from_config(config(), { attn_implementation: "eager" });
  assert.equal(eager.config._attn_implementation, "eager");
  assert.equal(AutoModelForSequenceClassification.from_config(config()).config._attn_implementation, hasSdpa ? "sdpa" : "eager", "the default");
  assert.throws(() => AutoModelForSequenceClassification.from_config(config(), { attn_implementation: "flash_attention_2" as "sdpa" }), /attn_implementation "flash_attention_2" is not supported in finetune-ts: use "sdpa" .* or "eager"/);
  // "sdpa" runs everywhere (on libtorch 1.13 through F.scaled_dot_product_attention's reference math).
  const inputs = batch(true);
  const before = torch.no_grad(() => torch.tidy(() => eager.forward({ ...inputs, labels: null }).logits));
  eager.set_attn_implementation("sdpa");
  assert.equal(eager.config._attn_implementation, "sdpa");
  const after = torch.no_grad(() => torch.tidy(() => eager.forward({ ...inputs, labels: null }).logits));
  assert.ok(torch.tidy(() => before.sub(after).abs().max().item()) < 1e-5);
  for (const t of [before, after, ...Object.values(inputs)]) (t as Tensor).dispose();
  assert.throws(() => eager.set_attn_implementation("flex_attention" as "sdpa"), /"flex_attention" is not supported/);
  eager.dispose();
  const loaded = await AutoModelForSequenceClassification.from_pretrained(path.join(FIXTURES, "bert-tiny-cls"), { verbose: false, attn_implementation: "eager" });
  assert.equal(loaded.config._attn_implementation, "eager");
  assert.ok(!("attn_implementation" in loaded.config.to_dict()) && !("_attn_implementation" in loaded.config.to_dict()), "not written to config.json");
  loaded.dispose();
});
