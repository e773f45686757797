// GPT-2 against ../shared/fixtures/models/gpt2-tiny-lm. The numbers come from gen/make_goldens.py:
// a faithful PyTorch copy of HF transformers v5.17's modeling_gpt2.py (gen/hf_models.py), run with
// Debian's torch 1.13 in float32 and checked against HF's real classes (gen/verify_hf.py).
// Tolerance: expected.json `tolerance_per_tensor` (max|a−b| per tensor) for logits, loss, every
// hidden state, every gradient, eval logits and the 3-step AdamW trace (see _model_goldens.ts).
// For GPT-2 hidden_states[-1] is ln_f of the last block's output, which is also last_hidden_state,
// so the shared checker's `last_hidden_state = hidden_states[-1]` holds as written.
// The other checks have no golden file: seeded init and checkpoint loading are bitwise; the
// sequence-classification head and Conv1D are compared with a hand computation of the same math
// (float32, bound 1e-6 — the same values through differently blocked matmuls).
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import * as torch from "../../../../src/torch/index.js";
import type { Tensor } from "../../../../src/torch/index.js";
import { load_file, save_file } from "../../../../src/safetensors/index.js";
import {
  GPT2ForSequenceClassification, GPT2LMHeadModel, GPT2Model, causal_additive_mask,
} from "../../../../src/transformers/models/gpt2/modeling_gpt2.js";
import { GPT2Config } from "../../../../src/transformers/models/gpt2/configuration_gpt2.js";
import { Conv1D } from "../../../../src/transformers/pytorch_utils.js";
import { FLOAT32_MIN } from "../../../../src/transformers/modeling_attention.js";
import { ValueError } from "../../../../src/utils/errors.js";
import { checkCase, checkTensor, FIXTURES, makeInputs, disposeInputs, readCase } from "../_model_goldens.js";

const quiet = { verbose: false };
const CASE = "gpt2-tiny-lm";
const DIR = path.join(FIXTURES, CASE);
const hasSdpa = torch.hasOp("aten::scaled_dot_product_attention");

function captureWarnings<T>(fn: () => Promise<T>): Promise<[T, string[]]> {
  const warnings: string[] = [];
  const orig = console.warn;
  console.warn = (m: string) => warnings.push(m);
  return fn().then((r) => [r, warnings] as [T, string[]]).finally(() => (console.warn = orig));
}

test("golden gpt2-tiny-lm (eager): logits, loss, every hidden state, every grad (tied lm_head on wte), eval, AdamW trace with clipping", async () => {
  const model = await GPT2LMHeadModel.from_pretrained(DIR, { ...quiet, _attn_implementation: "eager" });
  assert.equal(model.lm_head.weight, model.transformer.wte.weight, "lm_head.weight is wte.weight");
  assert.ok(!model.named_parameters().some(([n]) => n === "lm_head.weight"), "the tied target is listed once, under its source");
  await checkCase(model, CASE, {
    extra: (m, inputs) => {
      const out = torch.no_grad(() => torch.tidy(() => (m as GPT2LMHeadModel).transformer.forward({ ...inputs, output_hidden_states: true })));
      assert.equal(out.hidden_states!.length, 3, "n_layer + 1 hidden states");
      assert.equal(out.hidden_states![2], out.last_hidden_state, "the last entry is ln_f's output, as HF");
      out.last_hidden_state.dispose();
      for (const h of out.hidden_states!) h.dispose();
    },
  });
  model.dispose();
});

test(`golden gpt2-tiny-lm through the sdpa path (${hasSdpa ? "libtorch's fused kernel" : "libtorch < 2.0: F.scaled_dot_product_attention's reference fallback"})`, async () => {
  const model = await GPT2LMHeadModel.from_pretrained(DIR, { ...quiet, _attn_implementation: "sdpa" });
  await checkCase(model, CASE);
  model.dispose();
});

