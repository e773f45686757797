// DistilBERT against ../shared/fixtures/models/distilbert-tiny-cls. Where the numbers come from:
// gen/make_goldens.py, which runs gen/hf_models.py (a faithful plain-PyTorch copy of HF
// transformers v5.17's modeling_distilbert.py) with Debian's torch 1.13 in float32, seed 0, dropout 0
// (checked against HF's real classes by gen/verify_hf.py). Tolerance: expected.json
// `tolerance_per_tensor` (max|a−b| per tensor: 20× the measured float32-vs-float64 error, with the
// README's floors; the k_lin.bias gradients, exactly 0, get the fixed 1e-10), applied by
// _model_goldens.ts checkCase to the forward, every hidden state, every gradient, the eval logits
// and the 3-step AdamW trace. Seeded init and saved keys are compared exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import * as torch from "../../../../src/torch/index.js";
import { load_file } from "../../../../src/safetensors/index.js";
import {
  DistilBertForSequenceClassification, DistilBertForTokenClassification, DistilBertForMaskedLM, DistilBertForQuestionAnswering, DistilBertModel,
} from "../../../../src/transformers/models/distilbert/modeling_distilbert.js";
import { DistilBertConfig } from "../../../../src/transformers/models/distilbert/configuration_distilbert.js";
import { checkCase, FIXTURES, makeInputs, disposeInputs, readCase } from "../_model_goldens.js";

const quiet = { verbose: false };
const CASE = "distilbert-tiny-cls";

test(`golden ${CASE}: forward, hidden states, gradients, eval, AdamW trace`, async () => {
  const model = await DistilBertForSequenceClassification.from_pretrained(path.join(FIXTURES, CASE), quiet);
  await checkCase(model, CASE);
  model.dispose();
});

test("config: HF's attribute_map (hidden_size → dim, …) as getters/setters; config.json keeps DistilBERT's keys", async () => {
  const config = await DistilBertConfig.from_pretrained(path.join(FIXTURES, CASE));
  assert.equal(config.hidden_size, 32);
  assert.equal(config.num_attention_heads, 4);
  assert.equal(config.num_hidden_layers, 2);
  assert.equal(config.model_type, "distilbert");
  const dict = config.to_dict();
  for (const k of ["hidden_size", "num_attention_heads", "num_hidden_layers"]) assert.ok(!(k in dict), `${k} written to config.json`);
  const fixture = JSON.parse(readFileSync(path.join(FIXTURES, CASE, "config.json"), "utf8")) as Record<string, unknown>;
  for (const [k, v] of Object.entries(fixture)) assert.deepEqual(dict[k], v, `config.json key ${k}`);
  const viaAlias = new DistilBertConfig({ hidden_size: 64, num_attention_heads: 8, num_hidden_layers: 3 });
  assert.deepEqual([viaAlias.dim, viaAlias.n_heads, viaAlias.n_layers], [64, 8, 3]);
  const defaults = new DistilBertConfig();
  assert.deepEqual([defaults.dim, defaults.hidden_dim, defaults.n_layers, defaults.pad_token_id, defaults.seq_classif_dropout], [768, 3072, 6, 0, 0.2]);
});

test("sinusoidal_pos_embds: true throws NotImplementedError", () => {
  const config = new DistilBertConfig({ vocab_size: 10, dim: 8, n_heads: 2, n_layers: 1, hidden_dim: 16, sinusoidal_pos_embds: true });
  assert.throws(() => new DistilBertModel(config), (e: Error) => e.name === "NotImplementedError" && /sinusoidal_pos_embds/.test(e.message));
});

test("seeded init: manual_seed(0) + from_config gives the fixture's weights bit for bit (HF init order)", async () => {
  const config = await DistilBertConfig.from_pretrained(path.join(FIXTURES, CASE));
  torch.manual_seed(0);
  const model = DistilBertForSequenceClassification.from_config(config);
  const weights = await load_file(path.join(FIXTURES, CASE, "model.safetensors"));
  const sd = model.state_dict_for_save();
  assert.deepEqual([...sd.keys()].sort(), Object.keys(weights).sort());
  for (const [k, v] of Object.entries(weights)) assert.ok(sd.get(k)!.equal(v), `${k} differs`);
  for (const t of Object.values(weights)) t.dispose();
  model.dispose();
});

