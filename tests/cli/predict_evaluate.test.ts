// `finetune-ts predict` and `evaluate` on a saved classifier folder (tiny BERT, random weights,
// labels news/religion/fiction): JSON lines from arguments, files and stdin, top_k lists, scores
// equal to the in-process text-classification pipeline, the sklearn report + confusion matrix, and
// errors (unknown label, missing column or folder → 1; bad flag values → 2).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { GENRES, brownRows, run, tinyBert, writeCsv } from "./_helpers.js";
import { pipeline } from "../../src/transformers/pipelines/index.js";
import { classification_report } from "../../src/sklearn/metrics/index.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "fts-cli-predict-"));
const model = path.join(dir, "model");
const rows = brownRows("test", 3);
const f = (name: string): string => path.join(dir, name);

interface Line { text: string; label: string; score: number }
interface TopK { text: string; labels: Array<{ label: string; score: number }> }
const parse = <T>(stdout: string): T[] => stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as T);

before(async () => {
  await tinyBert(model, GENRES);
  writeCsv(f("test.csv"), rows.map((r) => ({ sentence: r.text, genre: r.label })));
  writeFileSync(f("texts.txt"), rows.map((r) => r.text).join("\n") + "\n\n");
  writeFileSync(f("test.jsonl"), rows.map((r) => JSON.stringify({ text: r.text, label: r.label })).join("\n") + "\n");
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("predict TEXT...: one JSON line per text, the pipeline's label and score", async () => {
  const texts = ["The jury said the election was fair .", "God is love ."];
  const r = run(["predict", model, ...texts]);
  assert.equal(r.status, 0, r.stderr);
  const lines = parse<Line>(r.stdout);
  assert.deepEqual(lines.map((l) => l.text), texts);
  const classifier = await pipeline("text-classification", { model });
  const want = await classifier(texts);
  lines.forEach((l, i) => {
    const w = want[i] as { label: string; score: number };
    assert.equal(l.label, w.label);
    assert.ok(Math.abs(l.score - w.score) < 1e-6);
  });
  classifier.model.dispose();
});

test("predict --top_k, --file (txt, csv with --text_column), stdin", () => {
  const top = run(["predict", model, "--file", f("texts.txt"), "--top_k", "3", "--batch_size", "4"]);
  assert.equal(top.status, 0, top.stderr);
  const lists = parse<TopK>(top.stdout);
  assert.equal(lists.length, rows.length, "blank lines are skipped");
  for (const l of lists) {
    assert.deepEqual(l.labels.map((x) => x.label).sort(), [...GENRES].sort());
    assert.ok(l.labels[0]!.score >= l.labels[1]!.score && l.labels[1]!.score >= l.labels[2]!.score);
    assert.ok(Math.abs(l.labels.reduce((a, x) => a + x.score, 0) - 1) < 1e-5, "softmax scores sum to 1");
  }
  const csv = run(["predict", model, "--file", f("test.csv"), "--text_column", "sentence"]);
  assert.equal(csv.status, 0, csv.stderr);
  const fromCsv = parse<Line>(csv.stdout);
  assert.deepEqual(fromCsv.map((l) => l.text), rows.map((r) => r.text));
  assert.deepEqual(fromCsv.map((l) => l.label), lists.map((l) => l.labels[0]!.label));
  const stdin = run(["predict", model], { input: rows.map((r) => r.text).join("\n") });
  assert.equal(stdin.status, 0, stdin.stderr);
  assert.deepEqual(parse<Line>(stdin.stdout), fromCsv);
});

test("evaluate prints sklearn's classification report and a labelled confusion matrix; --output_dir writes eval_report.json", () => {
  const r = run(["evaluate", model, "--file", f("test.csv"), "--text_column", "sentence", "--label_column", "genre", "--output_dir", f("ev")]);
  assert.equal(r.status, 0, r.stderr);
  const rep = JSON.parse(readFileSync(f("ev/eval_report.json"), "utf8")) as {
    accuracy: number; macro: { f1: number }; weighted: { precision: number }; labels: string[]; confusion_matrix: number[][]; num_samples: number;
  };
  assert.equal(rep.num_samples, rows.length);
  // The report text is exactly sklearn's, from the same predictions.
  const preds = parse<Line>(run(["predict", model, "--file", f("test.csv"), "--text_column", "sentence"]).stdout).map((l) => l.label);
  const truth = rows.map((r) => r.label);
  const labels = GENRES.filter((l) => truth.includes(l) || preds.includes(l));
  assert.ok(r.stdout.startsWith(classification_report(truth, preds, { labels, digits: 4, zero_division: 0 })));
  assert.deepEqual(rep.labels, labels);
  assert.equal(rep.accuracy, preds.filter((p, i) => p === truth[i]).length / rows.length);
  const header = r.stdout.split("\n").find((l) => l.startsWith("true \\ pred"))!;
  assert.deepEqual(header.split(/\s+/).slice(3), labels);
  assert.equal(rep.confusion_matrix.flat().reduce((a, b) => a + b, 0), rows.length);
  const jsonl = run(["evaluate", model, "--file", f("test.jsonl")]);
  assert.equal(jsonl.status, 0, jsonl.stderr);
  assert.equal(jsonl.stdout, r.stdout, "same texts and labels from a .jsonl file give the same report");
});

test("errors: unknown label, missing column, missing folder → 1; bad values → 2", () => {
  writeCsv(f("odd.csv"), [{ text: "a b c", label: "news" }, { text: "d e f", label: "poetry" }]);
  const odd = run(["evaluate", model, "--file", f("odd.csv")]);
  assert.equal(odd.status, 1);
  assert.match(odd.stderr, /odd\.csv: column 'label' has label\(s\) 'poetry' unknown to the model in .*model \(known: news, religion, fiction\)/);
  const col = run(["evaluate", model, "--file", f("test.csv"), "--text_column", "sentence"]);
  assert.equal(col.status, 1);
  assert.match(col.stderr, /test\.csv: no column 'label' \(--label_column\); the file has: sentence, genre/);
  const noText = run(["predict", model, "--file", f("test.csv"), "--text_column", "body"]);
  assert.equal(noText.status, 1);
  assert.match(noText.stderr, /test\.csv: no column 'body' \(--text_column\)/);
  const noDir = run(["predict", f("nowhere"), "hello"]);
  assert.equal(noDir.status, 1);
  assert.match(noDir.stderr, /model folder .*nowhere: no such directory/);
  const topk = run(["predict", model, "hello", "--top_k", "0"]);
  assert.equal(topk.status, 2);
  assert.match(topk.stderr, /--top_k expects a positive integer, got '0'/);
  const noFile = run(["evaluate", model]);
  assert.equal(noFile.status, 2);
  assert.match(noFile.stderr, /required option '--file <path>' not specified/);
});
