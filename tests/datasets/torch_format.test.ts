// with_format("torch"): rows and batches come out as tensors with HF's TorchFormatter dtypes
// (integers → int64, floats → float32, bool → bool), lists stack to (B, L) when lengths agree and
// stay an array of tensors when ragged; strings stay strings; `columns` limits the output unless
// output_all_columns. torch is imported lazily, so with_format("torch") is async.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/torch/index.js";
import { ClassLabel, Dataset, DatasetDict, Features, List, Value } from "../../src/datasets/index.js";
import type { Tensor } from "../../src/torch/index.js";
import "./_helpers.js"; // progress bars off

const ds = Dataset.from_dict(
  { text: ["a", "b", "c"], label: [1, 0, 1], score: [0.5, 1.5, 2.5], ok: [true, false, true], ids: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], ragged: [[1], [2, 3], []] },
  { features: new Features({ text: new Value("string"), label: new ClassLabel({ names: ["n", "p"] }), score: new Value("float64"), ok: new Value("bool"), ids: new List(new Value("int32")), ragged: new List(new Value("int64")) }) },
);

test("rows: 0-d and 1-d tensors with HF's dtypes; strings stay strings", async () => {
  const t = await ds.with_format("torch");
  assert.deepEqual(t.format, { type: "torch", format_kwargs: {}, columns: ds.column_names, output_all_columns: false });
  const before = torch.memory().live_tensors;
  const row = t.at(1);
  assert.equal(row.text, "b");
  const label = row.label as Tensor;
  assert.deepEqual(label.shape, []);
  assert.equal(label.dtype, torch.int64);
  assert.equal(label.item(), 0);
  assert.equal((row.score as Tensor).dtype, torch.float32);
  assert.equal((row.ok as Tensor).dtype, torch.bool);
  assert.deepEqual((row.ids as Tensor).tolist(), [4, 5, 6]);
  assert.equal((row.ids as Tensor).dtype, torch.int64);
  for (const v of Object.values(row)) if (v instanceof torch.Tensor) v.dispose();
  assert.equal(torch.memory().live_tensors, before, "the row's tensors are the caller's; nothing else is left alive");
});

test("batches and columns: stacked (B, L) tensors, ragged lists as arrays of tensors", async () => {
  const t = await ds.with_format("torch");
  const b = t.slice(0, 2);
  assert.deepEqual((b.ids as Tensor).shape, [2, 3]);
  assert.deepEqual((b.label as Tensor).tolist(), [1, 0]);
  assert.deepEqual(b.text, ["a", "b"]);
  const ragged = b.ragged as Tensor[];
  assert.equal(ragged.length, 2);
  assert.deepEqual(ragged.map((x) => x.tolist()), [[1], [2, 3]]);
  const col = t.column("score") as Tensor;
  assert.equal(col.dtype, torch.float32);
  assert.deepEqual(col.tolist(), [0.5, 1.5, 2.5]);
  const batches = [...t.select([2, 0]).iter({ batch_size: 2 })];
  assert.deepEqual((batches[0].ids as Tensor).tolist(), [[7, 8, 9], [1, 2, 3]]);
  torch.tidy(() => [(b.ids as Tensor).sum()]);
});

test("columns / output_all_columns; reset_format; DatasetDict.with_format", async () => {
  const t = await ds.with_format("torch", { columns: ["label", "ids"] });
  assert.deepEqual(Object.keys(t.at(0)), ["label", "ids"]);
  const all = await ds.with_format("torch", { columns: ["label"], output_all_columns: true });
  const row = all.at(0);
  assert.ok(row.label instanceof torch.Tensor);
  assert.deepEqual(row.ids, [1, 2, 3]); // not in `columns`: python format
  assert.deepEqual(t.reset_format().at(0).ids, [1, 2, 3]);
  const dd = await new DatasetDict({ train: ds }).set_format("torch", { columns: ["label"] });
  assert.ok(dd.train.at(0).label instanceof torch.Tensor);
  await assert.rejects(ds.with_format("torch", { columns: ["nope"] }) as Promise<unknown>, /column "nope" not in the dataset/);
  assert.throws(() => ds.with_format("numpy" as never), /format type "numpy" is not supported/);
  // format survives select / rename / map
  const mapped = await t.rename_column("label", "labels").map((r) => ({ n: (r.ids as number[]).length }));
  assert.deepEqual(mapped.format.columns, ["labels", "ids"]);
});

test("a torch-format Dataset is a { length, getItem } source for a DataLoader-style loop", async () => {
  const t = await ds.with_format("torch", { columns: ["ids", "label"] });
  const items = Array.from({ length: t.length }, (_, i) => t.getItem(i));
  const stacked = torch.stack(items.map((x) => x.ids as Tensor));
  assert.deepEqual(stacked.shape, [3, 3]);
  const nulls = Dataset.from_dict({ x: [1, null] });
  const tn = await nulls.with_format("torch");
  assert.throws(() => tn.column("x"), /column "x" has a null at row 1/);
});
