// load_dataset("csv" | "json" | "text" | "parquet") on local files: types as HF infers them (goldens
// from HF datasets 5.0.1 loading the same fixture files; HF's "large_string" is our "string"),
// data_files forms (string, list, per-split dict, globs), split expressions, options, and errors
// naming the file, line and column.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ClassLabel, Dataset, DatasetDict, Features, Value, load_dataset } from "../../src/datasets/index.js";
import { FileNotFoundError, ValueError } from "../../src/utils/errors.js";
import { G, fixture, tmpdir } from "./_helpers.js";

const normalize = (j: unknown): string => JSON.stringify(j).replaceAll('"large_string"', '"string"');

test("csv: pandas' type inference, NA strings, quoting (HF golden)", async () => {
  const ds = await load_dataset("csv", { data_files: fixture("reviews.csv"), split: "train" });
  assert.equal(normalize(ds.features.to_dict()), normalize(G.csv.features));
  assert.deepEqual(ds.to_list(), G.csv.rows);
  assert.equal(ds.split, "train");
});

test("csv: data_files forms give a DatasetDict; split expressions give a Dataset", async () => {
  const dir = tmpdir();
  writeFileSync(path.join(dir, "train.csv"), "text,label\na,0\nb,1\nc,0\nd,1\n");
  writeFileSync(path.join(dir, "val.csv"), "text,label\ne,1\r\nf,0\r\n");
  mkdirSync(path.join(dir, "more"));
  writeFileSync(path.join(dir, "more", "part-1.csv"), "text,label\ng,1\n");
  writeFileSync(path.join(dir, "more", "part-2.csv"), "text,label\nh,0\n");
  const dd = await load_dataset("csv", { data_files: { train: path.join(dir, "train.csv"), validation: [path.join(dir, "val.csv")] } });
  assert.ok(dd instanceof DatasetDict);
  assert.deepEqual(dd.num_rows, { train: 4, validation: 2 });
  assert.deepEqual(dd.validation.column("text"), ["e", "f"]);
  assert.deepEqual((await load_dataset("csv", { data_files: path.join(dir, "train.csv") })).keys(), ["train"]);
  const glob = await load_dataset("csv", { data_dir: dir, data_files: { train: "more/*.csv" }, split: "train" });
  assert.deepEqual(glob.column("text"), ["g", "h"]);
  const part = await load_dataset("csv", { data_files: { train: path.join(dir, "train.csv"), test: path.join(dir, "val.csv") }, split: "train[:50%]+test[-1:]" });
  assert.deepEqual(part.column("text"), ["a", "b", "f"]);
  assert.equal((await load_dataset("csv", { data_files: path.join(dir, "train.csv"), split: "train[1:3]" })).num_rows, 2);
  const folder = await load_dataset(dir);
  assert.deepEqual(folder.keys(), ["train", "validation"]); // by HF's file-name patterns
  await assert.rejects(load_dataset("csv", { data_files: path.join(dir, "train.csv"), split: "test" }), /Unknown split "test".*\['train'\]/);
  await assert.rejects(load_dataset("csv", { data_files: path.join(dir, "nope.csv") }), FileNotFoundError);
  await assert.rejects(load_dataset("csv", {}), /needs data_files/);
  await assert.rejects(load_dataset("csv", { data_files: path.join(dir, "train.csv"), delimeter: ";" } as never), /unknown option "delimeter" \(did you mean "delimiter"\?\)/);
});

