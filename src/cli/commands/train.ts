// `finetune-ts train`: HF's examples/pytorch/text-classification/run_classification.py as a
// subcommand, with the same flags (ModelArguments, DataTrainingArguments, TrainingArguments) and
// the same outputs: the model + tokenizer in output_dir, train/eval/all_results.json,
// trainer_state.json and predict_results.txt (`index\tprediction`, label names).
// Deliberate differences: --early_stopping_patience/--early_stopping_threshold add HF's
// EarlyStoppingCallback (HF users patch the script for that); multi-label columns are not handled.
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { ArgumentError, HfCommand, addFields, collectFields, readJsonArgs, runAction, type ParsedArgs } from "../hf_argparse.js";
import { DATA_ARGS, EXTRA_ARGS, MODEL_ARGS, trainingArgumentSpecs, trainingInit } from "../train_specs.js";
import { labelsOf, readRows, requireColumn, sortedLabels, textsOf, type LabelValue, type Row } from "../common.js";
import { load_dataset } from "../../datasets/index.js";
import {
  AutoConfig, AutoModelForSequenceClassification, AutoTokenizer, EarlyStoppingCallback, Trainer, TrainingArguments,
  default_data_collator, get_last_checkpoint, type EvalPrediction, type Metrics, type PreTrainedTokenizerFast, type TrainerCallback,
} from "../../transformers/index.js";
import { accuracy_score, f1_score, matthews_corrcoef, mean_squared_error, precision_score, recall_score } from "../../sklearn/metrics/index.js";
import { ValueError } from "../../utils/errors.js";
import { maxPositions } from "./predict.js";

type Split = "train" | "validation" | "test";
interface SplitData { file: string; rows: Row[]; columns: string[] }

export function trainCommand(): Command {
  const trainingSpecs = trainingArgumentSpecs();
  const all = [...MODEL_ARGS, ...DATA_ARGS, ...trainingSpecs, ...EXTRA_ARGS];
  const cmd = new HfCommand("train")
    .description("fine-tune a sequence classifier like HF's run_classification.py (same flags; `train args.json` reads them all from a file)")
    .argument("[args_json]", "a JSON file holding the arguments (HfArgumentParser.parse_json_file); flags given beside it win");
  addFields(cmd, MODEL_ARGS, "Model arguments:");
  addFields(cmd, DATA_ARGS, "Data arguments:");
  addFields(cmd, trainingSpecs, "Training arguments:");
  addFields(cmd, EXTRA_ARGS, "Early stopping:");
  cmd.action(runAction(async (jsonFile: string | undefined, _opts: unknown, self: Command) => {
    if (jsonFile !== undefined && !jsonFile.endsWith(".json")) throw new ArgumentError(`unexpected argument '${jsonFile}': the only positional argument is a .json file of arguments`);
    const json = jsonFile ? readJsonArgs(jsonFile, all) : null;
    const model_args = collectFields(self, MODEL_ARGS, json);
    const data_args = collectFields(self, DATA_ARGS, json);
    const extra = collectFields(self, EXTRA_ARGS, json);
    const training_args = makeTrainingArgs(collectFields(self, trainingSpecs, json), trainingSpecs);
    await runClassification(model_args, data_args, training_args, extra);
  }));
  return cmd;
}

function makeTrainingArgs(parsed: ParsedArgs, specs: ReturnType<typeof trainingArgumentSpecs>): TrainingArguments {
  const init = trainingInit(parsed, specs);
  const cw = init.class_weights;
  if (Array.isArray(cw) && cw.some((w) => !Number.isFinite(w))) throw new ArgumentError(`--class_weights expects numbers (one per label) or 'balanced', got '${(parsed.class_weights as string[]).join(" ")}'`);
  try {
    return new TrainingArguments(init);
  } catch (e) {
    if (e instanceof ValueError) throw new ArgumentError(e.message.replace(/^TrainingArguments: /, ""));
    throw e;
  }
}

const str = (a: ParsedArgs, k: string): string | null => (a[k] as string | null) ?? null;
const int = (a: ParsedArgs, k: string): number | null => (a[k] as number | null) ?? null;

