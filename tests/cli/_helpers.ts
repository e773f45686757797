// Shared by the CLI tests: run `finetune-ts` as a user does (a subprocess through tsx), small CSVs
// of Brown-corpus passages (tests/fixtures/sklearn/brown_genres.json: news / religion / fiction),
// and a tiny "pretrained" BERT folder (2 layers, hidden 32) whose WordPiece vocabulary is trained
// on those passages, so a training run takes seconds.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as torch from "../../src/torch/index.js";
import { AutoTokenizer, BertConfig, BertForSequenceClassification, BertModel } from "../../src/transformers/index.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const FIXTURES = path.join(ROOT, "../shared/fixtures");

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(args: string[], options: { input?: string; cwd?: string } = {}): RunResult {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), ...args], {
    encoding: "utf8",
    cwd: options.cwd ?? ROOT,
    input: options.input ?? "",
    env: { ...process.env, OMP_NUM_THREADS: "1", FINETUNE_TS_DEBUG: "" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const GENRES = ["news", "religion", "fiction"];

interface Brown {
  train: { text: string[]; label: string[] };
  test: { text: string[]; label: string[] };
}

/** `perGenre` passages of each genre from one split, interleaved (news, religion, fiction, news, …). */
export function brownRows(split: "train" | "test", perGenre: number, offset = 0): Array<{ text: string; label: string }> {
  const data = JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/sklearn/brown_genres.json"), "utf8")) as Brown;
  const byGenre = GENRES.map((g) => data[split].text.filter((_, i) => data[split].label[i] === g).slice(offset, offset + perGenre));
  const rows: Array<{ text: string; label: string }> = [];
  for (let i = 0; i < perGenre; i++) GENRES.forEach((g, k) => rows.push({ text: byGenre[k]![i]!.slice(0, 200), label: g }));
  return rows;
}

export function writeCsv(file: string, rows: Array<Record<string, string | number>>): void {
  const cols = Object.keys(rows[0]!);
  const q = (v: string | number): string => (typeof v === "number" ? String(v) : `"${v.replace(/"/g, '""')}"`);
  writeFileSync(file, cols.join(",") + "\n" + rows.map((r) => cols.map((c) => q(r[c]!)).join(",")).join("\n") + "\n");
}

/** A tiny BERT classifier folder (random weights) with a WordPiece vocab trained on the Brown passages. */
export async function tinyBert(dir: string, labels: string[] | null = null): Promise<void> {
  const base = await AutoTokenizer.from_pretrained(path.join(FIXTURES, "tokenizers/bert-base-uncased"));
  const corpus = [...brownRows("train", 60), ...brownRows("test", 20)].map((r) => r.text);
  const tok = base.train_new_from_iterator(corpus, 400);
  await tok.save_pretrained(dir);
  torch.manual_seed(0);
  const config = new BertConfig({
    vocab_size: tok.vocab_size, hidden_size: 32, num_hidden_layers: 2, num_attention_heads: 4, intermediate_size: 37, max_position_embeddings: 64,
    ...(labels ? { id2label: Object.fromEntries(labels.map((l, i) => [i, l])), label2id: Object.fromEntries(labels.map((l, i) => [l, i])) } : {}),
  });
  // Without labels: a bare encoder, as a Hub "pretrained" checkpoint is (the head is initialised by train).
  const model = labels ? BertForSequenceClassification.from_config(config) : BertModel.from_config(config);
  await model.save_pretrained(dir);
  model.dispose();
}
