// Curves from a Trainer's `trainer_state.json` (HF's format; ours writes the same, see
// transformers/trainer_callback.ts): training and eval loss in one panel, every other eval metric
// in its own, the best checkpoint starred. Small multiples instead of one crowded panel because
// accuracy/F1 (0–1, rising) and loss (unbounded, falling) do not share a scale.
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { FileNotFoundError, ValueError } from "../utils/errors.js";
import { OUTER, format_value } from "./_axes.js";
import { Figure, checkOptions, textHeight } from "./_figure.js";
import { type Highlight, type LineSeries, drawLinePanel } from "./line.js";

/** The part of a TrainerState that plotting reads; a parsed trainer_state.json or a `TrainerState`. */
export interface TrainerStateLike {
  log_history: Array<Record<string, unknown>>;
  best_metric?: number | null;
  best_global_step?: number | null;
  best_model_checkpoint?: string | null;
}
export interface TrainingCurvesOptions {
  /** What the x axis counts (default "step"). */
  x?: "step" | "epoch";
  /**
   * Panels to draw, by log key: "loss" (train + eval loss), "accuracy" or "eval_accuracy",
   * "learning_rate", "grad_norm", … Default: loss, then every eval metric in the log.
   */
  metrics?: string[];
  /** TrainingArguments.metric_for_best_model, to star the best checkpoint; inferred from best_metric when omitted. */
  metric_for_best_model?: string;
  title?: string;
  ncols?: number;
  /** Figure size in px; default 460 × 320 per panel. */
  width?: number;
  height?: number;
}
const KEYS = ["x", "metrics", "metric_for_best_model", "title", "ncols", "width", "height"] as const;
// Eval log keys that are timings, not model quality.
const NOT_METRICS = new Set(["eval_runtime", "eval_samples_per_second", "eval_steps_per_second", "eval_model_preparation_time", "eval_jit_compilation_time"]);

/**
 * Plot a training run. Given a path (a trainer_state.json or a checkpoint folder holding one) it
 * reads the file and resolves to the Figure; given the state object it returns the Figure.
 * @example
 * const fig = await training_curves("out/checkpoint-402", { x: "epoch" });
 * await fig.savefig("curves.png"); // loss panel + eval_accuracy + eval_f1, best epoch starred
 */
export function training_curves(state: TrainerStateLike, opts?: TrainingCurvesOptions): Figure;
export function training_curves(path: string, opts?: TrainingCurvesOptions): Promise<Figure>;
export function training_curves(state: TrainerStateLike | string, opts: TrainingCurvesOptions = {}): Figure | Promise<Figure> {
  checkOptions("training_curves", opts, KEYS);
  if (typeof state === "string") return load_trainer_state(state).then((s) => plotState(s, opts));
  return plotState(state, opts);
}

