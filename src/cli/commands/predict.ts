// `finetune-ts predict MODEL_DIR [TEXT...]`: HF's text-classification pipeline from the shell.
// Texts come from the arguments, a file (--file: .txt one per line, or csv/json/jsonl/parquet with
// --text_column) or stdin; each prints one JSON line {"text", "label", "score"} — with --top_k,
// {"text", "labels": [{label, score}, …]} best first.
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { Option, type Command } from "commander";
import { ArgumentError, HfCommand, runAction } from "../hf_argparse.js";
import { positiveInt, readRows, requireColumn, textsOf } from "../common.js";
import type { ClassificationResult } from "../../transformers/pipelines/index.js";

interface PredictOptions {
  file?: string;
  text_column?: string;
  top_k?: number;
  batch_size: number;
  max_length?: number;
  function_to_apply?: "softmax" | "sigmoid" | "none";
  device?: string;
}

/** Classifies texts with the model folder; `top_k` null/undefined as in HF's pipeline. */
export type Classifier = (texts: string[], top_k: number | undefined) => Promise<Array<ClassificationResult | ClassificationResult[]>>;

export function predictCommand(): Command {
  return new HfCommand("predict")
    .description("classify texts with a fine-tuned model folder; prints one JSON line per text")
    .argument("<model_dir>", "a folder written by `finetune-ts train` (or any save_pretrained sequence-classification model)")
    .argument("[texts...]", "texts to classify (else --file, else stdin, one per line)")
    .option("--file <path>", "texts to classify: .txt (one per line) or .csv/.tsv/.json/.jsonl/.parquet with --text_column")
    .option("--text_column <name>", "the text column of --file (default: 'text', else 'sentence')")
    .addOption(new Option("--top_k <k>", "return the k best labels per text (as a list)").argParser(positiveInt("--top_k")))
    .addOption(new Option("--batch_size <n>", "texts per forward pass").argParser(positiveInt("--batch_size")).default(8))
    .addOption(new Option("--max_length <n>", "truncate texts to this many tokens (default: the tokenizer's model_max_length)").argParser(positiveInt("--max_length")))
    .addOption(new Option("--function_to_apply <f>", "score function (default: softmax, sigmoid for one label or multi-label)").choices(["softmax", "sigmoid", "none"]))
    .option("--device <device>", "cpu (default), cuda, cuda:N")
    .action(runAction(async (model_dir: string, texts: string[], opts: PredictOptions) => {
      checkModelDir(model_dir);
      const inputs = await gatherTexts(texts, opts);
      const classify = await makeClassifier(model_dir, opts);
      const results = await classify(inputs, opts.top_k);
      const out = inputs.map((text, i) => {
        const r = results[i]!;
        return JSON.stringify(Array.isArray(r) ? { text, labels: r } : { text, label: r.label, score: r.score });
      });
      process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
    }));
}

export function checkModelDir(dir: string): void {
  if (!existsSync(dir)) throw new Error(`model folder ${dir}: no such directory`);
  if (!existsSync(path.join(dir, "config.json"))) throw new Error(`model folder ${dir}: no config.json; pass a folder written by \`finetune-ts train\` or save_pretrained`);
}

