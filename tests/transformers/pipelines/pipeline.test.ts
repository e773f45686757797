// pipeline() itself (transformers/pipelines/__init__.py): the task registry and its aliases, HF's
// error for an unknown task, the default-model hook, model/tokenizer as folders or instances,
// device and dtype handling. No numbers are compared here (the task files compare against HF).
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import * as torch from "../../../src/torch/index.js";
import {
  pipeline, get_supported_tasks, set_default_model, DEFAULT_MODELS, TextClassificationPipeline, TokenClassificationPipeline,
} from "../../../src/transformers/pipelines/index.js";
import { AutoTokenizer } from "../../../src/transformers/models/auto/tokenization_auto.js";
import { AutoModelForSequenceClassification } from "../../../src/transformers/models/auto/modeling_auto.js";
import { FIXTURES } from "./_goldens.js";

const TEXT_CLS = path.join(FIXTURES, "text-cls");

test("unknown task: HF's KeyError listing the supported tasks", async () => {
  assert.deepEqual(get_supported_tasks(), ["feature-extraction", "fill-mask", "ner", "sentiment-analysis", "text-classification", "token-classification"]);
  await assert.rejects(pipeline("text-generation" as never, { model: TEXT_CLS }), (e: Error) =>
    e.name === "KeyError" &&
    e.message === "Unknown task text-generation, available tasks are ['feature-extraction', 'fill-mask', 'ner', 'sentiment-analysis', 'text-classification', 'token-classification']");
});

test("aliases build the task's pipeline; pipe is a function with model, tokenizer, task", async () => {
  const a = await pipeline("sentiment-analysis", { model: TEXT_CLS });
  assert.ok(a instanceof TextClassificationPipeline);
  assert.equal(typeof a, "function");
  assert.equal(a.task, "text-classification");
  assert.equal(a.model.config.id2label[0], "negative");
  assert.equal(a.tokenizer.mask_token, "[MASK]");
  const b = await pipeline("ner", { model: path.join(FIXTURES, "ner") });
  assert.ok(b instanceof TokenClassificationPipeline);
  assert.equal(b.task, "token-classification");
});

test("no model: a clear error, or the registered default", async () => {
  DEFAULT_MODELS.clear();
  await assert.rejects(pipeline("text-classification"), /no model given and no default model registered for "text-classification"\. Pass \{ model: /);
  set_default_model("sentiment-analysis", TEXT_CLS);
  try {
    const pipe = await pipeline("text-classification");
    const out = await pipe("The jury said the election was conducted well.");
    assert.equal(out.length, 1);
    assert.equal(typeof out[0].label, "string");
  } finally {
    set_default_model("text-classification", null);
  }
  assert.throws(() => set_default_model("translation", TEXT_CLS), /Unknown task translation/);
});

test("model instance needs a tokenizer; instance + tokenizer folder or object works", async () => {
  const model = await AutoModelForSequenceClassification.from_pretrained(TEXT_CLS, { verbose: false });
  await assert.rejects(pipeline("text-classification", { model }), /a model instance was given without a tokenizer; pass \{ tokenizer \}/);
  const byFolder = await pipeline("text-classification", { model, tokenizer: TEXT_CLS });
  const byObject = await pipeline("text-classification", { model, tokenizer: await AutoTokenizer.from_pretrained(TEXT_CLS) });
  const byName = await pipeline("text-classification", { model: TEXT_CLS });
  const text = "Hello,world!!! It's 3.14 o'clock... (really?)";
  assert.deepEqual(await byFolder(text), await byName(text));
  assert.deepEqual(await byObject(text, { top_k: null }), await byName(text, { top_k: null }));
});

test("bad options: unknown pipeline option, bad device, bad batch_size, bad model", async () => {
  await assert.rejects(pipeline("fill-mask", { model: TEXT_CLS, aggregation_strategy: "simple" } as never), /pipeline\("fill-mask"\): unknown option "aggregation_strategy"/);
  await assert.rejects(pipeline("text-classification", { model: TEXT_CLS, device: -2 }), /device must be -1 \(cpu\) or a CUDA ordinal >= 0/);
  await assert.rejects(pipeline("text-classification", { model: TEXT_CLS, device: "tpu" }), /invalid device 'tpu'/);
  await assert.rejects(pipeline("text-classification", { model: 3 as never, tokenizer: TEXT_CLS }), /model must be a folder \/ repo id or a PreTrainedModel/);
  const pipe = await pipeline("text-classification", { model: TEXT_CLS });
  await assert.rejects(pipe(["a", "b"], { batch_size: 0 }), /batch_size must be a positive integer/);
});

test("device -1 and 'cpu' run on the CPU; dtype float64 loads the weights in float64", async () => {
  for (const device of [-1, "cpu"] as const) {
    const pipe = await pipeline("text-classification", { model: TEXT_CLS, device });
    assert.equal(pipe.device.type, "cpu");
  }
  const f32 = await pipeline("text-classification", { model: TEXT_CLS });
  const f64 = await pipeline("text-classification", { model: TEXT_CLS, dtype: "float64" });
  assert.equal(f64.model.parameters()[0].dtype, torch.float64);
  const [a] = await f32("The jury said the election was conducted well.", { top_k: null });
  const [b] = await f64("The jury said the election was conducted well.", { top_k: null });
  assert.equal(a.label, b.label);
  assert.ok(Math.abs(a.score - b.score) < 1e-5);
  const legacy = await pipeline("text-classification", { model: TEXT_CLS, torch_dtype: torch.float64 });
  assert.equal(legacy.model.parameters()[0].dtype, torch.float64);
});

test("CUDA: same results on cuda:0 as on the CPU", { skip: !torch.cuda.is_available() && "no CUDA device" }, async () => {
  const cpu = await pipeline("token-classification", { model: path.join(FIXTURES, "ner"), aggregation_strategy: "simple" });
  const gpu = await pipeline("token-classification", { model: path.join(FIXTURES, "ner"), aggregation_strategy: "simple", device: 0 });
  assert.equal(String(gpu.device), "cuda:0");
  const text = "John Smith moved from Atlanta to Fulton County in September.";
  const a = await cpu(text);
  const b = await gpu(text);
  assert.deepEqual(a.map((e) => e.start), b.map((e) => e.start));
  a.forEach((e, i) => assert.ok(Math.abs(e.score - b[i].score) < 1e-4));
});

test("device is a pipeline() option, not a call option", async () => {
  const pipe = await pipeline("text-classification", { model: TEXT_CLS });
  await assert.rejects(pipe("x", { device: "cpu" } as never), /device is set when the pipeline is built/);
});