async function loadSplits(d: ParsedArgs, t: TrainingArguments, m: ParsedArgs): Promise<Partial<Record<Split, SplitData>>> {
  const wanted: Array<[Split, boolean, string]> = [["train", t.do_train, "train_file"], ["validation", t.do_eval, "validation_file"], ["test", t.do_predict, "test_file"]];
  const out: Partial<Record<Split, SplitData>> = {};
  const name = str(d, "dataset_name");
  if (name) {
    const ds = await load_dataset(name, { name: str(d, "dataset_config_name"), cache_dir: str(m, "cache_dir"), token: str(m, "token") });
    const removed = new Set((str(d, "remove_splits") ?? "").split(",").map((s) => s.trim()).filter(Boolean));
    for (const [split, needed] of wanted) {
      const key = str(d, `${split}_split_name`) ?? split;
      if (!needed || removed.has(key)) continue;
      const s = ds[key];
      if (!s) throw new Error(`dataset ${name} has no split '${key}' (splits: ${Object.keys(ds).join(", ")}); pick one with --${split}_split_name`);
      out[split] = { file: `${name}[${key}]`, rows: s.to_list() as Row[], columns: s.column_names };
    }
    return out;
  }
  for (const [split, needed, flag] of wanted) {
    const file = str(d, flag);
    if (needed && !file) {
      throw new ArgumentError(`--do_${split === "validation" ? "eval" : split === "test" ? "predict" : "train"} needs --${flag} (or --dataset_name)`);
    }
    if (file && needed) out[split] = { file, ...(await readRows(file, `--${flag}`)) };
  }
  return out;
}

