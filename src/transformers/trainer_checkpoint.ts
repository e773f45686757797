// Checkpoints: output_dir/checkpoint-N/ with the model (config.json + model.safetensors), the
// tokenizer, optimizer and scheduler state, the RNG states and trainer_state.json (HF's format).
// Written into a temporary folder and renamed, so a crash never leaves a half-written checkpoint.
// Deliberate difference: optimizer/scheduler/RNG state are safetensors + JSON (optimizer.safetensors,
// optimizer.json, scheduler.json, rng_state.safetensors) instead of HF's pickled .pt/.pth files —
// we never write pickles.
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as torch from "../torch/index.js";
import type { Tensor } from "../torch/index.js";
import { save_file, load_file } from "../safetensors/index.js";
import type { TrainerState } from "./trainer_callback.js";
import { PREFIX_CHECKPOINT_DIR } from "./trainer_utils.js";

export const TRAINER_STATE_NAME = "trainer_state.json";
const OPTIMIZER_TENSORS = "optimizer.safetensors";
const OPTIMIZER_JSON = "optimizer.json";
const SCHEDULER_NAME = "scheduler.json";
const RNG_NAME = "rng_state.safetensors";
/** fp16's GradScaler state (accelerate writes scaler.pt; JSON here, as for the scheduler). */
const SCALER_NAME = "scaler.json";

interface Schedulerish {
  state_dict(): unknown;
  load_state_dict(sd: never): void;
}
interface Savable {
  save_pretrained(dir: string): Promise<unknown>;
}

export interface CheckpointParts {
  model: Savable;
  tokenizer?: Savable | null;
  optimizer: torch.optim.Optimizer;
  scheduler: Schedulerish;
  state: TrainerState;
  args_json: string;
  /** the default generator's state now, and at the start of the current epoch (for the data order) */
  rng: Tensor;
  epoch_rng: Tensor;
  scaler?: Schedulerish | null;
}

async function saveOptimizer(opt: torch.optim.Optimizer, dir: string): Promise<void> {
  const sd = opt.state_dict();
  const tensors: Record<string, Tensor> = {};
  const scalars: Record<string, Record<string, number>> = {};
  for (const [id, st] of Object.entries(sd.state)) {
    for (const [k, v] of Object.entries(st)) {
      if (v instanceof torch.Tensor) tensors[`state.${id}.${k}`] = v;
      else (scalars[id] ??= {})[k] = v;
    }
  }
  await save_file(tensors, path.join(dir, OPTIMIZER_TENSORS), { format: "pt" });
  await writeFile(path.join(dir, OPTIMIZER_JSON), JSON.stringify({ param_groups: sd.param_groups, scalars }, null, 2) + "\n");
}

async function loadOptimizer(opt: torch.optim.Optimizer, dir: string): Promise<void> {
  const tensors = await load_file(path.join(dir, OPTIMIZER_TENSORS));
  const meta = JSON.parse(await readFile(path.join(dir, OPTIMIZER_JSON), "utf8")) as { param_groups: torch.optim.OptimizerStateDict["param_groups"]; scalars: Record<string, Record<string, number>> };
  const state: Record<number, Record<string, Tensor | number>> = {};
  for (const [k, t] of Object.entries(tensors)) {
    const [, id, name] = k.split(".");
    (state[Number(id)] ??= {})[name] = t;
  }
  for (const [id, s] of Object.entries(meta.scalars)) Object.assign((state[Number(id)] ??= {}), s);
  try {
    opt.load_state_dict({ state, param_groups: meta.param_groups });
  } finally {
    for (const t of Object.values(tensors)) t.dispose();
  }
}

/** Writes checkpoint-<global_step> atomically; returns its path. */
export async function save_checkpoint(output_dir: string, parts: CheckpointParts): Promise<string> {
  const name = `${PREFIX_CHECKPOINT_DIR}-${parts.state.global_step}`;
  const final = path.join(output_dir, name);
  const tmp = path.join(output_dir, `tmp-${name}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  await parts.model.save_pretrained(tmp);
  if (parts.tokenizer) await parts.tokenizer.save_pretrained(tmp);
  await saveOptimizer(parts.optimizer, tmp);
  await writeFile(path.join(tmp, SCHEDULER_NAME), JSON.stringify(parts.scheduler.state_dict(), null, 2) + "\n");
  if (parts.scaler) await writeFile(path.join(tmp, SCALER_NAME), JSON.stringify(parts.scaler.state_dict(), null, 2) + "\n");
  await save_file({ cpu: parts.rng, epoch_start: parts.epoch_rng }, path.join(tmp, RNG_NAME));
  await writeFile(path.join(tmp, "training_args.json"), parts.args_json);
  await parts.state.save_to_json(path.join(tmp, TRAINER_STATE_NAME));
  await rm(final, { recursive: true, force: true });
  await rename(tmp, final);
  return final;
}

/** Restores optimizer, scheduler and returns the RNG states saved with a checkpoint. */
export async function load_checkpoint_state(dir: string, optimizer: torch.optim.Optimizer, scheduler: Schedulerish, scaler: Schedulerish | null = null): Promise<{ rng: Tensor; epoch_rng: Tensor }> {
  await loadOptimizer(optimizer, dir);
  scheduler.load_state_dict(JSON.parse(await readFile(path.join(dir, SCHEDULER_NAME), "utf8")) as never);
  if (scaler && existsSync(path.join(dir, SCALER_NAME))) scaler.load_state_dict(JSON.parse(await readFile(path.join(dir, SCALER_NAME), "utf8")) as never);
  const rng = await load_file(path.join(dir, RNG_NAME));
  return { rng: rng.cpu, epoch_rng: rng.epoch_start };
}

/** checkpoint-N folders of output_dir, oldest first. */
export async function sorted_checkpoints(output_dir: string): Promise<string[]> {
  if (!existsSync(output_dir)) return [];
  const re = new RegExp(`^${PREFIX_CHECKPOINT_DIR}-(\\d+)$`);
  return (await readdir(output_dir))
    .map((f) => [f, re.exec(f)] as const)
    .filter((x): x is readonly [string, RegExpExecArray] => x[1] !== null)
    .sort((a, b) => Number(a[1][1]) - Number(b[1][1]))
    .map(([f]) => path.join(output_dir, f));
}

/** The newest checkpoint, for resume_from_checkpoint: true. */
export async function get_last_checkpoint(output_dir: string): Promise<string | null> {
  const all = await sorted_checkpoints(output_dir);
  return all.length ? all[all.length - 1] : null;
}

/**
 * Deletes the oldest checkpoints past save_total_limit, never the best one (HF's rotation: the best
 * moves to second-to-last so the latest also survives; a limit of 1 keeps 2 when they differ).
 */
export async function rotate_checkpoints(output_dir: string, limit: number | null, best: string | null): Promise<void> {
  if (limit === null || limit <= 0) return;
  const all = await sorted_checkpoints(output_dir);
  const b = best ? path.resolve(best) : null;
  const bi = b ? all.findIndex((c) => path.resolve(c) === b) : -1;
  if (bi >= 0) {
    for (let i = bi; i < all.length - 2; i++) [all[i], all[i + 1]] = [all[i + 1], all[i]];
  }
  let keep = limit;
  if (limit === 1 && b && all.length && path.resolve(all[all.length - 1]) !== b) keep = 2;
  for (const c of all.slice(0, Math.max(0, all.length - keep))) await rm(c, { recursive: true, force: true });
}