test("csv options: delimiter, column_names, skiprows, na_filter, gzip, BOM, features", async () => {
  const dir = tmpdir();
  writeFileSync(path.join(dir, "a.tsv"), "\ufeffx\ty\n1\tNA\n2\tb\n");
  const t = await load_dataset("csv", { data_files: path.join(dir, "a.tsv"), delimiter: "\t", split: "train" });
  assert.deepEqual(t.to_list(), [{ x: 1, y: null }, { x: 2, y: "b" }]);
  const raw = await load_dataset("csv", { data_files: path.join(dir, "a.tsv"), sep: "\t", na_filter: false, split: "train" });
  assert.deepEqual(raw.column("y"), ["NA", "b"]);
  writeFileSync(path.join(dir, "nohead.csv.gz"), gzipSync("# comment\nhello,1\nworld,0\n"));
  const nh = await load_dataset("csv", { data_files: path.join(dir, "nohead.csv.gz"), column_names: ["text", "label"], skiprows: 1, split: "train" });
  assert.deepEqual(nh.to_list(), [{ text: "hello", label: 1 }, { text: "world", label: 0 }]);
  const features = new Features({ text: new Value("string"), label: new ClassLabel({ names: ["neg", "pos"] }) });
  writeFileSync(path.join(dir, "named.csv"), "text,label\ngreat,pos\nawful,neg\nfine,1\n");
  const named = await load_dataset("csv", { data_files: path.join(dir, "named.csv"), features, split: "train" });
  assert.deepEqual(named.column("label"), [1, 0, 1]);
  assert.ok(named.features.label instanceof ClassLabel);
});

test("csv errors name the file, line and column", async () => {
  const dir = tmpdir();
  writeFileSync(path.join(dir, "ragged.csv"), 'text,label\nok,1\n"multi\nline",0\ntoo,many,fields\n');
  await assert.rejects(load_dataset("csv", { data_files: path.join(dir, "ragged.csv") }), (e: Error) => e instanceof ValueError && /ragged\.csv, line 5: expected 2 fields \(text, label\) but saw 3; quote fields/.test(e.message));
  writeFileSync(path.join(dir, "short.csv"), "a,b,c\n1,2,3\n4,5\n");
  await assert.rejects(load_dataset("csv", { data_files: path.join(dir, "short.csv") }), /short\.csv, line 3: expected 3 fields \(a, b, c\) but saw 2/);
  writeFileSync(path.join(dir, "labels.csv"), "text,label\na,pos\nb,neg\nc,neutral\n");
  const features = new Features({ text: new Value("string"), label: new ClassLabel({ names: ["neg", "pos"] }) });
  await assert.rejects(load_dataset("csv", { data_files: path.join(dir, "labels.csv"), features }), /labels\.csv, line 4 \(row 2\), column "label": invalid label "neutral"; the ClassLabel names are \["neg","pos"\]/);
  const nums = new Features({ text: new Value("string"), label: new Value("int64") });
  await assert.rejects(load_dataset("csv", { data_files: path.join(dir, "labels.csv"), features: nums }), /labels\.csv, line 2 \(row 0\), column "label": cannot cast "pos" to int64/);
  const missing = new Features({ text: new Value("string"), stars: new Value("int64") });
  await assert.rejects(load_dataset("csv", { data_files: path.join(dir, "labels.csv"), features: missing }), /labels\.csv: features name column\(s\) \[stars\] that the CSV lacks/);
  writeFileSync(path.join(dir, "open.csv"), 'a\n"never closed\n');
  await assert.rejects(load_dataset("csv", { data_files: path.join(dir, "open.csv") }), /open\.csv, line 2: a quoted field is never closed/);
});

test("json: JSON Lines (HF golden), JSON arrays, field, nested values", async () => {
  const ds = await load_dataset("json", { data_files: fixture("records.jsonl"), split: "train" });
  assert.equal(normalize(ds.features.to_dict()), normalize(G.jsonl.features));
  assert.deepEqual(ds.to_list(), G.jsonl.rows);
  const dir = tmpdir();
  writeFileSync(path.join(dir, "arr.json"), JSON.stringify([{ a: 1, b: "x" }, { a: 2 }]));
  assert.deepEqual((await load_dataset("json", { data_files: path.join(dir, "arr.json"), split: "train" })).to_list(), [{ a: 1, b: "x" }, { a: 2, b: null }]);
  writeFileSync(path.join(dir, "squad.json"), JSON.stringify({ version: 1, data: [{ q: "why", answers: { text: ["x"], start: [3] } }] }));
  const sq = await load_dataset("json", { data_files: path.join(dir, "squad.json"), field: "data", split: "train" });
  assert.equal(String(sq.features), "{'q': Value('string'), 'answers': {'text': List(Value('string')), 'start': List(Value('int64'))}}");
  writeFileSync(path.join(dir, "cols.json"), JSON.stringify({ data: { a: [1, 2], b: ["x", "y"] } }));
  assert.deepEqual((await load_dataset("json", { data_files: path.join(dir, "cols.json"), field: "data", split: "train" })).at(1), { a: 2, b: "y" });
});