/** run_classification's main(), minus the Hub and distributed parts. */
export async function runClassification(m: ParsedArgs, d: ParsedArgs, t: TrainingArguments, extra: ParsedArgs): Promise<void> {
  if (!t.do_train && !t.do_eval && !t.do_predict) throw new ArgumentError("nothing to do: pass --do_train, --do_eval and/or --do_predict");
  const patience = int(extra, "early_stopping_patience");
  if (patience !== null) {
    if (patience < 1) throw new ArgumentError(`--early_stopping_patience expects a positive integer, got ${patience}`);
    if (!t.load_best_model_at_end || t.eval_strategy === "no") {
      throw new ArgumentError("--early_stopping_patience needs --load_best_model_at_end and --eval_strategy epoch|steps (with a matching --save_strategy), as HF's EarlyStoppingCallback does");
    }
  }

  // Detecting the last checkpoint (run_classification): resume from it, or refuse to overwrite.
  let last_checkpoint: string | null = null;
  if (existsSync(t.output_dir) && t.do_train && !t.overwrite_output_dir) {
    last_checkpoint = await get_last_checkpoint(t.output_dir);
    if (last_checkpoint === null && readdirSync(t.output_dir).length > 0) {
      throw new ValueError(`Output directory (${t.output_dir}) already exists and is not empty. Use --overwrite_output_dir to overcome.`);
    }
    if (last_checkpoint !== null && t.resume_from_checkpoint === null) {
      console.error(`Checkpoint detected, resuming training at ${last_checkpoint}. To avoid this behavior, change the \`--output_dir\` or add \`--overwrite_output_dir\` to train from scratch.`);
    }
  }

  const splits = await loadSplits(d, t, m);
  const removeCols = (str(d, "remove_columns") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const labelCol = str(d, "label_column_name") ?? "label";
  const textCols = (s: SplitData): string[] => {
    const named = str(d, "text_column_names");
    if (named) return named.split(",").map((c) => c.trim());
    const fallback = ["sentence", "text"].find((c) => s.columns.includes(c));
    if (!fallback) throw new Error(`${s.file}: no 'sentence' or 'text' column; name the text column(s) with --text_column_names (the file has: ${s.columns.join(", ")})`);
    return [fallback];
  };
  for (const [split, s] of Object.entries(splits) as Array<[Split, SplitData]>) {
    s.columns = s.columns.filter((c) => !removeCols.includes(c));
    for (const c of textCols(s)) requireColumn(s.file, s.columns, c, "--text_column_names");
    if (split !== "test") requireColumn(s.file, s.columns, labelCol, "--label_column_name");
  }

  // Labels: the sorted unique training labels (HF's get_label_list), or the model's own when not training.
  const config = await AutoConfig.from_pretrained(str(m, "config_name") ?? (m.model_name_or_path as string), {}, hubOpts(m));
  // A label column of lists is multi-label classification (HF: features["label"].dtype == "list").
  const is_multi_label = splits.train ? splits.train.rows.some((r) => Array.isArray(r[labelCol])) : config.problem_type === "multi_label_classification";
  const flatLabels = (s: SplitData): LabelValue[] => (is_multi_label ? multiLabelsOf(s.rows, labelCol, s.file).flat() : labelsOf(s.rows, labelCol, s.file));
  const trainLabels = splits.train ? flatLabels(splits.train) : null;
  const is_regression = !is_multi_label && ((d.do_regression as boolean | null) ?? (trainLabels
    ? trainLabels.every((l) => typeof l === "number") && trainLabels.some((l) => !Number.isInteger(l))
    : config.problem_type === "regression"));
  const task: Task = is_regression ? "regression" : is_multi_label ? "multi_label" : "single_label";
  let label_list: string[] = [];
  if (!is_regression) {
    if (trainLabels) {
      label_list = sortedLabels(trainLabels).map(String);
      for (const split of ["validation", "test"] as const) {
        const s = splits[split];
        if (!s || !s.columns.includes(labelCol)) continue;
        const diff = [...new Set(flatLabels(s).map(String))].filter((l) => !label_list.includes(l));
        if (diff.length) {
          console.warn(`Labels ${diff.join(", ")} in ${split} set but not in training set, adding them to the label list`);
          label_list.push(...diff);
        }
      }
    } else {
      label_list = Object.entries(config.id2label).sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
    }
  }
  const num_labels = is_regression ? 1 : label_list.length;
  // A checkpoint already fine-tuned on the same label names keeps its ids (run_classification).
  const modelIds = Object.keys(config.label2id).sort();
  const label2id: Record<string, number> = !is_regression && modelIds.join("\u0000") === [...label_list].sort().join("\u0000")
    ? { ...config.label2id }
    : Object.fromEntries(label_list.map((l, i) => [l, i]));
  const id2label = Object.fromEntries(Object.entries(label2id).map(([l, i]) => [i, l]));

  const tokenizer = await AutoTokenizer.from_pretrained(str(m, "tokenizer_name") ?? (m.model_name_or_path as string), hubOpts(m));
  const model = await AutoModelForSequenceClassification.from_pretrained(m.model_name_or_path as string, {
    ...hubOpts(m),
    ignore_mismatched_sizes: m.ignore_mismatched_sizes as boolean,
    ...(str(m, "config_name") ? { config } : {}),
    num_labels,
    ...(is_regression ? { problem_type: "regression" } : { id2label, label2id }),
    ...(is_multi_label ? { problem_type: "multi_label_classification" } : {}),
  });

  let max_seq_length = d.max_seq_length as number;
  if (max_seq_length > tokenizer.model_max_length) {
    console.warn(`The max_seq_length passed (${max_seq_length}) is larger than the maximum length for the model (${tokenizer.model_max_length}). Using max_seq_length=${tokenizer.model_max_length}.`);
    max_seq_length = tokenizer.model_max_length;
  }
  const positions = maxPositions(config.to_dict() as Record<string, unknown>);
  if (positions !== null && max_seq_length > positions) {
    console.warn(`The max_seq_length passed (${max_seq_length}) is larger than the model's ${positions} position embeddings. Using max_seq_length=${positions}.`);
    max_seq_length = positions;
  }
  const pad = d.pad_to_max_length as boolean;
  const encode = (s: SplitData, withLabels: boolean, max: number | null): Row[] => {
    let rows = s.rows;
    if (max !== null) rows = rows.slice(0, Math.min(max, rows.length));
    const texts = textsOf(rows, textCols(s), d.text_column_delimiter as string, s.file);
    const labels = !withLabels ? null : is_multi_label ? multiLabelsOf(rows, labelCol, s.file) : labelsOf(rows, labelCol, s.file);
    return encodeRows(tokenizer, texts, labels, { max_seq_length, pad, task, label2id });
  };

  let train = splits.train;
  if (train && d.shuffle_train_dataset) train = { ...train, rows: shuffled(train.rows, d.shuffle_seed as number) };
  const train_dataset = train ? encode(train, true, int(d, "max_train_samples")) : undefined;
  const eval_dataset = splits.validation ? encode(splits.validation, true, int(d, "max_eval_samples")) : undefined;
  const predict_dataset = splits.test ? encode(splits.test, false, int(d, "max_predict_samples")) : undefined;

  const callbacks: TrainerCallback[] = patience !== null ? [new EarlyStoppingCallback(patience, extra.early_stopping_threshold as number)] : [];
  const trainer = new Trainer({
    model, args: t, train_dataset, eval_dataset, tokenizer, callbacks,
    compute_metrics: (p) => computeMetrics(p, task, str(d, "metric_name")),
    ...(pad ? { data_collator: default_data_collator } : {}),
  });

  if (t.do_train) {
    const checkpoint = t.resume_from_checkpoint ?? last_checkpoint;
    const result = await trainer.train({ resume_from_checkpoint: checkpoint });
    const metrics: Metrics = { ...result.metrics, train_samples: train_dataset!.length };
    await trainer.save_model();
    logMetrics("train", metrics);
    await saveMetrics(t.output_dir, "train", metrics);
    await trainer.state.save_to_json(path.join(t.output_dir, "trainer_state.json"));
  }
  if (t.do_eval) {
    const metrics: Metrics = { ...(await trainer.evaluate({ eval_dataset: eval_dataset! })), eval_samples: eval_dataset!.length };
    logMetrics("eval", metrics);
    await saveMetrics(t.output_dir, "eval", metrics);
  }
  if (t.do_predict) {
    const { predictions } = await trainer.predict(predict_dataset!, { metric_key_prefix: "predict" });
    const [n, C] = [predictions.shape[0]!, predictions.shape[1] ?? 1];
    const data = predictions.tolist() as number[][] | number[];
    const lines = ["index\tprediction"];
    for (let i = 0; i < n; i++) {
      const row = (Array.isArray(data[i]) ? data[i] : [data[i]]) as number[];
      if (is_regression) lines.push(`${i}\t${row[0]!.toFixed(3)}`);
      // HF writes the Python list of predicted label names (logit > 0, i.e. sigmoid > 0.5).
      else if (is_multi_label) lines.push(`${i}\t[${row.flatMap((v, j) => (v > 0 ? [`'${id2label[j]}'`] : [])).join(", ")}]`);
      else lines.push(`${i}\t${id2label[argmax(row.slice(0, C))]}`);
    }
    await mkdir(t.output_dir, { recursive: true });
    const file = path.join(t.output_dir, "predict_results.txt");
    await writeFile(file, lines.join("\n") + "\n");
    console.error(`***** Predict results saved at ${file} *****`);
  }
  model.dispose();
}

function hubOpts(m: ParsedArgs): { revision?: string; cache_dir?: string; token?: string } {
  return {
    ...(m.model_revision && m.model_revision !== "main" ? { revision: m.model_revision as string } : {}),
    ...(m.cache_dir ? { cache_dir: m.cache_dir as string } : {}),
    ...(m.token ? { token: m.token as string } : {}),
  };
}

type Task = "regression" | "single_label" | "multi_label";
interface EncodeConfig { max_seq_length: number; pad: boolean; task: Task; label2id: Record<string, number> }

/** A multi-label column: each cell a list of labels (a JSON/JSONL/parquet list column). */
function multiLabelsOf(rows: readonly Row[], column: string, file: string): LabelValue[][] {
  return rows.map((r, i) => {
    const v = r[column];
    if (!Array.isArray(v)) throw new Error(`${file}: row ${i + 1}: column '${column}' holds lists of labels (multi-label), but this row has ${JSON.stringify(v)}`);
    return labelsOf(v.map((x) => ({ [column]: x })), column, `${file} row ${i + 1}`);
  });
}

/** Tokenized rows (plain arrays; the collator makes tensors per batch) with `label` ids. */
function encodeRows(tokenizer: PreTrainedTokenizerFast, texts: string[], labels: Array<LabelValue | LabelValue[]> | null, c: EncodeConfig): Row[] {
  const enc = tokenizer(texts, { truncation: true, max_length: c.max_seq_length, padding: c.pad ? "max_length" : false });
  const cols = Object.entries(enc).filter(([, v]) => Array.isArray(v)) as Array<[string, number[][]]>;
  return texts.map((_, i) => {
    const row: Row = Object.fromEntries(cols.map(([k, v]) => [k, v[i]]));
    const y = labels?.[i];
    if (y === undefined) return row;
    if (c.task === "regression") row.label = Number(y);
    else if (c.task === "single_label") row.label = c.label2id[String(y)];
    else {
      // Multi-hot; the model's multi_label problem_type makes BCE cast it to float.
      const hot = new Array<number>(Object.keys(c.label2id).length).fill(0);
      for (const l of y as LabelValue[]) hot[c.label2id[String(l)]!] = 1;
      row.label = hot;
    }
    return row;
  });
}

function argmax(row: readonly number[]): number {
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j]! > row[best]!) best = j;
  return best;
}

