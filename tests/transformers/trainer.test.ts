// Trainer end to end on a tiny BERT (random init, bert-base-uncased tokenizer from the fixtures)
// and a synthetic sentiment task: loss falls, accuracy beats chance, checkpoints and
// trainer_state.json are HF-shaped, the best checkpoint reloads; gradient accumulation equals a
// bigger batch (±1e-6); a resumed run ends bit-identical to an uninterrupted one; live tensors stay
// flat across steps.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as torch from "../../src/torch/index.js";
import { AutoTokenizer } from "../../src/transformers/models/auto/tokenization_auto.js";
import { BertConfig } from "../../src/transformers/models/bert/configuration_bert.js";
import { BertForSequenceClassification } from "../../src/transformers/models/bert/modeling_bert.js";
import { TrainingArguments } from "../../src/transformers/training_args.js";
import { Trainer } from "../../src/transformers/trainer.js";
import { TrainerCallback, EarlyStoppingCallback, type CallbackArgs } from "../../src/transformers/trainer_callback.js";
import type { EvalPrediction } from "../../src/transformers/trainer_utils.js";

const TOK = path.resolve(import.meta.dirname, "../../../shared/fixtures/tokenizers/bert-base-uncased");
const GOOD = ["good", "great", "wonderful", "excellent", "lovely", "fine"];
const BAD = ["bad", "awful", "terrible", "poor", "boring", "dull"];
const NOUNS = ["movie", "film", "plot", "story", "cast", "show"];

function corpus(n: number, seed: number): Array<{ text: string; label: number }> {
  let s = seed;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
  return Array.from({ length: n }, () => {
    const label = rnd() < 0.5 ? 0 : 1;
    const extra = rnd() < 0.5 ? ` and the ${pick(NOUNS)} was long` : "";
    return { text: `the ${pick(NOUNS)} was ${pick(label ? GOOD : BAD)}${extra}`, label };
  });
}

async function tokenized(n: number, seed: number): Promise<Array<Record<string, unknown>>> {
  const tok = await AutoTokenizer.from_pretrained(TOK);
  return corpus(n, seed).map((r) => ({ ...(tok(r.text, { truncation: true }) as unknown as Record<string, unknown>), label: r.label, text: r.text }));
}

function tinyBert(dropout = 0.1): BertForSequenceClassification {
  torch.manual_seed(0);
  return BertForSequenceClassification.from_config(new BertConfig({
    hidden_size: 32, num_hidden_layers: 2, num_attention_heads: 4, intermediate_size: 37, max_position_embeddings: 64, num_labels: 2,
    hidden_dropout_prob: dropout, attention_probs_dropout_prob: dropout, id2label: { 0: "NEGATIVE", 1: "POSITIVE" },
  }));
}

function accuracy([logits, labels]: EvalPrediction): Record<string, number> {
  const preds = logits.argmax(-1).data;
  let ok = 0;
  labels.data.forEach((y, i) => { if (y === preds[i]) ok++; });
  return { accuracy: ok / labels.data.length };
}

const quietArgs = { disable_tqdm: true, report_to: "none" } as const;

