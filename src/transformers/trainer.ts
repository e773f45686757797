// Trainer (transformers/trainer.py): the training loop users know — train / evaluate / predict,
// compute_metrics with an EvalPrediction, HF's metric names, logging/eval/save strategies,
// gradient accumulation, clipping, best-checkpoint tracking, early stopping through callbacks,
// atomic checkpoints and exact resume. Every step runs inside one memory scope.
import { mkdir } from "node:fs/promises";
import * as torch from "../torch/index.js";
import type { Tensor } from "../torch/index.js";
import { BatchSampler, RandomSampler, SequentialSampler, asMapStyle, type DatasetLike } from "../torch/utils/data/index.js";
import type { PreTrainedModel } from "./modeling_utils.js";
import type { PreTrainedTokenizerFast } from "./tokenization_utils.js";
import { TrainingArguments } from "./training_args.js";
import { get_scheduler } from "./optimization.js";
import { decay_param_groups } from "./trainer_pt_utils.js";
import { DataCollatorWithPadding, default_data_collator, type Feature, type Batch, type DataCollator } from "./data/data_collator.js";
import { CallbackHandler, DefaultFlowCallback, ProgressCallback, TrainerControl, TrainerState, type TrainerCallback, type CallbackEvent } from "./trainer_callback.js";
import { EvalPrediction, NDArray, round, speed_metrics, set_seed, type Metrics, type PredictionOutput, type TrainOutput } from "./trainer_utils.js";
import { save_checkpoint, load_checkpoint_state, rotate_checkpoints, get_last_checkpoint, TRAINER_STATE_NAME } from "./trainer_checkpoint.js";
import { NotImplementedError, ValueError } from "../utils/errors.js";
import path from "node:path";

type Scheduler = ReturnType<typeof get_scheduler>;
type Row = Feature;
type ForwardModel = PreTrainedModel & { forward(inputs: Record<string, unknown>): { loss?: Tensor; logits: Tensor } };

export interface TrainerInit {
  model: PreTrainedModel;
  args?: TrainingArguments;
  data_collator?: DataCollator;
  train_dataset?: DatasetLike<Row>;
  eval_dataset?: DatasetLike<Row>;
  /** HF's `tokenizer` / `processing_class`: saved with checkpoints, used for dynamic padding. */
  tokenizer?: PreTrainedTokenizerFast;
  processing_class?: PreTrainedTokenizerFast;
  compute_metrics?: (p: EvalPrediction) => Metrics | Promise<Metrics>;
  callbacks?: TrainerCallback[];
  optimizers?: [torch.optim.Optimizer | null, Scheduler | null];
}

/** Inputs a model's forward takes: other dataset columns are dropped (remove_unused_columns). */
const MODEL_INPUTS = new Set(["input_ids", "attention_mask", "token_type_ids", "position_ids", "inputs_embeds", "labels", "label", "label_ids", "start_positions", "end_positions"]);

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

export class Trainer {
  readonly model: ForwardModel;
  readonly args: TrainingArguments;
  readonly tokenizer: PreTrainedTokenizerFast | null;
  readonly data_collator: DataCollator;
  train_dataset: DatasetLike<Row> | null;
  eval_dataset: DatasetLike<Row> | null;
  readonly compute_metrics: TrainerInit["compute_metrics"] | null;
  readonly callback_handler: CallbackHandler;
  state = new TrainerState();
  control = new TrainerControl();
  optimizer: torch.optim.Optimizer | null;
  lr_scheduler: Scheduler | null;
  private classWeights: Tensor | null = null;
  private interrupted = false;
  private amp: { device: "cpu" | "cuda"; dtype: torch.dtype } | null = null;
  private scaler: torch.amp.GradScaler | null = null;

