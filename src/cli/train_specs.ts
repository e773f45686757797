// The flags of `finetune-ts train`: run_classification.py's ModelArguments and DataTrainingArguments
// (transformers examples/pytorch/text-classification), every TrainingArguments key, and the
// early-stopping flags HF users add. The TrainingArguments spec is derived from the class's own
// defaults, so a key added there becomes a flag here; only types JS cannot see (3.0 vs 3, null) and
// the help lines are written by hand.
import { SchedulerType, TrainingArguments } from "../transformers/index.js";
import type { ArgValue, FieldSpec } from "./hf_argparse.js";

export const MODEL_ARGS: FieldSpec[] = [
  { name: "model_name_or_path", type: "str", default: null, required: true, help: "path to a pretrained model folder or a model identifier from huggingface.co/models" },
  { name: "config_name", type: "str", default: null, help: "pretrained config name or path if not the same as model_name_or_path" },
  { name: "tokenizer_name", type: "str", default: null, help: "pretrained tokenizer name or path if not the same as model_name_or_path" },
  { name: "cache_dir", type: "str", default: null, help: "where to store the pretrained models downloaded from huggingface.co" },
  { name: "use_fast_tokenizer", type: "bool", default: true, help: "use a fast tokenizer (finetune-ts tokenizers are all fast)" },
  { name: "model_revision", type: "str", default: "main", help: "the model version to use (branch name, tag name or commit id)" },
  { name: "token", type: "str", default: null, help: "the token to use as HTTP bearer authorization for remote files" },
  { name: "trust_remote_code", type: "bool", default: false, help: "allow custom models defined on the Hub in their own modeling files", ignored: true },
  { name: "ignore_mismatched_sizes", type: "bool", default: false, help: "load a checkpoint whose classification head has another number of labels, re-initialising the head" },
];

export const DATA_ARGS: FieldSpec[] = [
  { name: "dataset_name", type: "str", default: null, help: "the name of the dataset to use (via load_dataset)" },
  { name: "dataset_config_name", type: "str", default: null, help: "the configuration name of the dataset to use" },
  { name: "do_regression", type: "bool", default: null, help: "regression instead of classification; inferred from the label column's type if not given" },
  { name: "text_column_names", type: "str", default: null, help: "comma-separated text column names; several are joined with text_column_delimiter (default: the 'sentence' column, else 'text')" },
  { name: "text_column_delimiter", type: "str", default: " ", help: "the delimiter used to join several text columns" },
  { name: "train_split_name", type: "str", default: null, help: "the split of dataset_name to train on (default 'train')" },
  { name: "validation_split_name", type: "str", default: null, help: "the split of dataset_name to evaluate on (default 'validation')" },
  { name: "test_split_name", type: "str", default: null, help: "the split of dataset_name to predict on (default 'test')" },
  { name: "remove_splits", type: "str", default: null, help: "comma-separated splits to remove from the dataset" },
  { name: "remove_columns", type: "str", default: null, help: "comma-separated columns to remove from the dataset" },
  { name: "label_column_name", type: "str", default: null, help: "the name of the label column (default 'label')" },
  { name: "max_seq_length", type: "int", default: 128, help: "maximum total input length after tokenization; longer sequences are truncated" },
  { name: "overwrite_cache", type: "bool", default: false, help: "overwrite the cached preprocessed datasets", ignored: true },
  { name: "pad_to_max_length", type: "bool", default: true, help: "pad every sample to max_seq_length; with --no_pad_to_max_length batches are padded to their longest row (faster on CPU)" },
  { name: "shuffle_train_dataset", type: "bool", default: false, help: "shuffle the train dataset before max_train_samples" },
  { name: "shuffle_seed", type: "int", default: 42, help: "random seed for shuffle_train_dataset" },
  { name: "max_train_samples", type: "int", default: null, help: "truncate the number of training examples (debugging, quicker training)" },
  { name: "max_eval_samples", type: "int", default: null, help: "truncate the number of evaluation examples" },
  { name: "max_predict_samples", type: "int", default: null, help: "truncate the number of prediction examples" },
  { name: "metric_name", type: "str", default: null, choices: ["accuracy", "f1", "precision", "recall", "matthews_correlation", "mse"], help: "the metric to report; default: accuracy and macro f1 (classification), mse (regression)" },
  { name: "train_file", type: "str", default: null, help: "a csv, json/jsonl or parquet file with the training data" },
  { name: "validation_file", type: "str", default: null, help: "a csv, json/jsonl or parquet file with the validation data" },
  { name: "test_file", type: "str", default: null, help: "a csv, json/jsonl or parquet file with the test data (labels optional)" },
];

