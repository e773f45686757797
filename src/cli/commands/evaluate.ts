// `finetune-ts evaluate MODEL_DIR --file F`: the seeds' "sklearn scores on huggingface models" in
// one command — predictions through the text-classification pipeline, then sklearn's
// classification_report text and the confusion matrix (labels as headers); --output_dir also
// writes eval_report.json (accuracy, macro/weighted P/R/F1, the matrix).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Option, type Command } from "commander";
import { HfCommand, required, runAction } from "../hf_argparse.js";
import { checkKnownLabels, labelsOf, positiveInt, readRows, report, requireColumn, textsOf, writeReport } from "../common.js";
import { checkModelDir, makeClassifier } from "./predict.js";

interface EvaluateOptions {
  file: string;
  text_column?: string;
  label_column: string;
  batch_size: number;
  max_length?: number;
  output_dir?: string;
  device?: string;
}

export function evaluateCommand(): Command {
  return new HfCommand("evaluate")
    .description("score a model folder on a labelled file: sklearn's classification report and the confusion matrix")
    .argument("<model_dir>", "a folder written by `finetune-ts train` (or any save_pretrained sequence-classification model)")
    .option("--file <path>", "labelled data: .csv/.tsv/.json/.jsonl/.parquet (required)")
    .option("--text_column <names>", "text column(s), comma-separated (default: 'text', else 'sentence')")
    .option("--label_column <name>", "the label column", "label")
    .addOption(new Option("--batch_size <n>", "texts per forward pass").argParser(positiveInt("--batch_size")).default(8))
    .addOption(new Option("--max_length <n>", "truncate texts to this many tokens").argParser(positiveInt("--max_length")))
    .option("--output_dir <dir>", "also write eval_report.json here")
    .option("--device <device>", "cpu (default), cuda, cuda:N")
    .action(runAction(async (model_dir: string, opts: EvaluateOptions) => {
      required(opts.file, "--file <path>");
      checkModelDir(model_dir);
      const { rows, columns } = await readRows(opts.file, "--file");
      const textCols = opts.text_column ? opts.text_column.split(",").map((c) => c.trim()) : [["text", "sentence"].find((c) => columns.includes(c)) ?? "text"];
      for (const c of textCols) requireColumn(opts.file, columns, c, "--text_column");
      requireColumn(opts.file, columns, opts.label_column, "--label_column");
      const texts = textsOf(rows, textCols, " ", opts.file);
      const y_true = labelsOf(rows, opts.label_column, opts.file).map(String);
      const config = JSON.parse(await readFile(path.join(model_dir, "config.json"), "utf8")) as { id2label?: Record<string, string>; problem_type?: string };
      if (config.problem_type === "regression" || config.problem_type === "multi_label_classification") {
        throw new Error(`${model_dir} is a ${config.problem_type} model; evaluate reports single-label classification (use \`finetune-ts train --do_eval\` for its metrics)`);
      }
      const labels = Object.entries(config.id2label ?? {}).sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => String(v));
      checkKnownLabels(y_true, labels, opts.file, opts.label_column, `the model in ${model_dir}`);
      const classify = await makeClassifier(model_dir, opts);
      const results = await classify(texts, undefined);
      const y_pred = results.map((r) => (Array.isArray(r) ? r[0]!.label : r.label));
      const { text, report: rep } = report(y_true, y_pred, labels);
      process.stdout.write(text);
      if (opts.output_dir) {
        const file = await writeReport(opts.output_dir, rep, { model: model_dir, file: opts.file });
        console.error(`wrote ${file}`);
      }
    }));
}