test("eager (the oracle) and sdpa agree: padded batch (explicit mask) and unpadded rows (is_causal), logits and grads", async () => {
  const { inputs: raw } = readCase(CASE);
  const eager = await GPT2LMHeadModel.from_pretrained(DIR, { ...quiet, _attn_implementation: "eager" });
  const sdpa = await GPT2LMHeadModel.from_pretrained(DIR, { ...quiet, _attn_implementation: "sdpa" });
  const full = makeInputs(raw, false);
  const rows = torch.tensor([0, 2], { dtype: torch.int64 });
  const unpadded = { input_ids: full.input_ids!.index(rows), labels: full.labels!.index(rows) }; // no attention_mask: is_causal
  const onesMask = { ...unpadded, attention_mask: torch.ones_like(unpadded.input_ids) }; // all ones: mask dropped for is_causal
  for (const inputs of [full, unpadded, onesMask]) {
    const a = eager.forward(inputs);
    const b = sdpa.forward(inputs);
    checkTensor(b.logits, { logits: a.logits }, "logits", 1e-5);
    a.loss!.backward();
    b.loss!.backward();
    const pb = new Map(sdpa.named_parameters());
    for (const [n, p] of eager.named_parameters()) {
      const ref = p.grad!;
      const tol = 1e-5 * Math.max(1e-6, torch.tidy(() => ref.abs().max().item()));
      checkTensor(pb.get(n)!.grad!, { [n]: ref }, n, tol);
    }
    eager.zero_grad();
    sdpa.zero_grad();
    for (const t of [a.logits, a.loss!, b.logits, b.loss!]) t.dispose();
  }
  disposeInputs(full);
  disposeInputs(onesMask);
  unpadded.input_ids.dispose();
  unpadded.labels.dispose();
  rows.dispose();
  eager.dispose();
  sdpa.dispose();
});

test("causal+padding mask is HF v5's create_causal_mask (one finfo.min), and output_attentions shows it", async () => {
  const am = torch.tensor([[1, 1, 1], [1, 1, 0]], { dtype: torch.int64 });
  const m = causal_additive_mask(am, 3, torch.float32, "cpu");
  const M = FLOAT32_MIN;
  assert.deepEqual(m.tolist(), [
    [[[0, M, M], [0, 0, M], [0, 0, 0]]],
    [[[0, M, M], [0, 0, M], [0, 0, M]]],
  ]);
  const noPad = causal_additive_mask(null, 2, torch.float32, "cpu");
  assert.deepEqual(noPad.tolist(), [[[[0, M], [0, 0]]]]);
  const withPast = causal_additive_mask(null, 2, torch.float32, "cpu", 1); // the shape a KV cache will need
  assert.deepEqual(withPast.tolist(), [[[[0, 0, M], [0, 0, 0]]]]);
  for (const t of [am, m, noPad, withPast]) t.dispose();

  const model = await GPT2LMHeadModel.from_pretrained(DIR, quiet);
  const { inputs: raw } = readCase(CASE);
  const inputs = makeInputs(raw, false);
  const out = torch.no_grad(() => model.transformer.forward({ ...inputs, output_attentions: true }));
  assert.equal(out.attentions!.length, 2);
  const probs = out.attentions![0]; // (B, nh, T, T)
  assert.deepEqual(probs.shape, [4, 4, 9, 9]);
  const maxFuture = torch.tidy(() => probs.triu(1).abs().max().item());
  assert.equal(maxFuture, 0, "no weight on future keys");
  const onPads = torch.tidy(() => probs.index(3, ":", ":", "4:").abs().max().item()); // row 3 pads from 4
  assert.equal(onPads, 0, "no weight on padding keys");
  const rowSums = torch.tidy(() => probs.sum(-1).sub(1).abs().max().item());
  assert.ok(rowSums < 1e-6);
  out.last_hidden_state.dispose();
  for (const a of out.attentions!) a.dispose();
  disposeInputs(inputs);
  model.dispose();
});

test("seeded init: manual_seed(0) + GPT2LMHeadModel.from_config equals model.safetensors bit for bit (incl. c_proj re-init)", async () => {
  const config = await GPT2Config.from_pretrained(DIR);
  torch.manual_seed(0);
  const model = GPT2LMHeadModel.from_config(config);
  const weights = await load_file(path.join(DIR, "model.safetensors"));
  const sd = model.state_dict_for_save();
  assert.deepEqual([...sd.keys()].sort(), Object.keys(weights).sort());
  for (const [k, v] of Object.entries(weights)) assert.ok(sd.get(k)!.equal(v), `${k} differs`);
  assert.equal(model.lm_head.weight, model.transformer.wte.weight);
  for (const t of Object.values(weights)) t.dispose();
  model.dispose();
});

