// Writers and the on-disk format: to_csv / to_json (byte-equal to HF's output for the golden
// dataset), to_parquet (round trip with features), save_to_disk / load_from_disk for Dataset and
// DatasetDict, atomic writes (no temp files left, old folder replaced whole).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ClassLabel, Dataset, DatasetDict, Features, List, Value, load_dataset, load_from_disk } from "../../src/datasets/index.js";
import { FileNotFoundError, ValueError } from "../../src/utils/errors.js";
import { G, fixture, tmpdir } from "./_helpers.js";

const golden = Dataset.from_dict(
  { text: ["plain", "a,b", 'say "hi"', "two\nlines", null], n: [1, 2, 3, 4, 5], x: [1.0, 2.5, 1e-7, 1e22, null], ok: [true, false, true, false, true], label: [0, 1, 0, 1, 0] },
  { features: new Features({ text: new Value("string"), n: new Value("int64"), x: new Value("float64"), ok: new Value("bool"), label: new ClassLabel({ names: ["neg", "pos"] }) }) },
);

test("to_csv writes exactly what HF's to_csv writes", async () => {
  const dir = tmpdir();
  const bytes = await golden.to_csv(path.join(dir, "o.csv"));
  const text = readFileSync(path.join(dir, "o.csv"), "utf8");
  assert.equal(text, G.to_csv);
  assert.equal(bytes, Buffer.byteLength(text));
  assert.deepEqual(readdirSync(dir), ["o.csv"]); // no temp file left behind
  // and it loads back to the same values
  const back = await load_dataset("csv", { data_files: path.join(dir, "o.csv"), split: "train" });
  assert.deepEqual(back.column("text"), golden.column("text"));
  await golden.to_csv(path.join(dir, "semi.csv"), { sep: ";", index: true });
  assert.equal(readFileSync(path.join(dir, "semi.csv"), "utf8").split("\n")[0], ";text;n;x;ok;label");
});

test("to_json writes JSON Lines like HF (and a JSON array with lines: false)", async () => {
  const dir = tmpdir();
  await golden.select_columns(["text", "n", "ok", "label"]).to_json(path.join(dir, "o.jsonl"));
  assert.equal(readFileSync(path.join(dir, "o.jsonl"), "utf8"), G.to_json);
  await golden.select([0, 1]).to_json(path.join(dir, "o.json"), { lines: false });
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, "o.json"), "utf8")), [
    { text: "plain", n: 1, x: 1, ok: true, label: 0 },
    { text: "a,b", n: 2, x: 2.5, ok: false, label: 1 },
  ]);
  assert.equal(readFileSync(path.join(dir, "o.json"), "utf8").slice(0, 40), '[{"text":"plain","n":1,"x":1.0,"ok":true');
});

test("to_parquet round-trips features (ClassLabel, lists, structs, nulls) through the HF metadata", async () => {
  const src = await load_dataset("parquet", { data_files: fixture("hf_features.parquet"), split: "train" });
  const dir = tmpdir();
  await src.select([3, 1, 0]).to_parquet(path.join(dir, "o.parquet"));
  const back = await load_dataset("parquet", { data_files: path.join(dir, "o.parquet"), split: "train" });
  assert.deepEqual(back.features.to_dict(), src.features.to_dict());
  assert.deepEqual(back.to_list(), src.select([3, 1, 0]).to_list());
  const small = Dataset.from_dict({ f16: [0.5], u8: [200], fl: [[1.5, 2]] }, { features: new Features({ f16: new Value("float16"), u8: new Value("uint8"), fl: new List(new Value("float32")) }) });
  await small.to_parquet(path.join(dir, "small.parquet"));
  const s2 = await load_dataset("parquet", { data_files: path.join(dir, "small.parquet"), split: "train" });
  assert.deepEqual(s2.to_list(), [{ f16: 0.5, u8: 200, fl: [1.5, 2] }]);
  assert.equal(String(s2.features), "{'f16': Value('float16'), 'u8': Value('uint8'), 'fl': List(Value('float32'))}");
});

test("save_to_disk / load_from_disk: a Dataset keeps values, features, split and format columns", async () => {
  const dir = tmpdir();
  const src = (await load_dataset("parquet", { data_files: fixture("hf_features.parquet"), split: "train" })).shuffle({ seed: 3 }).with_format(null, { columns: ["text", "label"] });
  await src.save_to_disk(path.join(dir, "ds"));
  assert.deepEqual(readdirSync(path.join(dir, "ds")).sort(), ["col-00000.bin", "col-00001.bin", "col-00002.bin", "col-00003.bin", "col-00004.bin", "col-00005.bin", "col-00006.bin", "col-00007.bin", "dataset_info.json", "state.json"]);
  const back = await load_from_disk(path.join(dir, "ds"));
  assert.ok(back instanceof Dataset);
  assert.deepEqual(back.features.to_dict(), src.features.to_dict());
  assert.deepEqual(back.reset_format().to_list(), src.reset_format().to_list());
  assert.deepEqual(back.at(0), src.at(0)); // format columns restored
  assert.equal(back.split, "train");
  // Saving again replaces the folder as a whole.
  await Dataset.from_dict({ z: [1] }).save_to_disk(path.join(dir, "ds"));
  assert.deepEqual((await load_from_disk(path.join(dir, "ds")) as Dataset).to_list(), [{ z: 1 }]);
  assert.deepEqual(readdirSync(dir), ["ds"]);
});

test("save_to_disk / load_from_disk: a DatasetDict in HF's folder layout", async () => {
  const dir = tmpdir();
  const dd = new DatasetDict({ train: Dataset.from_dict({ t: ["a", "é", null], n: [1.5, 2, 3] }), test: Dataset.from_dict({ t: ["b"], n: [4] }) });
  await dd.save_to_disk(path.join(dir, "dd"));
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, "dd", "dataset_dict.json"), "utf8")), { splits: ["train", "test"] });
  const back = await load_from_disk(path.join(dir, "dd"));
  assert.ok(back instanceof DatasetDict);
  assert.deepEqual(back.train.to_list(), dd.train.to_list());
  assert.deepEqual(back.test.column("n"), [4]);
});

test("load_from_disk errors: missing folder, a folder written by Python's datasets, truncated data", async () => {
  const dir = tmpdir();
  await assert.rejects(load_from_disk(path.join(dir, "nothing")), FileNotFoundError);
  mkdirSync(path.join(dir, "py"));
  writeFileSync(path.join(dir, "py", "state.json"), JSON.stringify({ _data_files: [{ filename: "data-00000-of-00001.arrow" }] }));
  await assert.rejects(load_from_disk(path.join(dir, "py")), /written by Python's datasets \(Arrow files\).*to_parquet/);
  await Dataset.from_dict({ x: [1, 2, 3] }).save_to_disk(path.join(dir, "ok"));
  writeFileSync(path.join(dir, "ok", "col-00000.bin"), Buffer.alloc(3));
  await assert.rejects(load_from_disk(path.join(dir, "ok")), (e: Error) => e instanceof ValueError && /col-00000\.bin.*truncated/.test(e.message));
  assert.ok(!existsSync(path.join(dir, "ok.tmp")));
});