  constructor(init: TrainerInit) {
    this.model = init.model as ForwardModel;
    this.args = init.args ?? new TrainingArguments();
    this.tokenizer = init.processing_class ?? init.tokenizer ?? null;
    this.data_collator = init.data_collator ?? (this.tokenizer ? DataCollatorWithPadding({ tokenizer: this.tokenizer }) : default_data_collator);
    this.train_dataset = init.train_dataset ?? null;
    this.eval_dataset = init.eval_dataset ?? null;
    this.compute_metrics = init.compute_metrics ?? null;
    this.callback_handler = new CallbackHandler([new DefaultFlowCallback(), new ProgressCallback(), ...(init.callbacks ?? [])]);
    [this.optimizer, this.lr_scheduler] = init.optimizers ?? [null, null];
    if (this.args.fp16 || this.args.bf16) this.setupMixedPrecision();
    if (torch.cuda.is_available() && !this.args.use_cpu) this.model.to("cuda");
    this.fire("on_init_end");
  }

  /**
   * fp16/bf16 as accelerate does for HF's Trainer: the forward (and loss) run under
   * torch.autocast on the training device; fp16 adds a GradScaler (loss scaling, skipped steps
   * on overflow, the scheduler not stepped then). bf16 needs no scaler (float32's range).
   */
  private setupMixedPrecision(): void {
    const flag = this.args.fp16 ? "fp16" : "bf16";
    const device = this.device === "cuda" ? "cuda" : "cpu";
    const dtype = this.args.fp16 ? torch.float16 : torch.bfloat16;
    if (!torch.amp.is_autocast_available(device, dtype)) {
      throw new ValueError(
        `${flag} mixed precision on the ${device} needs libtorch ≥ 2.3 (this one is ${torch.__version__}); ` +
          (flag === "fp16" ? "use --bf16 on the CPU, train on a CUDA device, or remove --fp16." : `remove --${flag}.`),
      );
    }
    this.amp = { device, dtype };
    if (this.args.fp16) this.scaler = new torch.amp.GradScaler(device);
  }

  /** Runs fn under the mixed-precision autocast region when fp16/bf16 is on. */
  private autocast<T>(fn: () => T): T {
    return this.amp ? torch.autocast(this.amp.device, { dtype: this.amp.dtype }, fn) : fn();
  }

  private get device(): string {
    return torch.cuda.is_available() && !this.args.use_cpu ? "cuda" : "cpu";
  }
  add_callback(cb: TrainerCallback): void {
    this.callback_handler.add_callback(cb);
  }
  private fire(event: CallbackEvent, extra: { metrics?: Metrics; logs?: Record<string, number> } = {}): void {
    this.callback_handler.call(event, { args: this.args, state: this.state, control: this.control, ...extra });
  }

