// BERT against ../shared/fixtures/models/bert-tiny-* (see _model_goldens.ts for where the numbers
// come from and the per-tensor tolerances): forward, hidden states, pooler, every gradient, eval
// logits and the 3-step AdamW trace; plus seeded init, pytorch_model.bin loading and the
// eager-vs-SDPA oracle check.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import * as torch from "../../../../src/torch/index.js";
import { load_file } from "../../../../src/safetensors/index.js";
import {
  BertForSequenceClassification, BertForTokenClassification, BertForMaskedLM, BertModel,
} from "../../../../src/transformers/models/bert/modeling_bert.js";
import { BertConfig } from "../../../../src/transformers/models/bert/configuration_bert.js";
import { checkCase, checkTensor, FIXTURES, makeInputs, disposeInputs, readCase } from "../_model_goldens.js";

const quiet = { verbose: false };

for (const c of ["bert-tiny-cls", "bert-tiny-cls-multilabel", "bert-tiny-cls-regression"]) {
  test(`golden ${c}: forward, pooler, gradients, eval, AdamW trace`, async () => {
    const model = await BertForSequenceClassification.from_pretrained(path.join(FIXTURES, c), quiet);
    await checkCase(model, c, {
      extra: (m, inputs, golden, tol) => {
        const pooled = torch.no_grad(() => torch.tidy(() => (m as BertForSequenceClassification).bert.forward(inputs).pooler_output!));
        checkTensor(pooled, golden, "pooler_output", tol.pooler_output);
        pooled.dispose();
      },
    });
    model.dispose();
  });
}

test("golden bert-tiny-tokcls: per-token CE with -100 labels", async () => {
  const model = await BertForTokenClassification.from_pretrained(path.join(FIXTURES, "bert-tiny-tokcls"), quiet);
  await checkCase(model, "bert-tiny-tokcls");
  model.dispose();
});

test("golden bert-tiny-mlm: tied decoder (weight and bias), clipping active", async () => {
  const model = await BertForMaskedLM.from_pretrained(path.join(FIXTURES, "bert-tiny-mlm"), quiet);
  assert.equal(model.cls.predictions.decoder.weight, model.bert.embeddings.word_embeddings.weight);
  assert.equal(model.cls.predictions.decoder.bias, model.cls.predictions.bias);
  await checkCase(model, "bert-tiny-mlm");
  model.dispose();
});

test("seeded init: manual_seed(0) + from_config gives the fixture's weights bit for bit (HF init order)", async () => {
  for (const [c, Cls] of [["bert-tiny-cls", BertForSequenceClassification], ["bert-tiny-mlm", BertForMaskedLM], ["bert-tiny-tokcls", BertForTokenClassification]] as const) {
    const config = await BertConfig.from_pretrained(path.join(FIXTURES, c));
    torch.manual_seed(0);
    const model = (Cls as typeof BertForSequenceClassification).from_config(config);
    const weights = await load_file(path.join(FIXTURES, c, "model.safetensors"));
    const sd = model.state_dict_for_save();
    assert.deepEqual([...sd.keys()].sort(), Object.keys(weights).sort(), `${c}: keys`);
    for (const [k, v] of Object.entries(weights)) assert.ok(sd.get(k)!.equal(v), `${c}: ${k} differs`);
    for (const t of Object.values(weights)) t.dispose();
    model.dispose();
  }
});

test("pytorch_model.bin (zip and legacy) loads to the same model as model.safetensors", async () => {
  const dir = path.join(FIXTURES, "bert-tiny-cls");
  const a = await BertForSequenceClassification.from_pretrained(dir, quiet);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "fts-bert-bin-"));
  const { copyFileSync } = await import("node:fs");
  copyFileSync(path.join(dir, "config.json"), path.join(tmp, "config.json"));
  copyFileSync(path.join(dir, "pytorch_model.bin"), path.join(tmp, "pytorch_model.bin"));
  const b = await BertForSequenceClassification.from_pretrained(tmp, quiet);
  const legacy = await BertForSequenceClassification.from_pretrained(path.join(dir, "legacy"), quiet);
  for (const [k, v] of a.state_dict()) {
    assert.ok(v.equal(b.state_dict().get(k)!), `zip: ${k}`);
    assert.ok(v.equal(legacy.state_dict().get(k)!), `legacy: ${k}`);
  }
  for (const m of [a, b, legacy]) m.dispose();
});

test("save_pretrained writes HF's layout: config.json with architectures, model.safetensors without tied targets", async () => {
  const model = await BertForMaskedLM.from_pretrained(path.join(FIXTURES, "bert-tiny-mlm"), quiet);
  const out = mkdtempSync(path.join(os.tmpdir(), "fts-bert-save-"));
  await model.save_pretrained(out);
  const cfg = JSON.parse(readFileSync(path.join(out, "config.json"), "utf8")) as Record<string, unknown>;
  assert.deepEqual(cfg.architectures, ["BertForMaskedLM"]);
  assert.equal(cfg.model_type, "bert");
  const saved = await load_file(path.join(out, "model.safetensors"));
  const orig = await load_file(path.join(FIXTURES, "bert-tiny-mlm/model.safetensors"));
  assert.deepEqual(Object.keys(saved).sort(), Object.keys(orig).sort());
  for (const [k, v] of Object.entries(orig)) assert.ok(v.equal(saved[k]), k);
  const again = await BertForMaskedLM.from_pretrained(out, quiet);
  assert.equal(again.cls.predictions.decoder.weight, again.bert.embeddings.word_embeddings.weight);
  for (const t of [...Object.values(saved), ...Object.values(orig)]) t.dispose();
  model.dispose();
  again.dispose();
});