test("seed-000 workflow: train with per-epoch eval, best checkpoint, HF-shaped state; accuracy beats chance", async () => {
  const tokenizer = await AutoTokenizer.from_pretrained(TOK);
  const out = mkdtempSync(path.join(os.tmpdir(), "fts-trainer-"));
  const model = tinyBert();
  const args = new TrainingArguments({
    ...quietArgs, output_dir: out, per_device_train_batch_size: 16, num_train_epochs: 4, learning_rate: 3e-3,
    evaluation_strategy: "epoch", save_strategy: "epoch", load_best_model_at_end: true, metric_for_best_model: "accuracy", logging_steps: 5, save_total_limit: 2,
  });
  const trainer = new Trainer({ model, args, train_dataset: await tokenized(256, 1), eval_dataset: await tokenized(64, 2), tokenizer, compute_metrics: accuracy });
  const before = await trainer.evaluate();
  const res = await trainer.train();
  assert.equal(res.global_step, 4 * 16);
  assert.ok(res.metrics.train_runtime > 0 && res.metrics.train_samples_per_second > 0 && "total_flos" in res.metrics);
  const after = await trainer.evaluate();
  assert.ok(after.eval_loss < before.eval_loss, `eval loss ${before.eval_loss} → ${after.eval_loss}`);
  assert.ok(after.eval_accuracy >= 0.8, `accuracy ${after.eval_accuracy}`);
  const state = JSON.parse(readFileSync(path.join(trainer.state.best_model_checkpoint!, "trainer_state.json"), "utf8")) as Record<string, unknown>;
  for (const k of ["log_history", "best_metric", "best_model_checkpoint", "global_step", "epoch", "max_steps"]) assert.ok(k in state, k);
  const ckpts = readdirSync(out).filter((f) => f.startsWith("checkpoint-"));
  assert.ok(ckpts.length <= 2, `save_total_limit 2 kept ${ckpts.join(", ")}`);
  assert.ok(existsSync(path.join(trainer.state.best_model_checkpoint!, "model.safetensors")));
  assert.ok(existsSync(path.join(trainer.state.best_model_checkpoint!, "tokenizer.json")));
  // training_curves.png (beyond HF, on by default) is a real PNG of the run.
  const png = readFileSync(path.join(out, "training_curves.png"));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.length > 5000, `training_curves.png is only ${png.length} bytes`);
  // The best checkpoint reloads as a model with the same eval accuracy.
  const reloaded = await BertForSequenceClassification.from_pretrained(trainer.state.best_model_checkpoint!, { verbose: false });
  const t2 = new Trainer({ model: reloaded, args, eval_dataset: await tokenized(64, 2), tokenizer, compute_metrics: accuracy });
  assert.equal((await t2.evaluate()).eval_accuracy, trainer.state.best_metric);
  model.dispose();
  reloaded.dispose();
});

test("gradient accumulation: 2 × batch 4 gives the update of 1 × batch 8 (±1e-6)", async () => {
  const data = await tokenized(8, 3);
  const run = async (bs: number, ga: number): Promise<Map<string, torch.Tensor>> => {
    // float64, so the check measures the accumulation logic: batches of 4 and of 8 pad to different
    // lengths, and float32's different summation orders alone move weights by ~1e-6.
    const model = tinyBert(0).to(torch.float64);
    const out = mkdtempSync(path.join(os.tmpdir(), "fts-ga-"));
    const args = new TrainingArguments({ ...quietArgs, output_dir: out, per_device_train_batch_size: bs, gradient_accumulation_steps: ga, max_steps: 1, save_strategy: "no", learning_rate: 1e-2, save_training_curves: false });
    await new Trainer({ model, args, train_dataset: data, tokenizer: await AutoTokenizer.from_pretrained(TOK) }).train();
    assert.equal(existsSync(path.join(out, "training_curves.png")), false, "save_training_curves: false writes no PNG");
    return model.state_dict();
  };
  const a = await run(8, 1);
  const b = await run(4, 2);
  for (const [k, v] of a) {
    const d = torch.tidy(() => v.sub(b.get(k)!).abs().max().item());
    assert.ok(d <= 1e-6, `${k}: ${d}`);
  }
  for (const t of [...a.values(), ...b.values()]) t.dispose();
});

class StopAt extends TrainerCallback {
  constructor(private readonly step: number) {
    super();
  }
  override on_step_end({ state, control }: CallbackArgs): void {
    if (state.global_step === this.step) control.should_training_stop = true;
  }
}

