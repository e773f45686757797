// Mirrors transformers/pipelines/__init__.py (v5.17): `pipeline(task, { model, tokenizer, … })`,
// the task registry with HF's aliases ("sentiment-analysis", "ner"), and the per-task defaults.
//
// Deliberate differences: no default checkpoint is downloaded. The defaults are the models embedded
// in the package (models/, built from the Brown corpus by scripts/make_default_model.ts):
// text-classification → brown-bert-genres, fill-mask and feature-extraction → brown-bert-mlm,
// token-classification/ner → brown-bert-pos (a part-of-speech tagger: Brown has no named
// entities); `set_default_model` registers another (a folder or repo id), and a task without one
// says to pass `{ model }`.
// `task` is required (HF infers it from the Hub's pipeline_tag).
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { dtype } from "../../torch/index.js";
import { KeyError, ValueError } from "../../utils/errors.js";
import type { PreTrainedModel, FromPretrainedOptions } from "../modeling_utils.js";
import { PreTrainedTokenizerFast } from "../tokenization_utils.js";
import { AutoTokenizer } from "../models/auto/tokenization_auto.js";
import { AutoModel, AutoModelForMaskedLM, AutoModelForSequenceClassification, AutoModelForTokenClassification } from "../models/auto/modeling_auto.js";
import type { DeviceArg, PipelineInit } from "./base.js";
import { TextClassificationPipeline, type TextClassificationOptions } from "./text_classification.js";
import { FeatureExtractionPipeline, type FeatureExtractionOptions } from "./feature_extraction.js";
import { FillMaskPipeline, type FillMaskOptions } from "./fill_mask.js";
import { TokenClassificationPipeline, type TokenClassificationOptions } from "./token_classification.js";

export { Pipeline, PipelineException, type DeviceArg, type PipelineBaseOptions } from "./base.js";
export * from "./text_classification.js";
export * from "./feature_extraction.js";
export * from "./fill_mask.js";
export * from "./token_classification.js";

interface AutoModelClass {
  name: string;
  from_pretrained(name_or_path: string, options?: FromPretrainedOptions): Promise<PreTrainedModel>;
}
type PipelineClass = new (init: PipelineInit, options: object) => unknown;

interface TaskImpl {
  impl: PipelineClass;
  auto: AutoModelClass;
  /** Option keys of this task besides the common ones (kept out of the model loading). */
  keys: readonly string[];
}

/** HF's SUPPORTED_TASKS, for the tasks ported so far. */
export const SUPPORTED_TASKS = new Map<string, TaskImpl>([
  ["text-classification", { impl: TextClassificationPipeline as unknown as PipelineClass, auto: AutoModelForSequenceClassification, keys: ["top_k", "function_to_apply"] }],
  ["feature-extraction", { impl: FeatureExtractionPipeline as unknown as PipelineClass, auto: AutoModel, keys: ["truncation", "tokenize_kwargs", "pooling", "normalize"] }],
  ["fill-mask", { impl: FillMaskPipeline as unknown as PipelineClass, auto: AutoModelForMaskedLM, keys: ["top_k", "targets", "tokenizer_kwargs"] }],
  ["token-classification", {
    impl: TokenClassificationPipeline as unknown as PipelineClass, auto: AutoModelForTokenClassification,
    keys: ["aggregation_strategy", "ignore_labels", "stride", "is_split_into_words", "delimiter"],
  }],
]);
export const TASK_ALIASES: Record<string, string> = { "sentiment-analysis": "text-classification", ner: "token-classification" };

/** Default model (folder or repo id) per task, used when `pipeline(task)` gets no `model`. */
export const DEFAULT_MODELS = new Map<string, string>();

/**
 * The package's models/ folder (this file is src/transformers/pipelines/ or dist/transformers/
 * pipelines/); FINETUNE_TS_MODELS_DIR points elsewhere (a rebuilt set, or tiny ones in tests).
 */
export const EMBEDDED_MODELS_DIR = path.resolve(process.env.FINETUNE_TS_MODELS_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "../../../models"));
for (const [task, name] of [["text-classification", "brown-bert-genres"], ["fill-mask", "brown-bert-mlm"], ["feature-extraction", "brown-bert-mlm"], ["token-classification", "brown-bert-pos"]] as const) {
  const dir = path.join(EMBEDDED_MODELS_DIR, name);
  if (existsSync(path.join(dir, "config.json"))) DEFAULT_MODELS.set(task, dir);
}

/** Register the model `pipeline(task)` loads when called without `{ model }` (aliases resolve). */
export function set_default_model(task: string, name_or_path: string | null): void {
  const t = check_task(task);
  if (name_or_path === null) DEFAULT_MODELS.delete(t);
  else DEFAULT_MODELS.set(t, name_or_path);
}

/** Sorted task names and aliases, as HF's PIPELINE_REGISTRY.get_supported_tasks(). */
export function get_supported_tasks(): string[] {
  return [...SUPPORTED_TASKS.keys(), ...Object.keys(TASK_ALIASES)].sort();
}

/** The canonical task name (alias resolved), or HF's KeyError listing the supported ones. */
export function check_task(task: string): string {
  const t = TASK_ALIASES[task] ?? task;
  if (SUPPORTED_TASKS.has(t)) return t;
  throw new KeyError(`Unknown task ${task}, available tasks are [${get_supported_tasks().map((t) => `'${t}'`).join(", ")}]`);
}

