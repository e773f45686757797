// trainer_utils.py: EvalPrediction, TrainOutput, PredictionOutput, set_seed, speed_metrics.
import * as torch from "../torch/index.js";
import { NDArray } from "../utils/ndarray.js";

export { NDArray };

/**
 * What compute_metrics receives: `predictions` (logits) and `label_ids` as NumPy-like arrays.
 * Destructures as `[logits, labels]`, as the seeds write `logits, labels = eval_pred`.
 */
export class EvalPrediction implements Iterable<NDArray> {
  constructor(readonly predictions: NDArray, readonly label_ids: NDArray, readonly inputs: NDArray | null = null) {}
  *[Symbol.iterator](): Iterator<NDArray> {
    yield this.predictions;
    yield this.label_ids;
  }
}

export type Metrics = Record<string, number>;

export interface TrainOutput {
  global_step: number;
  training_loss: number;
  metrics: Metrics;
}

export interface PredictionOutput {
  predictions: NDArray;
  label_ids: NDArray | null;
  metrics: Metrics;
}

/** transformers.set_seed: seeds libtorch's generators (JS has no other global RNG to seed). */
export function set_seed(seed: number): void {
  torch.manual_seed(seed);
}

/** HF's speed_metrics: {split}_runtime, _samples_per_second, _steps_per_second. */
export function speed_metrics(split: string, start: number, num_samples?: number, num_steps?: number): Metrics {
  const runtime = (performance.now() - start) / 1000;
  const out: Metrics = { [`${split}_runtime`]: round(runtime, 4) };
  if (num_samples !== undefined) out[`${split}_samples_per_second`] = round(num_samples / runtime, 3);
  if (num_steps !== undefined) out[`${split}_steps_per_second`] = round(num_steps / runtime, 3);
  return out;
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export const PREFIX_CHECKPOINT_DIR = "checkpoint";
