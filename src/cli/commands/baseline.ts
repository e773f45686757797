// `finetune-ts baseline`: the classical baseline the seeds compare fine-tuning against —
// TfidfVectorizer + MultinomialNB (nb), LogisticRegression (lr) or RandomForestClassifier (rf) in a
// sklearn Pipeline, fitted on --train_file and scored on --test_file with the same report as
// `evaluate`. Pure TypeScript: no libtorch is loaded. --output_dir saves the fitted pipeline
// (persistence.save → pipeline.ftskl, reload with persistence.load) and eval_report.json.
import path from "node:path";
import { InvalidArgumentError, Option, type Command } from "commander";
import { HfCommand, required, runAction } from "../hf_argparse.js";
import { checkKnownLabels, labelsOf, positiveInt, readRows, report, requireColumn, sortedLabels, textsOf, writeReport, type LabelValue } from "../common.js";
import type { BaseEstimator } from "../../sklearn/base.js";

interface BaselineOptions {
  train_file: string;
  test_file: string;
  text_column?: string;
  label_column: string;
  classifier: "nb" | "lr" | "rf";
  stop_words?: string;
  max_features?: number;
  ngram_range: [number, number];
  n_estimators: number;
  random_state: number;
  output_dir?: string;
}

export function baselineCommand(): Command {
  return new HfCommand("baseline")
    .description("TF-IDF + naive Bayes / logistic regression / random forest baseline: fit on --train_file, report on --test_file")
    .option("--train_file <path>", "labelled training data: .csv/.tsv/.json/.jsonl/.parquet (required)")
    .option("--test_file <path>", "labelled test data, same columns (required)")
    .option("--text_column <names>", "text column(s), comma-separated (default: 'text', else 'sentence')")
    .option("--label_column <name>", "the label column", "label")
    .addOption(new Option("--classifier <name>", "nb: MultinomialNB, lr: LogisticRegression, rf: RandomForestClassifier").choices(["nb", "lr", "rf"]).default("nb"))
    .addOption(new Option("--stop_words <list>", "TfidfVectorizer stop_words").choices(["english"]))
    .addOption(new Option("--max_features <n>", "TfidfVectorizer max_features").argParser(positiveInt("--max_features")))
    .addOption(new Option("--ngram_range <min,max>", "TfidfVectorizer ngram_range, e.g. 1,2").argParser(ngramRange).default([1, 1], "1,1"))
    .addOption(new Option("--n_estimators <n>", "trees of the random forest (rf)").argParser(positiveInt("--n_estimators")).default(100))
    .addOption(new Option("--random_state <n>", "seed of the random forest (rf)").argParser((v) => {
      if (!/^\d+$/.test(v)) throw new InvalidArgumentError(`--random_state expects a non-negative integer, got '${v}'`);
      return Number(v);
    }).default(0))
    .option("--output_dir <dir>", "save the fitted pipeline (pipeline.ftskl) and eval_report.json here")
    .action(runAction(async (opts: BaselineOptions) => {
      required(opts.train_file, "--train_file <path>");
      required(opts.test_file, "--test_file <path>");
      const train = await readRows(opts.train_file, "--train_file");
      const test = await readRows(opts.test_file, "--test_file");
      const textCols = opts.text_column ? opts.text_column.split(",").map((c) => c.trim()) : [["text", "sentence"].find((c) => train.columns.includes(c)) ?? "text"];
      for (const [file, t] of [[opts.train_file, train], [opts.test_file, test]] as const) {
        for (const c of textCols) requireColumn(file, t.columns, c, "--text_column");
        requireColumn(file, t.columns, opts.label_column, "--label_column");
      }
      const X_train = textsOf(train.rows, textCols, " ", opts.train_file);
      const y_train = labelsOf(train.rows, opts.label_column, opts.train_file);
      const X_test = textsOf(test.rows, textCols, " ", opts.test_file);
      const y_test = labelsOf(test.rows, opts.label_column, opts.test_file);
      const labels = sortedLabels(y_train).map(String);
      if (labels.length < 2) throw new Error(`${opts.train_file}: column '${opts.label_column}' has a single label (${labels[0]}); a classifier needs at least two`);
      checkKnownLabels(y_test, labels, opts.test_file, opts.label_column, `the training file ${opts.train_file}`);

      const { Pipeline } = await import("../../sklearn/pipeline.js");
      const { TfidfVectorizer } = await import("../../sklearn/feature_extraction/text.js");
      const pipe = new Pipeline([
        ["tfidf", new TfidfVectorizer({ stop_words: opts.stop_words === "english" ? "english" : null, max_features: opts.max_features ?? null, ngram_range: opts.ngram_range })],
        ["clf", await classifier(opts)],
      ]);
      const t0 = performance.now();
      pipe.fit(X_train, y_train as LabelValue[]);
      const fit_seconds = (performance.now() - t0) / 1000;
      const y_pred = (pipe.predict(X_test) as LabelValue[]).map(String);
      const { text, report: rep } = report(y_test.map(String), y_pred, labels);
      process.stdout.write(text);
      if (opts.output_dir) {
        const { save } = await import("../../sklearn/persistence.js");
        const model = path.join(opts.output_dir, "pipeline.ftskl");
        await save(pipe, model);
        const file = await writeReport(opts.output_dir, rep, { classifier: opts.classifier, train_file: opts.train_file, test_file: opts.test_file, fit_seconds });
        console.error(`wrote ${model} and ${file}`);
      }
    }));
}

function ngramRange(v: string): [number, number] {
  const m = /^(\d+)\s*,\s*(\d+)$/.exec(v);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1])) throw new InvalidArgumentError(`--ngram_range expects min,max with 1 <= min <= max (e.g. 1,2), got '${v}'`);
  return [Number(m[1]), Number(m[2])];
}

/** The classifier step; lr and rf are imported on demand so a missing module is a clear error. */
async function classifier(opts: BaselineOptions): Promise<BaseEstimator> {
  const load = async <T>(what: string, spec: string, get: (m: Record<string, unknown>) => T | undefined): Promise<T> => {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(spec)) as Record<string, unknown>;
    } catch (e) {
      throw new Error(`--classifier ${opts.classifier} needs ${what}, which this finetune-ts build does not have (${(e as Error).message.split("\n")[0]}); use --classifier nb`);
    }
    const v = get(mod);
    if (!v) throw new Error(`--classifier ${opts.classifier}: ${spec} does not export ${what}; use --classifier nb`);
    return v;
  };
  type Ctor = new (o?: Record<string, unknown>) => BaseEstimator;
  if (opts.classifier === "lr") {
    const LR = await load("LogisticRegression (sklearn/linear_model)", "../../sklearn/linear_model/index.js", (m) => m.LogisticRegression as Ctor | undefined);
    return new LR({ max_iter: 1000 });
  }
  if (opts.classifier === "rf") {
    const RF = await load("RandomForestClassifier (sklearn/ensemble)", "../../sklearn/ensemble/index.js", (m) => m.RandomForestClassifier as Ctor | undefined);
    return new RF({ n_estimators: opts.n_estimators, random_state: opts.random_state });
  }
  const { MultinomialNB } = await import("../../sklearn/naive_bayes.js");
  return new MultinomialNB();
}
