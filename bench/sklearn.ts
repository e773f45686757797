// npm run bench:sklearn — seed 003's baseline (lower-case, drop ENGLISH_STOP_WORDS, TfidfVectorizer
// + MultinomialNB) and TF-IDF + LogisticRegression, ours against scikit-learn on the same texts in
// one run: the full Brown corpus, 15 genres, 5-sentence chunks split by document (bench/brown.ts).
// Each task and side runs in a fresh process (so peak RSS is that task's), rounds interleave the
// two sides, and the best time of each side counts (this VM's timing swings ±20%).
// Speed ratio = sklearn's time / ours (> 1: we are faster). Goal (issue 6): ≥ 1.0× on fit and predict.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brownGenres, type TextSplit } from "./brown.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LR_MAX_ITER = Number(process.env.BENCH_LR_MAX_ITER ?? 1000);
const TASKS = { nb: "seed 003: stop words + TF-IDF + MultinomialNB", lr: `TF-IDF + LogisticRegression(max_iter=${LR_MAX_ITER})` } as const;
type Task = keyof typeof TASKS;
interface Result { fit_s: number; predict_s: number; accuracy: number; peak_mb: number; base_mb: number; n_iter?: number; version?: string }

async function worker(dataFile: string, task: Task): Promise<Result> {
  const { readFileSync } = await import("node:fs");
  const { TfidfVectorizer, ENGLISH_STOP_WORDS } = await import("../src/sklearn/feature_extraction/text.js");
  const { MultinomialNB } = await import("../src/sklearn/naive_bayes.js");
  const { Pipeline } = await import("../src/sklearn/pipeline.js");
  const { accuracy_score } = await import("../src/sklearn/metrics/index.js");
  const data = JSON.parse(readFileSync(dataFile, "utf8")) as { train: TextSplit; test: TextSplit };
  let [X_train, X_test] = [data.train.text, data.test.text];
  const base_mb = process.resourceUsage().maxRSS / 1024;
  const t0 = performance.now();
  let pipe;
  if (task === "nb") {
    const preprocess_text = (t: string): string => t.toLowerCase().split(/\s+/).filter((w) => w && !ENGLISH_STOP_WORDS.has(w)).join(" ");
    X_train = X_train.map(preprocess_text);
    X_test = X_test.map(preprocess_text);
    pipe = new Pipeline([["tfidf", new TfidfVectorizer()], ["nb", new MultinomialNB()]]);
  } else {
    const { LogisticRegression } = await import("../src/sklearn/linear_model/index.js");
    pipe = new Pipeline([["tfidf", new TfidfVectorizer()], ["lr", new LogisticRegression({ max_iter: LR_MAX_ITER })]]);
  }
  pipe.fit(X_train, data.train.label);
  const t1 = performance.now();
  const y_pred = pipe.predict(X_test);
  const t2 = performance.now();
  const out: Result = { fit_s: (t1 - t0) / 1e3, predict_s: (t2 - t1) / 1e3, accuracy: accuracy_score(data.test.label, y_pred), peak_mb: process.resourceUsage().maxRSS / 1024, base_mb };
  if (task === "lr") out.n_iter = (pipe.named_steps.lr as unknown as { n_iter_: number[] }).n_iter_[0];
  return out;
}

/** A Python whose scikit-learn can be imported: PYTHON, FINETUNE_TS_PYTHON, then the system's. */
function findPython(): string | null {
  for (const py of [process.env.PYTHON, process.env.FINETUNE_TS_PYTHON, "/usr/bin/python3", "python3"].filter((p): p is string => !!p)) {
    try {
      execFileSync(py, ["-c", "import sklearn"], { stdio: "ignore" });
      return py;
    } catch {
      // try the next one
    }
  }
  return null;
}

async function main(): Promise<void> {
  if (process.argv[2] === "--worker") {
    console.log(JSON.stringify(await worker(process.argv[3], process.argv[4] as Task)));
    return;
  }
  const data = await brownGenres();
  const dir = mkdtempSync(path.join(tmpdir(), "fts-bench-sklearn-"));
  const dataFile = path.join(dir, "brown.json");
  writeFileSync(dataFile, JSON.stringify(data));
  const py = findPython();
  console.log(`finetune-ts sklearn bench — Brown corpus, 15 genres: train ${data.train.text.length} texts, test ${data.test.text.length}; ${ROUNDS} interleaved rounds, best of each side`);
  console.log(py ? `reference: scikit-learn from ${py}` : "reference: no Python with scikit-learn found (set PYTHON=…); printing our figures only");
  const me = fileURLToPath(import.meta.url);
  const best: Record<string, Result> = {};
  const keep = (key: string, r: Result): void => {
    const b = best[key];
    best[key] = b ? { ...r, fit_s: Math.min(b.fit_s, r.fit_s), predict_s: Math.min(b.predict_s, r.predict_s), peak_mb: Math.min(b.peak_mb, r.peak_mb) } : r;
  };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const task of Object.keys(TASKS) as Task[]) {
        keep(`ours:${task}`, JSON.parse(execFileSync(process.execPath, ["--import", "tsx", me, "--worker", dataFile, task], { cwd: ROOT, encoding: "utf8" })) as Result);
        if (py) keep(`sk:${task}`, JSON.parse(execFileSync(py, [path.join(ROOT, "bench/sklearn_ref/sklearn_ref.py"), dataFile, task, String(LR_MAX_ITER)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as Result);
        process.stderr.write(`round ${round + 1}/${ROUNDS} ${task} done\n`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (py) console.log(`scikit-learn ${best["sk:nb"].version}`);
  console.log("\n| task | measure | finetune-ts | scikit-learn | speed ratio (sklearn time / ours) |\n|---|---|---|---|---|");
  const fmt = (x: number | undefined, d: number): string => (x === undefined ? "-" : x.toFixed(d));
  for (const [task, title] of Object.entries(TASKS)) {
    const o = best[`ours:${task}`];
    const s = best[`sk:${task}`] as Result | undefined;
    const ratio = (a: number, b: number | undefined): string => (b === undefined ? "-" : `${(b / a).toFixed(2)}×`);
    console.log(`| ${title} | fit s | ${fmt(o.fit_s, 3)} | ${fmt(s?.fit_s, 3)} | ${ratio(o.fit_s, s?.fit_s)} |`);
    console.log(`| | predict s | ${fmt(o.predict_s, 3)} | ${fmt(s?.predict_s, 3)} | ${ratio(o.predict_s, s?.predict_s)} |`);
    console.log(`| | test accuracy | ${fmt(o.accuracy, 4)} | ${fmt(s?.accuracy, 4)} | |`);
    if (o.n_iter !== undefined) console.log(`| | lbfgs iterations | ${o.n_iter} | ${s?.n_iter ?? "-"} | |`);
    console.log(`| | peak RSS MB (process baseline before the task) | ${o.peak_mb.toFixed(0)} (${o.base_mb.toFixed(0)}) | ${s ? `${s.peak_mb.toFixed(0)} (${s.base_mb.toFixed(0)})` : "-"} | |`);
  }
  console.log("\nGoal (issue 6): fit and predict ≥ 1.0× scikit-learn's speed.");
}

await main();
