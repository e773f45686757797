// `finetune-ts baseline`: TF-IDF + MultinomialNB / LogisticRegression / RandomForest on the same
// Brown CSVs the other CLI tests use; the report equals the in-process sklearn Pipeline's, the saved
// pipeline reloads and predicts the same, and bad input gives clear errors (1) or flag errors (2).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { brownRows, run, writeCsv } from "./_helpers.js";
import { Pipeline } from "../../src/sklearn/pipeline.js";
import { TfidfVectorizer } from "../../src/sklearn/feature_extraction/text.js";
import { MultinomialNB } from "../../src/sklearn/naive_bayes.js";
import { load } from "../../src/sklearn/persistence.js";
import { accuracy_score, classification_report } from "../../src/sklearn/metrics/index.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "fts-cli-baseline-"));
const f = (name: string): string => path.join(dir, name);
const train = brownRows("train", 14);
const testRows = brownRows("test", 5);

before(() => {
  writeCsv(f("train.csv"), train);
  writeCsv(f("test.csv"), testRows);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("baseline nb: the report of TfidfVectorizer(stop_words='english') + MultinomialNB; --output_dir saves a pipeline that reloads", async () => {
  const r = run(["baseline", "--train_file", f("train.csv"), "--test_file", f("test.csv"), "--stop_words", "english", "--output_dir", f("nb")]);
  assert.equal(r.status, 0, r.stderr);
  const pipe = new Pipeline([["tfidf", new TfidfVectorizer({ stop_words: "english" })], ["clf", new MultinomialNB()]]);
  pipe.fit(train.map((x) => x.text), train.map((x) => x.label));
  const y_pred = pipe.predict(testRows.map((x) => x.text)).map(String);
  const y_true = testRows.map((x) => x.label);
  assert.ok(r.stdout.startsWith(classification_report(y_true, y_pred, { labels: ["fiction", "news", "religion"], digits: 4, zero_division: 0 })), r.stdout);
  assert.match(r.stdout, /true \\ pred\s+fiction\s+news\s+religion\n/);
  const rep = JSON.parse(readFileSync(f("nb/eval_report.json"), "utf8")) as { accuracy: number; classifier: string };
  assert.equal(rep.accuracy, accuracy_score(y_true, y_pred));
  assert.equal(rep.classifier, "nb");
  const saved = await load(f("nb/pipeline.ftskl"), Pipeline);
  assert.deepEqual(saved.predict(testRows.map((x) => x.text)).map(String), y_pred);
});

test("baseline lr and rf run and report on the same files", () => {
  for (const clf of ["lr", "rf"]) {
    const r = run(["baseline", "--train_file", f("train.csv"), "--test_file", f("test.csv"), "--classifier", clf, "--n_estimators", "20"]);
    assert.equal(r.status, 0, `${clf}: ${r.stderr}`);
    assert.match(r.stdout, /accuracy\s+\d\.\d{4}\s+15\n/);
    assert.match(r.stdout, /Confusion matrix/);
  }
});

test("baseline errors: unknown test label, missing column, missing file → 1; bad flags → 2", () => {
  writeCsv(f("odd.csv"), [{ text: "a sermon on grace", label: "religion" }, { text: "a poem", label: "poetry" }]);
  const odd = run(["baseline", "--train_file", f("train.csv"), "--test_file", f("odd.csv")]);
  assert.equal(odd.status, 1);
  assert.match(odd.stderr, /odd\.csv: column 'label' has label\(s\) 'poetry' unknown to the training file/);
  const col = run(["baseline", "--train_file", f("train.csv"), "--test_file", f("test.csv"), "--label_column", "genre"]);
  assert.equal(col.status, 1);
  assert.match(col.stderr, /train\.csv: no column 'genre' \(--label_column\); the file has: text, label/);
  const missing = run(["baseline", "--train_file", f("none.csv"), "--test_file", f("test.csv")]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /--train_file .*none\.csv: no such file/);
  writeFileSync(f("one.csv"), 'text,label\n"x y",a\n');
  const single = run(["baseline", "--train_file", f("one.csv"), "--test_file", f("one.csv")]);
  assert.equal(single.status, 1);
  assert.match(single.stderr, /single label/);
  const clf = run(["baseline", "--train_file", f("train.csv"), "--test_file", f("test.csv"), "--classifier", "svm"]);
  assert.equal(clf.status, 2);
  assert.match(clf.stderr, /argument 'svm' is invalid\. Allowed choices are nb, lr, rf/);
  const typo = run(["baseline", "--train_fle", f("train.csv")]);
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /unknown option '--train_fle'; did you mean '--train_file'\?/);
});
