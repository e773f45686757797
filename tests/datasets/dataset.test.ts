// Dataset basics: construction, access (at/get/[i]/column/slice/iter), row selection (select,
// shuffle, sort, filter-free ops), column ops, immutability and shared storage.
// HF goldens (scripts/make_datasets_fixtures.py, datasets 5.0.1): shuffle(seed) orders, sort with
// reverse/null_placement, unique order, class_encode_column names and ids. Exact equality.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { ClassLabel, Dataset, Features, IndexError, Value, concatenate_datasets } from "../../src/datasets/index.js";
import { KeyError, ValueError } from "../../src/utils/errors.js";
import { G } from "./_helpers.js";

const ds = Dataset.from_dict({ text: ["good", "bad", "ok", "meh"], label: [1, 0, 1, 0] });

test("from_dict: num_rows, column_names, inferred features, repr like HF", () => {
  assert.equal(ds.num_rows, 4);
  assert.equal(ds.length, 4);
  assert.deepEqual(ds.column_names, ["text", "label"]);
  assert.deepEqual(ds.shape, [4, 2]);
  assert.equal(String(ds.features), "{'text': Value('string'), 'label': Value('int64')}");
  assert.equal(String(ds), "Dataset({\n    features: ['text', 'label'],\n    num_rows: 4\n})");
  assert.equal(inspect(ds), String(ds));
  const typed = Dataset.from_dict({ x: new Float32Array([1.5, 2]), y: [0.5, 1] });
  assert.equal(String(typed.features), "{'x': Value('float32'), 'y': Value('float64')}");
  assert.throws(() => Dataset.from_dict({ a: [1, 2], b: [1] }), /different lengths/);
  assert.throws(() => Dataset.from_dict({ a: [1, "x"] }), /from_dict row 1, column "a": got a string/);
});

test("from_list and features given up front (strings cast to ClassLabel)", () => {
  const features = new Features({ text: new Value("string"), label: new ClassLabel({ names: ["neg", "pos"] }) });
  const d = Dataset.from_list([{ text: "a", label: "pos" }, { text: "b", label: "neg" }, { text: "c" }], { features });
  assert.deepEqual(d.column("label"), [1, 0, null]);
  assert.ok(d.features.label instanceof ClassLabel);
  assert.throws(() => Dataset.from_list([{ text: "a", label: "meh" }], { features }), /row 0, column "label": invalid label "meh"/);
  assert.throws(() => Dataset.from_dict({ x: [1] }, { feautres: features } as never), /unknown option "feautres" \(did you mean "features"\?\)/);
});

test("row access: at/get/getItem/[i], negative indices, IndexError", () => {
  assert.deepEqual(ds.at(0), { text: "good", label: 1 });
  assert.deepEqual(ds.get(-1), { text: "meh", label: 0 });
  assert.deepEqual(ds[2], { text: "ok", label: 1 });
  assert.deepEqual(ds.getItem(1), { text: "bad", label: 0 });
  assert.throws(() => ds.at(4), IndexError);
  assert.throws(() => ds.at(-5), /Index -5 out of range for dataset of size 4/);
  assert.deepEqual([...ds].map((r) => r.text), ["good", "bad", "ok", "meh"]);
});

test("column access: column(name), ds[name] at runtime, KeyError with a hint", () => {
  assert.deepEqual(ds.column("text"), ["good", "bad", "ok", "meh"]);
  assert.deepEqual((ds as unknown as Record<string, unknown>)["label"], [1, 0, 1, 0]);
  assert.throws(() => ds.column("lable"), (e: Error) => e instanceof KeyError && /did you mean "label"/.test(e.message));
});

test("slice and iter batches (drop_last_batch)", () => {
  assert.deepEqual(ds.slice(1, 3), { text: ["bad", "ok"], label: [0, 1] });
  assert.deepEqual(ds.slice(-2), { text: ["ok", "meh"], label: [1, 0] });
  const batches = [...ds.iter({ batch_size: 3 })];
  assert.deepEqual(batches.map((b) => b.label), [[1, 0, 1], [0]]);
  assert.equal([...ds.iter({ batch_size: 3, drop_last_batch: true })].length, 1);
  assert.throws(() => [...ds.iter({ batch_size: 0 })], ValueError);
});

test("select composes indices and shares the column storage", () => {
  const s = ds.select([3, 1]).select([1]);
  assert.deepEqual(s.to_list(), [{ text: "bad", label: 0 }]);
  assert.equal(s._state.columns.get("text"), ds._state.columns.get("text"));
  assert.throws(() => ds.select([9]), IndexError);
  const flat = ds.select([3, 1]).flatten_indices();
  assert.equal(flat._state.indices, null);
  assert.deepEqual(flat.column("text"), ["meh", "bad"]);
});

test("take / skip", () => {
  assert.deepEqual(ds.take(2).column("text"), ["good", "bad"]);
  assert.deepEqual(ds.skip(3).column("text"), ["meh"]);
  assert.equal(ds.take(99).num_rows, 4);
  assert.deepEqual(ds.select([3, 2, 1]).skip(1).take(1).column("text"), ["ok"]);
});

