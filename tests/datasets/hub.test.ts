// load_dataset("org/name") against a fake Hub (fake_dataset_hub.ts): the repo listing API, HF's
// split patterns (sharded data/{split}-0000x-of-0000y, split folders, split file names), dataset
// cards (configs: data_files per split, dataset_info features), HF's cache layout shared with
// Python, HF_HUB_OFFLINE, an unreachable Hub, and HF's error classes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ClassLabel, Dataset, DatasetDict, load_dataset } from "../../src/datasets/index.js";
import { LocalEntryNotFoundError, RepositoryNotFoundError, RevisionNotFoundError } from "../../src/huggingface_hub/index.js";
import { FileNotFoundError, ValueError } from "../../src/utils/errors.js";
import { FakeDatasetHub } from "./fake_dataset_hub.js";
import { fixture, tmpdir } from "./_helpers.js";

const SHA = "1111111111111111111111111111111111111111";
const hfParquet = readFileSync(fixture("hf_features.parquet"));
let shard2: Buffer;
let testShard: Buffer;

const card = `---
license: mit
dataset_info:
  features:
  - name: text
    dtype: string
  - name: label
    dtype:
      class_label:
        names:
          '0': neg
          '1': pos
  splits:
  - name: train
    num_examples: 3
---
# Rotten tomatoes (fake)
`;
const configsCard = `---
configs:
- config_name: default
  data_files:
  - split: train
    path: "csv/train-*.csv"
  - split: test
    path: csv/holdout.csv
  default: true
- config_name: tiny
  data_files: csv/train-a.csv
---
`;
const f = (s: string): { content: Buffer } => ({ content: Buffer.from(s) });
let hub: FakeDatasetHub;
const saved = { ...process.env };

before(async () => {
  const dir = tmpdir();
  await Dataset.from_dict({ text: ["x", "y"], label: [0, 1], i8: [5, 6], f: [0.5, 1], ids: [[1], [2, 3]], b: [true, true], s: [null, null], big: [7, 8] }).cast((await load_dataset("parquet", { data_files: fixture("hf_features.parquet"), split: "train" })).features).to_parquet(path.join(dir, "s2.parquet"));
  shard2 = readFileSync(path.join(dir, "s2.parquet"));
  await Dataset.from_dict({ text: ["t"], label: [1], i8: [0], f: [0], ids: [[]], b: [false], s: [null], big: [0] }).cast((await load_dataset("parquet", { data_files: fixture("hf_features.parquet"), split: "train" })).features).to_parquet(path.join(dir, "t.parquet"));
  testShard = readFileSync(path.join(dir, "t.parquet"));
  hub = new FakeDatasetHub({
    "org/reviews": {
      commit: SHA,
      files: {
        ".gitattributes": f("*.parquet filter=lfs"),
        "README.md": f("# no front matter\n"),
        "data/train-00000-of-00002.parquet": { content: hfParquet, lfs: true },
        "data/train-00001-of-00002.parquet": { content: shard2, lfs: true },
        "data/test-00000-of-00001.parquet": { content: testShard, lfs: true },
      },
    },
    rotten_tomatoes: { commit: SHA, files: { "README.md": f(card), "train.csv": f("text,label\ngood,1\nbad,0\nfine,1\n"), "validation.csv": f("text,label\nmeh,0\n"), "test.csv": f("text,label\nwow,1\n") } },
    "org/folders": { commit: SHA, files: { "train/part-0.jsonl": f('{"a": 1}\n'), "train/part-1.jsonl": f('{"a": 2}\n'), "test/x.jsonl": f('{"a": 3}\n') } },
    "org/configs": { commit: SHA, files: { "README.md": f(configsCard), "csv/train-a.csv": f("t\na\n"), "csv/train-b.csv": f("t\nb\n"), "csv/holdout.csv": f("t\nh\n") } },
    "org/private": { commit: SHA, gated_token: "hf_ok", files: { "train.csv": f("x\n1\n") } },
  });
  process.env.HF_ENDPOINT = await hub.start();
  delete process.env.HF_TOKEN;
  delete process.env.HF_HUB_OFFLINE;
  delete process.env.HF_DATASETS_OFFLINE;
});
after(async () => {
  await hub.stop();
  process.env = saved;
});
function freshCache(): string {
  const cache = tmpdir("fts-dshub-");
  process.env.HF_HUB_CACHE = cache;
  return cache;
}