/** HF's default metrics for the task (accuracy; mse for regression) plus the macro F1 users add. */
function computeMetrics(p: EvalPrediction, task: Task, metric_name: string | null): Metrics {
  const logits = p.predictions.tolist() as number[][];
  if (task === "multi_label") {
    // HF: preds = logits > 0, then micro-averaged f1 (evaluate's "f1", config "multilabel").
    const hot = logits.map((r) => r.map((v) => (v > 0 ? 1 : 0)));
    const truth = p.label_ids.tolist() as number[][];
    const opts = { average: "micro" as const, zero_division: 0 };
    if (metric_name === "precision") return { precision: precision_score(truth, hot, opts) as number };
    if (metric_name === "recall") return { recall: recall_score(truth, hot, opts) as number };
    return { f1: f1_score(truth, hot, opts) as number };
  }
  const y = (p.label_ids.tolist() as number[]).map(Number);
  if (task === "regression") {
    const preds = logits.map((r) => (Array.isArray(r) ? r[0]! : (r as number)));
    return { mse: mean_squared_error(y, preds) as number };
  }
  const preds = logits.map((r) => argmax(r));
  switch (metric_name) {
    case "f1": return { f1: f1_score(y, preds, { average: "macro" }) as number };
    case "precision": return { precision: precision_score(y, preds, { average: "macro", zero_division: 0 }) as number };
    case "recall": return { recall: recall_score(y, preds, { average: "macro", zero_division: 0 }) as number };
    case "matthews_correlation": return { matthews_correlation: matthews_corrcoef(y, preds) };
    case "accuracy": return { accuracy: accuracy_score(y, preds) as number };
    default: return { accuracy: accuracy_score(y, preds) as number, f1: f1_score(y, preds, { average: "macro", zero_division: 0 }) as number };
  }
}

