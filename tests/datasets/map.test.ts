// Dataset.map / filter: batched and not, batch_size (null = one batch), async functions,
// tokenizer-like outputs (a BatchEncoding-shaped class, nested arrays → List columns with HF's
// int32/int8 optimization), remove_columns, row-count changes, features kept, progress bar,
// errors naming the batch/row/column.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ClassLabel, Dataset, DatasetDict, Features, Value, disable_progress_bars, enable_progress_bars } from "../../src/datasets/index.js";
import { ValueError } from "../../src/utils/errors.js";
import type { Batch, Row } from "../../src/datasets/index.js";
import "./_helpers.js"; // progress bars off

const ds = Dataset.from_dict({ text: ["a b", "c", "d e f", "g h"], label: [1, 0, 1, 0] });

/** Shaped like the tokenizer's BatchEncoding: own enumerable data keys, helpers on the prototype. */
class FakeEncoding {
  declare input_ids: number[][];
  declare attention_mask: number[][];
  #secret = 1;
  constructor(data: Record<string, unknown>) {
    Object.assign(this, data);
  }
  tokens(): number {
    return this.#secret;
  }
}
function fakeTokenizer(texts: string[], pad: boolean): FakeEncoding {
  const ids = texts.map((t) => [101, ...t.split(" ").map((w) => w.charCodeAt(0)), 102]);
  const max = Math.max(...ids.map((x) => x.length));
  const padded = pad ? ids.map((x) => [...x, ...Array(max - x.length).fill(0)]) : ids;
  return new FakeEncoding({ input_ids: padded, attention_mask: padded.map((x) => x.map((v) => (v === 0 ? 0 : 1))) });
}

test("batched map with a tokenizer-like output, batch_size null = whole set", async () => {
  const seen: number[] = [];
  const enc = await ds.map((b: Batch) => {
    seen.push(b.text.length);
    return fakeTokenizer(b.text as string[], true);
  }, { batched: true, batch_size: null });
  assert.deepEqual(seen, [4]);
  assert.deepEqual(enc.column_names, ["text", "label", "input_ids", "attention_mask"]);
  // HF's OptimizedTypedSequence: input_ids int32, attention_mask int8.
  assert.equal(String(enc.features), "{'text': Value('string'), 'label': Value('int64'), 'input_ids': List(Value('int32')), 'attention_mask': List(Value('int8'))}");
  assert.deepEqual(enc.at(1).input_ids, [101, 99, 102, 0, 0]);
  assert.deepEqual(enc.at(1).attention_mask, [1, 1, 1, 0, 0]);
  assert.deepEqual(ds.column_names, ["text", "label"]); // the input is untouched
  assert.equal(enc._state.columns.get("text"), ds._state.columns.get("text")); // shared storage
});

test("batch_size splits the calls; async functions are awaited in order", async () => {
  const sizes: number[] = [];
  const out = await ds.map(async (b: Batch) => {
    sizes.push(b.text.length);
    await new Promise((r) => setTimeout(r, 1));
    return { len: (b.text as string[]).map((t) => t.length) };
  }, { batched: true, batch_size: 3 });
  assert.deepEqual(sizes, [3, 1]);
  assert.deepEqual(out.column("len"), [3, 1, 5, 3]);
});

test("row-wise map, with_indices, input_columns, fn_kwargs, remove_columns", async () => {
  const a = await ds.map((r: Row, i: number) => ({ idx: i, upper: (r.text as string).toUpperCase() }), { with_indices: true, remove_columns: "text" });
  assert.deepEqual(a.at(2), { label: 1, idx: 2, upper: "D E F" });
  const b = await ds.map((text: string, label: number, kw: { k: number }) => ({ x: text.length * label * kw.k }), { input_columns: ["text", "label"], fn_kwargs: { k: 10 } });
  assert.deepEqual(b.column("x"), [30, 0, 50, 0]);
  const c = await ds.map((r: Row) => ({ text: `${r.text}!` }));
  assert.deepEqual(c.column("text"), ["a b!", "c!", "d e f!", "g h!"]);
  const none = await ds.map(() => undefined);
  assert.deepEqual(none.to_list(), ds.to_list());
});

