// The dataset-card YAML subset (front matter of a Hub README.md) and what load_dataset reads from
// it: configs (data_files per split, default / named configs, data_dir) and dataset_info features.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ClassLabel, List } from "../../src/datasets/index.js";
import { readCard, selectSplitFiles } from "../../src/datasets/hub.js";
import { inferSplits } from "../../src/datasets/data_files.js";
import { parseYaml, readmeFrontMatter } from "../../src/datasets/yaml.js";

const card = `---
annotations_creators:
- crowdsourced
language:
- en
license:
- unknown
pretty_name: "Rotten: Tomatoes"   # a comment
task_ids: [sentiment-classification, 'multi-class']
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
  - name: tokens
    sequence: string
  - name: spans
    sequence:
    - name: start
      dtype: int32
  splits:
  - name: train
    num_bytes: 1074810
    num_examples: 8530
  download_size: 487770
configs:
- config_name: default
  data_files:
  - split: train
    path: data/train-*
  - split: test
    path:
    - data/test-a.parquet
    - data/test-b.parquet
---

# Dataset Card
`;

test("front matter: mappings, sequences, quoting, flow lists, comments, numbers", () => {
  const y = readmeFrontMatter(card) as Record<string, unknown>;
  assert.deepEqual(y.language, ["en"]);
  assert.equal(y.pretty_name, "Rotten: Tomatoes");
  assert.deepEqual(y.task_ids, ["sentiment-classification", "multi-class"]);
  assert.deepEqual((y.dataset_info as Record<string, unknown>).download_size, 487770);
  assert.deepEqual(parseYaml("a:\n  - x: 1\n    y: [1, 2]\n  - z\nb: ~\n"), { a: [{ x: 1, y: [1, 2] }, "z"], b: null });
  assert.equal(readmeFrontMatter("# no front matter"), null);
});

test("readCard: config data_files per split and dataset_info features", () => {
  const c = readCard(card, null, "rt")!;
  assert.deepEqual(c.data_files, { train: ["data/train-*"], test: ["data/test-a.parquet", "data/test-b.parquet"] });
  assert.ok(c.features!.label instanceof ClassLabel);
  assert.deepEqual((c.features!.label as ClassLabel).names, ["neg", "pos"]);
  assert.equal(String(c.features!.tokens), "List(Value('string'))");
  assert.ok(c.features!.spans instanceof List);
  const files = ["README.md", "data/train-00000.parquet", "data/train-00001.parquet", "data/test-a.parquet", "data/test-b.parquet"];
  assert.deepEqual(selectSplitFiles(files, { data_files: c.data_files }, "rt"), { train: ["data/train-00000.parquet", "data/train-00001.parquet"], test: ["data/test-a.parquet", "data/test-b.parquet"] });
});

test("HF's split patterns: sharded, split folders, split keywords in file names, else train", () => {
  assert.deepEqual(inferSplits(["data/train-00000-of-00002.parquet", "data/train-00001-of-00002.parquet", "data/random-00000-of-00001.parquet", "data/test-00000-of-00001.parquet"]), {
    train: ["data/train-00000-of-00002.parquet", "data/train-00001-of-00002.parquet"],
    test: ["data/test-00000-of-00001.parquet"],
    random: ["data/random-00000-of-00001.parquet"],
  });
  assert.deepEqual(inferSplits(["train/a.jsonl", "dev/b.jsonl", "README.md"]), { train: ["train/a.jsonl"], validation: ["dev/b.jsonl"] });
  assert.deepEqual(inferSplits(["my_train.csv", "my-test.csv", "valid.csv", ".hidden.csv"]), { train: ["my_train.csv"], validation: ["valid.csv"], test: ["my-test.csv"] });
  assert.deepEqual(inferSplits(["reviews.csv", "notes.md"]), { train: ["reviews.csv"] });
  assert.throws(() => inferSplits(["README.md"]), /no data files found/);
});