export const EXTRA_ARGS: FieldSpec[] = [
  { name: "early_stopping_patience", type: "int", default: null, help: "stop after this many evaluations without improvement of metric_for_best_model (adds EarlyStoppingCallback)" },
  { name: "early_stopping_threshold", type: "float", default: 0.0, help: "how much metric_for_best_model must improve to reset the patience counter" },
];

const TRAINING_HELP: Record<string, string> = {
  output_dir: "where the model, checkpoints and results are written (HF v5's default; v4 required it)",
  overwrite_output_dir: "train into a non-empty output_dir (otherwise training resumes from its last checkpoint or refuses)",
  do_train: "whether to run training", do_eval: "whether to run evaluation on the validation set", do_predict: "whether to run predictions on the test set",
  eval_strategy: "when to evaluate during training", evaluation_strategy: "deprecated name of --eval_strategy",
  prediction_loss_only: "only return the loss when evaluating",
  per_device_train_batch_size: "batch size for training", per_device_eval_batch_size: "batch size for evaluation",
  gradient_accumulation_steps: "number of update steps to accumulate before a backward/update pass",
  learning_rate: "the initial learning rate for the optimizer", weight_decay: "weight decay (not applied to biases and LayerNorm weights)",
  adam_beta1: "beta1 for the Adam optimizers", adam_beta2: "beta2 for the Adam optimizers", adam_epsilon: "epsilon for the Adam optimizers",
  max_grad_norm: "max gradient norm (clipping); 0 disables", num_train_epochs: "total number of training epochs",
  max_steps: "if > 0: total number of training steps, overriding num_train_epochs", lr_scheduler_type: "the learning-rate schedule",
  lr_scheduler_kwargs: "extra scheduler arguments as a JSON object", warmup_ratio: "linear warmup over this fraction of the total steps",
  warmup_steps: "linear warmup over this many steps (overrides warmup_ratio)", logging_dir: "TensorBoard log directory (unused: report_to none)",
  logging_strategy: "when to log", logging_first_step: "log the first global step", logging_steps: "log every X update steps (a ratio of the total if < 1)",
  save_strategy: "when to save checkpoints", save_steps: "save a checkpoint every X update steps (a ratio of the total if < 1)",
  save_total_limit: "keep at most this many checkpoints (the best one is kept too)", save_only_model: "save only the model in checkpoints (no optimizer/scheduler/RNG)",
  seed: "random seed set at the beginning of training", data_seed: "random seed for data samplers", use_cpu: "train on the CPU even when CUDA is available",
  no_cuda: "deprecated name of --use_cpu", fp16: "fp16 mixed precision (CUDA only; not implemented yet)", bf16: "bf16 mixed precision (CUDA only; not implemented yet)",
  eval_steps: "evaluate every X steps (default: logging_steps)", dataloader_drop_last: "drop the last incomplete batch",
  run_name: "a descriptor for the run", disable_tqdm: "disable the progress bar", remove_unused_columns: "drop dataset columns the model's forward does not take",
  label_names: "the keys in the inputs that hold the labels", load_best_model_at_end: "load the best checkpoint at the end of training",
  metric_for_best_model: "the metric that selects the best model (e.g. loss, accuracy, f1)", greater_is_better: "whether a larger metric_for_best_model is better",
  report_to: "integrations to report to (only 'none' here)", optim: "the optimizer", group_by_length: "group samples of similar length into batches",
  length_column_name: "column with precomputed lengths for group_by_length", resume_from_checkpoint: "a checkpoint folder to resume training from",
  label_smoothing_factor: "label smoothing epsilon", class_weights: "per-class loss weights (one number per label) or 'balanced' (finetune-ts extension)",
};

