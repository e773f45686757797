// Shared bits of the datasets tests: fixture paths, the HF goldens, temp folders.
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { disable_progress_bars } from "../../src/datasets/index.js";

disable_progress_bars();

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/datasets");
export const fixture = (name: string): string => path.join(FIXTURES, name);

/** Goldens written by scripts/make_datasets_fixtures.py with HF datasets 5.0.1. */
export const goldens = JSON.parse(readFileSync(fixture("goldens.json"), "utf8")) as Record<string, never>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export const G = goldens as Record<string, Json>;

export function tmpdir(prefix = "fts-ds-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}