test("a batched map may change the row count once the input columns are removed", async () => {
  const words = await ds.map((b: Batch) => ({ word: (b.text as string[]).flatMap((t) => t.split(" ")) }), { batched: true, remove_columns: ["text", "label"] });
  assert.deepEqual(words.column("word"), ["a", "b", "c", "d", "e", "f", "g", "h"]);
  await assert.rejects(
    ds.map((b: Batch) => ({ word: (b.text as string[]).flatMap((t) => t.split(" ")) }), { batched: true }),
    /batch 0 has 4 input rows but the function returned 8; to change the number of rows, remove the input columns \(\[text, label\]\)/,
  );
});

test("map keeps a ClassLabel feature when the new values still fit it (as HF)", async () => {
  const f = ds.cast_column("label", new ClassLabel({ names: ["neg", "pos"] }));
  const same = await f.map((b: Batch) => ({ label: b.label }), { batched: true });
  assert.ok(same.features.label instanceof ClassLabel);
  const cast = await ds.map((r: Row) => ({ y: (r.label as number) * 2 }), { features: new Features({ text: new Value("string"), label: new Value("int64"), y: new Value("float32") }) });
  assert.equal(String(cast.features.y), "Value('float32')");
});

test("map errors name the batch, row and column", async () => {
  await assert.rejects(ds.map(() => 5 as never), /must return an object of columns/);
  await assert.rejects(ds.map((b: Batch) => ({ x: b.text.slice(1) }), { batched: true, batch_size: 2 }), /batch 0 has 2 input rows but the function returned 1/);
  await assert.rejects(ds.map((r: Row) => ({ x: r.label === 0 ? "s" : 1 })), /output row 1, column "x": got a string \("s"\) but the rows before hold numbers/);
  await assert.rejects(ds.map((_r: Row, i: number) => (i === 2 ? { y: 1 } : { x: 1 }), { with_indices: true }), /returned columns \[y\] for row 2 but \[x\] before/);
  await assert.rejects(ds.map(() => ({}), { batchsize: 2 } as never), /unknown option "batchsize" \(did you mean "batch_size"\?\)/);
  await assert.rejects(ds.map(() => ({}), { remove_columns: ["nope"] }), /column "nope" not in the dataset/);
});

test("filter: rows, batches, indices; the result shares the columns", async () => {
  const pos = await ds.filter((r: Row) => r.label === 1);
  assert.deepEqual(pos.column("text"), ["a b", "d e f"]);
  assert.equal(pos._state.columns.get("text"), ds._state.columns.get("text"));
  const b = await ds.filter((batch: Batch) => (batch.text as string[]).map((t) => t.length > 1), { batched: true, batch_size: 3 });
  assert.deepEqual(b.column("text"), ["a b", "d e f", "g h"]);
  const odd = await ds.shuffle({ seed: 1 }).filter((_r: Row, i: number) => i % 2 === 1, { with_indices: true });
  assert.equal(odd.num_rows, 2);
  const asyncF = await ds.filter(async (r: Row) => r.text === "c");
  assert.deepEqual(asyncF.column("label"), [0]);
});

test("map over a selection and DatasetDict.map over every split", async () => {
  const sel = await ds.select([3, 0]).map((r: Row) => ({ n: (r.text as string).length }));
  assert.deepEqual(sel.to_list(), [{ text: "g h", label: 0, n: 3 }, { text: "a b", label: 1, n: 3 }]);
  const dd = new DatasetDict({ train: ds, test: ds.select([0]) });
  const enc = await dd.map((b: Batch) => fakeTokenizer(b.text as string[], false), { batched: true });
  assert.deepEqual(enc.num_rows, { train: 4, test: 1 });
  assert.deepEqual(enc.test.at(0).input_ids, [101, 97, 98, 102]);
});

test("map shows a progress bar (desc) unless disabled", async () => {
  enable_progress_bars();
  const writes: string[] = [];
  const orig = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => {
    writes.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    await ds.map((r: Row) => r, { desc: "Tokenizing" });
  } finally {
    process.stderr.write = orig;
    disable_progress_bars();
  }
  assert.ok(writes.some((w) => /Tokenizing: 100% 4\/4/.test(w)), writes.join(""));
});

test("a map over rows with empty batches and an empty dataset", async () => {
  const empty = ds.select([]);
  const m = await empty.map((r: Row) => ({ x: r }), { batched: true });
  assert.equal(m.num_rows, 0);
  assert.deepEqual(m.column_names, ["text", "label"]);
  await assert.rejects(Dataset.from_dict({ x: [1] }).map(() => ({}), { batch_size: 1.5, batched: true }), ValueError);
});