/** A seeded Fisher–Yates shuffle (HF shuffles with shuffle_seed before max_train_samples). */
function shuffled<T>(rows: readonly T[], seed: number): T[] {
  let s = seed >>> 0 || 1;
  const rand = (): number => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 2 ** 32;
  };
  const out = [...rows];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** HF's metrics_format: runtimes as h:mm:ss.ss, total_flos in GF, floats to 4 digits. */
function formatMetric(k: string, v: number): string {
  if (k.endsWith("_runtime")) {
    const h = Math.floor(v / 3600), mm = Math.floor((v % 3600) / 60), ss = v % 60;
    return `${h}:${String(mm).padStart(2, "0")}:${ss.toFixed(2).padStart(5, "0")}`;
  }
  if (k === "total_flos") return `${Math.round(v / 2 ** 30)}GF`;
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e4) / 1e4);
}

/** HF's Trainer.log_metrics: "***** train metrics *****" then aligned `key = value` lines. */
export function logMetrics(split: string, metrics: Metrics): void {
  const f = Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, formatMetric(k, v)]));
  const kw = Math.max(...Object.keys(f).map((k) => k.length));
  const vw = Math.max(...Object.values(f).map((v) => v.length));
  console.error(`***** ${split} metrics *****`);
  for (const k of Object.keys(f).sort()) console.error(`  ${k.padEnd(kw)} = ${f[k]!.padStart(vw)}`);
}

/** HF's Trainer.save_metrics(split, combined=True): `{split}_results.json` and all_results.json, keys sorted. */
export async function saveMetrics(output_dir: string, split: string, metrics: Metrics): Promise<void> {
  await mkdir(output_dir, { recursive: true });
  const sorted = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  await writeFile(path.join(output_dir, `${split}_results.json`), JSON.stringify(sorted(metrics), null, 4) + "\n");
  const allFile = path.join(output_dir, "all_results.json");
  const all = existsSync(allFile) ? (JSON.parse(await readFile(allFile, "utf8")) as Record<string, unknown>) : {};
  await writeFile(allFile, JSON.stringify(sorted({ ...all, ...metrics }), null, 4) + "\n");
}
