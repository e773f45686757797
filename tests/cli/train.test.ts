// `finetune-ts train` end to end, as run_classification.py is used: a tiny BERT folder and CSVs of
// Brown passages (3 genres), train → eval → predict with HF's output files, early stopping, the
// checkpoint detection / non-empty output_dir rules, a JSON args file, and errors naming the file
// and column. Then `predict` and `evaluate` on the trained folder. Training quality is not asserted
// (2 epochs of a random 2-layer model); tests/e2e covers learning.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { GENRES, brownRows, run, tinyBert, writeCsv } from "./_helpers.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "fts-cli-train-"));
const model = path.join(dir, "model");
const out = path.join(dir, "out");
const f = (name: string): string => path.join(dir, name);

before(async () => {
  await tinyBert(model);
  // Two text columns (joined by --text_column_names title,text) and an unused one.
  const withTitle = (rows: Array<{ text: string; label: string }>) => rows.map((r, i) => ({ title: `Passage ${i}`, text: r.text, label: r.label, doc: `d${i}` }));
  writeCsv(f("train.csv"), withTitle(brownRows("train", 14)));
  writeCsv(f("val.csv"), withTitle(brownRows("train", 4, 14)));
  writeCsv(f("test.csv"), withTitle(brownRows("test", 4)));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const common = (o: string): string[] => [
  "--model_name_or_path", model, "--train_file", f("train.csv"), "--validation_file", f("val.csv"), "--test_file", f("test.csv"),
  "--text_column_names", "title,text", "--output_dir", o, "--max_seq_length", "32", "--per_device_train_batch_size", "8",
  "--learning_rate", "1e-3", "--disable_tqdm", "true",
];

test("train --do_train --do_eval --do_predict writes HF's files, the model with label names, and checkpoints", () => {
  const r = run(["train", ...common(out), "--do_train", "--do_eval", "--do_predict", "--num_train_epochs", "2",
    "--eval_strategy", "epoch", "--save_strategy", "epoch", "--load_best_model_at_end", "--metric_for_best_model", "f1",
    "--early_stopping_patience", "3", "--no_pad_to_max_length", "--logging_steps", "2"]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /\*\*\*\*\* train metrics \*\*\*\*\*/);
  assert.match(r.stderr, /  train_samples\s+= +42/);
  const files = readdirSync(out);
  for (const name of ["all_results.json", "train_results.json", "eval_results.json", "predict_results.txt", "trainer_state.json", "config.json", "model.safetensors", "tokenizer.json", "checkpoint-6", "checkpoint-12"]) {
    assert.ok(files.includes(name), `${name} in ${files.join(", ")}`);
  }
  const all = JSON.parse(readFileSync(path.join(out, "all_results.json"), "utf8")) as Record<string, number>;
  for (const k of ["train_loss", "train_runtime", "train_samples", "eval_loss", "eval_accuracy", "eval_f1", "eval_samples", "epoch"]) assert.equal(typeof all[k], "number", k);
  assert.deepEqual(Object.keys(all), Object.keys(all).sort(), "sorted keys, as HF's save_metrics");
  assert.equal(all.train_samples, 42);
  assert.equal(all.eval_samples, 12);
  const evalRes = JSON.parse(readFileSync(path.join(out, "eval_results.json"), "utf8")) as Record<string, number>;
  assert.equal(evalRes.eval_accuracy, all.eval_accuracy);
  const config = JSON.parse(readFileSync(path.join(out, "config.json"), "utf8")) as { id2label: Record<string, string>; label2id: Record<string, number> };
  assert.deepEqual(config.id2label, { 0: "fiction", 1: "news", 2: "religion" }, "sorted unique training labels");
  assert.deepEqual(config.label2id, { fiction: 0, news: 1, religion: 2 });
  const pred = readFileSync(path.join(out, "predict_results.txt"), "utf8").trimEnd().split("\n");
  assert.equal(pred[0], "index\tprediction");
  assert.equal(pred.length, 1 + 12);
  pred.slice(1).forEach((line, i) => {
    const [idx, label] = line.split("\t");
    assert.equal(idx, String(i));
    assert.ok(GENRES.includes(label!), line);
  });
  const state = JSON.parse(readFileSync(path.join(out, "trainer_state.json"), "utf8")) as { global_step: number; best_model_checkpoint: string | null };
  assert.equal(state.global_step, 12);
  assert.ok(state.best_model_checkpoint?.includes("checkpoint-"));
});

test("predict and evaluate on the trained folder agree with predict_results.txt", () => {
  const p = run(["predict", out, "--file", f("test.csv"), "--text_column", "text", "--max_length", "32"]);
  assert.equal(p.status, 0, p.stderr);
  const lines = p.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { text: string; label: string; score: number });
  assert.equal(lines.length, 12);
  for (const l of lines) assert.ok(GENRES.includes(l.label) && l.score > 1 / 3 - 1e-6 && l.score <= 1, JSON.stringify(l));
  const e = run(["evaluate", out, "--file", f("test.csv"), "--text_column", "text", "--max_length", "32", "--output_dir", path.join(dir, "ev")]);
  assert.equal(e.status, 0, e.stderr);
  assert.match(e.stdout, /precision {4}recall {2}f1-score {3}support/);
  const rep = JSON.parse(readFileSync(path.join(dir, "ev", "eval_report.json"), "utf8")) as { accuracy: number; confusion_matrix: number[][] };
  const acc = lines.filter((l, i) => l.label === brownRows("test", 4)[i]!.label).length / 12;
  assert.equal(rep.accuracy, acc);
  assert.equal(rep.confusion_matrix.flat().reduce((a, b) => a + b, 0), 12);
});

test("a non-empty output_dir without checkpoints is refused (HF's message, exit 1); with checkpoints training resumes", () => {
  const busy = path.join(dir, "busy");
  mkdirSync(busy);
  writeFileSync(path.join(busy, "notes.txt"), "x");
  const r = run(["train", ...common(busy), "--do_train", "--num_train_epochs", "1"]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Output directory \(.*busy\) already exists and is not empty\. Use --overwrite_output_dir to overcome\./);
  const again = run(["train", ...common(out), "--do_train", "--num_train_epochs", "2", "--eval_strategy", "epoch", "--save_strategy", "epoch", "--no_pad_to_max_length"]);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stderr, /Checkpoint detected, resuming training at .*checkpoint-12/);
});