test("a base-model checkpoint loads into a head model (prefix added) and reports the new head", async () => {
  const full = await BertForSequenceClassification.from_pretrained(path.join(FIXTURES, "bert-tiny-cls"), quiet);
  const out = mkdtempSync(path.join(os.tmpdir(), "fts-bert-base-"));
  await full.bert.save_pretrained(out);
  const warnings: string[] = [];
  const orig = console.warn;
  console.warn = (m: string) => warnings.push(m);
  try {
    const head = await BertForSequenceClassification.from_pretrained(out, { num_labels: 5 });
    assert.ok(head.bert.embeddings.word_embeddings.weight.equal(full.bert.embeddings.word_embeddings.weight));
    assert.deepEqual(head.classifier.weight.shape, [5, 32]);
    head.dispose();
  } finally {
    console.warn = orig;
  }
  assert.ok(warnings.some((w) => /newly initialized: \['classifier.weight', 'classifier.bias'\]/.test(w)), warnings.join("\n"));
  const base = await BertModel.from_pretrained(path.join(FIXTURES, "bert-tiny-cls"), quiet);
  assert.ok(base.embeddings.word_embeddings.weight.equal(full.bert.embeddings.word_embeddings.weight));
  base.dispose();
  full.dispose();
});

test("eager attention (the oracle) and SDPA agree where libtorch has SDPA", { skip: !torch.hasOp("aten::scaled_dot_product_attention") && "libtorch < 2.0 has no scaled_dot_product_attention" }, async () => {
  const { dir, inputs: raw } = readCase("bert-tiny-cls");
  const eager = await BertForSequenceClassification.from_pretrained(dir, { ...quiet, _attn_implementation: "eager" });
  const sdpa = await BertForSequenceClassification.from_pretrained(dir, { ...quiet, _attn_implementation: "sdpa" });
  const inputs = makeInputs(raw, false);
  const diff = torch.no_grad(() => torch.tidy(() => eager.forward(inputs).logits.sub(sdpa.forward(inputs).logits).abs().max().item()));
  assert.ok(diff < 1e-5, `eager vs sdpa logits differ by ${diff}`);
  disposeInputs(inputs);
  eager.dispose();
  sdpa.dispose();
});

test("save_pretrained shards past max_shard_size with HF's index; the shards load back; old layouts are removed", async () => {
  const model = await BertForSequenceClassification.from_pretrained(path.join(FIXTURES, "bert-tiny-cls"), quiet);
  const out = mkdtempSync(path.join(os.tmpdir(), "fts-bert-shards-"));
  await model.save_pretrained(out); // single file first: the sharded save must remove it
  await model.save_pretrained(out, { max_shard_size: "20KB" });
  const { readdirSync } = await import("node:fs");
  const files = readdirSync(out).sort();
  assert.ok(!files.includes("model.safetensors"), files.join(", "));
  const shards = files.filter((f) => /^model-\d{5}-of-\d{5}\.safetensors$/.test(f));
  assert.ok(shards.length > 1, `expected several shards, got ${files.join(", ")}`);
  const index = JSON.parse(readFileSync(path.join(out, "model.safetensors.index.json"), "utf8")) as { metadata: { total_size: number }; weight_map: Record<string, string> };
  assert.deepEqual(Object.keys(index.weight_map).sort(), [...model.state_dict().keys()].sort());
  assert.equal(index.metadata.total_size, [...model.state_dict().values()].reduce((a, t) => a + t.numel() * 4, 0));
  const back = await BertForSequenceClassification.from_pretrained(out, quiet);
  for (const [k, v] of model.state_dict()) assert.ok(v.equal(back.state_dict().get(k)!), k);
  model.dispose();
  back.dispose();
});

test("torch_dtype: bfloat16 weights load and run forward", async () => {
  const model = await BertForSequenceClassification.from_pretrained(path.join(FIXTURES, "bert-tiny-cls"), { ...quiet, torch_dtype: "bfloat16" });
  assert.equal(model.classifier.weight.dtype, torch.bfloat16);
  const { inputs: raw } = readCase("bert-tiny-cls");
  const inputs = makeInputs(raw, false);
  const logits = torch.no_grad(() => torch.tidy(() => model.forward(inputs).logits.float()));
  const ref = await BertForSequenceClassification.from_pretrained(path.join(FIXTURES, "bert-tiny-cls"), quiet);
  const want = torch.no_grad(() => torch.tidy(() => ref.forward(inputs).logits));
  // bfloat16 keeps ~3 significant digits: compare loosely against the float32 model.
  assert.ok(torch.tidy(() => logits.sub(want).abs().max().item()) < 0.05);
  for (const t of [logits, want]) t.dispose();
  disposeInputs(inputs);
  model.dispose();
  ref.dispose();
});
