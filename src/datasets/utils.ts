// Small shared helpers of finetune-ts/datasets: option checking (a wrong key names the nearest
// valid one), progress-bar switches (datasets.utils.logging), IndexError, atomic file writes.
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ValueError } from "../utils/errors.js";
import { Progress } from "../utils/progress.js";

/** Python's IndexError (row out of range). */
export class IndexError extends Error {
  override name = "IndexError";
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}

/** The candidate closest to `key` (for "did you mean" hints). */
export function nearest(key: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const dist = editDistance(key, c);
    if (dist < bestD) {
      bestD = dist;
      best = c;
    }
  }
  return best;
}

/** Throws ValueError for an option key that `where` does not know, naming the nearest valid one. */
export function checkOptions(options: object | undefined, allowed: readonly string[], where: string): void {
  if (!options) return;
  for (const k of Object.keys(options)) {
    if (allowed.includes(k)) continue;
    const best = nearest(k, allowed);
    throw new ValueError(`${where}: unknown option "${k}"${best ? ` (did you mean "${best}"?)` : ""}; valid options: ${allowed.join(", ")}`);
  }
}

// ---- progress bars (datasets.utils.logging.disable_progress_bars & co.) ----------------------

let progressEnabled: boolean | null = null;

/** Turns off the progress bars of map/filter/loading (also HF_DATASETS_DISABLE_PROGRESS_BARS=1). */
export function disable_progress_bars(): void {
  progressEnabled = false;
}
export function enable_progress_bars(): void {
  progressEnabled = true;
}
export function are_progress_bars_disabled(): boolean {
  if (progressEnabled !== null) return !progressEnabled;
  const v = process.env.HF_DATASETS_DISABLE_PROGRESS_BARS;
  return v !== undefined && ["1", "ON", "YES", "TRUE"].includes(v.toUpperCase());
}

/** A progress bar over `total` examples, or a no-op when bars are disabled. */
export function progressBar(total: number, label: string): { update(n: number): void; close(): void } {
  if (are_progress_bars_disabled()) return { update: () => undefined, close: () => undefined };
  return new Progress({ total, label, unit: "it" });
}

// ---- atomic writes -------------------------------------------------------------------------

function tempSibling(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
}

/** Writes a file through a temp file + rename, so a crash never leaves a half-written file. */
export async function atomicWriteFile(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(path.resolve(target)), { recursive: true });
  const tmp = tempSibling(path.resolve(target));
  try {
    await writeFile(tmp, data);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Fills a fresh temp folder with `fill(tmpDir)`, then swaps it into `target` (replacing any old
 * folder): readers see the old folder or the new one, never a half-written one.
 */
export async function atomicWriteDir(target: string, fill: (dir: string) => Promise<void>): Promise<void> {
  const abs = path.resolve(target);
  await mkdir(path.dirname(abs), { recursive: true });
  const tmp = tempSibling(abs);
  await mkdir(tmp);
  try {
    await fill(tmp);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  const old = `${tmp}.old`;
  let moved = false;
  try {
    await rename(abs, old);
    moved = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  await rename(tmp, abs);
  if (moved) await rm(old, { recursive: true, force: true });
}

/** `await` only when `v` is a promise, so synchronous callbacks stay synchronous-fast. */
export function isPromiseLike(v: unknown): v is PromiseLike<unknown> {
  return typeof v === "object" && v !== null && typeof (v as { then?: unknown }).then === "function";
}