test("train args.json: all arguments from a JSON file (eval only, labels from the trained model's config)", () => {
  const args = f("args.json");
  writeFileSync(args, JSON.stringify({
    model_name_or_path: out, validation_file: f("val.csv"), text_column_names: "text", do_eval: true,
    output_dir: path.join(dir, "json_out"), max_seq_length: 32, per_device_eval_batch_size: 64, report_to: ["none"],
  }));
  const r = run(["train", args, "--per_device_eval_batch_size", "4"]);
  assert.equal(r.status, 0, r.stderr);
  const res = JSON.parse(readFileSync(path.join(dir, "json_out", "eval_results.json"), "utf8")) as Record<string, number>;
  assert.equal(res.eval_samples, 12);
  assert.equal(typeof res.eval_accuracy, "number");
  assert.ok(!existsSync(path.join(dir, "json_out", "model.safetensors")), "no training, no model saved");
  writeFileSync(args, JSON.stringify({ model_name_or_path: out, output_dir: "o", do_eval: true, num_train_epoch: 1 }));
  const bad = run(["train", args]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown argument 'num_train_epoch'; did you mean 'num_train_epochs'\?/);
});

test("bad input names the file and column (exit 1); inconsistent flags exit 2", () => {
  const noCol = run(["train", ...common(path.join(dir, "o1")), "--do_train", "--label_column_name", "genre"]);
  assert.equal(noCol.status, 1);
  assert.match(noCol.stderr, /train\.csv: no column 'genre' \(--label_column_name\); the file has: title, text, label, doc/);
  const missing = run(["train", "--model_name_or_path", model, "--train_file", f("nope.csv"), "--do_train", "--output_dir", path.join(dir, "o2")]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /--train_file .*nope\.csv: no such file/);
  writeFileSync(f("empty.csv"), "text,label\n");
  const empty = run(["train", "--model_name_or_path", model, "--train_file", f("empty.csv"), "--do_train", "--output_dir", path.join(dir, "o3")]);
  assert.equal(empty.status, 1);
  assert.match(empty.stderr, /empty\.csv/);
  const es = run(["train", ...common(path.join(dir, "o4")), "--do_train", "--early_stopping_patience", "2"]);
  assert.equal(es.status, 2);
  assert.match(es.stderr, /--early_stopping_patience needs --load_best_model_at_end and --eval_strategy/);
  const noFile = run(["train", "--model_name_or_path", model, "--do_predict", "--output_dir", path.join(dir, "o5")]);
  assert.equal(noFile.status, 2);
  assert.match(noFile.stderr, /--do_predict needs --test_file/);
});