test("save_pretrained → from_pretrained round trip: HF's keys, same tensors, same logits", async () => {
  const model = await DistilBertForSequenceClassification.from_pretrained(path.join(FIXTURES, CASE), quiet);
  const out = mkdtempSync(path.join(os.tmpdir(), "fts-distilbert-save-"));
  await model.save_pretrained(out);
  const cfg = JSON.parse(readFileSync(path.join(out, "config.json"), "utf8")) as Record<string, unknown>;
  assert.deepEqual(cfg.architectures, ["DistilBertForSequenceClassification"]);
  assert.equal(cfg.model_type, "distilbert");
  assert.equal(cfg.dim, 32);
  assert.ok(!("hidden_size" in cfg));
  const saved = await load_file(path.join(out, "model.safetensors"));
  const orig = await load_file(path.join(FIXTURES, CASE, "model.safetensors"));
  assert.deepEqual(Object.keys(saved).sort(), Object.keys(orig).sort());
  for (const [k, v] of Object.entries(orig)) assert.ok(v.equal(saved[k]), k);
  const again = await DistilBertForSequenceClassification.from_pretrained(out, quiet);
  const inputs = makeInputs(readCase(CASE).inputs, false);
  const diff = torch.no_grad(() => torch.tidy(() => model.forward(inputs).logits.sub(again.forward(inputs).logits).abs().max().item()));
  assert.equal(diff, 0);
  disposeInputs(inputs);
  for (const t of [...Object.values(saved), ...Object.values(orig)]) t.dispose();
  model.dispose();
  again.dispose();
});

test("MLM head: vocab_projector.weight IS the word embeddings; save leaves it out; reload re-ties", async () => {
  const config = await DistilBertConfig.from_pretrained(path.join(FIXTURES, CASE));
  torch.manual_seed(0);
  const model = DistilBertForMaskedLM.from_config(config);
  assert.equal(model.vocab_projector.weight, model.distilbert.embeddings.word_embeddings.weight);
  assert.notEqual(model.vocab_projector.bias, null);
  const names = model.named_parameters().map(([n]) => n);
  assert.ok(!names.includes("vocab_projector.weight"), "a tied parameter is listed once, under its source");
  assert.ok(names.includes("vocab_projector.bias"));
  const out = mkdtempSync(path.join(os.tmpdir(), "fts-distilbert-mlm-"));
  await model.save_pretrained(out);
  const saved = await load_file(path.join(out, "model.safetensors"));
  assert.ok(!("vocab_projector.weight" in saved), "tied target left out");
  for (const k of ["vocab_projector.bias", "vocab_transform.weight", "vocab_layer_norm.weight", "distilbert.embeddings.word_embeddings.weight"]) assert.ok(k in saved, k);
  const again = await DistilBertForMaskedLM.from_pretrained(out, quiet);
  assert.equal(again.vocab_projector.weight, again.distilbert.embeddings.word_embeddings.weight);
  assert.ok(again.vocab_projector.weight.equal(model.vocab_projector.weight));
  // A forward with -100 labels except a few positions: finite loss, gradient reaches the tied table from both uses.
  const { inputs: raw } = readCase(CASE);
  const inputs = makeInputs({ input_ids: raw.input_ids, attention_mask: raw.attention_mask }, false);
  const ids = raw.input_ids as number[][];
  inputs.labels = torch.tensor(ids.map((row, i) => row.map((t, j) => (j === 1 + i ? t : -100))), { dtype: torch.int64 });
  again.train();
  const res = again.forward(inputs);
  assert.deepEqual(res.logits.shape, [4, 9, 101]);
  assert.ok(Number.isFinite(res.loss!.item()));
  res.loss!.backward();
  assert.ok(again.distilbert.embeddings.word_embeddings.weight.grad);
  res.logits.dispose();
  res.loss!.dispose();
  disposeInputs(inputs);
  for (const t of Object.values(saved)) t.dispose();
  model.dispose();
  again.dispose();
});

