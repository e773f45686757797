import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { line, load_trainer_state, training_curves } from "../../src/plot/index.js";
import { TrainerState } from "../../src/transformers/trainer_callback.js";
import { findAll, parseXml } from "./_xml.js";
import { assertInside, assertNoOverlap, overlaps } from "./_check.js";

const FIXTURE = "tests/fixtures/plot/trainer_state.json";
const points = (p: string | undefined): number => (p ?? "").trim().split(/\s+/).filter(Boolean).length;

test("line: one polyline per series with every point, legend, labels", () => {
  const fig = line([{ x: [0, 1, 2, 3], y: [1, 4, 9, 16], label: "x²" }, { x: [0, 1, 2], y: [0, 1, 2], label: "x" }], { title: "t", xlabel: "x", ylabel: "y" });
  const svg = parseXml(fig.to_svg());
  const polys = findAll(svg, "polyline", "series");
  assert.deepEqual(polys.map((p) => points(p.attrs.points)), [4, 3]);
  assert.equal(findAll(svg, "circle", "point").length, 7);
  assert.deepEqual(findAll(svg, "text", "legend").map((t) => t.text), ["x²", "x"]);
  for (const r of ["title", "xlabel", "ylabel"]) assert.equal(fig.layout.texts.filter((t) => t.role === r).length, 1, r);
  assertInside(fig, "line");
  assertNoOverlap(fig, "xtick", "line");
  assertNoOverlap(fig, "ytick", "line");
  // Pixel positions follow the data: y = 16 is the highest point, x increases to the right.
  const pts = polys[0]!.attrs.points!.split(" ").map((s) => s.split(",").map(Number) as [number, number]);
  assert.ok(pts.every((p, i) => i === 0 || (p[0] > pts[i - 1]![0] && p[1] < pts[i - 1]![1])));
  // The legend does not cover the data: it went to a corner away from the rising curve.
  const legend = findAll(svg, "rect", "legend")[0]!;
  const box = { x0: Number(legend.attrs.x), y0: Number(legend.attrs.y), x1: Number(legend.attrs.x) + Number(legend.attrs.width), y1: Number(legend.attrs.y) + Number(legend.attrs.height) };
  assert.ok(pts.every(([x, y]) => !overlaps(box, { x0: x - 1, y0: y - 1, x1: x + 1, y1: y + 1 })));
});

test("line errors name the argument", () => {
  assert.throws(() => line([]), { name: "ValueError", message: /line: series is empty/ });
  assert.throws(() => line([{ x: [], y: [] }]), /series\[0\] is empty/);
  assert.throws(() => line([{ x: [1, 2], y: [1] }]), /series\[0\]\.x has 2 values but series\[0\]\.y has 1/);
  assert.throws(() => line([{ x: [1], y: [1] }, { x: [1, 2], y: [0, NaN] }]), /line: series\[1\]\.y\[1\] is NaN/);
  assert.throws(() => line([{ x: [1], y: [1] }], { ylim: [2, 1] }), /ylim must be increasing/);
});

test("training_curves from the trainer_state.json fixture: loss panel + one panel per eval metric, best starred", async () => {
  const fig = await training_curves(FIXTURE);
  const svg = parseXml(fig.to_svg());
  assert.deepEqual(fig.layout.texts.filter((t) => t.role === "title").map((t) => t.text), ["loss", "eval_accuracy", "eval_f1"]);
  assert.equal(fig.layout.axes.length, 3);
  const polys = findAll(svg, "polyline", "series");
  // 20 training logs (every 20 steps up to 400), 3 evaluations; timings (eval_runtime …) are not panels.
  assert.deepEqual(polys.map((p) => points(p.attrs.points)), [20, 3, 3, 3]);
  assert.deepEqual(findAll(svg, "text", "legend").map((t) => t.text), ["train loss", "eval loss"]);
  const stars = findAll(svg, "polygon", "best");
  assert.equal(stars.length, 1, "best checkpoint starred once");
  assert.ok(fig.layout.texts.some((t) => t.role === "annotation" && t.text === "best 0.853 (step 268)"));
  assert.equal(findAll(svg, "line", "vline").length, 3, "best step marked in every panel");
  assert.ok(fig.layout.texts.filter((t) => t.role === "xlabel").every((t) => t.text === "step"));
  assertInside(fig, "training_curves");
  assertNoOverlap(fig, "xtick", "training_curves");
  assertNoOverlap(fig, "title", "training_curves");
});

test("training_curves by epoch, chosen metrics, from a TrainerState object and a checkpoint folder", async () => {
  const state = await load_trainer_state(FIXTURE);
  const fig = training_curves(state, { x: "epoch", metrics: ["accuracy", "learning_rate"], metric_for_best_model: "accuracy", title: "run" });
  assert.deepEqual(fig.layout.texts.filter((t) => t.role === "title").map((t) => t.text), ["eval_accuracy", "learning_rate"]);
  assert.ok(fig.layout.texts.some((t) => t.text === "best 0.853 (epoch 2)"));
  assert.ok(fig.layout.texts.some((t) => t.role === "suptitle" && t.text === "run"));
  assertInside(fig, "epoch");

  // Our own TrainerState class is accepted as is.
  const ts = Object.assign(new TrainerState(), { log_history: [{ loss: 1, epoch: 0.5, step: 5 }, { loss: 0.5, epoch: 1, step: 10 }, { eval_loss: 0.7, epoch: 1, step: 10 }], best_metric: 0.7 });
  const f2 = training_curves(ts);
  assert.equal(findAll(parseXml(f2.to_svg()), "polygon", "best").length, 1, "eval_loss inferred as the tracked metric");

  const dir = await mkdtemp(join(tmpdir(), "plot-ckpt-"));
  try {
    // Python's json writes a diverged loss as bare NaN; those points are left out, not an error.
    await writeFile(join(dir, "trainer_state.json"), '{"log_history": [{"loss": 2.0, "step": 1, "epoch": 0.1}, {"loss": NaN, "step": 2, "epoch": 0.2}, {"loss": 1.0, "step": 3, "epoch": 0.3}], "note": "NaN in a string stays"}');
    const f3 = await training_curves(dir);
    assert.deepEqual(findAll(parseXml(f3.to_svg()), "polyline", "series").map((p) => points(p.attrs.points)), [2]);
    await assert.rejects(training_curves(join(dir, "nope.json")), { name: "FileNotFoundError", message: /nope\.json/ });
    await writeFile(join(dir, "bad.json"), '{"global_step": 3}');
    await assert.rejects(training_curves(join(dir, "bad.json")), /has no log_history array/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("training_curves errors name what is missing", () => {
  assert.throws(() => training_curves({ log_history: [] }), { name: "ValueError", message: /state\.log_history has no loss or eval metric/ });
  assert.throws(() => training_curves({ log_history: [{ loss: 1, step: 1 }] }, { metrics: ["bleu"] }), /metric "bleu" is not in log_history; available: loss/);
  assert.throws(() => training_curves({ log_history: [{ loss: 1, step: 1 }] }, { x: "time" as never }), /x must be "step" or "epoch"/);
  assert.throws(() => training_curves({ log_history: [{ loss: 1, step: 1 }] }, { metric: ["loss"] } as never), /unexpected keyword argument 'metric'.*Did you mean 'metrics'/);
});