test("resume_from_checkpoint ends bit-identical to an uninterrupted run (dropout and shuffling on)", async () => {
  const tokenizer = await AutoTokenizer.from_pretrained(TOK);
  const data = await tokenized(48, 4);
  const argsFor = (out: string): TrainingArguments => new TrainingArguments({ ...quietArgs, output_dir: out, per_device_train_batch_size: 8, num_train_epochs: 2, save_strategy: "steps", save_steps: 4, learning_rate: 5e-3 });
  const full = tinyBert();
  await new Trainer({ model: full, args: argsFor(mkdtempSync(path.join(os.tmpdir(), "fts-full-"))), train_dataset: data, tokenizer }).train();

  const out = mkdtempSync(path.join(os.tmpdir(), "fts-resume-"));
  const first = tinyBert();
  await new Trainer({ model: first, args: argsFor(out), train_dataset: data, tokenizer, callbacks: [new StopAt(8)] }).train();
  assert.ok(existsSync(path.join(out, "checkpoint-8")));
  const resumed = tinyBert();
  const t = new Trainer({ model: resumed, args: argsFor(out), train_dataset: data, tokenizer });
  const res = await t.train({ resume_from_checkpoint: path.join(out, "checkpoint-8") });
  assert.equal(res.global_step, 12);
  for (const [k, v] of full.state_dict()) assert.ok(v.equal(resumed.state_dict().get(k)!), `${k} differs after resume`);
  for (const m of [full, first, resumed]) m.dispose();
});

test("live tensors stay flat across training steps; early stopping stops", async () => {
  const tokenizer = await AutoTokenizer.from_pretrained(TOK);
  const counts: number[] = [];
  class Count extends TrainerCallback {
    override on_step_end(): void {
      // live + finalized: objects of earlier tests that the GC frees meanwhile do not count.
      const m = torch.memory();
      counts.push(m.live_tensors + m.finalized);
    }
  }
  const model = tinyBert();
  const args = new TrainingArguments({ ...quietArgs, output_dir: mkdtempSync(path.join(os.tmpdir(), "fts-leak-")), per_device_train_batch_size: 8, num_train_epochs: 1, save_strategy: "no" });
  await new Trainer({ model, args, train_dataset: await tokenized(80, 5), tokenizer, callbacks: [new Count()] }).train();
  assert.ok(counts.length >= 8);
  assert.deepEqual(new Set(counts.slice(2)).size, 1, `live tensors per step: ${counts.join(", ")}`);

  const es = new TrainingArguments({ ...quietArgs, output_dir: mkdtempSync(path.join(os.tmpdir(), "fts-es-")), per_device_train_batch_size: 8, num_train_epochs: 20, learning_rate: 0, eval_strategy: "epoch", save_strategy: "epoch", load_best_model_at_end: true });
  const tr = new Trainer({ model: tinyBert(), args: es, train_dataset: await tokenized(16, 6), eval_dataset: await tokenized(16, 7), tokenizer, callbacks: [new EarlyStoppingCallback(2)] });
  const r = await tr.train();
  assert.ok(r.global_step < 20 * 2, `stopped at step ${r.global_step}`);
});

test("TrainingArguments: HF's checks with clear messages", () => {
  assert.throws(() => new TrainingArguments({ output_dir: "x", load_best_model_at_end: true, eval_strategy: "epoch", save_strategy: "steps" }), /requires the save and eval strategy to match/);
  assert.throws(() => new TrainingArguments({ output_dir: "x", num_train_epoch: 3 } as never), /unknown argument 'num_train_epoch'; did you mean 'num_train_epochs'/);
  const a = new TrainingArguments({ output_dir: "x", load_best_model_at_end: true, eval_strategy: "epoch", save_strategy: "epoch" });
  assert.equal(a.metric_for_best_model, "loss");
  assert.equal(a.greater_is_better, false);
  assert.equal(new TrainingArguments({ metric_for_best_model: "f1" }).greater_is_better, true);
  if (!torch.amp.is_autocast_available("cpu", torch.float16)) {
    assert.throws(() => new Trainer({ model: tinyBert(), args: new TrainingArguments({ fp16: true }) }), /fp16 mixed precision on the cpu needs libtorch ≥ 2\.3 .*use --bf16 on the CPU/);
  }
  assert.throws(() => new TrainingArguments({ fp16: true, bf16: true }), /At most one of fp16 and bf16 can be True, but not both/);
});