async function gatherTexts(texts: string[], opts: PredictOptions): Promise<string[]> {
  if (texts.length && opts.file) throw new ArgumentError("pass texts as arguments or --file, not both");
  if (texts.length) return texts;
  if (opts.file) return readTexts(opts.file, opts.text_column);
  if (process.stdin.isTTY) throw new ArgumentError("no texts: pass them as arguments, with --file, or on stdin");
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const lines = Buffer.concat(chunks).toString("utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  if (!lines.length) throw new Error("stdin: no texts");
  return lines;
}

/** Texts of a file: .txt one per non-empty line; tables by column. */
export async function readTexts(file: string, column: string | undefined): Promise<string[]> {
  if (path.extname(file).toLowerCase() === ".txt") {
    if (!existsSync(file)) throw new Error(`--file ${file}: no such file`);
    const lines = (await readFile(file, "utf8")).split(/\r?\n/).filter((l) => l.trim() !== "");
    if (!lines.length) throw new Error(`--file ${file}: the file has no texts`);
    return lines;
  }
  const { rows, columns } = await readRows(file, "--file");
  const col = column ?? ["text", "sentence"].find((c) => columns.includes(c));
  if (!col) throw new Error(`${file}: no 'text' or 'sentence' column; name it with --text_column (the file has: ${columns.join(", ")})`);
  requireColumn(file, columns, col, "--text_column");
  return textsOf(rows, [col], " ", file);
}

/**
 * HF's text-classification pipeline over the folder. If the pipelines module is unavailable, the
 * same computation runs directly (tokenizer → model → softmax/sigmoid inside one tidy scope).
 */
export async function makeClassifier(model_dir: string, opts: Pick<PredictOptions, "batch_size" | "max_length" | "function_to_apply" | "device">): Promise<Classifier> {
  const max_length = opts.max_length ?? (await positionLimit(model_dir));
  const encode = { truncation: true, ...(max_length ? { max_length } : {}) };
  let mod: typeof import("../../transformers/pipelines/index.js") | null = null;
  try {
    mod = await import("../../transformers/pipelines/index.js");
  } catch {
    mod = null;
  }
  if (mod && typeof mod.pipeline === "function") {
    const pipe = await mod.pipeline("text-classification", {
      model: model_dir, batch_size: opts.batch_size, ...(opts.device ? { device: opts.device } : {}),
      ...(opts.function_to_apply ? { function_to_apply: opts.function_to_apply } : {}),
    });
    return (texts, top_k) => pipe(texts, { ...encode, ...(top_k !== undefined ? { top_k } : {}) });
  }
  return directClassifier(model_dir, opts, encode);
}

/**
 * When the tokenizer has no model_max_length (a vocab trained from scratch, an old config), long
 * texts would overflow the position embeddings; the model's own limit is the safe truncation.
 */
async function positionLimit(model_dir: string): Promise<number | null> {
  const read = async (f: string): Promise<Record<string, unknown>> => {
    try {
      return JSON.parse(await readFile(path.join(model_dir, f), "utf8")) as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const tok = await read("tokenizer_config.json");
  if (typeof tok.model_max_length === "number" && tok.model_max_length < 1e6) return null;
  return maxPositions(await read("config.json"));
}

/** Usable positions of a model config: RoBERTa-style models reserve padding_idx + 1 = 2 of them. */
export function maxPositions(config: Record<string, unknown>): number | null {
  const n = config.max_position_embeddings ?? config.n_positions;
  if (typeof n !== "number") return null;
  return ["roberta", "xlm-roberta", "camembert"].includes(String(config.model_type)) ? n - 2 : n;
}

async function directClassifier(
  model_dir: string,
  opts: Pick<PredictOptions, "batch_size" | "function_to_apply" | "device">,
  encode: { truncation: boolean; max_length?: number },
): Promise<Classifier> {
  const torch = await import("../../torch/index.js");
  const { AutoTokenizer, AutoModelForSequenceClassification } = await import("../../transformers/index.js");
  const tokenizer = await AutoTokenizer.from_pretrained(model_dir);
  const model = await AutoModelForSequenceClassification.from_pretrained(model_dir, { verbose: false });
  const device = opts.device ?? "cpu";
  model.to(device);
  model.eval();
  const cfg = model.config;
  const fn = opts.function_to_apply ?? (cfg.problem_type === "multi_label_classification" || cfg.num_labels === 1 ? "sigmoid" : "softmax");
  const forward = model as unknown as { forward(b: Record<string, unknown>): { logits: import("../../torch/index.js").Tensor } };
  return async (texts, top_k) => {
    const out: Array<ClassificationResult | ClassificationResult[]> = [];
    for (let i = 0; i < texts.length; i += opts.batch_size) {
      const scores = torch.no_grad(() => torch.tidy(() => {
        const enc = tokenizer(texts.slice(i, i + opts.batch_size), { ...encode, padding: true, return_tensors: "pt" }) as unknown as Record<string, import("../../torch/index.js").Tensor>;
        const batch = Object.fromEntries(Object.entries(enc).map(([k, v]) => [k, v.to(device)]));
        const logits = forward.forward(batch).logits.float();
        const s = fn === "softmax" ? logits.softmax(-1) : fn === "sigmoid" ? logits.sigmoid() : logits;
        return s.cpu().tolist() as number[][];
      }));
      for (const row of scores) {
        const ranked = row.map((score, j) => ({ label: cfg.id2label[j] ?? `LABEL_${j}`, score })).sort((a, b) => b.score - a.score);
        out.push(top_k === undefined ? ranked[0]! : ranked.slice(0, top_k));
      }
    }
    return out;
  };
}
