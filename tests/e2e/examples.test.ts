// The seed examples (examples/seed00*.ts) run as a user runs them — `node --import tsx <file>` in
// a child process, importing the package by its own name ("finetune-ts/…" → dist/) — in quick mode
// (EXAMPLE_QUICK=1), each writing into its own temp folder. They fine-tune the embedded pretrained
// model, so they need models/brown-bert-mlm (and seed 000 models/brown-bert-genres): the folder
// FINETUNE_TS_MODELS_DIR names, else the package's models/. Without them the tests skip, saying so.
// Checks: exit code 0, the seed's key printed lines (reports, tables, summary), the PNGs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MODELS = path.resolve(process.env.FINETUNE_TS_MODELS_DIR ?? path.join(ROOT, "models"));
const missing = ["brown-bert-mlm", "brown-bert-genres"].filter((m) => !existsSync(path.join(MODELS, m, "config.json")));
const noDist = !existsSync(path.join(ROOT, "dist/plot/index.js")) || !existsSync(path.join(ROOT, "dist/transformers/index.js"));
const skip = missing.length
  ? `needs the embedded models ${missing.map((m) => path.join(MODELS, m)).join(", ")} (build them with \`node --import tsx scripts/make_default_model.ts\`, or set FINETUNE_TS_MODELS_DIR)`
  : noDist
    ? "the examples import finetune-ts by name, which resolves to dist/: run `npm run build` first"
    : false;

function run(file: string): { out: string; dir: string; seconds: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fts-example-"));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join("examples", file)], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, EXAMPLE_QUICK: "1", EXAMPLE_OUT: dir, FINETUNE_TS_MODELS_DIR: MODELS },
  });
  const out = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 0, `${file} exited with ${r.status} (signal ${r.signal}):\n${out.slice(-4000)}`);
  return { out, dir, seconds: (performance.now() - t0) / 1000 };
}

function has(out: string, ...patterns: Array<string | RegExp>): void {
  for (const p of patterns) assert.ok(typeof p === "string" ? out.includes(p) : p.test(out), `output lacks ${String(p)}:\n${out.slice(-3000)}`);
}

test("seed 000 (lecture 7): pipeline, sklearn scores, devices, Trainer fine-tune, probabilities barh", { skip }, () => {
  const { out, dir } = run("seed000_lecture7.ts");
  has(out, "## Refresher 1: Pipeline", "f1_score(y_test, y_pred, average=None):", /precision\s+recall\s+f1-score\s+support/,
    "device: device(type='", "a.sum(): tensor(40000.)", "Epoch | Training Loss | Validation Loss | Accuracy | F1", /^3 \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+$/m,
    "TrainOutput", "global_step", "logits: tensor([[", "probs: [", /Done in [\d.]+ s on (cpu|cuda)/);
  assert.ok(existsSync(path.join(dir, "probabilities.png")));
  assert.ok(existsSync(path.join(dir, "results", "training_curves.png")));
  rmSync(dir, { recursive: true, force: true });
});

test("seed 001: custom Dataset + DataLoader, AdamW + linear schedule, validation every N batches, early stop", { skip }, () => {
  const { out, dir } = run("seed001_manual_loop.ts");
  has(out, "input_ids\ntensor([[", "attention_mask\ntensor([[", /Training on (cpu|cuda)/, /Batch 5 - validation loss=[\d.]+/,
    /Trained \d+ batches in [\d.]+ s/, /Accuracy: [\d.]+%/, /Macro F1: [\d.]+/, /precision\s+recall\s+f1-score\s+support/);
  rmSync(dir, { recursive: true, force: true });
});

test("seed 002: grid search (classical and fine-tuning), recipe, early stopping, Trainer vs TF-IDF", { skip }, () => {
  const { out, dir } = run("seed002_trainer_vs_tfidf.ts");
  has(out, "trials in the SVM grid: 12", "rank | mean_test_score | params", "best_params_:", /trial 1 \{.*\}: validation F1 per epoch/,
    "best fine-tuning trial:", /precision\s+recall\s+f1-score\s+support/, "| method | test accuracy | test macro-F1 | grid size | seconds |",
    /\| TF-IDF \+ naive Bayes \| [\d.]+ \| [\d.]+ \| 12 \|/, /\| fine-tuned Brown BERT \| [\d.]+ \| [\d.]+ \| 2 \|/);
  assert.ok(existsSync(path.join(dir, "training_curves_best.png")));
  rmSync(dir, { recursive: true, force: true });
});

test("seed 003: Trainer on small subsets with evaluate's accuracy, then stop words + TF-IDF + naive Bayes", { skip }, () => {
  const { out, dir } = run("seed003_tfidf_baseline.ts");
  has(out, /"eval_accuracy":[\d.]+/, "TrainOutput", "RESULTS:", /Epoch 2: [\d.]+/, "Dataset({", "num_rows: 100", /Accuracy: [\d.]+/,
    /precision\s+recall\s+f1-score\s+support/, /fine-tuned Brown BERT accuracy [\d.]+ vs TF-IDF \+ naive Bayes accuracy [\d.]+/);
  rmSync(dir, { recursive: true, force: true });
});