// Mixed precision on the CPU: bf16 everywhere (autocast), fp16 where libtorch ≥ 2.3 (autocast +
// GradScaler). What must hold: the weights stay float32, the loss falls as in float32 and ends
// within bf16/fp16 rounding of the float32 run's, and fp16 checkpoints carry the scaler's state.
for (const flag of ["bf16", "fp16"] as const) {
  const ok = torch.amp.is_autocast_available("cpu", flag === "bf16" ? torch.bfloat16 : torch.float16);
  test(`${flag} mixed precision on the CPU trains like float32`, { skip: ok ? false : `libtorch ${torch.__version__} has no CPU ${flag} autocast` }, async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(TOK);
    const data = await tokenized(64, 5);
    const losses: Record<string, number> = {};
    for (const mp of [false, true]) {
      const out = mkdtempSync(path.join(os.tmpdir(), `fts-${flag}-`));
      const model = tinyBert(0);
      const args = new TrainingArguments({ ...quietArgs, output_dir: out, per_device_train_batch_size: 16, num_train_epochs: 3, learning_rate: 3e-3, save_strategy: "epoch", logging_steps: 4, [flag]: mp });
      const res = await new Trainer({ model, args, train_dataset: data, tokenizer }).train();
      losses[String(mp)] = res.training_loss;
      assert.equal(model.bert.embeddings.word_embeddings.weight.dtype, torch.float32);
      if (mp && flag === "fp16") {
        const sc = JSON.parse(readFileSync(path.join(out, "checkpoint-12", "scaler.json"), "utf8")) as { scale: number };
        assert.ok(sc.scale > 0 && Number.isFinite(sc.scale));
      }
      if (!(mp && flag === "fp16")) assert.equal(existsSync(path.join(out, "checkpoint-12", "scaler.json")), false);
      model.dispose();
    }
    assert.ok(Math.abs(losses.true - losses.false) < 0.05, `${flag} training loss ${losses.true} vs float32 ${losses.false}`);
  });
}

test("group_by_length batches similar lengths together (less padding), longest batch first", async () => {
  const tokenizer = await AutoTokenizer.from_pretrained(TOK);
  const data = await tokenized(200, 8);
  const sizes: number[] = [];
  const model = tinyBert();
  const args = new TrainingArguments({ ...quietArgs, output_dir: mkdtempSync(path.join(os.tmpdir(), "fts-gbl-")), per_device_train_batch_size: 8, max_steps: 1, save_strategy: "no", group_by_length: true });
  const trainer = new Trainer({ model, args, train_dataset: data, tokenizer });
  const orig = trainer.compute_loss.bind(trainer);
  trainer.compute_loss = (inputs) => {
    sizes.push(inputs.input_ids.size(1));
    return orig(inputs);
  };
  await trainer.train();
  const maxLen = Math.max(...data.map((r) => (r.input_ids as number[]).length));
  assert.equal(sizes[0], maxLen, "the first batch holds the longest rows");
  model.dispose();
});

