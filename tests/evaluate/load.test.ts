// finetune-ts/evaluate: load / compute / add_batch / add / combine, offline. Expected values are
// scikit-learn 1.9.1's for the same calls (HF evaluate's metrics are thin wrappers over sklearn),
// e.g. `sklearn.metrics.f1_score([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], average="macro")`, and the
// examples from HF evaluate's metric cards; equality is exact (same arithmetic) unless noted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { combine, list_evaluation_modules, load, EvaluationModule } from "../../src/evaluate/index.js";
import { ValueError } from "../../src/utils/errors.js";

test("load is async and offline; unknown names list the built-in metrics", async () => {
  const acc = await load("accuracy");
  assert.ok(acc instanceof EvaluationModule);
  assert.equal(acc.name, "accuracy");
  assert.deepEqual(acc.features, ["predictions", "references"]);
  assert.equal((await load("evaluate-metric/f1")).name, "f1");
  await assert.rejects(load("bleu"), (e: unknown) => {
    assert.ok(e instanceof ValueError);
    assert.match(e.message, /Unknown evaluation module 'bleu'/);
    for (const name of ["accuracy", "f1", "precision", "recall", "matthews_correlation", "confusion_matrix", "mse", "r2", "perplexity"]) {
      assert.match(e.message, new RegExp(`\\b${name}\\b`));
    }
    return true;
  });
  await assert.rejects(load("f1", "nonsense"), /Unknown config_name 'nonsense' for 'f1'/);
  assert.equal((await load("f1", "multilabel")).config_name, "multilabel");
  assert.ok(list_evaluation_modules().includes("roc_auc"));
});

test("classification metrics give HF's keys and sklearn's numbers", async () => {
  const predictions = [0, 2, 1, 0, 0, 1];
  const references = [0, 1, 2, 0, 1, 2];
  assert.deepEqual((await load("accuracy")).compute({ predictions, references }), { accuracy: 1 / 3 });
  assert.deepEqual((await load("accuracy")).compute({ predictions, references, normalize: false }), { accuracy: 2 });
  const f1 = await load("f1");
  assert.deepEqual(f1.compute({ references: [0, 1, 0, 1, 0], predictions: [0, 0, 1, 1, 0] }), { f1: 0.5 });
  assert.deepEqual(f1.compute({ references: [0, 1, 0, 1, 0], predictions: [0, 0, 1, 1, 0], pos_label: 0 }), { f1: 0.6666666666666666 });
  assert.deepEqual(
    f1.compute({ references: [0, 1, 0, 1, 0], predictions: [0, 0, 1, 1, 0], sample_weight: [0.9, 0.5, 3.9, 1.2, 0.3] }),
    { f1: 0.35294117647058826 },
  );
  assert.deepEqual(f1.compute({ predictions, references, average: "macro" }), { f1: 0.26666666666666666 });
  assert.deepEqual(f1.compute({ predictions, references, average: "micro" }), { f1: 0.3333333333333333 });
  assert.deepEqual(f1.compute({ predictions, references, average: "weighted" }), { f1: 0.26666666666666666 });
  assert.deepEqual(f1.compute({ predictions, references, average: null }), { f1: [0.8, 0, 0] });
  assert.deepEqual(f1.compute({ predictions, references, average: null, labels: [0] }), { f1: 0.8 }); // size 1 → float, as HF
  const multilabel = await load("f1", "multilabel");
  assert.deepEqual(multilabel.compute({ predictions: [[0, 1, 1], [1, 1, 0]], references: [[0, 1, 1], [0, 1, 0]], average: "macro" }), { f1: 0.6666666666666666 });
  assert.deepEqual((await load("precision")).compute({ predictions, references, average: "macro", zero_division: 0 }), { precision: 0.2222222222222222 });
  assert.deepEqual((await load("recall")).compute({ predictions, references, average: null }), { recall: [1, 0, 0] });
  const mcc = await load("matthews_correlation");
  assert.deepEqual(mcc.compute({ references: [1, 3, 2, 0, 3, 2], predictions: [1, 2, 2, 0, 3, 3] }), { matthews_correlation: 0.5384615384615384 });
  assert.deepEqual(
    mcc.compute({ references: [1, 3, 2, 0, 3, 2], predictions: [1, 2, 2, 0, 3, 3], sample_weight: [0.5, 3, 1, 1, 1, 2] }),
    { matthews_correlation: 0.09782608695652174 },
  );
  assert.deepEqual((await load("confusion_matrix")).compute({ references: [0, 1, 2, 0, 1, 2], predictions: [0, 1, 1, 2, 1, 0] }), {
    confusion_matrix: [
      [1, 0, 1],
      [0, 2, 0],
      [1, 1, 0],
    ],
  });
  assert.deepEqual((await load("roc_auc")).compute({ references: [1, 0, 1, 1, 0, 0], prediction_scores: [0.5, 0.2, 0.99, 0.3, 0.1, 0.7] }), {
    roc_auc: 0.7777777777777779,
  });
});

