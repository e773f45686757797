// TrainingArguments (transformers/training_args.py): HF's keys, defaults and __post_init__ checks,
// with clearer messages. Unknown keys are an error naming the nearest valid one.
// Beyond HF: `class_weights` (an array per label, or "balanced") applied in the training loss, and
// `save_training_curves` (default true: output_dir/training_curves.png when training ends).
import { ValueError } from "../utils/errors.js";
import * as torch from "../torch/index.js";
import type { SchedulerType } from "./optimization.js";
import { nearest } from "../utils/did_you_mean.js";

export type IntervalStrategy = "no" | "steps" | "epoch";
export type OptimizerNames = "adamw_torch" | "adamw_torch_fused" | "adamw_hf" | "adam" | "sgd";

export interface TrainingArgumentsInit {
  output_dir?: string;
  overwrite_output_dir?: boolean;
  do_train?: boolean;
  do_eval?: boolean;
  do_predict?: boolean;
  eval_strategy?: IntervalStrategy;
  /** Deprecated HF name of eval_strategy (the seeds use it): accepted with a warning. */
  evaluation_strategy?: IntervalStrategy;
  prediction_loss_only?: boolean;
  per_device_train_batch_size?: number;
  per_device_eval_batch_size?: number;
  gradient_accumulation_steps?: number;
  learning_rate?: number;
  weight_decay?: number;
  adam_beta1?: number;
  adam_beta2?: number;
  adam_epsilon?: number;
  max_grad_norm?: number;
  num_train_epochs?: number;
  max_steps?: number;
  lr_scheduler_type?: SchedulerType | string;
  lr_scheduler_kwargs?: Record<string, unknown>;
  warmup_ratio?: number;
  warmup_steps?: number;
  logging_dir?: string | null;
  logging_strategy?: IntervalStrategy;
  logging_first_step?: boolean;
  logging_steps?: number;
  save_strategy?: IntervalStrategy | "best";
  save_steps?: number;
  save_total_limit?: number | null;
  save_only_model?: boolean;
  seed?: number;
  data_seed?: number | null;
  use_cpu?: boolean;
  no_cuda?: boolean;
  fp16?: boolean;
  bf16?: boolean;
  eval_steps?: number | null;
  dataloader_drop_last?: boolean;
  run_name?: string | null;
  disable_tqdm?: boolean | null;
  remove_unused_columns?: boolean;
  label_names?: string[] | null;
  load_best_model_at_end?: boolean;
  metric_for_best_model?: string | null;
  greater_is_better?: boolean | null;
  report_to?: string | string[];
  optim?: OptimizerNames;
  group_by_length?: boolean;
  length_column_name?: string;
  resume_from_checkpoint?: string | null;
  label_smoothing_factor?: number;
  class_weights?: number[] | "balanced" | null;
  /** Beyond HF: write output_dir/training_curves.png (loss and eval metrics) when training ends. */
  save_training_curves?: boolean;
}

/** HF v5: "adamw_torch_fused" where torch has the fused kernels (≥ 2.8 there; ≥ 2.4 here), else "adamw_torch". */
function defaultOptim(): OptimizerNames {
  return torch.hasOp("aten::_fused_adamw_") ? "adamw_torch_fused" : "adamw_torch";
}

const DEFAULTS: Required<Omit<TrainingArgumentsInit, "evaluation_strategy">> = {
  output_dir: "trainer_output", overwrite_output_dir: false, do_train: false, do_eval: false, do_predict: false,
  eval_strategy: "no", prediction_loss_only: false, per_device_train_batch_size: 8, per_device_eval_batch_size: 8,
  gradient_accumulation_steps: 1, learning_rate: 5e-5, weight_decay: 0.0, adam_beta1: 0.9, adam_beta2: 0.999,
  adam_epsilon: 1e-8, max_grad_norm: 1.0, num_train_epochs: 3.0, max_steps: -1, lr_scheduler_type: "linear",
  lr_scheduler_kwargs: {}, warmup_ratio: 0.0, warmup_steps: 0, logging_dir: null, logging_strategy: "steps",
  logging_first_step: false, logging_steps: 500, save_strategy: "steps", save_steps: 500, save_total_limit: null,
  save_only_model: false, seed: 42, data_seed: null, use_cpu: false, no_cuda: false, fp16: false, bf16: false,
  eval_steps: null, dataloader_drop_last: false, run_name: null, disable_tqdm: null, remove_unused_columns: true,
  label_names: null, load_best_model_at_end: false, metric_for_best_model: null, greater_is_better: null,
  report_to: "none", optim: defaultOptim(), group_by_length: false, length_column_name: "length",
  resume_from_checkpoint: null, label_smoothing_factor: 0.0, class_weights: null,
  save_training_curves: true,
};
const KEYS = new Set([...Object.keys(DEFAULTS), "evaluation_strategy"]);
const STRATEGIES = ["no", "steps", "epoch"];

let warnedEvaluationStrategy = false;

export interface TrainingArguments extends Required<Omit<TrainingArgumentsInit, "evaluation_strategy" | "metric_for_best_model" | "greater_is_better">> {}
export class TrainingArguments {
  metric_for_best_model: string | null;
  greater_is_better: boolean | null;