test("an old GPT2Model checkpoint (no `transformer.` prefix, h.N.attn.bias / masked_bias) loads without warnings", async () => {
  const weights = await load_file(path.join(DIR, "model.safetensors"));
  const old = new Map<string, Tensor>();
  for (const [k, v] of Object.entries(weights)) old.set(k.replace(/^transformer\./, ""), v);
  const extra: Tensor[] = [];
  for (const i of [0, 1]) {
    // As the original `gpt2` checkpoints: a (1, 1, n_positions, n_positions) causal buffer and -1e4.
    const bias = torch.tidy(() => torch.ones([64, 64]).tril().view(1, 1, 64, 64));
    const masked = torch.tensor(-1e4);
    old.set(`h.${i}.attn.bias`, bias);
    old.set(`h.${i}.attn.masked_bias`, masked);
    extra.push(bias, masked);
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), "fts-gpt2-old-"));
  copyFileSync(path.join(DIR, "config.json"), path.join(tmp, "config.json"));
  await save_file(old, path.join(tmp, "model.safetensors"), { format: "pt" });

  const [lm, warnings] = await captureWarnings(() => GPT2LMHeadModel.from_pretrained(tmp));
  assert.deepEqual(warnings, [], "no unused or newly initialised weights reported");
  for (const [k, v] of Object.entries(weights)) assert.ok(lm.state_dict().get(k)!.equal(v), k);
  assert.equal(lm.lm_head.weight, lm.transformer.wte.weight);
  const base = await GPT2Model.from_pretrained(tmp, quiet);
  const info = base.load_pretrained_state_dict(old);
  assert.deepEqual(info.unexpected_keys, []);
  assert.deepEqual(info.missing_keys, []);
  for (const m of [lm, base]) m.dispose();
  for (const t of [...Object.values(weights), ...extra]) t.dispose();
});

test("save_pretrained round trip: no lm_head.weight on disk, HF's config keys, reloads tied", async () => {
  const model = await GPT2LMHeadModel.from_pretrained(DIR, quiet);
  const out = mkdtempSync(path.join(os.tmpdir(), "fts-gpt2-save-"));
  await model.save_pretrained(out);
  const cfg = JSON.parse(readFileSync(path.join(out, "config.json"), "utf8")) as Record<string, unknown>;
  const fixtureCfg = JSON.parse(readFileSync(path.join(DIR, "config.json"), "utf8")) as Record<string, unknown>;
  assert.deepEqual(cfg.architectures, ["GPT2LMHeadModel"]);
  for (const [k, v] of Object.entries(fixtureCfg)) assert.deepEqual(cfg[k], v, `config.json ${k}`);
  for (const alias of ["hidden_size", "num_attention_heads", "num_hidden_layers", "max_position_embeddings"]) assert.ok(!(alias in cfg), `${alias} is an alias, not a key`);
  const saved = await load_file(path.join(out, "model.safetensors"));
  const orig = await load_file(path.join(DIR, "model.safetensors"));
  assert.ok(!("lm_head.weight" in saved));
  assert.deepEqual(Object.keys(saved).sort(), Object.keys(orig).sort());
  for (const [k, v] of Object.entries(orig)) assert.ok(v.equal(saved[k]), k);
  const [again, warnings] = await captureWarnings(() => GPT2LMHeadModel.from_pretrained(out));
  assert.deepEqual(warnings, []);
  assert.equal(again.lm_head.weight, again.transformer.wte.weight);
  for (const t of [...Object.values(saved), ...Object.values(orig)]) t.dispose();
  model.dispose();
  again.dispose();
});

test("GPT2Config: HF defaults and attribute_map aliases (hidden_size ↔ n_embd, …)", () => {
  const d = new GPT2Config();
  assert.equal(d.n_embd, 768);
  assert.equal(d.vocab_size, 50257);
  assert.equal(d.activation_function, "gelu_new");
  assert.equal(d.bos_token_id, 50256);
  assert.equal(d.pad_token_id, null);
  const c = new GPT2Config({ hidden_size: 64, num_attention_heads: 2, num_hidden_layers: 3, max_position_embeddings: 16 });
  assert.deepEqual([c.n_embd, c.n_head, c.n_layer, c.n_positions], [64, 2, 3, 16]);
  c.hidden_size = 48;
  assert.equal(c.n_embd, 48);
  c.update({ num_hidden_layers: 5 });
  assert.equal(c.n_layer, 5);
  const dict = c.to_dict();
  assert.equal(dict.n_embd, 48);
  assert.ok(!("hidden_size" in dict));
  assert.equal(dict.model_type, "gpt2");
});

