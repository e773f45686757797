// train_test_split (HF's size rules and messages; same rows as HF for the same seed, including
// stratify_by_column, whose port of scikit-learn's StratifiedShuffleSplit draws from the same NumPy
// generator) and DatasetDict. Goldens: scripts/make_datasets_fixtures.py (datasets 5.0.1). Exact.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { ClassLabel, Dataset, DatasetDict, Features, Value } from "../../src/datasets/index.js";
import { KeyError, ValueError } from "../../src/utils/errors.js";
import { G } from "./_helpers.js";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const fifty = Dataset.from_dict({ i: range(50) });
const strat = Dataset.from_dict({ i: range(60), label: G.stratify_labels }, { features: new Features({ i: new Value("int64"), label: new ClassLabel({ names: ["a", "b", "c"] }) }) });

test("train_test_split picks HF's rows for the same seed", () => {
  for (const name of ["float", "int", "train_size", "default"]) {
    const g = G.train_test_split[name];
    const dd = fifty.train_test_split(g.kwargs);
    assert.deepEqual(dd.train.column("i"), g.train, name);
    assert.deepEqual(dd.test.column("i"), g.test, name);
  }
});

test("stratify_by_column gives HF's rows and keeps class proportions", () => {
  for (const name of ["strat_02", "strat_7", "strat_train"]) {
    const g = G.train_test_split[name];
    const dd = strat.train_test_split({ ...g.kwargs, stratify_by_column: "label" });
    assert.deepEqual(dd.train.column("i"), g.train, name);
    assert.deepEqual(dd.test.column("i"), g.test, name);
  }
  const dd = strat.train_test_split({ test_size: 0.2, seed: 42, stratify_by_column: "label" });
  const count = (d: Dataset, c: number): number => (d.column("label") as number[]).filter((x) => x === c).length;
  assert.deepEqual([0, 1, 2].map((c) => count(dd.test, c)), [6, 4, 2]);
  assert.throws(() => fifty.train_test_split({ stratify_by_column: "i" }), /Stratifying by column is only supported for ClassLabel column, and column i is Value/);
  const single = Dataset.from_dict({ l: [0, 0, 1, 1, 1, 2] }, { features: new Features({ l: new ClassLabel({ num_classes: 3 }) }) });
  assert.throws(() => single.train_test_split({ stratify_by_column: "l", test_size: 0.5 }), /least populated class in l column has only 1 member/);
});

test("size errors carry HF's messages", () => {
  for (const name of ["too_big", "zero", "sum"]) {
    const g = G.train_test_split_errors[name];
    // JS has no 0.0: Python's "test_size=0.0" prints as "test_size=0" here.
    const expected = (g.message as string).replace("=0.0 ", "=0 ");
    assert.throws(() => strat.train_test_split(g.kwargs), (e: Error) => e instanceof ValueError && e.message === expected, name);
  }
  assert.throws(() => strat.train_test_split({ test_size: 0.5, train_size: 40 }), /should be smaller than the number of samples 60/);
  const ordered = fifty.train_test_split({ test_size: 5, shuffle: false });
  assert.deepEqual(ordered.test.column("i"), [45, 46, 47, 48, 49]);
});

test("DatasetDict: splits as properties and via get(), per-split info, repr like HF", () => {
  const dd = fifty.train_test_split({ test_size: 10, seed: 0 });
  assert.ok(dd instanceof DatasetDict);
  assert.deepEqual(dd.keys(), ["train", "test"]);
  assert.equal(dd["train"], dd.train);
  assert.equal(dd.get("test").num_rows, 10);
  assert.throws(() => dd.get("tset"), (e: Error) => e instanceof KeyError && /did you mean "test"/.test(e.message));
  assert.deepEqual(dd.num_rows, { train: 40, test: 10 });
  assert.deepEqual(dd.column_names, { train: ["i"], test: ["i"] });
  assert.deepEqual([...dd], ["train", "test"]);
  assert.equal(
    inspect(dd),
    "DatasetDict({\n    train: Dataset({\n        features: ['i'],\n        num_rows: 40\n    })\n    test: Dataset({\n        features: ['i'],\n        num_rows: 10\n    })\n})",
  );
});

test("DatasetDict methods return new dicts: shuffle seeds, filter, rename, cast, class_encode_column", async () => {
  const dd = new DatasetDict({ train: Dataset.from_dict({ t: ["x", "y", "x"], n: [1, 2, 3] }), test: Dataset.from_dict({ t: ["z"], n: [4] }) });
  assert.deepEqual(dd.shuffle({ seeds: { train: 42, test: 0 } }).train.column("n"), Dataset.from_dict({ n: [1, 2, 3] }).shuffle({ seed: 42 }).column("n"));
  assert.throws(() => dd.shuffle({ seed: 1, seeds: { train: 1 } }), /seed or seeds/);
  const f = await dd.filter((r) => (r.n as number) > 1);
  assert.deepEqual(f.num_rows, { train: 2, test: 1 });
  assert.deepEqual(dd.rename_column("t", "text").column_names, { train: ["text", "n"], test: ["text", "n"] });
  assert.deepEqual(dd.remove_columns("t").column_names.train, ["n"]);
  assert.deepEqual(dd.cast_column("n", new Value("float32")).train.features.n, new Value("float32"));
  // One label set for all splits (HF encodes each split on its own; see dataset_dict.ts).
  const enc = dd.class_encode_column("t");
  assert.deepEqual((enc.train.features.t as ClassLabel).names, ["x", "y", "z"]);
  assert.deepEqual(enc.test.column("t"), [2]);
  assert.deepEqual(dd.unique("t"), { train: ["x", "y"], test: ["z"] });
  assert.deepEqual(dd.sort("n", { reverse: true }).train.column("n"), [3, 2, 1]);
  assert.deepEqual(dd.train.column("n"), [1, 2, 3]);
});
