// npm run bench:models — BERT-family training and inference throughput against PyTorch on the
// SAME libtorch version, in one run: the plain reference models of ../shared/fixtures/models/gen/
// (Debian's torch 1.13 when our addon uses libtorch 1.13), and HF's own classes (transformers
// 5.17) when our addon is built against PyTorch 2.x (FINETUNE_TS_PYTHON / PYTHON = that venv).
// Seq 128, batch 16; forward+backward (train mode, dropout on) and no-grad inference samples/s.
// Goal (issue 4): ratios ≥ 1.0×.
// Our sequence classifiers run their last layer for the first token only (the head reads nothing
// else; same logits and gradients, tested); a second column runs the full last layer, as HF does,
// so the same-work ratio is printed too.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as torch from "../src/torch/index.js";
import { AutoConfig } from "../src/transformers/models/auto/configuration_auto.js";
import { AutoModelForSequenceClassification, MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING } from "../src/transformers/models/auto/modeling_auto.js";
import type { ModelInputs } from "../src/transformers/modeling_outputs.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const BATCH = 16;
const SEQ = 128;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

interface Case { name: string; model_type: string; class: string; config_class: string; config: Record<string, unknown> }
const CASES: Case[] = [
  { name: "bert-4L-256H", model_type: "bert", class: "BertForSequenceClassification", config_class: "BertConfig", config: { vocab_size: 30522, hidden_size: 256, num_hidden_layers: 4, num_attention_heads: 4, intermediate_size: 1024, num_labels: 2 } },
  { name: "distilbert-base", model_type: "distilbert", class: "DistilBertForSequenceClassification", config_class: "DistilBertConfig", config: { vocab_size: 30522, num_labels: 2 } },
].filter((c) => MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING.has(c.model_type));

function bestOf(fn: () => void): number {
  fn();
  let best = Infinity;
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

function ours(c: Case, firstTokenOnly: boolean): { train: number; infer: number } {
  torch.manual_seed(0);
  const config = AutoConfig.for_model(c.model_type, c.config);
  const model = AutoModelForSequenceClassification.from_config(config) as unknown as {
    forward(i: ModelInputs): { loss?: torch.Tensor }; train(): void; eval(): void; zero_grad(): void; dispose(): void; first_token_only: boolean;
  };
  model.first_token_only = firstTokenOnly;
  const ids = torch.randint(5, c.config.vocab_size as number, [BATCH, SEQ]);
  const mask = torch.ones([BATCH, SEQ], { dtype: torch.int64 });
  const labels = torch.randint(0, 2, [BATCH]);
  model.train();
  const tTrain = bestOf(() => torch.tidy(() => {
    model.forward({ input_ids: ids, attention_mask: mask, labels }).loss!.backward();
    model.zero_grad();
  }));
  model.eval();
  const tInfer = bestOf(() => torch.no_grad(() => torch.tidy(() => { model.forward({ input_ids: ids, attention_mask: mask }); })));
  for (const t of [ids, mask, labels]) t.dispose();
  model.dispose();
  return { train: BATCH / tTrain, infer: BATCH / tInfer };
}

function peer(python: string, impl: "ref" | "hf"): Record<string, { train_samples_per_s: number; infer_samples_per_s: number }> & { torch_version?: string } {
  const cfg = { impl, threads: torch.get_num_threads(), batch: BATCH, seq: SEQ, repeats: REPEATS, cases: CASES, gen_dir: path.resolve(here, "../../shared/fixtures/models/gen") };
  return JSON.parse(execFileSync(python, [path.join(here, "torch_ref/models_ref.py"), JSON.stringify(cfg)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
}

function pythonWithTorch(version: string, needTransformers: boolean): string | null {
  const want = version.split(".").slice(0, 2).join(".");
  for (const py of [process.env.FINETUNE_TS_PYTHON, process.env.PYTHON, "/usr/bin/python3", "python3"].filter((p): p is string => !!p)) {
    try {
      const v = execFileSync(py, ["-c", `import torch${needTransformers ? ", transformers" : ""}; print(torch.__version__)`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
      if (v.startsWith(want)) return py;
    } catch {
      // next
    }
  }
  return null;
}

console.log(`finetune-ts models bench — libtorch ${torch.__version__}, ${torch.get_num_threads()} threads, seq ${SEQ}, batch ${BATCH}, best of ${REPEATS} x ${ROUNDS} interleaved rounds`);
// Interleaved rounds (ours, each peer, ours, each peer, …), best of each side: this VM's speed
// drifts by ±20% over minutes, and one block of ours followed by one block of theirs turned that
// drift into a bias of whichever ran in the quieter minute.
const refPy = pythonWithTorch(torch.__version__, false);
const hfPy = pythonWithTorch(torch.__version__, true);
const peerSpecs: Array<[string, string, "ref" | "hf"]> = [];
if (refPy) peerSpecs.push([`reference models (gen/hf_models.py), ${refPy}`, refPy, "ref"]);
if (hfPy) peerSpecs.push([`HF transformers classes, ${hfPy}`, hfPy, "hf"]);
type Rates = { train: number; infer: number };
const mine: Record<string, Rates> = {};
const mineFull: Record<string, Rates> = {};
const peers: Array<[string, ReturnType<typeof peer>]> = peerSpecs.map(([n]) => [n, {} as ReturnType<typeof peer>]);
const better = (a: Rates | undefined, b: Rates): Rates => (a ? { train: Math.max(a.train, b.train), infer: Math.max(a.infer, b.infer) } : b);
for (let round = 0; round < ROUNDS; round++) {
  for (const c of CASES) {
    mine[c.name] = better(mine[c.name], ours(c, true));
    mineFull[c.name] = better(mineFull[c.name], ours(c, false));
  }
  peerSpecs.forEach(([, py, impl], k) => {
    const r = peer(py, impl);
    const acc = peers[k][1];
    for (const c of CASES) {
      const prev = acc[c.name];
      acc[c.name] = prev ? { train_samples_per_s: Math.max(prev.train_samples_per_s, r[c.name].train_samples_per_s), infer_samples_per_s: Math.max(prev.infer_samples_per_s, r[c.name].infer_samples_per_s) } : r[c.name];
    }
  });
}
if (!peers.length) console.log(`no Python with torch ${torch.__version__} found (set FINETUNE_TS_PYTHON); our figures only`);

console.log("\n| " + ["model", "measure", "finetune-ts", "finetune-ts, full last layer", ...peers.map(([n]) => n)].join(" | ") + " |");
console.log("|---|---|---|---|" + peers.map(() => "---|").join(""));
for (const c of CASES) {
  for (const [label, key, pk] of [["train samples/s", "train", "train_samples_per_s"], ["no-grad samples/s", "infer", "infer_samples_per_s"]] as const) {
    const m = mine[c.name][key];
    const f = mineFull[c.name][key];
    const cells = peers.map(([, r]) => `${r[c.name][pk].toFixed(1)} (ours ${(m / r[c.name][pk]).toFixed(2)}×, full layer ${(f / r[c.name][pk]).toFixed(2)}×)`);
    console.log("| " + [c.name, label, m.toFixed(1), f.toFixed(1), ...cells].join(" | ") + " |");
  }
}