test("Ctrl-C (SIGINT) saves a checkpoint and exits with code 130; the run resumes from it", async () => {
  const { spawn } = await import("node:child_process");
  const out = mkdtempSync(path.join(os.tmpdir(), "fts-sigint-"));
  const script = `
    import * as torch from ${JSON.stringify(new URL("../../src/torch/index.ts", import.meta.url).href)};
    import { AutoTokenizer } from ${JSON.stringify(new URL("../../src/transformers/models/auto/tokenization_auto.ts", import.meta.url).href)};
    import { BertConfig } from ${JSON.stringify(new URL("../../src/transformers/models/bert/configuration_bert.ts", import.meta.url).href)};
    import { BertForSequenceClassification } from ${JSON.stringify(new URL("../../src/transformers/models/bert/modeling_bert.ts", import.meta.url).href)};
    import { TrainingArguments } from ${JSON.stringify(new URL("../../src/transformers/training_args.ts", import.meta.url).href)};
    import { Trainer } from ${JSON.stringify(new URL("../../src/transformers/trainer.ts", import.meta.url).href)};
    import { TrainerCallback } from ${JSON.stringify(new URL("../../src/transformers/trainer_callback.ts", import.meta.url).href)};
    const tok = await AutoTokenizer.from_pretrained(${JSON.stringify(TOK)});
    const data = Array.from({ length: 64 }, (_, i) => ({ ...tok("the movie was " + (i % 2 ? "good" : "bad")), label: i % 2 }));
    torch.manual_seed(0);
    const model = BertForSequenceClassification.from_config(new BertConfig({ hidden_size: 32, num_hidden_layers: 1, num_attention_heads: 4, intermediate_size: 37, max_position_embeddings: 64 }));
    class Ready extends TrainerCallback { on_step_end({ state }) { if (state.global_step === 3) process.stdout.write("STEP3\\n"); } }
    const args = new TrainingArguments({ disable_tqdm: true, output_dir: ${JSON.stringify(out)}, per_device_train_batch_size: 2, num_train_epochs: 50, save_strategy: "no" });
    await new Trainer({ model, args, train_dataset: data, tokenizer: tok, callbacks: [new Ready()] }).train();
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += String(d)));
  await new Promise<void>((resolve) => child.stdout.on("data", (d) => { if (String(d).includes("STEP3")) { child.kill("SIGINT"); resolve(); } }));
  const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
  assert.equal(code, 130, stderr);
  assert.match(stderr, /Interrupted: saved .*checkpoint-\d+/);
  const ckpts = readdirSync(out).filter((f) => f.startsWith("checkpoint-"));
  assert.equal(ckpts.length, 1);
  assert.ok(existsSync(path.join(out, ckpts[0], "trainer_state.json")));
  assert.ok(!readdirSync(out).some((f) => f.startsWith("tmp-")), "no half-written checkpoint folder");
});

test("class_weights (array or 'balanced') and label_smoothing_factor go into the training loss", async () => {
  const tokenizer = await AutoTokenizer.from_pretrained(TOK);
  const rows: Array<Record<string, unknown>> = (await tokenized(12, 9)).map((r, i) => ({ ...r, label: i < 9 ? 0 : 1 })); // 9 vs 3
  const model = tinyBert(0);
  const mk = (extra: Record<string, unknown>): Trainer => new Trainer({ model, tokenizer, train_dataset: rows, args: new TrainingArguments({ ...quietArgs, output_dir: mkdtempSync(path.join(os.tmpdir(), "fts-cw-")), ...extra }) });
  const batch = (await import("../../src/transformers/data/data_collator.js")).DataCollatorWithPadding({ tokenizer })(rows.map(({ input_ids, attention_mask, token_type_ids, label }) => ({ input_ids, attention_mask, token_type_ids, label })));
  const lossWith = (t: Trainer): number => torch.no_grad(() => torch.tidy(() => t.compute_loss(batch).loss.item()));
  const plain = lossWith(mk({}));
  const balanced = mk({ class_weights: "balanced" });
  (balanced as unknown as { prepareClassWeights(): void }).prepareClassWeights();
  const logits = torch.no_grad(() => torch.tidy(() => model.forward(batch).logits));
  // sklearn's balanced weights: n / (C · count) = 12/(2·9), 12/(2·3).
  const want = torch.tidy(() => torch.nn.functional.cross_entropy(logits, batch.labels, { weight: torch.tensor([12 / 18, 12 / 6]) }).item());
  assert.ok(Math.abs(lossWith(balanced) - want) < 1e-6);
  assert.ok(Math.abs(lossWith(balanced) - plain) > 1e-4);
  const smooth = lossWith(mk({ label_smoothing_factor: 0.1 }));
  const wantSmooth = torch.tidy(() => torch.nn.functional.cross_entropy(logits, batch.labels, { label_smoothing: 0.1 }).item());
  assert.ok(Math.abs(smooth - wantSmooth) < 1e-6);
  for (const t of [...Object.values(batch), logits]) t.dispose();
  model.dispose();
});