export interface PipelineOptions {
  /** A folder / repo id (loaded with the task's AutoModelFor…), or a loaded model (then `tokenizer` is required). */
  model?: string | PreTrainedModel | null;
  /** A folder / repo id or a tokenizer; defaults to the model's folder. */
  tokenizer?: string | PreTrainedTokenizerFast | null;
  /** Device to run on: -1 or "cpu" (default), a CUDA ordinal (0 → "cuda:0"), "cuda:N", a torch.device. */
  device?: DeviceArg | null;
  /** Weights dtype when loading by name ("float32", "float16", "bfloat16", a torch dtype; "auto": as saved). */
  dtype?: dtype | string | null;
  /** Older name of `dtype`. */
  torch_dtype?: dtype | string | null;
  batch_size?: number;
  /** Extra from_pretrained options for the model. */
  model_kwargs?: FromPretrainedOptions;
  revision?: string;
  token?: string | null;
}

type TaskMap = {
  "text-classification": [TextClassificationPipeline, TextClassificationOptions];
  "sentiment-analysis": [TextClassificationPipeline, TextClassificationOptions];
  "feature-extraction": [FeatureExtractionPipeline, FeatureExtractionOptions];
  "fill-mask": [FillMaskPipeline, FillMaskOptions];
  "token-classification": [TokenClassificationPipeline, TokenClassificationOptions];
  ner: [TokenClassificationPipeline, TokenClassificationOptions];
};
export type SupportedTask = keyof TaskMap;

const COMMON_KEYS = ["model", "tokenizer", "device", "dtype", "torch_dtype", "batch_size", "model_kwargs", "revision", "token"];

/**
 * HF's `pipeline()`: builds the task's pipeline around a model and tokenizer. The result is an
 * async callable (`await pipe(inputs, options)`) that returns plain objects and frees every tensor
 * of each call; `pipe.model`, `pipe.tokenizer`, `pipe.task` are there as in Python. Task options
 * given here (e.g. `top_k`, `aggregation_strategy`) are the defaults of every call.
 * @example
 * const classifier = await pipeline("sentiment-analysis", { model: "./tests/fixtures/pipelines/text-cls" });
 * await classifier("The jury said the election was conducted well.")
 * // [{ label: "negative", score: 0.7436516284942627 }]
 * const ner = await pipeline("ner", { model: "./tests/fixtures/pipelines/ner", aggregation_strategy: "simple" });
 */
export async function pipeline<T extends SupportedTask>(task: T, options?: PipelineOptions & TaskMap[T][1]): Promise<TaskMap[T][0]>;
export async function pipeline(task: string, options?: PipelineOptions & Record<string, unknown>): Promise<unknown>;
export async function pipeline(task: string, options: PipelineOptions & Record<string, unknown> = {}): Promise<unknown> {
  if (typeof task !== "string") throw new ValueError(`pipeline(task, options): task must be a string, one of ${JSON.stringify(get_supported_tasks())}`);
  const name = check_task(task);
  const impl = SUPPORTED_TASKS.get(name)!;
  const allowed = [...COMMON_KEYS, ...impl.keys];
  const unknownKey = Object.keys(options).find((k) => !allowed.includes(k));
  if (unknownKey !== undefined) throw new ValueError(`pipeline("${task}"): unknown option "${unknownKey}"; valid options are ${allowed.join(", ")}`);
  const { model: given, tokenizer: tok, device, dtype: dt, torch_dtype, batch_size, model_kwargs, revision, token, ...taskOptions } = options;
  let model = given ?? null;
  if (model === null) {
    const fallback = DEFAULT_MODELS.get(name);
    if (fallback === undefined) {
      throw new ValueError(
        `pipeline("${task}"): no model given and no default model registered for "${name}". Pass { model: "<folder or repo id>" } ` +
          `(or register one with set_default_model("${name}", …)).`,
      );
    }
    // HF's warning, naming what was picked.
    console.warn(`No model was supplied, defaulted to ${fallback}.\nUsing a pipeline without specifying a model name and revision in production is not recommended.`);
    model = fallback;
  }
  const hub = { ...(revision !== undefined ? { revision } : {}), ...(token !== undefined ? { token } : {}) };
  let tokenizer: PreTrainedTokenizerFast;
  if (tok instanceof PreTrainedTokenizerFast) tokenizer = tok;
  else if (typeof tok === "string") tokenizer = await AutoTokenizer.from_pretrained(tok, hub);
  else if (typeof model === "string") tokenizer = await AutoTokenizer.from_pretrained(model, hub);
  else throw new ValueError(`pipeline("${task}"): a model instance was given without a tokenizer; pass { tokenizer } (a folder, repo id or tokenizer).`);
  if (typeof model === "string") {
    const wanted = dt ?? torch_dtype ?? null;
    const loadOptions: FromPretrainedOptions = { ...hub, ...(model_kwargs ?? {}) };
    if (wanted !== null && wanted !== "auto") loadOptions.torch_dtype = wanted;
    model = await impl.auto.from_pretrained(model, loadOptions);
  } else if (typeof model !== "object" || typeof (model as { forward?: unknown }).forward !== "function") {
    throw new ValueError(`pipeline("${task}"): model must be a folder / repo id or a PreTrainedModel`);
  }
  return new impl.impl({ task: name, model, tokenizer, device, batch_size }, taskOptions);
}
