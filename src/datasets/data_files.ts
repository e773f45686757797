// Which files make which split (datasets/data_files.py): HF's sharded pattern
// `data/{split}-00000-of-00001.*`, then split keywords in folder names (`train/…`), then in file
// names (`train.csv`, `my-test-file.jsonl`), else everything is "train"; and which builder reads
// them (the most common supported extension). Used for local folders and Hub repos alike.
import { FileNotFoundError, ValueError } from "../utils/errors.js";
import { matchGlob } from "./io/files.js";

const SPLIT_KEYWORDS: Record<string, string[]> = {
  train: ["train", "training"],
  validation: ["validation", "valid", "dev", "val"],
  test: ["test", "testing", "eval", "evaluation"],
};
const SEP = "[-._ 0-9]";
const DEFAULT_SPLITS = ["train", "validation", "test"];
const SHARDED = "data/{split}-[0-9][0-9][0-9][0-9][0-9]-of-[0-9][0-9][0-9][0-9][0-9]*.*";
const IN_DIR = ["**/{k}/**", `**/{k}${SEP}*/**`, `**/*${SEP}{k}/**`, `**/*${SEP}{k}${SEP}*/**`];
const IN_NAME = [`**/{k}${SEP}*`, `**/*${SEP}{k}${SEP}*`];
export const FILES_TO_IGNORE = ["README.md", "config.json", "dataset_info.json", "dataset_infos.json", "dummy_data.zip", "dataset_dict.json"];

/** Builder name by file extension (compressed variants included). */
const EXTENSIONS: Array<[RegExp, string, Record<string, string>?]> = [
  [/\.parquet$/i, "parquet"],
  [/\.csv(\.gz)?$/i, "csv"],
  [/\.tsv(\.gz)?$/i, "csv", { sep: "\t" }],
  [/\.jsonl?(\.gz)?$/i, "json"],
  [/\.txt(\.gz)?$/i, "text"],
];

export function builderForFile(file: string): { builder: string; kwargs: Record<string, string> } | null {
  for (const [re, builder, kwargs] of EXTENSIONS) if (re.test(file)) return { builder, kwargs: kwargs ?? {} };
  return null;
}

function dataFilesOnly(files: readonly string[]): string[] {
  return files.filter((f) => !FILES_TO_IGNORE.includes(f.split("/").pop()!) && builderForFile(f) !== null);
}

/** Split → files of a folder/repo listing, by HF's default patterns. */
export function inferSplits(allFiles: readonly string[]): Record<string, string[]> {
  const files = dataFilesOnly(allFiles);
  const sharded = matchGlob(SHARDED.replace("{split}", "*"), files);
  if (sharded.length > 0) {
    const splits = new Map<string, string[]>();
    for (const f of sharded) {
      const split = /^data\/(.+)-\d{5}-of-\d{5}[^/]*\.[^/]*$/.exec(f)![1];
      if (!/^\w+(\.\w+)*$/.test(split)) throw new ValueError(`Split name should match '^\\w+(\\.\\w+)*$' but got '${split}' (from ${f}).`);
      splits.set(split, [...(splits.get(split) ?? []), f]);
    }
    const order = [...DEFAULT_SPLITS.filter((s) => splits.has(s)), ...[...splits.keys()].filter((s) => !DEFAULT_SPLITS.includes(s)).sort()];
    return Object.fromEntries(order.map((s) => [s, splits.get(s)!]));
  }
  for (const base of [IN_DIR, IN_NAME]) {
    const out: Record<string, string[]> = {};
    for (const split of DEFAULT_SPLITS) {
      // A split exists when one of its patterns matches; its files are all files matching any of them.
      const patterns = SPLIT_KEYWORDS[split].flatMap((k) => base.map((p) => p.replaceAll("{k}", k)));
      const hit = new Set<string>();
      for (const p of patterns) for (const f of matchGlob(p, files)) hit.add(f);
      if (hit.size) out[split] = files.filter((f) => hit.has(f));
    }
    if (Object.keys(out).length) return out;
  }
  if (files.length) return { train: [...files] };
  throw new FileNotFoundError("no data files found (looked for .parquet, .csv, .tsv, .json, .jsonl, .txt)");
}

/** The builder for a set of files: the most common extension's. */
export function inferBuilder(files: readonly string[]): { builder: string; kwargs: Record<string, string> } {
  const counts = new Map<string, { n: number; b: { builder: string; kwargs: Record<string, string> } }>();
  for (const f of files) {
    const b = builderForFile(f);
    if (!b) continue;
    const key = `${b.builder}${JSON.stringify(b.kwargs)}`;
    counts.set(key, { n: (counts.get(key)?.n ?? 0) + 1, b });
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  if (!best) throw new FileNotFoundError(`no supported data files among: ${files.slice(0, 10).join(", ")}${files.length > 10 ? ", …" : ""}`);
  return best.b;
}

// ---- split expressions: "train", "train[:10%]", "train[100:200]", "train+test" ----------------

export interface SplitPart {
  split: string;
  from: number | null;
  to: number | null;
  percent: boolean;
}

export function parseSplit(expr: string): SplitPart[] {
  return expr.split("+").map((part) => {
    const m = /^\s*([\w.]+)\s*(?:\[\s*(-?\d+)?\s*(%)?\s*:\s*(-?\d+)?\s*(%)?\s*\])?\s*$/.exec(part);
    if (!m) throw new ValueError(`Unknown split "${part}": use a name ("train"), a slice ("train[:100]", "train[10%:20%]") or a sum ("train+test")`);
    const percent = Boolean(m[3] || m[5]);
    if ((m[2] !== undefined && m[4] !== undefined && Boolean(m[3]) !== Boolean(m[5]))) throw new ValueError(`split "${part}": mix of percent and absolute bounds`);
    return { split: m[1], from: m[2] === undefined ? null : Number(m[2]), to: m[4] === undefined ? null : Number(m[4]), percent };
  });
}

/** The [start, end) rows a split part selects out of `n`. */
export function partRange(p: SplitPart, n: number): [number, number] {
  const conv = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    let x = p.percent ? Math.round((v * n) / 100) : v;
    if (x < 0) x += n;
    return Math.max(0, Math.min(n, x));
  };
  const a = conv(p.from, 0);
  return [a, Math.max(a, conv(p.to, n))];
}
