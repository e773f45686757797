// trainer_callback.py: TrainerState (saved as trainer_state.json in HF's format), TrainerControl,
// the callback events, the default flow (when to log/evaluate/save), early stopping, and the
// console progress (a bar `[381/402 26:19 < 01:27, 0.24 it/s, Epoch 2.84/3]` on a TTY, plain
// lines otherwise) with the notebooks' per-evaluation table.
import { readFile, writeFile, rename } from "node:fs/promises";
import type { TrainingArguments } from "./training_args.js";
import type { Metrics } from "./trainer_utils.js";
import { ValueError } from "../utils/errors.js";

export class TrainerState {
  epoch = 0;
  global_step = 0;
  max_steps = 0;
  logging_steps = 500;
  eval_steps = 500;
  save_steps = 500;
  train_batch_size = 8;
  num_train_epochs = 0;
  num_input_tokens_seen = 0;
  total_flos = 0;
  log_history: Array<Record<string, number>> = [];
  best_metric: number | null = null;
  best_global_step: number | null = null;
  best_model_checkpoint: string | null = null;
  is_local_process_zero = true;
  is_world_process_zero = true;
  is_hyper_param_search = false;
  trial_name: string | null = null;
  trial_params: Record<string, unknown> | null = null;
  stateful_callbacks: Record<string, unknown> = {};

  async save_to_json(file: string): Promise<void> {
    await writeFile(`${file}.tmp`, JSON.stringify(this, null, 2) + "\n");
    await rename(`${file}.tmp`, file);
  }
  static async load_from_json(file: string): Promise<TrainerState> {
    return Object.assign(new TrainerState(), JSON.parse(await readFile(file, "utf8")) as Partial<TrainerState>);
  }
}

export class TrainerControl {
  should_training_stop = false;
  should_epoch_stop = false;
  should_save = false;
  should_evaluate = false;
  should_log = false;
}

export interface CallbackArgs {
  args: TrainingArguments;
  state: TrainerState;
  control: TrainerControl;
  metrics?: Metrics;
  logs?: Record<string, number>;
}

/** Override any event; each receives { args, state, control, metrics?, logs? }. */
export class TrainerCallback {
  on_init_end(_: CallbackArgs): void {}
  on_train_begin(_: CallbackArgs): void {}
  on_train_end(_: CallbackArgs): void {}
  on_epoch_begin(_: CallbackArgs): void {}
  on_epoch_end(_: CallbackArgs): void {}
  on_step_begin(_: CallbackArgs): void {}
  on_step_end(_: CallbackArgs): void {}
  on_evaluate(_: CallbackArgs): void {}
  on_predict(_: CallbackArgs): void {}
  on_save(_: CallbackArgs): void {}
  on_log(_: CallbackArgs): void {}
  on_prediction_step(_: CallbackArgs): void {}
}

export type CallbackEvent = Exclude<keyof TrainerCallback, never>;

export class CallbackHandler {
  constructor(readonly callbacks: TrainerCallback[]) {}
  add_callback(cb: TrainerCallback): void {
    this.callbacks.push(cb);
  }
  call(event: CallbackEvent, a: CallbackArgs): TrainerControl {
    for (const cb of this.callbacks) (cb[event] as (x: CallbackArgs) => void).call(cb, a);
    return a.control;
  }
}

/** HF's DefaultFlowCallback: sets should_log / should_evaluate / should_save from the strategies. */
export class DefaultFlowCallback extends TrainerCallback {
  override on_step_end({ args, state, control }: CallbackArgs): void {
    if (state.global_step === 1 && args.logging_first_step) control.should_log = true;
    if (args.logging_strategy === "steps" && state.logging_steps > 0 && state.global_step % state.logging_steps === 0) control.should_log = true;
    if (args.eval_strategy === "steps" && state.eval_steps > 0 && state.global_step % state.eval_steps === 0) control.should_evaluate = true;
    if (args.save_strategy === "steps" && state.save_steps > 0 && state.global_step % state.save_steps === 0) control.should_save = true;
    if (state.global_step >= state.max_steps) {
      control.should_training_stop = true;
      if (args.save_strategy !== "no") control.should_save = true;
    }
  }
  override on_epoch_end({ args, control }: CallbackArgs): void {
    if (args.logging_strategy === "epoch") control.should_log = true;
    if (args.eval_strategy === "epoch") control.should_evaluate = true;
    if (args.save_strategy === "epoch") control.should_save = true;
  }
}

/**
 * Stops training when metric_for_best_model has not improved (by more than
 * early_stopping_threshold) for early_stopping_patience evaluations.
 */
