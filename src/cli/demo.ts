// The lecture the seeds teach, on real text, offline: Brown-corpus genre classification.
//   1. data: train/validation/test split by document (load_brown_genres)
//   2. baseline: seed 003's stop-word preprocessing + TfidfVectorizer + MultinomialNB
//   3. fine-tune the embedded pretrained checkpoint (models/brown-bert-mlm) with the Trainer:
//      per-epoch table, best checkpoint by macro-F1, early stopping
//   4. feature extraction + LogisticRegression (seed 000's "fine-tuning vs feature extraction"):
//      mean-pooled hidden states of the same pretrained model, frozen
//   5. pipeline("text-classification") on new sentences, with probabilities; the embedded
//      part-of-speech tagger (pipeline("token-classification")) on one of them
//   6. PNGs (probabilities, training curves, confusion matrices) and a summary table
// `quick` (CI) keeps 4 genres, 8 documents each, one epoch at 64 tokens: about 2 minutes on 2 cores.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import * as torch from "../torch/index.js";
import { load_brown_genres } from "../datasets/index.js";
import { AutoTokenizer, BertForSequenceClassification, DataCollatorWithPadding, EarlyStoppingCallback, Trainer, TrainingArguments, pipeline, type EvalPrediction } from "../transformers/index.js";
import { DEFAULT_MODELS, EMBEDDED_MODELS_DIR } from "../transformers/pipelines/index.js";
import { TfidfVectorizer, ENGLISH_STOP_WORDS } from "../sklearn/feature_extraction/text.js";
import { MultinomialNB } from "../sklearn/naive_bayes.js";
import { LogisticRegression } from "../sklearn/linear_model/index.js";
import { Pipeline } from "../sklearn/pipeline.js";
import { accuracy_score, classification_report, confusion_matrix, f1_score } from "../sklearn/metrics/index.js";
import { barh, confusion_matrix_plot } from "../plot/index.js";
import { formatConfusionMatrix } from "./common.js";

export interface DemoOptions {
  quick?: boolean;
  output_dir?: string;
}

const FULL_GENRES = ["press_reportage", "religion", "skill_and_hobbies", "learned", "fiction_general", "romance"];
const QUICK_GENRES = ["press_reportage", "religion", "learned", "romance"];
const SENTENCES = [
  "The senator said the committee will vote on the new tax bill next week .",
  "She held him close and whispered that she had loved him all along .",
  "Faith in God gives the believer strength to forgive those who sin against him .",
  "The measured coefficients agree with the theoretical model within experimental error .",
];

interface Row { method: string; accuracy: number; f1_macro: number; seconds: number }

function step(k: number, title: string): void {
  console.log(`\n=== Step ${k}/6: ${title} ===`);
}