test("token-classification and QA heads: shapes, finite losses, HF's keys", async () => {
  const { inputs: raw } = readCase(CASE);
  const inputs = makeInputs({ input_ids: raw.input_ids, attention_mask: raw.attention_mask }, false);
  const config = await DistilBertConfig.from_pretrained(path.join(FIXTURES, CASE));

  const tok = DistilBertForTokenClassification.from_config(config);
  assert.deepEqual(tok.classifier.weight.shape, [3, 32]);
  const mask = raw.attention_mask as number[][];
  const labels = torch.tensor(mask.map((row) => row.map((m, j) => (m ? j % 3 : -100))), { dtype: torch.int64 });
  const t = tok.forward({ ...inputs, labels, output_hidden_states: true });
  assert.deepEqual(t.logits.shape, [4, 9, 3]);
  assert.equal(t.hidden_states!.length, 3);
  assert.ok(Number.isFinite(t.loss!.item()) && t.loss!.item() > 0);

  const qaConfig = new DistilBertConfig({ ...config.to_dict(), num_labels: 2, id2label: undefined, label2id: undefined });
  assert.throws(() => new DistilBertForQuestionAnswering(config), /num_labels should be 2/);
  const qa = DistilBertForQuestionAnswering.from_config(qaConfig);
  assert.deepEqual(qa.named_parameters().map(([n]) => n).slice(-2), ["qa_outputs.weight", "qa_outputs.bias"]);
  const start_positions = torch.tensor([1, 2, 0, 20], { dtype: torch.int64 }); // 20 > T: clamped and ignored, as HF
  const end_positions = torch.tensor([3, 4, 5, 20], { dtype: torch.int64 });
  const q = qa.forward({ ...inputs, start_positions, end_positions });
  assert.deepEqual(q.start_logits.shape, [4, 9]);
  assert.deepEqual(q.end_logits.shape, [4, 9]);
  assert.ok(Number.isFinite(q.loss!.item()));
  q.loss!.backward();
  assert.ok(qa.qa_outputs.weight.grad);

  for (const x of [t.logits, t.loss!, ...t.hidden_states!, q.start_logits, q.end_logits, q.loss!, labels, start_positions, end_positions]) x.dispose();
  disposeInputs(inputs);
  tok.dispose();
  qa.dispose();
});

test("token_type_ids are ignored (DistilBERT has none) and a missing attention mask means attend everywhere", async () => {
  const model = await DistilBertForSequenceClassification.from_pretrained(path.join(FIXTURES, CASE), quiet);
  const ids = torch.tensor([[2, 15, 61, 30, 3]], { dtype: torch.int64 });
  const ones = torch.ones([1, 5], { dtype: torch.int64 });
  const [a, b] = torch.no_grad(() => [
    model.forward({ input_ids: ids }).logits,
    model.forward({ input_ids: ids, attention_mask: ones, token_type_ids: ones }).logits,
  ]);
  assert.ok(a.equal(b));
  for (const x of [ids, ones, a, b]) x.dispose();
  model.dispose();
});

test("eager attention (the oracle) and SDPA agree where libtorch has SDPA", { skip: !torch.hasOp("aten::scaled_dot_product_attention") && "libtorch < 2.0 has no scaled_dot_product_attention" }, async () => {
  const dir = path.join(FIXTURES, CASE);
  const eager = await DistilBertForSequenceClassification.from_pretrained(dir, { ...quiet, _attn_implementation: "eager" });
  const sdpa = await DistilBertForSequenceClassification.from_pretrained(dir, { ...quiet, _attn_implementation: "sdpa" });
  const inputs = makeInputs(readCase(CASE).inputs, false);
  const diff = torch.no_grad(() => torch.tidy(() => eager.forward(inputs).logits.sub(sdpa.forward(inputs).logits).abs().max().item()));
  assert.ok(diff < 1e-5, `eager vs sdpa logits differ by ${diff}`);
  disposeInputs(inputs);
  eager.dispose();
  sdpa.dispose();
});