test("GPT2ForSequenceClassification: logits at each row's last non-pad token, equal to a hand computation", async () => {
  const [model, warnings] = await captureWarnings(() => GPT2ForSequenceClassification.from_pretrained(DIR, { num_labels: 3, pad_token_id: 210 }));
  assert.ok(warnings.some((w) => /newly initialized: \['score.weight'\]/.test(w)), warnings.join("\n"));
  assert.equal(model.score.bias, null);
  const { inputs: raw } = readCase(CASE);
  const inputs = makeInputs(raw, false);
  const labels = torch.tensor([0, 2, 1, 1], { dtype: torch.int64 });
  model.train();
  const out = model.forward({ input_ids: inputs.input_ids, attention_mask: inputs.attention_mask, labels });
  assert.deepEqual(out.logits.shape, [4, 3]);
  assert.equal(model.config.problem_type, "single_label_classification", "inferred and written back, as HF");
  // Rightmost token != pad id. Row 1's real eos (id 210 at position 6, attention_mask 1) counts as
  // padding because pad = eos, exactly as HF's argmax over (position · non_pad) does.
  const last = [8, 5, 8, 3];
  const [manual, manualLoss] = torch.no_grad(() => torch.tidy(() => {
    const h = model.transformer.forward({ input_ids: inputs.input_ids, attention_mask: inputs.attention_mask }).last_hidden_state; // (B, T, C)
    const rows = torch.stack(last.map((t, b) => h.index(b, t))); // (B, C)
    const logits = rows.matmul(model.score.weight.t()); // (B, 3)
    return [logits, torch.nn.functional.cross_entropy(logits, labels)];
  }));
  checkTensor(out.logits, { manual }, "manual", 1e-6);
  checkTensor(out.loss!, { manualLoss }, "manualLoss", 1e-6);
  out.loss!.backward();
  assert.ok(model.score.weight.grad && model.transformer.wte.weight.grad);
  for (const t of [out.logits, out.loss!, manual, manualLoss, labels]) t.dispose();
  model.zero_grad();

  // Left padding picks the same rightmost real token.
  const left = torch.tensor([[210, 210, 5, 6], [7, 8, 9, 210]], { dtype: torch.int64 });
  const leftOut = torch.no_grad(() => torch.tidy(() => {
    const full = model.forward({ input_ids: left }).logits;
    const h = model.transformer.forward({ input_ids: left }).last_hidden_state;
    return [full, torch.stack([h.index(0, 3), h.index(1, 2)]).matmul(model.score.weight.t())];
  }));
  checkTensor(leftOut[0], { ref: leftOut[1] }, "ref", 1e-6);
  for (const t of [...leftOut, left]) t.dispose();

  model.config.pad_token_id = null;
  assert.throws(() => model.forward({ input_ids: inputs.input_ids }), ValueError);
  // Without a pad id a single row is read at its last position (HF: last_non_pad_token = -1).
  const one = torch.tensor([[5, 6, 7]], { dtype: torch.int64 });
  const oneOut = torch.no_grad(() => torch.tidy(() => [
    model.forward({ input_ids: one }).logits,
    model.transformer.forward({ input_ids: one }).last_hidden_state.index(":", -1).matmul(model.score.weight.t()),
  ]));
  checkTensor(oneOut[0], { ref: oneOut[1] }, "ref", 1e-6);
  for (const t of [...oneOut, one]) t.dispose();
  disposeInputs(inputs);
  model.dispose();
});

test("Conv1D (weight (in, out), addmm) equals nn.Linear holding the transposed weight: outputs and gradients", () => {
  torch.manual_seed(1);
  const conv = new Conv1D(37, 32);
  assert.deepEqual(conv.weight.shape, [32, 37], "stored (nx, nf)");
  torch.no_grad(() => conv.bias.normal_(0, 0.1));
  const lin = new torch.nn.Linear(32, 37);
  torch.no_grad(() => {
    const wt = conv.weight.t();
    lin.weight.copy_(wt);
    lin.bias!.copy_(conv.bias);
    wt.dispose();
  });
  const x = torch.randn(4, 9, 32).requires_grad_(true);
  const x2 = x.detach().requires_grad_(true);
  const r = torch.randn(4, 9, 37);
  const yc = conv.forward(x);
  const yl = lin.forward(x2);
  checkTensor(yc, { yl }, "yl", 1e-6);
  const lc = torch.tidy(() => yc.mul(r).sum());
  const ll = torch.tidy(() => yl.mul(r).sum());
  lc.backward();
  ll.backward();
  const wtGrad = lin.weight.grad!.t();
  checkTensor(conv.weight.grad!, { wtGrad }, "wtGrad", 1e-5);
  checkTensor(conv.bias.grad!, { b: lin.bias!.grad! }, "b", 1e-5);
  checkTensor(x.grad!, { x: x2.grad! }, "x", 1e-6);
  for (const t of [x, x2, r, yc, yl, lc, ll, wtGrad]) t.dispose();
  conv.dispose();
  lin.dispose();
});