test("shuffle({seed}) gives HF's order (numpy default_rng permutation)", () => {
  const big = Dataset.from_dict({ i: Array.from({ length: 100 }, (_, i) => i) });
  for (const seed of ["0", "42", "1234"]) assert.deepEqual(big.shuffle({ seed: Number(seed) }).column("i"), G.shuffle[seed]);
  assert.notDeepEqual(big.shuffle().column("i"), big.shuffle().column("i"));
});

test("sort: stable, reverse, null_placement, several columns (HF goldens)", () => {
  const s = Dataset.from_dict({ k: [3, 1, 2, 1, null], s: ["c", "a", "b", "a", "d"] });
  assert.deepEqual(s.sort("k").column("s"), G.sort.k);
  assert.deepEqual(s.sort("k", { reverse: true }).column("s"), G.sort.k_rev);
  assert.deepEqual(s.sort("k", { null_placement: "at_start" }).column("s"), G.sort.k_nulls_first);
  assert.deepEqual(s.sort(["s", "k"], { reverse: [true, false] }).column("k"), G.sort.s_k);
  assert.deepEqual(s.unique("s"), G.unique);
});

test("rename_column(s), remove_columns, select_columns, add_column", () => {
  const r = ds.rename_column("label", "labels");
  assert.deepEqual(r.column_names, ["text", "labels"]);
  assert.deepEqual(ds.column_names, ["text", "label"]); // unchanged
  assert.deepEqual(ds.rename_columns({ text: "label", label: "text" }).at(0), { label: "good", text: 1 });
  assert.throws(() => ds.rename_column("text", "label"), /already exists/);
  assert.deepEqual(ds.remove_columns("text").column_names, ["label"]);
  assert.deepEqual(ds.remove_columns(["text", "label"]).num_rows, 4);
  assert.throws(() => ds.remove_columns("nope"), KeyError);
  assert.deepEqual(ds.select_columns(["label", "text"]).column_names, ["label", "text"]);
  const a = ds.select([2, 0]).add_column("n", [7, 8]);
  assert.deepEqual(a.to_list(), [{ text: "ok", label: 1, n: 7 }, { text: "good", label: 1, n: 8 }]);
  assert.throws(() => ds.add_column("n", [1]), /1 values for 4 rows/);
});

test("cast_column / cast: numbers, strings ↔ numbers, ClassLabel, with row-precise errors", () => {
  const c = ds.cast_column("label", new Value("float32"));
  assert.equal(String(c.features.label), "Value('float32')");
  assert.deepEqual(ds.cast_column("label", new Value("string")).column("label"), ["1", "0", "1", "0"]);
  const cl = ds.cast_column("label", new ClassLabel({ names: ["neg", "pos"] }));
  assert.ok(cl.features.label instanceof ClassLabel);
  assert.throws(() => ds.cast_column("label", new ClassLabel({ names: ["only"] })), /row 0, column "label": class label 1 is out of range/);
  assert.throws(() => ds.cast_column("text", new Value("int64")), /row 0, column "text": cannot cast "good" to int64/);
  assert.throws(() => Dataset.from_dict({ x: [1.5] }).cast_column("x", new Value("int32")), /lose its fraction/);
  assert.throws(() => Dataset.from_dict({ x: [300] }).cast_column("x", new Value("int8")), /out of range/);
  const all = ds.cast(new Features({ text: new Value("string"), label: new Value("int8") }));
  assert.equal(String(all.features.label), "Value('int8')");
});

test("class_encode_column gives HF's names and ids", () => {
  for (const [name, g] of Object.entries(G.class_encode_column as Record<string, { values: unknown[]; names: string[]; encoded: unknown[] }>)) {
    const e = Dataset.from_dict({ x: g.values }, name === "floats" ? { features: new Features({ x: new Value("float64") }) } : {}).class_encode_column("x");
    assert.deepEqual((e.features.x as ClassLabel).names, g.names, name);
    assert.deepEqual(e.column("x"), g.encoded, name);
  }
  assert.throws(() => ds.class_encode_column("text").class_encode_column("text"), /only supported for Value column/);
});

test("concatenate_datasets along rows and columns", () => {
  const both = concatenate_datasets([ds.select([0]), ds.select([3])]);
  assert.deepEqual(both.to_dict(), { text: ["good", "meh"], label: [1, 0] });
  const side = concatenate_datasets([ds.select_columns("text"), ds.select_columns("label")], { axis: 1 });
  assert.deepEqual(side.at(1), { text: "bad", label: 0 });
  assert.throws(() => concatenate_datasets([ds, ds.cast_column("label", new Value("float64"))]), /cast_column one of them first/);
});

test("nested values: lists, structs, nulls, bigints", () => {
  const d = Dataset.from_list([{ a: [1, 2], s: { x: 1, y: "u" }, b: 2n ** 60n }, { a: null, s: null, b: 1n }, { a: [], s: { x: 2 }, b: 3n }]);
  assert.equal(String(d.features), "{'a': List(Value('int64')), 's': {'x': Value('int64'), 'y': Value('string')}, 'b': Value('int64')}");
  assert.deepEqual(d.to_list(), [{ a: [1, 2], s: { x: 1, y: "u" }, b: 2n ** 60n }, { a: null, s: null, b: 1 }, { a: [], s: { x: 2, y: null }, b: 3 }]);
  assert.deepEqual(d.select([2, 0]).column("a"), [[], [1, 2]]);
});
