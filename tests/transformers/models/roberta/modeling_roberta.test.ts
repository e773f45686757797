// RoBERTa against ../shared/fixtures/models/roberta-tiny-cls. Where the numbers come from:
// gen/make_goldens.py, which runs gen/hf_models.py (a faithful plain-PyTorch copy of HF
// transformers v5.17's modeling_roberta.py: fairseq position ids from padding_idx+1, pad 1,
// layer_norm_eps 1e-5 from config.json, RobertaClassificationHead on <s>) with Debian's torch 1.13
// in float32, seed 0, dropout 0 (checked against HF's real classes by gen/verify_hf.py).
// Tolerance: expected.json `tolerance_per_tensor` (max|a−b| per tensor: 20× the measured
// float32-vs-float64 error, with the README's floors; the key.bias gradients, exactly 0, get the
// fixed 1e-10), applied by _model_goldens.ts checkCase to the forward, every hidden state, every
// gradient, the eval logits and the 3-step AdamW trace. Seeded init and saved keys are compared exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import * as torch from "../../../../src/torch/index.js";
import { load_file } from "../../../../src/safetensors/index.js";
import {
  RobertaForSequenceClassification, RobertaForTokenClassification, RobertaForMaskedLM, RobertaForQuestionAnswering, RobertaModel,
  create_position_ids_from_input_ids,
} from "../../../../src/transformers/models/roberta/modeling_roberta.js";
import { RobertaConfig } from "../../../../src/transformers/models/roberta/configuration_roberta.js";
import { checkCase, FIXTURES, makeInputs, disposeInputs, readCase } from "../_model_goldens.js";

const quiet = { verbose: false };
const CASE = "roberta-tiny-cls";

test(`golden ${CASE}: forward, hidden states, gradients, eval, AdamW trace`, async () => {
  const model = await RobertaForSequenceClassification.from_pretrained(path.join(FIXTURES, CASE), quiet);
  assert.equal(model.roberta.pooler, null, "no pooler under the classification head");
  assert.equal(model.config.layer_norm_eps, 1e-5);
  await checkCase(model, CASE);
  model.dispose();
});

test("position ids: cumsum of non-pad tokens + padding_idx (pads get padding_idx)", () => {
  const ids = torch.tensor([[0, 80, 10, 49, 2, 1, 1], [0, 5, 2, 1, 1, 1, 1]], { dtype: torch.int64 });
  const pos = create_position_ids_from_input_ids(ids, 1);
  assert.deepEqual(pos.tolist(), [[2, 3, 4, 5, 6, 1, 1], [2, 3, 4, 1, 1, 1, 1]]);
  assert.equal(pos.dtype, torch.int64);
  ids.dispose();
  pos.dispose();
});

test("config: roberta-base defaults and the fixture's keys", async () => {
  const d = new RobertaConfig();
  assert.deepEqual([d.pad_token_id, d.bos_token_id, d.eos_token_id, d.layer_norm_eps, d.vocab_size, d.type_vocab_size], [1, 0, 2, 1e-12, 50265, 2]);
  const config = await RobertaConfig.from_pretrained(path.join(FIXTURES, CASE));
  const dict = config.to_dict();
  const fixture = JSON.parse(readFileSync(path.join(FIXTURES, CASE, "config.json"), "utf8")) as Record<string, unknown>;
  for (const [k, v] of Object.entries(fixture)) assert.deepEqual(dict[k], v, `config.json key ${k}`);
  assert.throws(() => new RobertaModel(new RobertaConfig({ ...dict, is_decoder: true })), (e: Error) => e.name === "NotImplementedError");
});

test("seeded init: manual_seed(0) + from_config gives the fixture's weights bit for bit (HF init order)", async () => {
  const config = await RobertaConfig.from_pretrained(path.join(FIXTURES, CASE));
  torch.manual_seed(0);
  const model = RobertaForSequenceClassification.from_config(config);
  const weights = await load_file(path.join(FIXTURES, CASE, "model.safetensors"));
  const sd = model.state_dict_for_save();
  assert.deepEqual([...sd.keys()].sort(), Object.keys(weights).sort());
  for (const [k, v] of Object.entries(weights)) assert.ok(sd.get(k)!.equal(v), `${k} differs`);
  // Both padding rows (word and position tables, index 1) start at zero.
  assert.equal(torch.tidy(() => model.roberta.embeddings.position_embeddings.weight.select(0, 1).abs().sum().item()), 0);
  assert.equal(torch.tidy(() => model.roberta.embeddings.word_embeddings.weight.select(0, 1).abs().sum().item()), 0);
  for (const t of Object.values(weights)) t.dispose();
  model.dispose();
});

test("save_pretrained → from_pretrained round trip: HF's keys, no buffers, same logits", async () => {
  const model = await RobertaForSequenceClassification.from_pretrained(path.join(FIXTURES, CASE), quiet);
  const out = mkdtempSync(path.join(os.tmpdir(), "fts-roberta-save-"));
  await model.save_pretrained(out);
  const cfg = JSON.parse(readFileSync(path.join(out, "config.json"), "utf8")) as Record<string, unknown>;
  assert.deepEqual(cfg.architectures, ["RobertaForSequenceClassification"]);
  assert.equal(cfg.model_type, "roberta");
  const saved = await load_file(path.join(out, "model.safetensors"));
  const orig = await load_file(path.join(FIXTURES, CASE, "model.safetensors"));
  assert.deepEqual(Object.keys(saved).sort(), Object.keys(orig).sort(), "no position_ids / token_type_ids buffers");
  for (const [k, v] of Object.entries(orig)) assert.ok(v.equal(saved[k]), k);
  const again = await RobertaForSequenceClassification.from_pretrained(out, quiet);
  const inputs = makeInputs(readCase(CASE).inputs, false);
  const diff = torch.no_grad(() => torch.tidy(() => model.forward(inputs).logits.sub(again.forward(inputs).logits).abs().max().item()));
  assert.equal(diff, 0);
  disposeInputs(inputs);
  for (const t of [...Object.values(saved), ...Object.values(orig)]) t.dispose();
  model.dispose();
  again.dispose();
});