export class EarlyStoppingCallback extends TrainerCallback {
  early_stopping_patience_counter = 0;
  constructor(readonly early_stopping_patience = 1, readonly early_stopping_threshold = 0.0) {
    super();
  }
  override on_train_begin({ args }: CallbackArgs): void {
    if (!args.load_best_model_at_end) throw new ValueError("EarlyStoppingCallback requires load_best_model_at_end = true");
    if (!args.metric_for_best_model) throw new ValueError("EarlyStoppingCallback requires metric_for_best_model to be defined");
    if (args.eval_strategy === "no") throw new ValueError("EarlyStoppingCallback requires eval_strategy of steps or epoch");
  }
  override on_evaluate({ args, state, control, metrics }: CallbackArgs): void {
    let name = args.metric_for_best_model!;
    if (!name.startsWith("eval_")) name = `eval_${name}`;
    const value = metrics?.[name];
    if (value === undefined) {
      console.warn(`early stopping required metric_for_best_model, but did not find ${name} so early stopping is disabled`);
      return;
    }
    const better = args.greater_is_better ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
    if (state.best_metric === null || (better(value, state.best_metric) && Math.abs(value - state.best_metric) > this.early_stopping_threshold)) {
      this.early_stopping_patience_counter = 0;
    } else {
      this.early_stopping_patience_counter += 1;
    }
    if (this.early_stopping_patience_counter >= this.early_stopping_patience) control.should_training_stop = true;
  }
}

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return "??:??";
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}
const titleCase = (k: string): string => k.replace(/^eval_/, "").split("_").map((w) => (w.length <= 2 ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1))).join(" ");

/** The console view: a progress bar (TTY) or periodic lines, and the evaluation table. */
export class ProgressCallback extends TrainerCallback {
  private start = 0;
  private lastDraw = 0;
  private columns: string[] | null = null;
  private lastTrainLoss: number | null = null;
  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {
    super();
  }
  private get tty(): boolean {
    return Boolean(this.out.isTTY) && !process.env.CI;
  }
  line(state: TrainerState): string {
    const elapsed = (performance.now() - this.start) / 1000;
    const rate = elapsed > 0 ? state.global_step / elapsed : 0;
    const remaining = rate > 0 ? (state.max_steps - state.global_step) / rate : Infinity;
    return `[${state.global_step}/${state.max_steps} ${clock(elapsed)} < ${clock(remaining)}, ${rate.toFixed(2)} it/s, Epoch ${state.epoch.toFixed(2)}/${state.num_train_epochs}]`;
  }
  override on_train_begin(): void {
    this.start = performance.now();
  }
  override on_step_end({ args, state }: CallbackArgs): void {
    if (args.disable_tqdm) return;
    const now = performance.now();
    const every = this.tty ? 200 : 10_000;
    if (now - this.lastDraw < every && state.global_step < state.max_steps) return;
    this.lastDraw = now;
    this.out.write(this.tty ? `\r${this.line(state)}` : `${this.line(state)}\n`);
  }
  override on_log({ args, logs }: CallbackArgs): void {
    if (logs && "loss" in logs) this.lastTrainLoss = logs.loss;
    if (args.disable_tqdm && logs) this.out.write(`${JSON.stringify(logs)}\n`);
  }
  override on_evaluate({ args, state, metrics }: CallbackArgs): void {
    if (args.disable_tqdm || !metrics) return;
    const extra = Object.keys(metrics).filter((k) => k.startsWith("eval_") && !/^eval_(loss|runtime|samples_per_second|steps_per_second)$/.test(k));
    if (this.columns === null) {
      this.columns = [args.eval_strategy === "epoch" ? "Epoch" : "Step", "Training Loss", "Validation Loss", ...extra.map(titleCase)];
      if (this.tty) this.out.write("\n");
      this.out.write(`${this.columns.join(" | ")}\n`);
    }
    const cells = [
      args.eval_strategy === "epoch" ? String(Math.round(state.epoch)) : String(state.global_step),
      this.lastTrainLoss === null ? "No log" : this.lastTrainLoss.toFixed(6),
      metrics.eval_loss === undefined ? "No log" : metrics.eval_loss.toFixed(6),
      ...extra.map((k) => metrics[k].toFixed(6)),
    ];
    this.out.write(`${cells.join(" | ")}\n`);
  }
  override on_train_end({ args, state }: CallbackArgs): void {
    if (!args.disable_tqdm) this.out.write(this.tty ? `\r${this.line(state)}\n` : `${this.line(state)}\n`);
  }
}
