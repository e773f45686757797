// What the data-handling subcommands share: reading a csv/json/jsonl/parquet/txt file into rows with
// errors that name the file and column, the sorted label list, and the evaluation report
// (sklearn's classification_report text, a labelled confusion matrix, eval_report.json).
import { existsSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { InvalidArgumentError } from "commander";
import { load_dataset } from "../datasets/index.js";
import { accuracy_score, classification_report, confusion_matrix, precision_recall_fscore_support } from "../sklearn/metrics/index.js";

export type Cell = string | number | boolean | null;
export type Row = Record<string, unknown>;
export type LabelValue = string | number;

const BUILDERS: Record<string, "csv" | "json" | "parquet" | "text"> = { csv: "csv", tsv: "csv", json: "json", jsonl: "json", parquet: "parquet", txt: "text" };

/** Reads every row of a data file; `flag` names the option the file came from in error messages. */
export async function readRows(file: string, flag: string): Promise<{ rows: Row[]; columns: string[] }> {
  if (!existsSync(file)) throw new Error(`${flag} ${file}: no such file`);
  if (!statSync(file).isFile()) throw new Error(`${flag} ${file}: not a file`);
  const ext = path.extname(file).slice(1).toLowerCase();
  const builder = BUILDERS[ext];
  if (!builder) throw new Error(`${flag} ${file}: unsupported extension '.${ext}'; use .csv, .tsv, .json, .jsonl, .parquet or .txt`);
  let ds;
  try {
    ds = await load_dataset(builder, { data_files: { train: path.resolve(file) }, split: "train", ...(ext === "tsv" ? { sep: "\t" } : {}) });
  } catch (e) {
    throw new Error(`${flag} ${file}: ${(e as Error).message}`);
  }
  if (ds.num_rows === 0) throw new Error(`${flag} ${file}: the file has no rows`);
  return { rows: ds.to_list() as Row[], columns: ds.column_names };
}

export function requireColumn(file: string, columns: readonly string[], column: string, flag: string): void {
  if (!columns.includes(column)) {
    throw new Error(`${file}: no column '${column}' (${flag}); the file has: ${columns.join(", ")}`);
  }
}

/** The text of each row: one column, or several joined with `delimiter` (run_classification). */
export function textsOf(rows: readonly Row[], columns: readonly string[], delimiter: string, file: string): string[] {
  return rows.map((r, i) => columns.map((c) => {
    const v = r[c];
    if (v === null || v === undefined) throw new Error(`${file}: row ${i + 1} has no value in text column '${c}'`);
    return String(v);
  }).join(delimiter));
}

export function labelsOf(rows: readonly Row[], column: string, file: string): LabelValue[] {
  return rows.map((r, i) => {
    const v = r[column];
    if (v === null || v === undefined || v === "") throw new Error(`${file}: row ${i + 1} has no label in column '${column}'`);
    if (typeof v === "boolean") return v ? 1 : 0;
    if (typeof v === "bigint") return Number(v);
    if (typeof v !== "string" && typeof v !== "number") throw new Error(`${file}: row ${i + 1}: label ${JSON.stringify(v)} in column '${column}' is not a string or number`);
    return v;
  });
}

/** HF's get_label_list: the unique labels, sorted (numbers numerically, strings by code point). */
export function sortedLabels(labels: readonly LabelValue[]): LabelValue[] {
  const uniq = [...new Set(labels)];
  return uniq.every((l) => typeof l === "number")
    ? (uniq as number[]).sort((a, b) => a - b)
    : uniq.map(String).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Labels are compared as strings where a model or pipeline stores names ("0", "news"). */
export function checkKnownLabels(labels: readonly LabelValue[], known: readonly string[], file: string, column: string, where: string): void {
  const set = new Set(known);
  const unknown = [...new Set(labels.map(String))].filter((l) => !set.has(l));
  if (unknown.length) {
    throw new Error(`${file}: column '${column}' has label(s) ${unknown.map((u) => `'${u}'`).join(", ")} unknown to ${where} (known: ${known.join(", ")})`);
  }
}

export interface EvalReport {
  accuracy: number;
  macro: { precision: number; recall: number; f1: number };
  weighted: { precision: number; recall: number; f1: number };
  labels: string[];
  confusion_matrix: number[][];
  num_samples: number;
}

/** A confusion matrix with the labels as row (true) and column (predicted) headers. */
export function formatConfusionMatrix(labels: readonly string[], cm: readonly (readonly number[])[]): string {
  const corner = "true \\ pred";
  const first = Math.max(corner.length, ...labels.map((l) => l.length));
  const w = Math.max(...labels.map((l) => l.length), ...cm.flat().map((v) => String(v).length));
  const head = corner.padEnd(first) + "  " + labels.map((l) => l.padStart(w)).join("  ");
  return [head, ...cm.map((row, i) => labels[i]!.padEnd(first) + "  " + row.map((v) => String(v).padStart(w)).join("  "))].join("\n");
}

/** Prints the report (as `evaluate` and `baseline` both do) and returns its numbers. */
export function report(y_true: readonly string[], y_pred: readonly string[], labels: readonly string[]): { text: string; report: EvalReport } {
  // Only labels that occur in either list get a row, as sklearn does without `labels=`.
  const present = labels.filter((l) => y_true.includes(l) || y_pred.includes(l));
  const text = classification_report([...y_true], [...y_pred], { labels: present, digits: 4, zero_division: 0 });
  const cm = confusion_matrix([...y_true], [...y_pred], { labels: present });
  const prf = (average: "macro" | "weighted") => {
    const [p, r, f] = precision_recall_fscore_support([...y_true], [...y_pred], { labels: present, average, zero_division: 0 }) as [number, number, number, null];
    return { precision: p, recall: r, f1: f };
  };
  const rep: EvalReport = {
    accuracy: accuracy_score([...y_true], [...y_pred]) as number,
    macro: prf("macro"),
    weighted: prf("weighted"),
    labels: present,
    confusion_matrix: cm,
    num_samples: y_true.length,
  };
  return { text: `${text}\nConfusion matrix (rows: true label, columns: predicted label)\n${formatConfusionMatrix(present, cm)}\n`, report: rep };
}

export async function writeReport(output_dir: string, rep: EvalReport, extra: Record<string, unknown> = {}): Promise<string> {
  await mkdir(output_dir, { recursive: true });
  const file = path.join(output_dir, "eval_report.json");
  await writeFile(file, JSON.stringify({ ...rep, ...extra }, null, 2) + "\n");
  return file;
}

export function positiveInt(flag: string): (v: string) => number {
  return (v: string) => {
    if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError(`${flag} expects a positive integer, got '${v}'`);
    return Number(v);
  };
}
