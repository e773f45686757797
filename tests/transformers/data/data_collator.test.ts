// Data collators with the real bert-base-uncased tokenizer files: dynamic padding to the batch's
// longest row, label handling like HF (label → labels; int → int64, float → float32), token
// classification label padding with -100, and MLM masking rules (special tokens never masked,
// labels -100 elsewhere, reproducible under torch.manual_seed).
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import * as torch from "../../../src/torch/index.js";
import { AutoTokenizer } from "../../../src/transformers/models/auto/tokenization_auto.js";
import { DataCollatorWithPadding, DataCollatorForTokenClassification, DataCollatorForLanguageModeling, default_data_collator } from "../../../src/transformers/data/data_collator.js";

const TOK = path.resolve(import.meta.dirname, "../../../../shared/fixtures/tokenizers/bert-base-uncased");

async function rows(texts: string[], labels: number[]): Promise<Array<Record<string, unknown>>> {
  const tok = await AutoTokenizer.from_pretrained(TOK);
  return texts.map((t, i) => ({ ...(tok(t) as unknown as Record<string, unknown>), label: labels[i], text: t }));
}

test("DataCollatorWithPadding pads to the longest row of the batch and renames label → labels", async () => {
  const tokenizer = await AutoTokenizer.from_pretrained(TOK);
  const feats = await rows(["short", "a somewhat longer sentence here"], [0, 1]);
  const collate = DataCollatorWithPadding({ tokenizer });
  const b = collate(feats);
  const longest = Math.max(...feats.map((f) => (f.input_ids as number[]).length));
  assert.deepEqual(b.input_ids.shape, [2, longest]);
  assert.deepEqual(Object.keys(b).sort(), ["attention_mask", "input_ids", "labels", "token_type_ids"]);
  assert.equal(b.labels.dtype, torch.int64);
  assert.deepEqual(b.attention_mask.sum(1).tolist(), feats.map((f) => (f.input_ids as number[]).length));
  const withNew = new DataCollatorWithPadding({ tokenizer, padding: "max_length", max_length: 16 });
  const fixed = withNew(feats);
  assert.deepEqual(fixed.input_ids.shape, [2, 16]);
  const floats = collate(feats.map((f, i) => ({ ...f, label: [0.5, 1.5][i] })));
  assert.equal(floats.labels.dtype, torch.float32);
  for (const t of [...Object.values(b), ...Object.values(fixed), ...Object.values(floats)]) t.dispose();
});

test("default_data_collator stacks equal-length rows and skips strings", async () => {
  const b = default_data_collator([{ input_ids: [1, 2], label: 1, text: "x" }, { input_ids: [3, 4], label: 0, text: "y" }]);
  assert.deepEqual(b.input_ids.tolist(), [[1, 2], [3, 4]]);
  assert.deepEqual(b.labels.tolist(), [1, 0]);
  assert.ok(!("text" in b));
  for (const t of Object.values(b)) t.dispose();
});

test("DataCollatorForTokenClassification pads labels with -100", async () => {
  const tokenizer = await AutoTokenizer.from_pretrained(TOK);
  const feats = (await rows(["one", "one two three"], [0, 0])).map((f) => ({ input_ids: f.input_ids, attention_mask: f.attention_mask, labels: (f.input_ids as number[]).map(() => 1) }));
  const b = DataCollatorForTokenClassification({ tokenizer })(feats);
  const row0 = b.labels.tolist() as number[][];
  assert.deepEqual(row0[0].slice((feats[0].input_ids as number[]).length), Array(b.input_ids.size(1) - (feats[0].input_ids as number[]).length).fill(-100));
  for (const t of Object.values(b)) t.dispose();
});

test("DataCollatorForLanguageModeling masks ~mlm_probability of ordinary tokens, never special ones, reproducibly", async () => {
  const tokenizer = await AutoTokenizer.from_pretrained(TOK);
  const text = Array.from({ length: 60 }, (_, i) => `word${i % 7} thing`).join(" ");
  const feats = await rows([text, text], [0, 0]);
  const collate = DataCollatorForLanguageModeling({ tokenizer, mlm_probability: 0.3 });
  torch.manual_seed(0);
  const a = collate(feats);
  torch.manual_seed(0);
  const b = collate(feats);
  assert.ok(a.input_ids.equal(b.input_ids) && a.labels.equal(b.labels));
  const labels = a.labels.tolist() as number[][];
  const orig = feats[0].input_ids as number[];
  const masked = labels[0].filter((l) => l !== -100).length;
  assert.ok(masked > 0.15 * orig.length && masked < 0.45 * orig.length, `masked ${masked} of ${orig.length}`);
  assert.equal(labels[0][0], -100, "[CLS] is never masked");
  assert.equal(labels[0][orig.length - 1], -100, "[SEP] is never masked");
  labels[0].forEach((l, i) => { if (l !== -100) assert.equal(l, orig[i]); });
  const clm = DataCollatorForLanguageModeling({ tokenizer, mlm: false })(await rows(["hi", "hello there friend"], [0, 0]));
  assert.equal((clm.labels.tolist() as number[][])[0].at(-1), -100, "padding is ignored in causal LM labels");
  for (const t of [...Object.values(a), ...Object.values(b), ...Object.values(clm)]) t.dispose();
});