  constructor(init: TrainingArgumentsInit = {}) {
    for (const k of Object.keys(init)) {
      if (!KEYS.has(k)) throw new ValueError(`TrainingArguments: unknown argument '${k}'; did you mean '${nearest(k, KEYS)}'?`);
    }
    const { evaluation_strategy, ...rest } = init;
    Object.assign(this, DEFAULTS, rest);
    this.metric_for_best_model = rest.metric_for_best_model ?? null;
    this.greater_is_better = rest.greater_is_better ?? null;
    if (evaluation_strategy !== undefined) {
      if (!warnedEvaluationStrategy) {
        console.warn("`evaluation_strategy` is deprecated and will be removed in version 4.46 of 🤗 Transformers. Use `eval_strategy` instead");
        warnedEvaluationStrategy = true;
      }
      if (rest.eval_strategy === undefined) this.eval_strategy = evaluation_strategy;
    }
    this.postInit();
  }

  private postInit(): void {
    if (this.fp16 && this.bf16) throw new ValueError("At most one of fp16 and bf16 can be True, but not both");
    for (const [name, v] of [["eval_strategy", this.eval_strategy], ["logging_strategy", this.logging_strategy], ["save_strategy", this.save_strategy]] as const) {
      if (!STRATEGIES.includes(v) && !(name === "save_strategy" && v === "best")) {
        throw new ValueError(`TrainingArguments: ${name} must be one of "no", "steps", "epoch"${name === "save_strategy" ? ', "best"' : ""}; got '${v}'`);
      }
    }
    if (this.eval_strategy === "steps" && (this.eval_steps === null || this.eval_steps === 0)) {
      if (this.logging_steps > 0) this.eval_steps = this.logging_steps;
      else throw new ValueError(`evaluation strategy steps requires either non-zero --eval_steps or --logging_steps`);
    }
    for (const [name, v] of [["logging_steps", this.logging_steps], ["save_steps", this.save_steps], ["eval_steps", this.eval_steps]] as const) {
      if (v !== null && v > 1 && !Number.isInteger(v)) throw new ValueError(`--${name} must be an integer if bigger than 1: ${v}`);
      if (v !== null && v <= 0 && ((name === "save_steps" && this.save_strategy === "steps") || (name === "logging_steps" && this.logging_strategy === "steps"))) {
        throw new ValueError(`--${name} must be positive with ${name.replace("_steps", "")}_strategy "steps", got ${v}`);
      }
    }
    if (this.load_best_model_at_end) {
      if (this.save_strategy !== "best" && this.eval_strategy !== this.save_strategy) {
        throw new ValueError(
          `--load_best_model_at_end requires the save and eval strategy to match, but found\n- Evaluation strategy: ${this.eval_strategy}\n- Save strategy: ${this.save_strategy}\n` +
            `Set eval_strategy and save_strategy to the same value (e.g. both "epoch").`,
        );
      }
      if (this.eval_strategy === "steps" && this.save_strategy === "steps" && this.save_steps >= 1 && this.eval_steps! >= 1 && this.save_steps % this.eval_steps! !== 0) {
        throw new ValueError(`--load_best_model_at_end requires the saving steps to be a round multiple of the evaluation steps, but found ${this.save_steps}, which is not a round multiple of ${this.eval_steps}.`);
      }
      if (this.metric_for_best_model === null) this.metric_for_best_model = "loss";
    }
    if (this.metric_for_best_model !== null && this.greater_is_better === null) {
      this.greater_is_better = !this.metric_for_best_model.endsWith("loss");
    }
    if (this.warmup_ratio < 0 || this.warmup_ratio > 1) throw new ValueError(`warmup_ratio must lie in range [0,1], got ${this.warmup_ratio}`);
    if (this.gradient_accumulation_steps < 1 || !Number.isInteger(this.gradient_accumulation_steps)) {
      throw new ValueError(`gradient_accumulation_steps must be a positive integer, got ${this.gradient_accumulation_steps}`);
    }
    if (this.no_cuda) this.use_cpu = true;
    if (this.label_smoothing_factor < 0 || this.label_smoothing_factor >= 1) throw new ValueError(`label_smoothing_factor must be in [0, 1), got ${this.label_smoothing_factor}`);
    const optims: OptimizerNames[] = ["adamw_torch", "adamw_torch_fused", "adamw_hf", "adam", "sgd"];
    if (!optims.includes(this.optim)) throw new ValueError(`optim '${this.optim}' is not available in finetune-ts; choose one of ${optims.join(", ")}`);
    if (this.optim === "adamw_torch_fused" && !torch.hasOp("aten::_fused_adamw_")) {
      throw new ValueError(`optim "adamw_torch_fused" needs libtorch ≥ 2.4 (this is ${torch.__version__}); use optim "adamw_torch"`);
    }
  }

  get train_batch_size(): number {
    return this.per_device_train_batch_size;
  }
  get eval_batch_size(): number {
    return this.per_device_eval_batch_size;
  }
  /** warmup_steps if set, else ceil(num_training_steps · warmup_ratio) (HF's get_warmup_steps). */
  get_warmup_steps(num_training_steps: number): number {
    return this.warmup_steps > 0 ? this.warmup_steps : Math.ceil(num_training_steps * this.warmup_ratio);
  }
  /** A `*_steps` value: an int, or a ratio (< 1) of the total training steps. */
  resolve_steps(value: number, max_steps: number): number {
    return value < 1 ? Math.ceil(max_steps * value) : value;
  }
  to_dict(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this).filter(([, v]) => typeof v !== "function"));
  }
  to_json_string(): string {
    return JSON.stringify(this.to_dict(), null, 2) + "\n";
  }
}
