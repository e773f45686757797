// The seed-000 flow with a real tokenizer (bert-base-uncased from ../shared/fixtures/tokenizers):
// load a CSV, map the tokenizer batched over the whole set (batch_size null), get HF's column
// types, and the same ids as calling the tokenizer directly; then torch-format batches.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { load_dataset, type DatasetDict } from "../../src/datasets/index.js";
import { AutoTokenizer } from "../../src/transformers/models/auto/tokenization_auto.js";
import * as torch from "../../src/torch/index.js";
import { tmpdir } from "./_helpers.js";

const TOK = path.resolve(import.meta.dirname, "../../../shared/fixtures/tokenizers/bert-base-uncased");

test("ds.map(tokenizer, { batched: true, batch_size: null }) as in the seeds", async () => {
  const dir = tmpdir();
  writeFileSync(path.join(dir, "train.csv"), 'text,label\n"A gripping, well-acted film.",1\nDull and far too long.,0\n"Funny, warm; a delight!",1\n');
  writeFileSync(path.join(dir, "val.csv"), "text,label\nNot my cup of tea.,0\n");
  const ds = await load_dataset("csv", { data_files: { train: path.join(dir, "train.csv"), validation: path.join(dir, "val.csv") } });
  const tokenizer = await AutoTokenizer.from_pretrained(TOK);
  const ds_encoded: DatasetDict = await ds.map((batch: { text: string[] }) => tokenizer(batch.text, { padding: true, truncation: true }), { batched: true, batch_size: null });
  assert.deepEqual(ds_encoded.column_names.train, ["text", "label", "input_ids", "token_type_ids", "attention_mask"]);
  assert.equal(String(ds_encoded.train.features.input_ids), "List(Value('int32'))");
  assert.equal(String(ds_encoded.train.features.attention_mask), "List(Value('int8'))");
  const direct = tokenizer(ds.train.column("text") as string[], { padding: true, truncation: true });
  assert.deepEqual(ds_encoded.train.column("input_ids"), direct.input_ids);
  assert.deepEqual(ds_encoded.train.column("attention_mask"), direct.attention_mask);
  assert.deepEqual(ds.train.unique("label").length, 2);
  const t = await ds_encoded.train.with_format("torch", { columns: ["input_ids", "attention_mask", "label"] });
  const batch = t.slice(0, 2);
  const ids = batch.input_ids as torch.Tensor;
  assert.equal(ids.dtype, torch.int64);
  assert.deepEqual(ids.shape, [2, direct.input_ids[0].length]);
  assert.deepEqual((batch.label as torch.Tensor).tolist(), [1, 0]);
});