test("sharded Parquet repo: splits from data/{split}-xxxxx-of-yyyyy, features from HF metadata, HF cache layout", async () => {
  const cache = freshCache();
  const dd = await load_dataset("org/reviews");
  assert.ok(dd instanceof DatasetDict);
  assert.deepEqual(dd.keys(), ["train", "test"]);
  assert.deepEqual(dd.num_rows, { train: 6, test: 1 });
  assert.deepEqual(dd.train.column("text"), ["a good film", 'bad, "really"', null, "ünïcödé ✓", "x", "y"]);
  assert.ok(dd.train.features.label instanceof ClassLabel);
  const repo = path.join(cache, "datasets--org--reviews");
  assert.equal(readFileSync(path.join(repo, "refs", "main"), "utf8"), SHA);
  assert.ok(existsSync(path.join(repo, "snapshots", SHA, "data", "test-00000-of-00001.parquet")));
  assert.equal(hub.requests.filter((r) => r.url.startsWith("/api/datasets/org/reviews/revision/main")).length, 1);
});

test("HF_HUB_OFFLINE=1 loads from the cache without a single request; a missing cache is LocalEntryNotFoundError", async () => {
  freshCache();
  await load_dataset("org/reviews", { split: "test" });
  const n = hub.requests.length;
  process.env.HF_HUB_OFFLINE = "1";
  try {
    const test = await load_dataset("org/reviews", { split: "test" });
    assert.deepEqual(test.column("text"), ["t"]);
    assert.equal(hub.requests.length, n);
    // only the test split was downloaded, so train is not available offline
    await assert.rejects(load_dataset("org/reviews", { split: "train" }), /Unknown split "train".*offline: only splits whose files are in the local cache are known/);
    freshCache();
    await assert.rejects(load_dataset("org/reviews"), (e: Error) => e instanceof LocalEntryNotFoundError && /HF_HUB_OFFLINE=1/.test(e.message));
  } finally {
    delete process.env.HF_HUB_OFFLINE;
  }
});

test("an unreachable Hub falls back to the cache", async () => {
  freshCache();
  await load_dataset("rotten_tomatoes", { split: "validation" });
  process.env.HF_ENDPOINT = "http://127.0.0.1:9"; // nothing listens there
  try {
    const v = await load_dataset("rotten_tomatoes", { split: "validation" });
    assert.deepEqual(v.column("text"), ["meh"]);
  } finally {
    process.env.HF_ENDPOINT = hub.endpoint;
  }
});

test("CSV repo named like rotten_tomatoes: split file names, card features (ClassLabel), only the asked split downloaded", async () => {
  freshCache();
  const before = hub.inner.log.length;
  const val = await load_dataset("rotten_tomatoes", { split: "validation" });
  assert.ok(val instanceof Dataset);
  assert.deepEqual((val.features.label as ClassLabel).names, ["neg", "pos"]);
  const got = hub.inner.log.slice(before).map((l) => l.url);
  assert.ok(got.some((u) => u.endsWith("/validation.csv")));
  assert.ok(!got.some((u) => u.endsWith("/train.csv")));
  const dd = await load_dataset("rotten_tomatoes");
  assert.deepEqual(dd.keys(), ["train", "validation", "test"]);
  assert.deepEqual(dd.train.unique("label"), [1, 0]);
});

test("split folders and dataset-card configs (data_files per split, named configs)", async () => {
  freshCache();
  const folders = await load_dataset("org/folders");
  assert.deepEqual(folders.num_rows, { train: 2, test: 1 });
  const cfg = await load_dataset("org/configs");
  assert.deepEqual(cfg.train.column("t"), ["a", "b"]);
  assert.deepEqual(cfg.test.column("t"), ["h"]);
  const tiny = await load_dataset("org/configs", { name: "tiny" });
  assert.deepEqual(tiny.keys(), ["train"]);
  assert.deepEqual(tiny.train.column("t"), ["a"]);
  await assert.rejects(load_dataset("org/configs", { name: "huge" }), /no config "huge"; available: default, tiny/);
  const explicit = await load_dataset("org/reviews", { data_files: { train: "data/test-*.parquet" }, split: "train" });
  assert.equal(explicit.num_rows, 1);
  await assert.rejects(load_dataset("org/reviews", { data_files: "nope/*.csv" }), FileNotFoundError);
});

test("errors: unknown repo, unknown revision, gated repo (token), unknown split", async () => {
  freshCache();
  await assert.rejects(load_dataset("org/missing"), (e: Error) => e instanceof RepositoryNotFoundError && /Dataset 'org\/missing' doesn't exist on the Hub/.test(e.message));
  await assert.rejects(load_dataset("org/reviews", { revision: "v9" }), RevisionNotFoundError);
  await assert.rejects(load_dataset("org/private"), RepositoryNotFoundError);
  const ok = await load_dataset("org/private", { token: "hf_ok", split: "train" });
  assert.deepEqual(ok.column("x"), [1]);
  await assert.rejects(load_dataset("org/reviews", { split: "validation" }), (e: Error) => e instanceof ValueError && /Unknown split "validation".*\['train', 'test'\]/.test(e.message));
  await assert.rejects(load_dataset("not a repo!"), /is not a builder/);
});