/** Read a trainer_state.json (or `<dir>/trainer_state.json`), accepting Python's bare NaN/Infinity. */
export async function load_trainer_state(path: string): Promise<TrainerStateLike> {
  let file = path;
  try {
    if ((await stat(path)).isDirectory()) file = join(path, "trainer_state.json");
  } catch {
    throw new FileNotFoundError(`training_curves: no such file or directory: "${path}"`);
  }
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch {
    throw new FileNotFoundError(`training_curves: cannot read "${file}"; pass a trainer_state.json or a checkpoint folder that holds one`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Python's json writes a diverged loss as a bare NaN, which JSON.parse rejects.
    try {
      parsed = JSON.parse(raw.replace(/("(?:[^"\\]|\\.)*")|\b-?(?:NaN|Infinity)\b/g, (m, str: string | undefined) => str ?? "null"));
    } catch (e) {
      throw new ValueError(`training_curves: "${file}" is not valid JSON (${(e as Error).message})`);
    }
  }
  if (!parsed || typeof parsed !== "object" || !Array.isArray((parsed as TrainerStateLike).log_history)) {
    throw new ValueError(`training_curves: "${file}" has no log_history array; is it a trainer_state.json?`);
  }
  return parsed as TrainerStateLike;
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function seriesOf(log: Array<Record<string, unknown>>, key: string, xKey: string, isTrain: boolean): LineSeries | null {
  const x: number[] = [];
  const y: number[] = [];
  for (const e of log) {
    // "loss" appears only in training logs; skip the final summary (train_loss) and eval entries.
    if (isTrain && Object.keys(e).some((k) => k.startsWith("eval_"))) continue;
    const xv = num(e[xKey]);
    const yv = num(e[key]);
    if (xv === null || yv === null) continue; // NaN/null losses (diverged steps) are left out
    x.push(xv);
    y.push(yv);
  }
  return x.length ? { x, y } : null;
}

function plotState(state: TrainerStateLike, opts: TrainingCurvesOptions): Figure {
  if (!state || !Array.isArray(state.log_history)) throw new ValueError("training_curves: state.log_history must be an array (a TrainerState or a parsed trainer_state.json)");
  const xKey = opts.x ?? "step";
  if (xKey !== "step" && xKey !== "epoch") throw new ValueError(`training_curves: x must be "step" or "epoch", got ${JSON.stringify(xKey)}`);
  const log = state.log_history.filter((e): e is Record<string, unknown> => !!e && typeof e === "object");
  const available: string[] = [];
  for (const e of log) for (const k of Object.keys(e)) if (num(e[k]) !== null && !available.includes(k)) available.push(k);
  const evalMetrics = available.filter((k) => k.startsWith("eval_") && k !== "eval_loss" && !NOT_METRICS.has(k));

  const panels: string[] = [];
  if (opts.metrics) {
    if (!Array.isArray(opts.metrics) || opts.metrics.length === 0) throw new ValueError("training_curves: metrics must be a non-empty array of log keys");
    for (const m of opts.metrics) {
      const key = m === "loss" || m === "eval_loss" ? "loss" : available.includes(m) ? m : available.includes(`eval_${m}`) ? `eval_${m}` : null;
      if (key === null) throw new ValueError(`training_curves: metric "${m}" is not in log_history; available: loss, ${available.filter((k) => k !== "loss" && k !== "eval_loss" && k !== xKey).join(", ")}`);
      if (!panels.includes(key)) panels.push(key);
    }
  } else {
    if (available.includes("loss") || available.includes("eval_loss")) panels.push("loss");
    panels.push(...evalMetrics);
  }
  const built: Array<{ key: string; series: LineSeries[] }> = [];
  for (const key of panels) {
    const series: LineSeries[] = [];
    if (key === "loss") {
      const tr = seriesOf(log, "loss", xKey, true);
      const ev = seriesOf(log, "eval_loss", xKey, false);
      if (tr) series.push({ ...tr, label: "train loss", marker: tr.x.length <= 30 });
      if (ev) series.push({ ...ev, label: "eval loss", marker: true, color: "#ff7f0e" });
    } else {
      const s = seriesOf(log, key, xKey, key === "learning_rate" || key === "grad_norm");
      if (s) series.push({ ...s, label: key, marker: s.x.length <= 30, color: key.startsWith("eval_") ? "#2ca02c" : undefined });
    }
    if (series.length) built.push({ key, series });
  }
  if (built.length === 0) throw new ValueError(`training_curves: state.log_history has no loss or eval metric logged against "${xKey}" (${log.length} entries)`);

  const best = bestPoint(state, log, xKey, opts.metric_for_best_model);
  // Small multiples share one x range, so a step lines up across panels (eval metrics start later).
  const allX = built.flatMap((b) => b.series.flatMap((s) => s.x));
  const [x0, x1] = [Math.min(...allX), Math.max(...allX)];
  const xlim: [number, number] | undefined = x1 > x0 ? [x0 - (x1 - x0) * 0.05, x1 + (x1 - x0) * 0.05] : undefined;
  const n = built.length;
  const ncols = Math.max(1, Math.min(n, opts.ncols ?? (n <= 3 ? n : n === 4 ? 2 : 3)));
  const nrows = Math.ceil(n / ncols);
  const top = opts.title ? OUTER + textHeight(14) : 0;
  const fig = new Figure(opts.width ?? ncols * (ncols >= 3 ? 420 : 460), opts.height ?? top + nrows * 320);
  if (opts.title) fig.text(fig.width / 2, OUTER, opts.title, { size: 14, bold: true, anchor: "middle", valign: "top", role: "suptitle" });
  const pw = fig.width / ncols;
  const ph = (fig.height - top) / nrows;
  built.forEach(({ key, series }, i) => {
    const r = Math.floor(i / ncols);
    const c = i % ncols;
    const panel = { x0: c * pw, y0: top + r * ph, x1: (c + 1) * pw, y1: top + (r + 1) * ph };
    const hl: Highlight[] = best && (best.key === key || (key === "loss" && best.key === "eval_loss")) ? [best] : [];
    // A dashed line at the best checkpoint in every panel shows the other metrics at that point.
    const vline = best ? [best.x] : [];
    drawLinePanel(fig, panel, series, { title: key === "loss" ? "loss" : key, xlabel: xKey, xlim, legend: key === "loss" && series.length > 1 }, hl, vline);
  });
  return fig;
}

function bestPoint(state: TrainerStateLike, log: Array<Record<string, unknown>>, xKey: string, mfbm: string | undefined): (Highlight & { key: string }) | null {
  const bm = num(state.best_metric);
  if (bm === null) return null;
  let key: string | null = null;
  if (mfbm) key = mfbm.startsWith("eval_") ? mfbm : `eval_${mfbm}`;
  else {
    // HF does not store metric_for_best_model in the state; the metric whose logged value equals
    // best_metric is the one it tracked (ambiguous ties leave the plot unmarked).
    const hits = new Set<string>();
    for (const e of log) for (const [k, v] of Object.entries(e)) if (k.startsWith("eval_") && num(v) !== null && Math.abs((v as number) - bm) <= 1e-12 * Math.max(1, Math.abs(bm))) hits.add(k);
    if (hits.size === 1) key = [...hits][0]!;
  }
  if (key === null) return null;
  const ckptStep = /checkpoint-(\d+)/.exec(state.best_model_checkpoint ?? "");
  const step = num(state.best_global_step) ?? (ckptStep ? Number(ckptStep[1]) : null);
  const rows = log.filter((e) => num(e[key!]) !== null && num(e[xKey]) !== null);
  const row = (step !== null ? rows.find((e) => e.step === step) : undefined) ?? rows.find((e) => Math.abs((e[key!] as number) - bm) <= 1e-12 * Math.max(1, Math.abs(bm)));
  if (!row) return null;
  const xv = row[xKey] as number;
  return { key, x: xv, y: row[key] as number, label: `best ${format_value(row[key] as number)} (${xKey} ${format_value(xv)})` };
}
