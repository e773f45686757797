// PretrainedConfig / AutoConfig: HF's keys and label handling, overrides as HF applies them, and
// errors that name the file and key for a bad config.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { AutoConfig } from "../../src/transformers/models/auto/configuration_auto.js";
import { BertConfig } from "../../src/transformers/models/bert/configuration_bert.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/models");

function folderWith(config: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fts-config-"));
  writeFileSync(path.join(dir, "config.json"), typeof config === "string" ? config : JSON.stringify(config));
  return dir;
}

test("AutoConfig picks the class from model_type; num_labels override regenerates labels like HF", async () => {
  const c = await AutoConfig.from_pretrained(path.join(FIXTURES, "bert-tiny-cls"), { num_labels: 5 });
  assert.ok(c instanceof BertConfig);
  assert.equal(c.num_labels, 5);
  assert.deepEqual(c.id2label, { 0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2", 3: "LABEL_3", 4: "LABEL_4" });
  const same = await AutoConfig.from_pretrained(path.join(FIXTURES, "bert-tiny-cls"), { num_labels: 3 });
  assert.deepEqual(same.id2label, { 0: "negative", 1: "neutral", 2: "positive" });
  const named = await AutoConfig.from_pretrained(path.join(FIXTURES, "bert-tiny-cls"), { id2label: { 0: "NEG", 1: "POS" } });
  assert.deepEqual(named.label2id, { NEG: 0, POS: 1 });
});

test("to_json_string round-trips the fixture's keys with sorted keys and string label ids", async () => {
  const c = await AutoConfig.from_pretrained(path.join(FIXTURES, "bert-tiny-cls"));
  const original = JSON.parse(readFileSync(path.join(FIXTURES, "bert-tiny-cls/config.json"), "utf8")) as Record<string, unknown>;
  const ours = JSON.parse(c.to_json_string()) as Record<string, unknown>;
  for (const [k, v] of Object.entries(original)) assert.deepEqual(ours[k], v, k);
  assert.deepEqual(Object.keys(ours), Object.keys(ours).sort());
});

test("a bad config.json is an error naming the file and the key", async () => {
  await assert.rejects(AutoConfig.from_pretrained(folderWith({ model_type: "bert", hidden_size: "big" })), (e: Error) => e.name === "ValueError" && /config\.json key "hidden_size" should be a number/.test(e.message) && e.message.includes("fts-config-"));
  await assert.rejects(AutoConfig.from_pretrained(folderWith("{ not json")), /config\.json: not valid JSON/);
  await assert.rejects(AutoConfig.from_pretrained(folderWith({ model_type: "llama9" })), /Unrecognized model .*"llama9".*knows: bert/s);
  await assert.rejects(BertConfig.from_pretrained(folderWith({ model_type: "bert", problem_type: "ranking" })), /problem_type/);
  await assert.rejects(AutoConfig.from_pretrained(mkdtempSync(path.join(os.tmpdir(), "fts-empty-"))), /does not appear to have a file named config\.json/);
});