/** Numbers JS cannot type from their default (3.0 is 3): these are HF ints, every other number a float. */
const INT_KEYS = new Set(["per_device_train_batch_size", "per_device_eval_batch_size", "gradient_accumulation_steps", "max_steps", "warmup_steps", "seed", "save_total_limit", "data_seed"]);
/** Fields whose default is None: their type, by hand. */
const NULLABLE: Record<string, FieldSpec["type"]> = {
  logging_dir: "str", save_total_limit: "int", data_seed: "int", eval_steps: "float", run_name: "str", disable_tqdm: "bool",
  label_names: "list", metric_for_best_model: "str", greater_is_better: "bool", resume_from_checkpoint: "str", class_weights: "list",
};
const CHOICES: Record<string, readonly string[]> = {
  eval_strategy: ["no", "steps", "epoch"], evaluation_strategy: ["no", "steps", "epoch"], logging_strategy: ["no", "steps", "epoch"],
  save_strategy: ["no", "steps", "epoch", "best"], optim: ["adamw_torch", "adamw_torch_fused", "adamw_hf", "adam", "sgd"],
  lr_scheduler_type: Object.values(SchedulerType),
};
/** HF TrainingArguments keys with no counterpart here, accepted so an HF command line runs unchanged. */
const HF_ONLY: FieldSpec[] = [
  { name: "push_to_hub", type: "bool", default: false, help: "upload the model to the Hub", ignored: true },
  { name: "hub_model_id", type: "str", default: null, help: "the Hub repository to push to", ignored: true },
  { name: "dataloader_num_workers", type: "int", default: 0, help: "data loading subprocesses", ignored: true },
  { name: "gradient_checkpointing", type: "bool", default: false, help: "trade compute for memory", ignored: true },
  { name: "torch_compile", type: "bool", default: false, help: "compile the model with torch.compile", ignored: true },
  { name: "log_level", type: "str", default: "passive", help: "logger level", ignored: true },
  { name: "save_safetensors", type: "bool", default: true, help: "save weights as safetensors (always the case here)", ignored: true },
];

/** Every TrainingArguments key as a flag, typed from its default value. */
export function trainingArgumentSpecs(): FieldSpec[] {
  const defaults = new TrainingArguments().to_dict();
  const specs: FieldSpec[] = [];
  for (const [name, value] of Object.entries(defaults)) {
    let type: FieldSpec["type"];
    if (value === null) type = NULLABLE[name] ?? "str";
    else if (typeof value === "boolean") type = "bool";
    else if (typeof value === "number") type = INT_KEYS.has(name) ? "int" : "float";
    else if (Array.isArray(value)) type = "list";
    else if (typeof value === "object") type = "dict";
    else type = name === "report_to" ? "list" : "str";
    const dflt = (name === "report_to" && typeof value === "string" ? [value] : value) as ArgValue;
    const spec: FieldSpec = { name, type, default: dflt, help: TRAINING_HELP[name] ?? `TrainingArguments.${name}` };
    if (CHOICES[name]) spec.choices = CHOICES[name];
    specs.push(spec);
    if (name === "eval_strategy") specs.push({ name: "evaluation_strategy", type: "str", default: null, choices: CHOICES.evaluation_strategy, help: TRAINING_HELP.evaluation_strategy! });
  }
  return [...specs, ...HF_ONLY];
}

/** The TrainingArguments init from parsed flags: HF-only and unset deprecated keys dropped, types fixed up. */
export function trainingInit(parsed: Record<string, ArgValue>, specs: readonly FieldSpec[]): Record<string, unknown> {
  const init: Record<string, unknown> = {};
  for (const s of specs) {
    if (s.ignored) continue;
    const v = parsed[s.name];
    if (s.name === "evaluation_strategy" && v === null) continue;
    if (s.name === "class_weights" && Array.isArray(v)) {
      init[s.name] = v.length === 1 && v[0] === "balanced" ? "balanced" : v.map(Number);
      continue;
    }
    if (s.name === "report_to" && Array.isArray(v)) {
      init[s.name] = v.length === 1 ? v[0] : v;
      continue;
    }
    init[s.name] = v;
  }
  return init;
}
