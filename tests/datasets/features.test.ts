// Value / ClassLabel / List / Features: HF's JSON form, repr, str2int/int2str rules and errors.
// Goldens: the feature JSON that HF datasets 5.0.1 writes (scripts/make_datasets_fixtures.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ClassLabel, Features, List, Sequence, Value } from "../../src/datasets/index.js";
import { ValueError, KeyError } from "../../src/utils/errors.js";
import { G } from "./_helpers.js";

test("Value dtypes, aliases and bad dtypes", () => {
  assert.equal(new Value("float").dtype, "float32");
  assert.equal(new Value("double").dtype, "float64");
  assert.equal(String(new Value("int64")), "Value('int64')");
  assert.throws(() => new Value("int128" as never), ValueError);
});

test("ClassLabel: names, num_classes, str2int/int2str with HF's rules", () => {
  const cl = new ClassLabel({ names: ["neg", "pos"] });
  assert.equal(cl.num_classes, 2);
  assert.equal(cl.str2int("pos"), 1);
  assert.equal(cl.str2int(" pos "), 1); // stripped, as HF
  assert.equal(cl.str2int("0"), 0); // an integer string in range
  assert.deepEqual(cl.str2int(["neg", "pos"]), [0, 1]);
  assert.deepEqual(cl.int2str([1, 0]), ["pos", "neg"]);
  assert.throws(() => cl.str2int("maybe"), /Invalid string class label maybe/);
  assert.throws(() => cl.int2str(2), /Invalid integer class label 2/);
  assert.deepEqual(new ClassLabel({ num_classes: 3 }).names, ["0", "1", "2"]);
  assert.throws(() => new ClassLabel({ names: ["a", "a"] }), ValueError);
  assert.throws(() => new ClassLabel({ names: ["a"], num_classes: 2 }), ValueError);
  assert.equal(String(cl), "ClassLabel(names=['neg', 'pos'])");
});

test("Features: HF JSON round trip, repr, property access", () => {
  const json = G.parquet.hf_features.features;
  const f = Features.from_dict(json);
  assert.deepEqual(f.to_dict(), json);
  assert.deepEqual(JSON.parse(JSON.stringify(f)), json);
  assert.ok(f.label instanceof ClassLabel);
  assert.deepEqual((f["label"] as ClassLabel).names, ["neg", "pos"]);
  assert.ok(f.ids instanceof List);
  assert.deepEqual(f.keys(), ["text", "label", "i8", "f", "ids", "b", "s", "big"]);
  assert.equal(String(new Features({ a: Sequence(new Value("int8")), b: new List(new Value("float32"), 3) })), "{'a': List(Value('int8')), 'b': List(Value('float32'), length=3)}");
  assert.throws(() => f.get("nope"), KeyError);
  // Old-style Sequence JSON still reads.
  const old = Features.from_dict({ ids: { feature: { dtype: "int32", _type: "Value" }, _type: "Sequence" } });
  assert.equal(String(old), "{'ids': List(Value('int32'))}");
});