test("a JSONL label column of lists is multi-label (HF's predict_results lists); float labels are regression", () => {
  const rows = brownRows("train", 6);
  writeFileSync(f("ml.jsonl"), rows.map((r, i) => JSON.stringify({ text: r.text, labels: i % 2 ? [r.label, "odd"] : [r.label] })).join("\n") + "\n");
  const ml = run(["train", "--model_name_or_path", model, "--train_file", f("ml.jsonl"), "--validation_file", f("ml.jsonl"), "--test_file", f("ml.jsonl"),
    "--label_column_name", "labels", "--do_train", "--do_eval", "--do_predict", "--output_dir", path.join(dir, "ml"), "--num_train_epochs", "1", "--max_seq_length", "32"]);
  assert.equal(ml.status, 0, ml.stderr);
  const config = JSON.parse(readFileSync(path.join(dir, "ml", "config.json"), "utf8")) as { problem_type: string; id2label: Record<string, string> };
  assert.equal(config.problem_type, "multi_label_classification");
  assert.deepEqual(Object.values(config.id2label), ["fiction", "news", "odd", "religion"]);
  assert.equal(typeof (JSON.parse(readFileSync(path.join(dir, "ml", "eval_results.json"), "utf8")) as Record<string, number>).eval_f1, "number");
  const pred = readFileSync(path.join(dir, "ml", "predict_results.txt"), "utf8").trimEnd().split("\n");
  assert.equal(pred.length, 1 + rows.length);
  for (const line of pred.slice(1)) assert.match(line, /^\d+\t\[('(fiction|news|odd|religion)'(, )?)*\]$/);

  writeCsv(f("reg.csv"), rows.map((r, i) => ({ text: r.text, score: 0.5 + i / 4 })));
  const reg = run(["train", "--model_name_or_path", model, "--train_file", f("reg.csv"), "--validation_file", f("reg.csv"), "--test_file", f("reg.csv"),
    "--label_column_name", "score", "--do_train", "--do_eval", "--do_predict", "--output_dir", path.join(dir, "reg"), "--num_train_epochs", "1", "--max_seq_length", "32"]);
  assert.equal(reg.status, 0, reg.stderr);
  assert.equal(typeof (JSON.parse(readFileSync(path.join(dir, "reg", "eval_results.json"), "utf8")) as Record<string, number>).eval_mse, "number");
  const regPred = readFileSync(path.join(dir, "reg", "predict_results.txt"), "utf8").trimEnd().split("\n");
  for (const line of regPred.slice(1)) assert.match(line, /^\d+\t-?\d+\.\d{3}$/);
});