  // ---- data ---------------------------------------------------------------------------------
  private collate(rows: Row[]): Batch {
    const clean = this.args.remove_unused_columns ? rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => MODEL_INPUTS.has(k)))) : rows;
    const batch = this.data_collator(clean);
    if (this.device === "cpu") return batch;
    return Object.fromEntries(Object.entries(batch).map(([k, t]) => {
      const moved = t.to(this.device);
      t.dispose();
      return [k, moved];
    }));
  }

  /** The batches of one pass: index lists (so resume can skip without reading rows). */
  private batches(ds: DatasetLike<Row>, batch_size: number, shuffle: boolean): number[][] {
    const map = asMapStyle(ds);
    const n = map.length;
    if (shuffle && this.args.group_by_length) return this.lengthGrouped(map, batch_size);
    return [...new BatchSampler(shuffle ? new RandomSampler(n) : new SequentialSampler(n), batch_size, shuffle && this.args.dataloader_drop_last)];
  }

  /**
   * HF's LengthGroupedSampler: a random permutation cut into megabatches of 50 batches, each
   * sorted by length (longest first) and split into batches, the longest batch moved first — so
   * a batch holds similar lengths and dynamic padding wastes little.
   */
  private lengthGrouped(map: { length: number; getItem(i: number): Row }, bs: number): number[][] {
    const col = this.args.length_column_name;
    const lengths = Array.from({ length: map.length }, (_, i) => {
      const r = map.getItem(i);
      return typeof r[col] === "number" ? (r[col] as number) : ((r.input_ids as unknown[] | undefined)?.length ?? 0);
    });
    const perm = torch.randperm(map.length);
    const order = perm.tolist() as number[];
    perm.dispose();
    const mult = Math.max(1, Math.min(Math.floor(map.length / (4 * bs)), 50));
    const mega = mult * bs;
    const batches: number[][] = [];
    for (let i = 0; i < order.length; i += mega) {
      const sorted = order.slice(i, i + mega).sort((a, b) => lengths[b] - lengths[a]);
      for (let j = 0; j < sorted.length; j += bs) batches.push(sorted.slice(j, j + bs));
    }
    let longest = 0;
    batches.forEach((b, k) => { if (lengths[b[0]] > lengths[batches[longest][0]]) longest = k; });
    [batches[0], batches[longest]] = [batches[longest], batches[0]];
    return this.args.dataloader_drop_last ? batches.filter((b) => b.length === bs) : batches;
  }

  // ---- optimizer ----------------------------------------------------------------------------
  create_optimizer(): torch.optim.Optimizer {
    if (this.optimizer) return this.optimizer;
    const a = this.args;
    const groups = decay_param_groups(this.model, a.weight_decay);
    this.optimizer = a.optim === "sgd"
      ? new torch.optim.SGD(groups, { lr: a.learning_rate })
      : a.optim === "adam"
        ? new torch.optim.Adam(groups, { lr: a.learning_rate, betas: [a.adam_beta1, a.adam_beta2], eps: a.adam_epsilon })
        : new torch.optim.AdamW(groups, { lr: a.learning_rate, betas: [a.adam_beta1, a.adam_beta2], eps: a.adam_epsilon, fused: a.optim === "adamw_torch_fused" });
    return this.optimizer;
  }
  create_scheduler(num_training_steps: number): Scheduler {
    if (this.lr_scheduler) return this.lr_scheduler;
    this.lr_scheduler = get_scheduler(this.args.lr_scheduler_type as Parameters<typeof get_scheduler>[0], {
      optimizer: this.create_optimizer(),
      num_warmup_steps: this.args.get_warmup_steps(num_training_steps),
      num_training_steps,
      scheduler_specific_kwargs: this.args.lr_scheduler_kwargs,
    });
    return this.lr_scheduler;
  }

  // ---- loss ---------------------------------------------------------------------------------
  /** The model's own loss, or cross-entropy with class weights / label smoothing when asked. */
  compute_loss(inputs: Batch): { loss: Tensor; logits: Tensor } {
    const out = this.model.forward(inputs);
    const labels = inputs.labels;
    if (labels && (this.classWeights || this.args.label_smoothing_factor > 0) && labels.dtype === torch.int64) {
      const C = out.logits.size(-1);
      const loss = torch.nn.functional.cross_entropy(out.logits.view(-1, C), labels.view(-1), {
        weight: this.classWeights, label_smoothing: this.args.label_smoothing_factor, ignore_index: -100,
      });
      return { loss, logits: out.logits };
    }
    if (!out.loss) throw new ValueError("The model did not return a loss from the inputs, only logits; the batch needs `labels` (or `label`) for training.");
    return { loss: out.loss, logits: out.logits };
  }

  private prepareClassWeights(): void {
    const cw = this.args.class_weights;
    if (!cw) return;
    let weights: number[];
    if (cw === "balanced") {
      // sklearn's compute_class_weight("balanced"): n_samples / (n_classes · count(class)).
      const ds = asMapStyle(this.train_dataset!);
      const counts = new Map<number, number>();
      for (let i = 0; i < ds.length; i++) {
        const r = ds.getItem(i);
        const y = Number(r.label ?? r.labels);
        counts.set(y, (counts.get(y) ?? 0) + 1);
      }
      const C = this.model.config.num_labels;
      weights = Array.from({ length: C }, (_, c) => ds.length / (C * (counts.get(c) ?? Infinity)));
    } else weights = cw;
    this.classWeights = torch.keep(torch.tensor(weights, { dtype: torch.float32, device: this.device }));
  }

  // ---- train --------------------------------------------------------------------------------
  /**
   * Trains; `resume_from_checkpoint` (a folder, or true for the newest in output_dir) restores
   * weights, optimizer, scheduler, RNG and the data position, and ends bit-identical to an
   * uninterrupted run. Ctrl-C saves a checkpoint and exits.
   */
  async train(options: { resume_from_checkpoint?: string | boolean | null } = {}): Promise<TrainOutput> {
    const a = this.args;
    if (!this.train_dataset) throw new ValueError("Trainer: training requires a train_dataset.");
    set_seed(a.seed);
    let resume = options.resume_from_checkpoint ?? a.resume_from_checkpoint;
    if (resume === true) {
      resume = await get_last_checkpoint(a.output_dir);
      if (!resume) throw new ValueError(`No valid checkpoint found in output directory (${a.output_dir})`);
    }
    const n = asMapStyle(this.train_dataset).length;
    const batchesPerEpoch = this.batches(this.train_dataset, a.train_batch_size, false).length;
    const updatesPerEpoch = Math.max(Math.floor(batchesPerEpoch / a.gradient_accumulation_steps), 1);
    const maxSteps = a.max_steps > 0 ? a.max_steps : Math.ceil(a.num_train_epochs * updatesPerEpoch);
    const numEpochs = a.max_steps > 0 ? Math.ceil(maxSteps / updatesPerEpoch) : Math.ceil(a.num_train_epochs);
    const opt = this.create_optimizer();
    const sched = this.create_scheduler(maxSteps);
    this.prepareClassWeights();
    this.state = new TrainerState();
    Object.assign(this.state, {
      max_steps: maxSteps, num_train_epochs: numEpochs, train_batch_size: a.train_batch_size,
      logging_steps: a.resolve_steps(a.logging_steps, maxSteps), eval_steps: a.resolve_steps(a.eval_steps ?? a.logging_steps, maxSteps), save_steps: a.resolve_steps(a.save_steps, maxSteps),
    });
    let epochsTrained = 0;
    let stepsToSkip = 0;
    let epochRng: Tensor | null = null;
    if (resume) {
      const saved = await TrainerState.load_from_json(path.join(resume, TRAINER_STATE_NAME));
      Object.assign(this.state, { global_step: saved.global_step, log_history: saved.log_history, best_metric: saved.best_metric, best_global_step: saved.best_global_step, best_model_checkpoint: saved.best_model_checkpoint, total_flos: saved.total_flos, epoch: saved.epoch });
      const ckpt = await readWeights(resume);
      this.model.load_pretrained_state_dict(ckpt);
      for (const t of ckpt.values()) t.dispose();
      const rng = await load_checkpoint_state(resume, opt, sched, this.scaler);
      epochRng = rng.epoch_rng;
      epochsTrained = Math.floor(this.state.global_step / updatesPerEpoch);
      stepsToSkip = (this.state.global_step % updatesPerEpoch) * a.gradient_accumulation_steps;
      torch.set_rng_state(rng.rng);
      rng.rng.dispose();
    }
    const onSigint = (): void => {
      this.interrupted = true;
    };
    process.on("SIGINT", onSigint);
    const start = performance.now();
    let trLoss = 0;
    let loggedSteps = this.state.global_step;
    let totalLoss = 0;
    let tokens = 0;
    let lastGradNorm = NaN;
    this.model.train();
    this.fire("on_train_begin");
    try {
      for (let epoch = epochsTrained; epoch < numEpochs && !this.control.should_training_stop; epoch++) {
        // The epoch's data order comes from the generator state at its start; saving that state
        // lets a resumed run rebuild the same order without reading the skipped rows.
        let order: number[][];
        const rngNow = torch.get_rng_state();
        if (epochRng && epoch === epochsTrained) {
          torch.set_rng_state(epochRng);
          order = this.batches(this.train_dataset, a.train_batch_size, true);
          torch.set_rng_state(rngNow);
        } else {
          epochRng?.dispose();
          epochRng = torch.keep(rngNow.clone());
          order = this.batches(this.train_dataset, a.train_batch_size, true);
        }
        rngNow.dispose();
        this.control.should_epoch_stop = false;
        this.fire("on_epoch_begin");
        const ds = asMapStyle(this.train_dataset);
        for (let s = 0; s < order.length; s++) {
          if (s < stepsToSkip) continue;
          const lastOfEpoch = s === order.length - 1;
          const stepLoss = torch.tidy(() => {
            const batch = this.collate(order[s].map((i) => ds.getItem(i)));
            tokens += batch.input_ids?.numel() ?? 0;
            const { loss } = this.autocast(() => this.compute_loss(batch));
            const scaled = loss.div(a.gradient_accumulation_steps);
            (this.scaler ? this.scaler.scale(scaled) : scaled).backward();
            return scaled.item();
          });
          trLoss += stepLoss;
          totalLoss += stepLoss;
          if ((s + 1) % a.gradient_accumulation_steps === 0 || lastOfEpoch) {
            // Clipping sees true gradients: unscale first (accelerate's clip_grad_norm_ does the same).
            if (this.scaler && a.max_grad_norm > 0) this.scaler.unscale_(opt);
            if (a.max_grad_norm > 0) lastGradNorm = torch.tidy(() => torch.nn.utils.clip_grad_norm_(this.model.parameters(), a.max_grad_norm).item());
            if (this.scaler) {
              // accelerate's test for a skipped step: the scale went down in update().
              const before = this.scaler.get_scale();
              this.scaler.step(opt);
              this.scaler.update();
              if (this.scaler.get_scale() >= before) sched.step();
            } else {
              opt.step();
              sched.step();
            }
            opt.zero_grad();
            this.state.global_step += 1;
            this.state.epoch = epoch + (s + 1) / order.length;
            this.fire("on_step_end");
            if (this.interrupted) Object.assign(this.control, { should_save: true, should_training_stop: true });
            await this.maybeLogSaveEvaluate(() => {
              const logs = { loss: round(trLoss / Math.max(1, this.state.global_step - loggedSteps), 4), grad_norm: lastGradNorm, learning_rate: sched.get_last_lr()[0], epoch: round(this.state.epoch, 4) };
              trLoss = 0;
              loggedSteps = this.state.global_step;
              return logs;
            }, epochRng!);
            await tick();
          }
          if (this.control.should_epoch_stop || this.control.should_training_stop) break;
        }
        stepsToSkip = 0;
        this.fire("on_epoch_end");
        await this.maybeLogSaveEvaluate(() => {
          const logs = { loss: round(trLoss / Math.max(1, this.state.global_step - loggedSteps), 4), grad_norm: lastGradNorm, learning_rate: sched.get_last_lr()[0], epoch: round(this.state.epoch, 4) };
          trLoss = 0;
          loggedSteps = this.state.global_step;
          return logs;
        }, epochRng!);
      }
    } finally {
      process.off("SIGINT", onSigint);
      epochRng?.dispose();
    }
    if (this.interrupted) {
      console.error(`\nInterrupted: saved ${path.join(a.output_dir, `checkpoint-${this.state.global_step}`)}; resume with resume_from_checkpoint.`);
      process.exit(130);
    }
    if (a.load_best_model_at_end && this.state.best_model_checkpoint) {
      const best = await readWeights(this.state.best_model_checkpoint);
      this.model.load_pretrained_state_dict(best);
      for (const t of best.values()) t.dispose();
    }
    this.state.total_flos += 6 * tokens * this.model.num_parameters({ exclude_embeddings: true });
    const metrics: Metrics = {
      ...speed_metrics("train", start, n * a.num_train_epochs, maxSteps),
      total_flos: this.state.total_flos,
      train_loss: totalLoss / Math.max(1, this.state.global_step),
      epoch: round(this.state.epoch, 4),
    };
    this.state.log_history.push({ ...metrics, step: this.state.global_step });
    this.fire("on_log", { logs: metrics });
    this.fire("on_train_end");
    this.classWeights?.dispose();
    this.classWeights = null;
    if (a.save_training_curves) await this.saveTrainingCurves();
    return { global_step: this.state.global_step, training_loss: metrics.train_loss, metrics };
  }

  /** output_dir/training_curves.png from the log history; a plotting failure warns, never fails training. */
  private async saveTrainingCurves(): Promise<void> {
    if (!this.state.log_history.some((e) => "loss" in e || "eval_loss" in e)) return;
    const file = path.join(this.args.output_dir, "training_curves.png");
    try {
      const { training_curves } = await import("../plot/index.js");
      await mkdir(this.args.output_dir, { recursive: true });
      await training_curves(this.state, { metric_for_best_model: this.args.metric_for_best_model ?? undefined }).savefig(file);
    } catch (e) {
      console.warn(`Trainer: could not write ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async maybeLogSaveEvaluate(logs: () => Record<string, number>, epochRng: Tensor): Promise<void> {
    const c = this.control;
    if (c.should_log) {
      const l = logs();
      this.state.log_history.push({ ...l, step: this.state.global_step });
      this.fire("on_log", { logs: l });
      c.should_log = false;
    }
    let metrics: Metrics | null = null;
    if (c.should_evaluate && this.eval_dataset) {
      metrics = await this.evaluate();
      c.should_evaluate = false;
    }
    c.should_evaluate = false;
    if (c.should_save) {
      await this.saveCheckpoint(metrics, epochRng);
      c.should_save = false;
    }
  }

  private async saveCheckpoint(metrics: Metrics | null, epochRng: Tensor): Promise<void> {
    const a = this.args;
    const dir = path.join(a.output_dir, `checkpoint-${this.state.global_step}`);
    if (metrics && a.metric_for_best_model) {
      const key = a.metric_for_best_model.startsWith("eval_") ? a.metric_for_best_model : `eval_${a.metric_for_best_model}`;
      const v = metrics[key];
      if (v === undefined) throw new ValueError(`The metric_for_best_model '${a.metric_for_best_model}' is not among the evaluation metrics: ${Object.keys(metrics).join(", ")}. Pass one of those names.`);
      const better = this.state.best_metric === null || (a.greater_is_better ? v > this.state.best_metric : v < this.state.best_metric);
      if (better) Object.assign(this.state, { best_metric: v, best_model_checkpoint: dir, best_global_step: this.state.global_step });
    }
    await mkdir(a.output_dir, { recursive: true });
    const rng = torch.get_rng_state();
    try {
      await save_checkpoint(a.output_dir, {
        model: this.model, tokenizer: this.tokenizer, optimizer: this.optimizer!, scheduler: this.lr_scheduler!,
        state: this.state, args_json: a.to_json_string(), rng, epoch_rng: epochRng, scaler: this.scaler,
      });
    } finally {
      rng.dispose();
    }
    await rotate_checkpoints(a.output_dir, a.save_total_limit, this.state.best_model_checkpoint);
    this.fire("on_save");
  }

  /** Saves the model (and tokenizer) like save_pretrained, into output_dir by default. */
  async save_model(output_dir: string = this.args.output_dir): Promise<void> {
    await this.model.save_pretrained(output_dir);
    if (this.tokenizer) await this.tokenizer.save_pretrained(output_dir);
  }

  // ---- evaluate / predict ---------------------------------------------------------------------
  /**
   * One pass over ds without gradients. `collect`: keep logits and labels (predict(), or evaluate()
   * with compute_metrics). evaluate() without metrics needs only the loss, and skipping the logits
   * keeps an MLM eval (batch × seq × vocab floats per step) from filling memory.
   */
  private async loop(ds: DatasetLike<Row>, prefix: string, collect = true): Promise<PredictionOutput> {
    const start = performance.now();
    const wasTraining = this.model.training;
    this.model.eval();
    const batches = this.batches(ds, this.args.eval_batch_size, false);
    const map = asMapStyle(ds);
    const preds: Array<{ data: Float64Array; shape: number[] }> = [];
    const labels: Array<{ data: Float64Array; shape: number[] }> = [];
    let lossSum = 0;
    let lossCount = 0;
    for (const idx of batches) {
      torch.no_grad(() => torch.tidy(() => {
        const batch = this.collate(idx.map((i) => map.getItem(i)));
        const out = this.autocast(() => this.model.forward(batch));
        if (out.loss) {
          lossSum += out.loss.item() * idx.length;
          lossCount += idx.length;
        }
        if (!collect) return;
        preds.push({ data: Float64Array.from(out.logits.float().toTypedArray() as Float32Array), shape: out.logits.shape });
        if (batch.labels) labels.push({ data: Float64Array.from(batch.labels.double().toTypedArray() as Float64Array), shape: batch.labels.shape });
      }));
      await tick();
    }
    if (wasTraining) this.model.train();
    const predictions = preds.length ? concatPadded(preds) : new NDArray(new Float64Array(0), [0]);
    const label_ids = labels.length ? concatPadded(labels) : null;
    const metrics: Metrics = {};
    if (lossCount) metrics[`${prefix}_loss`] = lossSum / lossCount;
    if (this.compute_metrics && label_ids) {
      for (const [k, v] of Object.entries(await this.compute_metrics(new EvalPrediction(predictions, label_ids)))) {
        metrics[k.startsWith(`${prefix}_`) ? k : `${prefix}_${k}`] = v;
      }
    }
    Object.assign(metrics, speed_metrics(prefix, start, map.length, batches.length));
    return { predictions, label_ids, metrics };
  }

  /** Runs the eval set; metrics are prefixed `eval_` (eval_loss, eval_accuracy, …) and logged. */
  async evaluate(options: { eval_dataset?: DatasetLike<Row>; metric_key_prefix?: string } = {}): Promise<Metrics> {
    const ds = options.eval_dataset ?? this.eval_dataset;
    if (!ds) throw new ValueError("Trainer: evaluation requires an eval_dataset.");
    const { metrics } = await this.loop(ds, options.metric_key_prefix ?? "eval", this.compute_metrics !== null && !this.args.prediction_loss_only);
    if (this.state.epoch) metrics.epoch = round(this.state.epoch, 4);
    this.state.log_history.push({ ...metrics, step: this.state.global_step });
    this.fire("on_log", { logs: metrics });
    this.fire("on_evaluate", { metrics });
    return metrics;
  }

  /** Predictions (logits), label ids and `test_` metrics for a dataset. */
  async predict(test_dataset: DatasetLike<Row>, options: { metric_key_prefix?: string } = {}): Promise<PredictionOutput> {
    const out = await this.loop(test_dataset, options.metric_key_prefix ?? "test");
    this.fire("on_predict", { metrics: out.metrics });
    return out;
  }
}

/** Concatenates per-batch arrays along dim 0, padding ragged dims with -100 (HF's nested_concat). */
function concatPadded(parts: Array<{ data: Float64Array; shape: number[] }>): NDArray {
  const rank = parts[0].shape.length;
  const maxShape = parts[0].shape.map((_, d) => (d === 0 ? parts.reduce((a, p) => a + p.shape[0], 0) : Math.max(...parts.map((p) => p.shape[d]))));
  const out = new Float64Array(maxShape.reduce((a, b) => a * b, 1)).fill(-100);
  const strides = maxShape.map((_, d) => maxShape.slice(d + 1).reduce((a, b) => a * b, 1));
  let row0 = 0;
  for (const p of parts) {
    const pStrides = p.shape.map((_, d) => p.shape.slice(d + 1).reduce((a, b) => a * b, 1));
    for (let i = 0; i < p.data.length; i++) {
      let rem = i;
      let off = 0;
      for (let d = 0; d < rank; d++) {
        const c = Math.floor(rem / pStrides[d]);
        rem -= c * pStrides[d];
        off += (d === 0 ? c + row0 : c) * strides[d];
      }
      out[off] = p.data[i];
    }
    row0 += p.shape[0];
  }
  return new NDArray(out, maxShape);
}

async function readWeights(dir: string): Promise<Map<string, Tensor>> {
  const { readCheckpoint } = await import("./modeling_utils.js");
  return readCheckpoint(dir);
}