test("regression metrics: mse (squared=false is RMSE, as in HF), mae, r2, r_squared", async () => {
  const mse = await load("mse");
  assert.deepEqual(mse.compute({ predictions: [2.5, 0.0, 2, 8], references: [3, -0.5, 2, 7] }), { mse: 0.375 });
  assert.deepEqual(mse.compute({ predictions: [2.5, 0.0, 2, 8], references: [3, -0.5, 2, 7], squared: false }), { mse: 0.6123724356957945 });
  const multilist = await load("mse", "multilist");
  const p2 = [[0.5, 1], [-1, 1], [7, -6]];
  const r2d = [[0, 2], [-1, 2], [8, -5]];
  assert.deepEqual(multilist.compute({ predictions: p2, references: r2d }), { mse: 0.7083333333333334 });
  assert.deepEqual(multilist.compute({ predictions: p2, references: r2d, multioutput: "raw_values" }), { mse: [0.4166666666666667, 1] });
  assert.deepEqual((await load("mae")).compute({ predictions: [2.5, 0.0, 2, 8], references: [3, -0.5, 2, 7] }), { mae: 0.5 });
  assert.deepEqual((await load("r2")).compute({ predictions: [1, 2, 3, 4], references: [0.9, 2.1, 3.2, 3.8] }), { r2: 0.9795918367346939 });
  assert.deepEqual((await load("r_squared")).compute({ predictions: [1, 2, 3, 4], references: [0.9, 2.1, 3.2, 3.8] }), { r_squared: 0.9795918367346939 });
});

test("add_batch accumulates across calls; compute() then empties the module", async () => {
  const acc = await load("accuracy");
  acc.add_batch({ predictions: [0, 1], references: [0, 0] });
  acc.add_batch({ predictions: [1, 1], references: [1, 1] });
  assert.deepEqual(acc.compute(), { accuracy: 0.75 });
  assert.throws(() => acc.compute(), /call `add` or `add_batch` at least once before calling `compute`/);
  acc.add({ prediction: 1, reference: 1 });
  acc.add({ prediction: 0, reference: 1 });
  assert.deepEqual(acc.compute({ predictions: [2], references: [2] }), { accuracy: 2 / 3 }); // given inputs join the stack
  const f1 = await load("f1");
  const tensorLike = (data: number[]) => ({ tolist: () => data });
  f1.add_batch({ predictions: tensorLike([0, 2, 1]), references: tensorLike([0, 1, 2]) });
  f1.add_batch({ predictions: tensorLike([0, 0, 1]), references: tensorLike([0, 1, 2]) });
  assert.deepEqual(f1.compute({ average: "macro" }), { f1: 0.26666666666666666 });
});

test("input and option errors are HF's ValueErrors / a TypeError naming the nearest option", async () => {
  const acc = await load("accuracy");
  assert.throws(() => acc.add_batch({ predictions: [0, 1, 1], references: [0, 1] }), {
    name: "ValueError",
    message: "Mismatch in the number of predictions (3) and references (2)",
  });
  assert.throws(() => acc.compute({ predictions: [0, 1] }), /Evaluation module inputs are missing: \['references'\]/);
  assert.throws(() => acc.add_batch({ predictions: [0], references: [0], scores: [1] }), /Bad inputs for evaluation module: \['scores'\]/);
  const f1 = await load("f1");
  assert.throws(() => f1.compute({ predictions: [0], references: [0], averag: "macro" }), {
    name: "TypeError",
    message: /unexpected keyword argument 'averag'\. Did you mean 'average'\?/,
  });
  assert.throws(() => f1.compute({ predictions: [0, 1, 2], references: [0, 1, 1] }), /Target is multiclass but average='binary'/);
});

test("combine runs each metric with the kwargs it accepts and merges the results", () => {
  const clf = combine(["accuracy", "f1", "precision", "recall"]);
  assert.deepEqual(clf.compute({ predictions: [0, 1, 0], references: [0, 1, 1] }), {
    accuracy: 0.6666666666666666,
    f1: 0.6666666666666666,
    precision: 1,
    recall: 0.5,
  });
  const macro = combine(["accuracy", "f1"]);
  macro.add_batch({ predictions: [0, 2, 1], references: [0, 1, 2] });
  assert.deepEqual(macro.compute({ predictions: [0, 0, 1], references: [0, 1, 2], average: "macro" }), {
    accuracy: 1 / 3,
    f1: 0.26666666666666666,
  });
  assert.throws(() => macro.compute({ predictions: [0], references: [0], averag: "macro" }), /Did you mean 'average'/);
  const twice = combine(["accuracy", "accuracy"]);
  assert.deepEqual(twice.compute({ predictions: [0, 1], references: [0, 0] }), { accuracy: 0.5, accuracy_accuracy: 0.5 });
  assert.deepEqual(combine(["accuracy"], true).compute({ predictions: [1], references: [1] }), { accuracy_accuracy: 1 });
});

test("perplexity = exp(mean negative log-likelihood) per sequence; HF's result keys", async () => {
  const ppl = await load("perplexity");
  assert.deepEqual(ppl.features, ["predictions"]);
  // np.exp(-np.mean([-0.5, -1.0, -2.0])) and np.exp(-np.mean([-0.1, -0.3]))
  const r = ppl.compute({ predictions: [[-0.5, -1.0, -2.0], [-0.1, -0.3]] });
  assert.ok(Math.abs(r.perplexities[0]! - 3.211270543153561) < 1e-12);
  assert.ok(Math.abs(r.perplexities[1]! - 1.2214027581601699) < 1e-12);
  assert.ok(Math.abs(r.mean_perplexity - (3.211270543153561 + 1.2214027581601699) / 2) < 1e-12);
  const fromLoss = ppl.compute({ losses: [Math.log(20), 0] });
  assert.ok(Math.abs(fromLoss.perplexities[0]! - 20) < 1e-12);
  assert.equal(fromLoss.perplexities[1], 1);
  assert.throws(() => ppl.compute({ predictions: [[0.5, 1.2]] }), /log-likelihoods ln p are <= 0\. Pass negative log-likelihoods \(losses\) as \{ losses \}/);
  assert.throws(() => ppl.compute({ predictions: [-0.5, -1] }), /one array per sequence/);
});