export async function runDemo(o: DemoOptions = {}): Promise<{ rows: Row[]; files: string[] }> {
  const quick = o.quick ?? false;
  const out = path.resolve(o.output_dir ?? "demo_output");
  const base = path.join(EMBEDDED_MODELS_DIR, "brown-bert-mlm");
  if (!existsSync(path.join(base, "config.json"))) throw new Error(`the demo fine-tunes the embedded pretrained model, and ${base} is missing; build it with \`node --import tsx scripts/make_default_model.ts\``);
  await mkdir(out, { recursive: true });
  const started = performance.now();
  const rows: Row[] = [];
  const files: string[] = [];

  step(1, "Brown-corpus genres, split by document");
  const genres = quick ? QUICK_GENRES : FULL_GENRES;
  const ds = await load_brown_genres({ genres, max_documents_per_genre: quick ? 8 : null });
  for (const s of ["train", "validation", "test"] as const) console.log(`${s.padEnd(10)} ${String(ds[s].num_rows).padStart(5)} texts of 5 sentences`);
  const names = genres.slice();
  const yOf = (s: "train" | "validation" | "test"): string[] => (ds[s].column("label") as number[]).map((i) => names[i]!);
  const [Xtr, Xte] = (["train", "test"] as const).map((s) => ds[s].column("text") as string[]);
  const [ytr, yte] = [yOf("train"), yOf("test")];
  const score = (method: string, pred: string[], t0: number): void => {
    rows.push({ method, accuracy: accuracy_score(yte, pred), f1_macro: f1_score(yte, pred, { average: "macro", labels: names }) as number, seconds: (performance.now() - t0) / 1000 });
  };

  step(2, "baseline: stop words removed, TF-IDF + MultinomialNB (seed 003)");
  let t0 = performance.now();
  const preprocess_text = (t: string): string => t.toLowerCase().split(/\s+/).filter((w) => w && !ENGLISH_STOP_WORDS.has(w)).join(" ");
  const nb = new Pipeline([["tfidf", new TfidfVectorizer()], ["nb", new MultinomialNB()]]);
  nb.fit(Xtr.map(preprocess_text), ytr);
  const nbPred = nb.predict(Xte.map(preprocess_text)) as string[];
  console.log(classification_report(yte, nbPred, { labels: names, zero_division: 0 }));
  score("TF-IDF + naive Bayes", nbPred, t0);
  files.push(path.join(out, "confusion_matrix_baseline.png"));
  await confusion_matrix_plot(confusion_matrix(yte, nbPred, { labels: names }) as number[][], { labels: names, title: "TF-IDF + naive Bayes (test)" }).savefig(files.at(-1)!);

  step(3, "fine-tune the pretrained Brown BERT (models/brown-bert-mlm) with the Trainer");
  t0 = performance.now();
  const tokenizer = await AutoTokenizer.from_pretrained(base);
  const max_length = quick ? 64 : 128;
  const enc = await ds.map((b) => tokenizer(b.text as string[], { truncation: true, max_length }) as unknown as Record<string, unknown[]>, { batched: true });
  const model = await BertForSequenceClassification.from_pretrained(base, { num_labels: names.length, id2label: Object.fromEntries(names.map((n, i) => [i, n])), label2id: Object.fromEntries(names.map((n, i) => [n, i])), verbose: false });
  const runDir = path.join(out, "fine-tune");
  await rm(runDir, { recursive: true, force: true });
  const trainer = new Trainer({
    model, tokenizer, train_dataset: enc.train, eval_dataset: enc.validation, data_collator: DataCollatorWithPadding({ tokenizer }),
    args: new TrainingArguments({
      output_dir: runDir, num_train_epochs: quick ? 1 : 3, per_device_train_batch_size: 16, per_device_eval_batch_size: 64, learning_rate: 1e-4,
      warmup_ratio: 0.06, weight_decay: 0.01, eval_strategy: "epoch", save_strategy: "epoch", save_total_limit: 1,
      load_best_model_at_end: true, metric_for_best_model: "f1_macro", logging_steps: 20, seed: 42,
    }),
    compute_metrics: ([logits, labels]: EvalPrediction) => {
      const p = Array.from(logits.argmax(-1).data);
      return { accuracy: accuracy_score(Array.from(labels.data), p), f1_macro: f1_score(Array.from(labels.data), p, { average: "macro" }) as number };
    },
    callbacks: [new EarlyStoppingCallback(2)],
  });
  await trainer.train();
  const preds = await trainer.predict(enc.test);
  const ftPred = Array.from(preds.predictions.argmax(-1).data).map((i) => names[i]!);
  console.log(classification_report(yte, ftPred, { labels: names, zero_division: 0 }));
  const cm = confusion_matrix(yte, ftPred, { labels: names }) as number[][];
  console.log(formatConfusionMatrix(names, cm));
  score("fine-tuned BERT", ftPred, t0);
  const modelDir = path.join(out, "model");
  await trainer.save_model(modelDir);
  files.push(path.join(runDir, "training_curves.png"), path.join(out, "confusion_matrix.png"));
  await confusion_matrix_plot(cm, { labels: names, title: "fine-tuned BERT (test)" }).savefig(files.at(-1)!);

  step(4, "feature extraction: frozen pretrained BERT, mean-pooled, + LogisticRegression (seed 000)");
  t0 = performance.now();
  const extractor = await pipeline("feature-extraction", { model: base, batch_size: 32 });
  const feats = async (texts: string[]): Promise<number[][]> => (await extractor(texts, { pooling: "mean", truncation: true, tokenize_kwargs: { max_length } })) as unknown as number[][];
  const lr = new LogisticRegression({ max_iter: 1000 });
  lr.fit(await feats(Xtr), ytr);
  const lrPred = lr.predict(await feats(Xte)) as string[];
  console.log(classification_report(yte, lrPred, { labels: names, zero_division: 0 }));
  score("BERT features + logistic regression", lrPred, t0);

  step(5, 'pipeline("text-classification") on new sentences');
  const classifier = await pipeline("text-classification", { model: modelDir });
  for (const [i, s] of SENTENCES.entries()) {
    const all = (await classifier(s, { top_k: null })) as Array<{ label: string; score: number }>;
    console.log(`${JSON.stringify(s)}\n  → ${all.slice(0, 3).map((r) => `${r.label} ${r.score.toFixed(3)}`).join(", ")}`);
    if (i === 0) {
      files.push(path.join(out, "probabilities.png"));
      const probs = Object.fromEntries(names.map((n) => [n, all.find((r) => r.label === n)!.score]));
      await barh(probs, { title: `P(genre | "${s.slice(0, 40)}…")`, xlabel: "probability", xlim: [0, 1] }).savefig(files.at(-1)!);
    }
  }

  if (DEFAULT_MODELS.has("token-classification")) {
    // The embedded part-of-speech tagger (pipeline("ner") with no model), one word per group.
    const tagger = await pipeline("token-classification", { aggregation_strategy: "first", model_kwargs: { verbose: false } });
    const words = (await tagger(SENTENCES[0])) as Array<{ word: string; entity_group: string }>;
    console.log(`\npipeline("token-classification") (the embedded Brown POS tagger):\n  ${words.map((w) => `${w.word}/${w.entity_group}`).join(" ")}`);
  }

  step(6, "summary");
  console.log("\n| method | test accuracy | test macro-F1 | seconds |\n|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.method} | ${r.accuracy.toFixed(4)} | ${r.f1_macro.toFixed(4)} | ${r.seconds.toFixed(1)} |`);
  const summary = { quick, genres: names, test_texts: yte.length, rows, wall_seconds: (performance.now() - started) / 1000, libtorch: torch.__version__ };
  files.push(path.join(out, "summary.json"), modelDir);
  await writeFile(files.at(-2)!, JSON.stringify(summary, null, 2) + "\n");
  console.log(`\nDone in ${(summary.wall_seconds / 60).toFixed(1)} min. Files:\n${files.map((f) => `  ${f}`).join("\n")}`);
  return { rows, files };
}
