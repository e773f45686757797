// Seed 003 — "LLMs Transfer Learning, Example 1: Text Classification" (S. Bakos; a Yelp-review
// notebook after the HF docs), as a finetune-ts user writes it:
//   1. load_dataset; print one training example
//   2. AutoTokenizer + dataset.map(tokenize_function, batched=True) (padding="max_length")
//   3. small subsets: shuffle(seed=42).select(range(1000)) of train and test
//   4. AutoModelForSequenceClassification(num_labels=5); TrainingArguments(output_dir,
//      evaluation_strategy="epoch") with everything else at its default; evaluate.load("accuracy")
//      in compute_metrics; Trainer.train() and its per-epoch eval dicts
//   5. the comparison with classical ML: stop-word preprocessing (ENGLISH_STOP_WORDS) +
//      Pipeline([("tfidf", TfidfVectorizer()), ("nb", MultinomialNB())]), accuracy_score
//
// What changed and why: no hub here, so yelp_review_full (5 star ratings) becomes five Brown-corpus
// genres (texts of 5 sentences, split by document) written to train/test CSV files and read with
// load_dataset("csv"); "distilbert-base-uncased" becomes the embedded pretrained Brown BERT
// (models/brown-bert-mlm). padding="max_length" pads to 128 tokens, the length that model was
// pretrained on (its tokenizer's model_max_length of 512 would mostly be padding).
//
// Run:   node --import tsx examples/seed003_tfidf_baseline.ts
// Env:   EXAMPLE_QUICK=1 (100-text subsets, 2 epochs: a smoke test), EXAMPLE_OUT=<folder> (default:
//        <tmp>/finetune-ts-examples/seed003), FINETUNE_TS_MODELS_DIR=<folder holding brown-bert-mlm/>.
import { mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as torch from "finetune-ts/torch";
import { load_dataset, load_brown_genres, concatenate_datasets } from "finetune-ts/datasets";
import { AutoTokenizer, AutoModelForSequenceClassification, TrainingArguments, Trainer, DEFAULT_MODELS, type EvalPrediction } from "finetune-ts/transformers";
import * as evaluate from "finetune-ts/evaluate";
import { TfidfVectorizer, ENGLISH_STOP_WORDS } from "finetune-ts/sklearn/feature_extraction/text";
import { MultinomialNB } from "finetune-ts/sklearn/naive_bayes";
import { Pipeline } from "finetune-ts/sklearn/pipeline";
import { accuracy_score, classification_report } from "finetune-ts/sklearn/metrics";

const QUICK = process.env.EXAMPLE_QUICK === "1";
const OUT = path.resolve(process.env.EXAMPLE_OUT ?? path.join(os.tmpdir(), "finetune-ts-examples", "seed003"));
const MODEL_NAME = DEFAULT_MODELS.get("fill-mask"); // the embedded models/brown-bert-mlm
if (MODEL_NAME === undefined) {
  throw new Error("seed003 fine-tunes the embedded pretrained model models/brown-bert-mlm: build it with `node --import tsx scripts/make_default_model.ts`, or point FINETUNE_TS_MODELS_DIR at a folder holding brown-bert-mlm/");
}
const N = QUICK ? 100 : 1000; // the notebook's range(1000)
const started = performance.now();

// ---- Local data: five Brown genres stand in for the five star ratings --------------------------
const GENRES = ["press_reportage", "religion", "skill_and_hobbies", "learned", "romance"];
{
  const brown = await load_brown_genres({ genres: GENRES, max_documents_per_genre: QUICK ? 10 : null });
  await mkdir(path.join(OUT, "data"), { recursive: true });
  // The notebook uses yelp_review_full's train and test splits; validation documents join test.
  await brown.train.select_columns(["label", "text"]).to_csv(path.join(OUT, "data/train.csv"));
  await concatenate_datasets([brown.validation, brown.test]).select_columns(["label", "text"]).to_csv(path.join(OUT, "data/test.csv"));
}

// #### Load the dataset
const dataset = await load_dataset("csv", { data_files: { train: path.join(OUT, "data/train.csv"), test: path.join(OUT, "data/test.csv") } });
// print an example from the training set
console.log(dataset["train"].at(100));
// Each example has a text and a genre (0-4, the order of GENRES): predict the genre from the text
// (5-class classification).

// #### Preprocess Text
// use the model's own tokenizer: it is what the model expects as input.
const tokenizer = await AutoTokenizer.from_pretrained(MODEL_NAME);
function tokenize_function(examples: { text: string[] }) {
  // padding and truncation control for variable length sequences
  return tokenizer(examples["text"], { padding: "max_length", truncation: true, max_length: 128 });
}
// apply to all splits with .map()
const tokenized_datasets = await dataset.map(tokenize_function, { batched: true });

// Lets take a reduced subset of the data to speed up for demo purposes
const small_train_dataset = tokenized_datasets["train"].shuffle({ seed: 42 }).select(Array.from({ length: Math.min(N, tokenized_datasets.train.num_rows) }, (_, i) => i));
const small_eval_dataset = tokenized_datasets["test"].shuffle({ seed: 42 }).select(Array.from({ length: Math.min(N, tokenized_datasets.test.num_rows) }, (_, i) => i));

// #### Train
// This will warn that the classification head is newly initialised: this model isn't trained on
// a specific task yet.
const model = await AutoModelForSequenceClassification.from_pretrained(MODEL_NAME, { num_labels: 5 });

// Only the output directory and an evaluation every epoch, as in the notebook; everything else at
// its default (3 epochs, batch size 8, AdamW, lr 5e-5, linear decay). disable_tqdm prints the log
// dicts, as the notebook's output shows them.
const output_dir = path.join(OUT, "test_trainer");
await rm(output_dir, { recursive: true, force: true });
const training_args = new TrainingArguments({ output_dir, evaluation_strategy: "epoch", disable_tqdm: true, ...(QUICK ? { num_train_epochs: 2, learning_rate: 1e-3 } : {}) });

// By default the model is not evaluated with an interpretable metric (the loss is cross-entropy):
// pass the Trainer an evaluation function.
const metric = await evaluate.load("accuracy");
function compute_metrics(eval_pred: EvalPrediction) {
  const [logits, labels] = eval_pred; // raw outputs, actual labels
  const predictions = logits.argmax(-1); // prediction is the highest output
  return metric.compute({ predictions, references: labels }); // accuracy computation
}

const trainer = new Trainer({
  model,
  args: training_args,
  train_dataset: small_train_dataset,
  eval_dataset: small_eval_dataset,
  compute_metrics,
});

// Run it! Slow even with a GPU, smaller BERT and a small dataset; the Trainer uses CUDA when there
// is one.
console.log(`\nTraining on ${torch.cuda.is_available() ? "cuda" : "cpu"} (libtorch ${torch.__version__}, ${torch.get_num_threads()} threads): ${small_train_dataset.num_rows} train / ${small_eval_dataset.num_rows} eval texts`);
const out = await trainer.train();
console.log("TrainOutput", out);

console.log("\nRESULTS:");
for (const log of trainer.state.log_history.filter((l) => "eval_accuracy" in l)) console.log(`Epoch ${log.epoch}: ${log.eval_accuracy}`);
const transformer_accuracy = trainer.state.log_history.filter((l) => "eval_accuracy" in l).at(-1)!.eval_accuracy!;

// #### Comparison
console.log(small_train_dataset);
console.log("type of small_train_dataset['label']:", Array.isArray(small_train_dataset.column("label")) ? "Array" : typeof small_train_dataset.column("label"));

// #### Classical ML for Comparison: TF-IDF for representation, multinomial naive Bayes for
// classification
function preprocess_text(text: string): string {
  text = text.toLowerCase();
  text = text.split(/\s+/).filter((word) => word && !ENGLISH_STOP_WORDS.has(word)).join(" ");
  return text;
}
const t0 = performance.now();
const X_train = (small_train_dataset.column("text") as string[]).map(preprocess_text);
const y_train = small_train_dataset.column("label") as number[];
const X_test = (small_eval_dataset.column("text") as string[]).map(preprocess_text);
const y_test = small_eval_dataset.column("label") as number[];

const pipeline = new Pipeline([
  ["tfidf", new TfidfVectorizer()],
  ["nb", new MultinomialNB()],
]);

pipeline.fit(X_train, y_train);
const y_pred = pipeline.predict(X_test);

const accuracy = accuracy_score(y_test, y_pred);
console.log("Accuracy:", accuracy);
console.log(classification_report(y_test, y_pred, { target_names: GENRES, zero_division: 0 }));

console.log(`fine-tuned Brown BERT accuracy ${transformer_accuracy.toFixed(4)} vs TF-IDF + naive Bayes accuracy ${accuracy.toFixed(4)} (baseline fit+predict ${((performance.now() - t0) / 1000).toFixed(2)} s; total ${((performance.now() - started) / 1000).toFixed(1)} s)`);
