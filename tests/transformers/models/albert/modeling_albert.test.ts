// ALBERT: there is no fixture folder, so parity comes from HF's real transformers (Python): the
// same config built with torch.manual_seed(0) by HF and by us must give bit-identical weights
// (HF's init order), and HF's saved folder must give HF's loss, logits and per-parameter gradient
// norms here. Needs FINETUNE_TS_PYTHON (a Python with transformers 5.17 + torch); skipped without.
// Tolerances: weights exact; loss abs 1e-5; logits 1e-5 + 1e-4·|b|; grad norms rel 1e-4.
// The structural tests (shared layers, tying, save/load) run everywhere.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as torch from "../../../../src/torch/index.js";
import { load_file } from "../../../../src/safetensors/index.js";
import { AlbertConfig } from "../../../../src/transformers/models/albert/configuration_albert.js";
import { AlbertForSequenceClassification, AlbertForMaskedLM, AlbertModel } from "../../../../src/transformers/models/albert/modeling_albert.js";

const ROOT = path.resolve(import.meta.dirname, "../../../..");
const tiny = {
  vocab_size: 99, embedding_size: 16, hidden_size: 32, num_hidden_layers: 3, num_hidden_groups: 1, num_attention_heads: 4,
  intermediate_size: 37, inner_group_num: 1, hidden_act: "gelu_new", hidden_dropout_prob: 0.0, attention_probs_dropout_prob: 0.0,
  classifier_dropout_prob: 0.0, max_position_embeddings: 64, num_labels: 3,
};
const batch = {
  input_ids: [[2, 16, 16, 17, 3, 24, 30, 16, 3], [2, 52, 28, 81, 83, 3, 0, 0, 0]],
  attention_mask: [[1, 1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 0, 0, 0]],
  token_type_ids: [[0, 0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0, 0]],
  labels: [2, 0],
};
const PY = process.env.FINETUNE_TS_PYTHON;
let skip: string | false = PY ? false : "set FINETUNE_TS_PYTHON to a Python with transformers to compare with HF";
if (PY) {
  try {
    execFileSync(PY, ["-c", "import transformers"], { stdio: "ignore" });
  } catch {
    skip = `${PY} cannot import transformers`;
  }
}

test("layers share weights across num_hidden_layers; the MLM decoder is tied; keys are HF's", () => {
  const config = new AlbertConfig(tiny);
  const m = AlbertForMaskedLM.from_config(config);
  const names = m.named_parameters().map(([n]) => n);
  assert.ok(names.includes("albert.encoder.albert_layer_groups.0.albert_layers.0.attention.query.weight"));
  assert.ok(!names.some((n) => n.includes("albert_layer_groups.1")));
  assert.equal(m.predictions.decoder.weight, m.albert.embeddings.word_embeddings.weight);
  assert.equal(m.predictions.decoder.bias, m.predictions.bias);
  assert.deepEqual([...m.state_dict_for_save().keys()].filter((k) => k.startsWith("predictions.decoder")), []);
  const out = torch.tidy(() => m.forward({ input_ids: torch.tensor(batch.input_ids, { dtype: torch.int64 }), output_hidden_states: true }));
  assert.deepEqual(out.logits.shape, [2, 9, 99]);
  assert.equal(out.hidden_states!.length, 1 + tiny.num_hidden_layers);
  for (const t of [out.logits, ...out.hidden_states!]) t.dispose();
  m.dispose();
});

test("HF parity: seeded init bit for bit, HF's folder gives HF's loss, logits and gradients", { skip }, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fts-albert-"));
  const inputs = path.join(dir, "inputs.json");
  writeFileSync(inputs, JSON.stringify(batch));
  const hfDir = path.join(dir, "hf");
  const out = execFileSync(PY!, [path.join(ROOT, "scripts/hf_interop.py"), "create", "AlbertForSequenceClassification", "AlbertConfig", JSON.stringify(tiny), hfDir, inputs], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const hf = JSON.parse(out.trim().split("\n").pop()!) as { loss: number; logits: number[][]; grad_norms: Record<string, number> };

  // Same seed, same config → the same weights as HF's init (construction order + post_init order).
  const config = await AlbertConfig.from_pretrained(hfDir);
  torch.manual_seed(0);
  const seeded = AlbertForSequenceClassification.from_config(config);
  const saved = await load_file(path.join(hfDir, "model.safetensors"));
  for (const [k, v] of Object.entries(saved)) assert.ok(seeded.state_dict().get(k)!.equal(v), `seeded init differs at ${k}`);
  for (const t of Object.values(saved)) t.dispose();
  seeded.dispose();

  const model = await AlbertForSequenceClassification.from_pretrained(hfDir, { verbose: false, _attn_implementation: "eager" });
  model.train();
  const ids = torch.tensor(batch.input_ids, { dtype: torch.int64 });
  const mask = torch.tensor(batch.attention_mask, { dtype: torch.int64 });
  const tt = torch.tensor(batch.token_type_ids, { dtype: torch.int64 });
  const labels = torch.tensor(batch.labels, { dtype: torch.int64 });
  const res = model.forward({ input_ids: ids, attention_mask: mask, token_type_ids: tt, labels });
  assert.ok(Math.abs(res.loss!.item() - hf.loss) <= 1e-5, `loss ${res.loss!.item()} vs HF ${hf.loss}`);
  const ours = res.logits.flatten().tolist() as number[];
  hf.logits.flat().forEach((b, i) => assert.ok(Math.abs(ours[i] - b) <= 1e-5 + 1e-4 * Math.abs(b), `logit ${i}: ${ours[i]} vs ${b}`));
  res.loss!.backward();
  for (const [n, p] of model.named_parameters()) {
    const g = torch.tidy(() => p.grad!.norm().item());
    const want = hf.grad_norms[n];
    assert.ok(want !== undefined, `HF has no gradient for ${n}`);
    assert.ok(Math.abs(g - want) <= 1e-4 * Math.max(want, 1e-6) + 1e-9, `grad norm of ${n}: ${g} vs HF ${want}`);
  }
  for (const t of [ids, mask, tt, labels, res.loss!, res.logits]) t.dispose();
  model.dispose();
  const base = await AlbertModel.from_pretrained(hfDir, { verbose: false });
  base.dispose();
});
