// Seed 000 — "Intro to deep learning, Lecture 7: Classification via fine-tuning" (J. Gabler), as a
// finetune-ts user writes it. The lecture's code, slide by slide:
//   1. Refresher: pipeline(task="text-classification")
//   2. Refresher: sklearn scores (f1_score(y_test, y_pred, average=None), classification report)
//   3. CPUs vs GPUs: device = cuda if available else cpu, tensors on the device, measuring runtime
//   4. A pipeline on a device
//   5. Fine-tuning: tokenize a dataset, AutoModelForSequenceClassification(num_labels).to(device),
//      compute_metrics with sklearn, TrainingArguments, Trainer.train()
//   6. Using the fine-tuned model: logits under no_grad, softmax, a barh plot of the probabilities
//
// What changed and why: no hub here, so "rotten_tomatoes" (2 classes) becomes two Brown-corpus
// genres (press reportage vs. romance, split by document) written to CSV files and read back with
// load_dataset("csv"); "distilbert-base-uncased" becomes the embedded pretrained Brown BERT
// (models/brown-bert-mlm) and the default text-classification pipeline the embedded genre model.
//
// Run:   node --import tsx examples/seed000_lecture7.ts
// Env:   EXAMPLE_QUICK=1 (6 documents per genre, 64 tokens, batch 16: a smoke test), EXAMPLE_OUT=<folder>
//        (default: <tmp>/finetune-ts-examples/seed000), FINETUNE_TS_MODELS_DIR=<folder holding
//        brown-bert-mlm/ and brown-bert-genres/> (default: the package's models/).
import { mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as torch from "finetune-ts/torch";
import { load_dataset, load_brown_genres } from "finetune-ts/datasets";
import {
  AutoTokenizer, AutoModelForSequenceClassification, TrainingArguments, Trainer, pipeline, DEFAULT_MODELS,
  type EvalPrediction, type ClassificationResult, type SequenceClassifierOutput,
} from "finetune-ts/transformers";
import { f1_score, accuracy_score, classification_report, confusion_matrix } from "finetune-ts/sklearn/metrics";
import { barh } from "finetune-ts/plot";

const QUICK = process.env.EXAMPLE_QUICK === "1";
const OUT = path.resolve(process.env.EXAMPLE_OUT ?? path.join(os.tmpdir(), "finetune-ts-examples", "seed000"));
await mkdir(OUT, { recursive: true });
const started = performance.now();

// The embedded pretrained checkpoint is the fill-mask default (models/brown-bert-mlm).
const model_name = DEFAULT_MODELS.get("fill-mask");
if (model_name === undefined || !DEFAULT_MODELS.has("text-classification")) {
  throw new Error("seed000 needs the embedded models (models/brown-bert-mlm and models/brown-bert-genres): build them with `node --import tsx scripts/make_default_model.ts`, or point FINETUNE_TS_MODELS_DIR at a folder holding them");
}

// ---- Local data: two Brown genres as CSV files (the lecture loads rotten_tomatoes) -------------
const GENRES = ["press_reportage", "romance"];
const brown = await load_brown_genres({ genres: GENRES, max_documents_per_genre: QUICK ? 6 : null });
const dataDir = path.join(OUT, "data");
await mkdir(dataDir, { recursive: true });
const data_files: Record<string, string> = {};
for (const split of ["train", "validation", "test"] as const) {
  data_files[split] = path.join(dataDir, `${split}.csv`);
  await brown[split].select_columns(["text", "label"]).to_csv(data_files[split]);
}

console.log("\n## Refresher 1: Pipeline");
// Create a pipeline with the task "text-classification"; give it a text or a list of texts.
const classifier = await pipeline("text-classification");
const text = "The jury said the city election was conducted well and praised the voters.";
const sentiments = await classifier(text);
console.log(sentiments);

console.log("\n## Refresher 2: Sklearn scores");
// sklearn scores only take y_test and y_pred, so they work on results from any library.
const ds = await load_dataset("csv", { data_files });
// A shuffled sample of the test split (it is stored genre by genre).
const sample = ds.test.shuffle({ seed: 42 }).select(Array.from({ length: Math.min(QUICK ? 16 : 200, ds.test.num_rows) }, (_, i) => i));
const test_texts = sample.column("text") as string[];
const y_test = (sample.column("label") as number[]).map((i) => GENRES[i]!);
const y_pred = ((await classifier(test_texts, { truncation: true, max_length: 128 })) as ClassificationResult[]).map((r) => r.label);
// The embedded genre model never saw these test documents (same document split), and it knows
// all 15 genres: score the two of this task.
console.log("f1_score(y_test, y_pred, average=None):", f1_score(y_test, y_pred, { average: null, labels: GENRES, zero_division: 0 }));
console.log(classification_report(y_test, y_pred, { labels: GENRES, zero_division: 0 }));
console.log("confusion_matrix:", confusion_matrix(y_test, y_pred, { labels: GENRES }));

console.log("\n## CPUs vs GPUs: using GPUs in PyTorch");
// To make your code portable, define device with an if condition.
const device = new torch.device(torch.cuda.is_available() ? "cuda" : "cpu");
console.log("device:", device);
const a = torch.ones(200, 200);
console.log("a.sum():", a.sum());
const a_gpu = torch.ones(200, 200).to(device);
console.log("a_gpu.sum():", a_gpu.sum());
// Be careful: tensors on two devices cannot be mixed.
if (device.type === "cuda") {
  try {
    a.add(a_gpu);
  } catch (e) {
    console.log("a + a_gpu →", (e as Error).message.split("\n")[0]);
  }
} else {
  console.log("a + a_gpu: no GPU here, both tensors live on the CPU, so this works:", a.add(a_gpu).sum().item());
}
// Measuring runtime: a simple approach with a clock; inaccurate for very fast functions, so the
// matrix is larger than on the slide and the operation runs a few times.
const big_cpu = torch.randn(1000, 1000);
const big_dev = big_cpu.to(device);
for (const [name, m] of [["cpu", big_cpu], [device.toString(), big_dev]] as const) {
  const start = performance.now();
  for (let i = 0; i < 5; i++) torch.tidy(() => m.matmul(m).pow(2).sum().item()); // .item() waits for the device
  console.log(`time for 5 × ((m @ m) ** 2).sum() on ${name}: ${((performance.now() - start) / 1000).toFixed(4)} s`);
}

console.log("\n## Using GPUs with the Huggingface pipeline");
// Pass a device to the pipeline ("cuda:0" when there is one).
const classifier_dev = await pipeline("text-classification", { device: torch.cuda.is_available() ? "cuda:0" : null });
console.log(await classifier_dev(text));

console.log("\n## Fine-tuning: tokenizing the dataset");
const tokenizer = await AutoTokenizer.from_pretrained(model_name);
// max_length 128: the Brown BERT was pretrained on 128-token sequences (64 in quick mode).
const max_length = QUICK ? 64 : 128;
const tokenize = (batch: { text: string[] }) => tokenizer(batch["text"], { padding: true, truncation: true, max_length });
const ds_encoded = await ds.map(tokenize, { batched: true, batch_size: null });
console.log("column_names:", ds_encoded.column_names);

console.log("\n## Instantiating a model");
const num_labels = ds.train.unique("label").length;
console.log("len(ds['train'].unique('label')):", num_labels);
const model = (await AutoModelForSequenceClassification.from_pretrained(model_name, {
  num_labels, id2label: Object.fromEntries(GENRES.map((g, i) => [i, g])), label2id: Object.fromEntries(GENRES.map((g, i) => [g, i])),
})).to(device);

// compute_metrics: pred holds logits and labels; argmax turns logits into y_pred.
function compute_metrics(pred: EvalPrediction): Record<string, number> {
  const [logits, labels] = pred;
  const preds = logits.argmax(-1);
  const f1 = f1_score(labels, preds, { average: "weighted" }) as number;
  const acc = accuracy_score(labels, preds);
  return { accuracy: acc, f1 };
}

console.log("\n## Specifying arguments for training");
const batch_size = QUICK ? 16 : 64;
const logging_steps = Math.max(1, Math.floor(ds_encoded.train.num_rows / batch_size));
const output_dir = path.join(OUT, "results");
await rm(output_dir, { recursive: true, force: true });
const training_args = new TrainingArguments({
  // related to optimization
  optim: "adamw_torch",
  per_device_train_batch_size: batch_size,
  num_train_epochs: 3,
  // the slides leave the learning rate at its default (5e-5, for a 66M-parameter DistilBERT);
  // this 4-layer model was pretrained on a small corpus and needs a larger step.
  learning_rate: QUICK ? 1e-3 : 2e-4,
  // related to model selection
  load_best_model_at_end: true,
  metric_for_best_model: "f1",
  // related to monitoring (evaluation_strategy is the deprecated name the slides use)
  output_dir,
  evaluation_strategy: "epoch",
  save_strategy: "epoch",
  disable_tqdm: false,
  logging_steps,
});

console.log("\n## Create a Trainer");
const trainer = new Trainer({
  model,
  args: training_args,
  compute_metrics,
  train_dataset: ds_encoded["train"],
  eval_dataset: ds_encoded["validation"],
});
// The per-epoch table (Epoch | Training Loss | Validation Loss | Accuracy | F1) goes to stderr.
const train_output = await trainer.train();
console.log("TrainOutput", train_output);

// Not on the slide, but what the lecture's task asks next: the held-out test split.
const test_pred = await trainer.predict(ds_encoded["test"]);
const test_labels = Array.from(test_pred.label_ids!.data).map((i) => GENRES[i]!);
const test_y_pred = Array.from(test_pred.predictions.argmax(-1).data).map((i) => GENRES[i]!);
console.log("\nfine-tuned model on the test split:");
console.log(classification_report(test_labels, test_y_pred, { labels: GENRES, digits: 4, zero_division: 0 }));

console.log("\n## Using the fine-tuned model");
const custom_text = "She looked at him across the dance floor and knew she would never love anyone else.";
const input_tensor = tokenizer.encode(custom_text, null, { return_tensors: "pt" }).to(device);
// (AutoModel… classes are typed as PreTrainedModel, whose forward returns unknown: name the output type.)
const logits = torch.no_grad(() => (model.forward({ input_ids: input_tensor }) as SequenceClassifierOutput).logits.cpu());
console.log("logits:", logits);
// A softmax turns the scores into probabilities of a logit model: a subjective degree of
// certainty, not a frequentist probability.
const probs = logits.flatten().softmax(0).tolist() as number[];
console.log("probs:", probs);

// Plotting probabilities: pd.Series(probs, index=labels).plot.barh()
const labels = GENRES;
const png = path.join(OUT, "probabilities.png");
await barh(probs, { labels, title: "P(genre | custom_text)", xlabel: "probability", xlim: [0, 1] }).savefig(png);
console.log(`\nwrote ${png}`);
console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s on ${device} (libtorch ${torch.__version__}, ${torch.get_num_threads()} threads); output in ${OUT}`);