test("MLM head: lm_head.decoder.weight IS the word embeddings and decoder.bias IS lm_head.bias; save leaves both out", async () => {
  const config = await RobertaConfig.from_pretrained(path.join(FIXTURES, CASE));
  torch.manual_seed(0);
  const model = RobertaForMaskedLM.from_config(config);
  assert.equal(model.lm_head.decoder.weight, model.roberta.embeddings.word_embeddings.weight);
  assert.equal(model.lm_head.decoder.bias, model.lm_head.bias);
  assert.equal(model.roberta.pooler, null);
  const names = model.named_parameters().map(([n]) => n);
  assert.ok(!names.includes("lm_head.decoder.weight") && !names.includes("lm_head.decoder.bias"), "tied parameters are listed once, under their source");
  const out = mkdtempSync(path.join(os.tmpdir(), "fts-roberta-mlm-"));
  await model.save_pretrained(out);
  const saved = await load_file(path.join(out, "model.safetensors"));
  assert.ok(!("lm_head.decoder.weight" in saved) && !("lm_head.decoder.bias" in saved), "tied targets left out");
  for (const k of ["lm_head.bias", "lm_head.dense.weight", "lm_head.layer_norm.weight", "roberta.embeddings.word_embeddings.weight"]) assert.ok(k in saved, k);
  const again = await RobertaForMaskedLM.from_pretrained(out, quiet);
  assert.equal(again.lm_head.decoder.weight, again.roberta.embeddings.word_embeddings.weight);
  assert.equal(again.lm_head.decoder.bias, again.lm_head.bias);
  assert.ok(again.lm_head.decoder.weight.equal(model.lm_head.decoder.weight));
  const { inputs: raw } = readCase(CASE);
  const inputs = makeInputs({ input_ids: raw.input_ids, attention_mask: raw.attention_mask }, false);
  const ids = raw.input_ids as number[][];
  inputs.labels = torch.tensor(ids.map((row, i) => row.map((t, j) => (j === 1 + i ? t : -100))), { dtype: torch.int64 });
  again.train();
  const res = again.forward(inputs);
  assert.deepEqual(res.logits.shape, [4, 9, 103]);
  assert.ok(Number.isFinite(res.loss!.item()));
  res.loss!.backward();
  assert.ok(again.lm_head.bias.grad, "the decoder's bias gradient lands on lm_head.bias");
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
  const config = await RobertaConfig.from_pretrained(path.join(FIXTURES, CASE));

  const tok = RobertaForTokenClassification.from_config(config);
  assert.deepEqual(tok.classifier.weight.shape, [3, 32]);
  const mask = raw.attention_mask as number[][];
  const labels = torch.tensor(mask.map((row) => row.map((m, j) => (m ? j % 3 : -100))), { dtype: torch.int64 });
  const t = tok.forward({ ...inputs, labels, output_hidden_states: true });
  assert.deepEqual(t.logits.shape, [4, 9, 3]);
  assert.equal(t.hidden_states!.length, 3);
  assert.ok(Number.isFinite(t.loss!.item()) && t.loss!.item() > 0);

  const qa = RobertaForQuestionAnswering.from_config(new RobertaConfig({ ...config.to_dict(), num_labels: 2, id2label: undefined, label2id: undefined }));
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

test("RobertaModel: pooler by default; inputs_embeds gives sequential positions from padding_idx+1", async () => {
  const config = await RobertaConfig.from_pretrained(path.join(FIXTURES, CASE));
  const model = RobertaModel.from_config(config).eval();
  const ids = torch.tensor([[0, 80, 16, 2]], { dtype: torch.int64 });
  const [a, b, pooled] = torch.no_grad(() => {
    const o = model.forward({ input_ids: ids });
    const e = model.embeddings.word_embeddings.forward(ids);
    const r = [o.last_hidden_state, model.forward({ inputs_embeds: e }).last_hidden_state, o.pooler_output!];
    e.dispose();
    return r;
  });
  assert.deepEqual(pooled.shape, [1, 32]);
  assert.ok(a.sub(b).abs().max().item() < 1e-6, "no pads: ids and embeds give the same positions");
  assert.throws(() => model.forward({}), /exactly one of input_ids or inputs_embeds/);
  for (const x of [ids, a, b, pooled]) x.dispose();
  model.dispose();
});

test("eager attention (the oracle) and SDPA agree where libtorch has SDPA", { skip: !torch.hasOp("aten::scaled_dot_product_attention") && "libtorch < 2.0 has no scaled_dot_product_attention" }, async () => {
  const dir = path.join(FIXTURES, CASE);
  const eager = await RobertaForSequenceClassification.from_pretrained(dir, { ...quiet, _attn_implementation: "eager" });
  const sdpa = await RobertaForSequenceClassification.from_pretrained(dir, { ...quiet, _attn_implementation: "sdpa" });
  const inputs = makeInputs(readCase(CASE).inputs, false);
  const diff = torch.no_grad(() => torch.tidy(() => eager.forward(inputs).logits.sub(sdpa.forward(inputs).logits).abs().max().item()));
  assert.ok(diff < 1e-5, `eager vs sdpa logits differ by ${diff}`);
  disposeInputs(inputs);
  eager.dispose();
  sdpa.dispose();
});
