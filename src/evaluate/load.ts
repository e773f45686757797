// Mirrors evaluate.load / evaluate.combine / evaluate.list_evaluation_modules (HF evaluate's
// loading.py and module.py), fully offline: every metric is built in, so `load` never touches
// the network or a cache. It stays async so code written for HF (`await evaluate.load(...)`-style
// with the API's other async loaders) reads the same.
import { ValueError } from "../utils/errors.js";
import { CombinedEvaluations, EvaluationModule, type MetricDefinition, type MetricResult } from "./module.js";
import { accuracy } from "./metrics/accuracy.js";
import { confusion_matrix } from "./metrics/confusion_matrix.js";
import { f1 } from "./metrics/f1.js";
import { mae } from "./metrics/mae.js";
import { matthews_correlation } from "./metrics/matthews_correlation.js";
import { mse } from "./metrics/mse.js";
import { perplexity } from "./metrics/perplexity.js";
import { precision } from "./metrics/precision.js";
import { r2, r_squared } from "./metrics/r2.js";
import { recall } from "./metrics/recall.js";
import { roc_auc } from "./metrics/roc_auc.js";

/** The result type of each built-in metric, keyed by the name given to `load`. */
export interface MetricResults {
  accuracy: { accuracy: number };
  f1: { f1: number | number[] };
  precision: { precision: number | number[] };
  recall: { recall: number | number[] };
  matthews_correlation: { matthews_correlation: number };
  confusion_matrix: { confusion_matrix: number[][] };
  mse: { mse: number | number[] };
  mae: { mae: number | number[] };
  r2: { r2: number | number[] };
  r_squared: { r_squared: number };
  roc_auc: { roc_auc: number | number[] };
  perplexity: { perplexities: number[]; mean_perplexity: number };
}
export type MetricName = keyof MetricResults;

const REGISTRY = new Map<string, MetricDefinition>(
  [accuracy, f1, precision, recall, matthews_correlation, confusion_matrix, mse, mae, r2, r_squared, roc_auc, perplexity].map(
    (d) => [d.name, d as unknown as MetricDefinition],
  ),
);

function resolve(path: string, config_name: string | null | undefined): EvaluationModule {
  // "evaluate-metric/accuracy" is how the hub names them.
  const name = path.replace(/^evaluate-metric\//, "").replace(/\.py$/, "");
  const def = REGISTRY.get(name);
  if (!def) {
    throw new ValueError(
      `Unknown evaluation module '${path}'. finetune-ts/evaluate works offline with its built-in metrics: ${[...REGISTRY.keys()].join(", ")}.`,
    );
  }
  if (config_name && config_name !== "default" && !(def.config_names ?? []).includes(config_name)) {
    throw new ValueError(
      `Unknown config_name '${config_name}' for '${name}'. Known: ${["default", ...(def.config_names ?? [])].join(", ")}.`,
    );
  }
  return new EvaluationModule(def, config_name ?? "default");
}

/**
 * Load a built-in metric by name (offline). Unknown names throw a ValueError listing the known ones.
 *
 * @example
 * const f1 = await load("f1");
 * f1.compute({ predictions: [0, 2, 1, 0, 0, 1], references: [0, 1, 2, 0, 1, 2], average: "macro" });
 * // { f1: 0.26666666666666666 }
 */
export async function load<N extends MetricName>(path: N, config_name?: string | null): Promise<EvaluationModule<MetricResults[N]>>;
export async function load(path: string, config_name?: string | null): Promise<EvaluationModule<MetricResult>>;
export async function load(path: string, config_name?: string | null): Promise<EvaluationModule> {
  return resolve(path, config_name);
}

/**
 * Combine several metrics into one `compute` (HF's `evaluate.combine`). Synchronous: the metrics
 * are built in. On a clash of result keys the later module's keys get its name as a prefix
 * (`force_prefix` prefixes them all).
 *
 * @example
 * const clf_metrics = combine(["accuracy", "f1", "precision", "recall"]);
 * clf_metrics.compute({ predictions: [0, 1, 0], references: [0, 1, 1] });
 * // { accuracy: 0.6666666666666666, f1: 0.6666666666666666, precision: 1, recall: 0.5 }
 */
export function combine(evaluations: ReadonlyArray<string | EvaluationModule>, force_prefix = false): CombinedEvaluations {
  const modules = evaluations.map((e) => (typeof e === "string" ? resolve(e, null) : e));
  return new CombinedEvaluations(modules as EvaluationModule[], force_prefix);
}

/**
 * Names of the built-in metrics (HF's `list_evaluation_modules`, offline).
 *
 * @example
 * list_evaluation_modules().includes("accuracy"); // true
 */
export function list_evaluation_modules(): string[] {
  return [...REGISTRY.keys()];
}
