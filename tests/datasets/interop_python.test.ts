// Interop with HF's real `datasets` (Python): files our to_parquet / to_csv / to_json write load
// in Python with the same values, and (Parquet) the same features, ClassLabel names included.
// Needs a Python with datasets: FINETUNE_TS_PYTHON=/path/to/python (e.g. /opt/pyvenv/bin/python
// after `pip install datasets pyarrow pandas` from the local mirror); skipped otherwise.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { ClassLabel, Dataset, Features, List, Value } from "../../src/datasets/index.js";
import { tmpdir } from "./_helpers.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PY = process.env.FINETUNE_TS_PYTHON;
function pythonReady(): string | false {
  if (!PY) return "set FINETUNE_TS_PYTHON to a Python with HF datasets to run the interop tests";
  try {
    execFileSync(PY, ["-c", "import datasets"], { stdio: "ignore" });
    return false;
  } catch {
    return `${PY} cannot import datasets`;
  }
}
const skip = pythonReady();
function pyRead(builder: string, file: string): { features: Record<string, unknown>; rows: Array<Record<string, unknown>> } {
  const out = execFileSync(PY!, [path.join(ROOT, "scripts/datasets_interop.py"), "read", builder, file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return JSON.parse(out.trim().split("\n").pop()!);
}

const features = new Features({
  text: new Value("string"),
  label: new ClassLabel({ names: ["neg", "pos"] }),
  score: new Value("float32"),
  ids: new List(new Value("int32")),
  meta: { src: new Value("string"), n: new Value("int64") },
  big: new Value("int64"),
});
const ds = Dataset.from_dict(
  { text: ["great, \"really\"", "ünïcödé\nline", null], label: [1, 0, 1], score: [0.5, null, 2.25], ids: [[101, 7, 102], [], null], meta: [{ src: "a", n: 1 }, null, { src: "c", n: -3 }], big: [2n ** 60n + 1n, 1n, -5n] },
  { features },
);

test("Python reads our Parquet with the same features and rows", { skip }, async () => {
  const file = path.join(tmpdir(), "o.parquet");
  await ds.to_parquet(file);
  const py = pyRead("parquet", file);
  assert.deepEqual(py.features, features.to_dict());
  assert.deepEqual(py.rows, ds.to_list().map((r) => ({ ...r, big: typeof r.big === "bigint" ? String(r.big) : r.big })));
});

test("Python reads our CSV and JSON Lines with the same values", { skip }, async () => {
  const flat = ds.select_columns(["text", "label", "score"]);
  const dir = tmpdir();
  await flat.to_csv(path.join(dir, "o.csv"));
  await flat.to_json(path.join(dir, "o.jsonl"));
  for (const [builder, file] of [["csv", "o.csv"], ["json", "o.jsonl"]]) {
    const py = pyRead(builder, path.join(dir, file));
    assert.deepEqual(py.rows, flat.to_list(), builder);
  }
});