test("json errors name the file, line and column", async () => {
  const dir = tmpdir();
  writeFileSync(path.join(dir, "bad.jsonl"), '{"a": 1}\n\n{"a": "two"}\n');
  await assert.rejects(load_dataset("json", { data_files: path.join(dir, "bad.jsonl") }), /bad\.jsonl, line 3 \(row 1\), column "a": got a string \("two"\) but the rows before hold numbers/);
  writeFileSync(path.join(dir, "broken.jsonl"), '{"a": 1}\n{"a": \n');
  await assert.rejects(load_dataset("json", { data_files: path.join(dir, "broken.jsonl") }), /broken\.jsonl, line 2: invalid JSON Lines record/);
  writeFileSync(path.join(dir, "scalar.jsonl"), "1\n");
  await assert.rejects(load_dataset("json", { data_files: path.join(dir, "scalar.jsonl") }), /scalar\.jsonl, line 1: expected a JSON object per row/);
});

test("text: one row per line, paragraphs, documents", async () => {
  const dir = tmpdir();
  writeFileSync(path.join(dir, "a.txt"), "first line\r\nsecond\n\nthird para\n");
  const lines = await load_dataset("text", { data_files: path.join(dir, "a.txt"), split: "train" });
  assert.deepEqual(lines.column("text"), ["first line", "second", "", "third para"]);
  const keep = await load_dataset("text", { data_files: path.join(dir, "a.txt"), keep_linebreaks: true, split: "train" });
  assert.equal(keep.at(1).text, "second\n");
  const paras = await load_dataset("text", { data_files: path.join(dir, "a.txt"), sample_by: "paragraph", split: "train" });
  assert.deepEqual(paras.column("text"), ["first line second", "third para"]);
  const docs = await load_dataset("text", { data_files: path.join(dir, "a.txt"), sample_by: "document", split: "train" });
  assert.equal(docs.num_rows, 1);
});

test("parquet written by HF datasets / pyarrow (zstd) / pandas: features and rows", async () => {
  for (const file of ["hf_features.parquet", "zstd.parquet"]) {
    const ds = await load_dataset("parquet", { data_files: fixture(file), split: "train" });
    assert.deepEqual(ds.features.to_dict(), G.parquet.hf_features.features, file);
    const rows = ds.to_list().map((r) => ({ ...r, big: String(r.big) }));
    assert.deepEqual(rows, G.parquet.hf_features.rows, file);
    assert.equal(typeof ds.at(0).big, "bigint"); // 2^60 + 1 does not fit a double
  }
  const pd = await load_dataset("parquet", { data_files: fixture("pandas.parquet"), split: "train" });
  assert.equal(normalize(pd.features.to_dict()), normalize(G.parquet.pandas.features));
  assert.deepEqual(pd.to_list(), G.parquet.pandas.rows);
  const cols = await load_dataset("parquet", { data_files: fixture("hf_features.parquet"), columns: ["label", "ids"], split: "train" });
  assert.deepEqual(cols.column_names, ["label", "ids"]);
  await assert.rejects(load_dataset("parquet", { data_files: fixture("reviews.csv") }), /reviews\.csv: not a readable Parquet file/);
});

test("Dataset.from_csv / from_json / from_parquet / from_text", async () => {
  const ds = await load_dataset("csv", { data_files: fixture("reviews.csv"), split: "train[:2]" });
  assert.ok(ds instanceof Dataset);
  assert.deepEqual(ds.column("label"), ["pos", "neg"]);
  assert.equal((await Dataset.from_csv(fixture("reviews.csv"))).num_rows, 4);
  assert.equal((await Dataset.from_json(fixture("records.jsonl"))).num_rows, 3);
  assert.equal((await Dataset.from_parquet([fixture("hf_features.parquet"), fixture("zstd.parquet")])).num_rows, 8);
  assert.deepEqual((await Dataset.from_text(fixture("records.jsonl"))).column_names, ["text"]);
  const features = new Features({ text: new Value("string") });
  await assert.rejects(Dataset.from_csv(fixture("reviews.csv"), { features }), /reviews\.csv: the data has a column "label" that features lacks/);
});
