// Interop with HF's real `transformers` (Python), both ways: a folder we save loads in Python and
// gives our logits; a folder HF's save_pretrained writes loads here and gives theirs.
// Needs a Python with transformers + torch: FINETUNE_TS_PYTHON=/path/to/python (CI sets it to a
// venv with transformers 5.17.0 and torch 2.13 from pip's local mirror); skipped otherwise.
// Tolerance: logits |a−b| ≤ 1e-5 + 1e-4·|b| (float32, different libtorch builds and kernels).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as torch from "../../src/torch/index.js";
import { AutoModelForSequenceClassification, AutoModelForMaskedLM, AutoModelForTokenClassification, AutoModelForCausalLM } from "../../src/transformers/models/auto/modeling_auto.js";
import { MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING, MODEL_FOR_MASKED_LM_MAPPING, MODEL_FOR_CAUSAL_LM_MAPPING } from "../../src/transformers/models/auto/modeling_auto.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURES = path.resolve(ROOT, "../shared/fixtures/models");
const PY = process.env.FINETUNE_TS_PYTHON;

function pythonReady(): string | false {
  if (!PY) return "set FINETUNE_TS_PYTHON to a Python with transformers and torch to run the interop tests";
  try {
    execFileSync(PY, ["-c", "import transformers, torch"], { stdio: "ignore" });
    return false;
  } catch {
    return `${PY} cannot import transformers and torch`;
  }
}
const skip = pythonReady();

function py(args: string[]): Record<string, unknown> {
  const out = execFileSync(PY!, [path.join(ROOT, "scripts/hf_interop.py"), ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return JSON.parse(out.trim().split("\n").pop()!) as Record<string, unknown>;
}

type Auto = typeof AutoModelForSequenceClassification;
const CASES: Array<{ fixture: string; auto: Auto; autoName: string; hfClass: string; model_type: string }> = [
  { fixture: "bert-tiny-cls", auto: AutoModelForSequenceClassification, autoName: "AutoModelForSequenceClassification", hfClass: "BertForSequenceClassification", model_type: "bert" },
  { fixture: "bert-tiny-mlm", auto: AutoModelForMaskedLM, autoName: "AutoModelForMaskedLM", hfClass: "BertForMaskedLM", model_type: "bert" },
  { fixture: "bert-tiny-tokcls", auto: AutoModelForTokenClassification, autoName: "AutoModelForTokenClassification", hfClass: "BertForTokenClassification", model_type: "bert" },
  { fixture: "distilbert-tiny-cls", auto: AutoModelForSequenceClassification, autoName: "AutoModelForSequenceClassification", hfClass: "DistilBertForSequenceClassification", model_type: "distilbert" },
  { fixture: "roberta-tiny-cls", auto: AutoModelForSequenceClassification, autoName: "AutoModelForSequenceClassification", hfClass: "RobertaForSequenceClassification", model_type: "roberta" },
  { fixture: "gpt2-tiny-lm", auto: AutoModelForCausalLM, autoName: "AutoModelForCausalLM", hfClass: "GPT2LMHeadModel", model_type: "gpt2" },
];
const registered = (c: (typeof CASES)[number]): boolean =>
  [MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING, MODEL_FOR_MASKED_LM_MAPPING, MODEL_FOR_CAUSAL_LM_MAPPING].some((m) => m.has(c.model_type));

function ourLogits(model: Awaited<ReturnType<Auto["from_pretrained"]>>, inputsFile: string): number[] {
  const raw = JSON.parse(readFileSync(inputsFile, "utf8")) as Record<string, number[][]>;
  return torch.no_grad(() => torch.tidy(() => {
    const inputs: Record<string, torch.Tensor> = {};
    for (const k of ["input_ids", "attention_mask", "token_type_ids"]) if (raw[k]) inputs[k] = torch.tensor(raw[k], { dtype: torch.int64 });
    const out = (model as unknown as { forward(i: Record<string, torch.Tensor>): { logits: torch.Tensor } }).forward(inputs);
    return (out.logits.flatten().tolist() as number[]);
  }));
}

function assertClose(ours: number[], theirs: number[], what: string): void {
  assert.equal(ours.length, theirs.length, `${what}: sizes`);
  let worst = 0;
  ours.forEach((a, i) => {
    worst = Math.max(worst, Math.abs(a - theirs[i]) / (1e-5 + 1e-4 * Math.abs(theirs[i])));
  });
  assert.ok(worst <= 1, `${what}: logits differ (worst ${worst.toFixed(2)}× the tolerance)`);
}

for (const c of CASES) {
  test(`interop ${c.fixture}: our save_pretrained → Python ${c.autoName} gives our logits; HF's save_pretrained → ours gives theirs`, { skip: skip || (!registered(c) && `${c.model_type} is not ported yet`) }, async () => {
    const fixture = path.join(FIXTURES, c.fixture);
    const inputs = path.join(fixture, "inputs.json");
    const ours = await c.auto.from_pretrained(fixture, { verbose: false });
    ours.eval();
    const ourOut = ourLogits(ours, inputs);
    const saved = mkdtempSync(path.join(os.tmpdir(), "fts-interop-ours-"));
    await ours.save_pretrained(saved);
    const theirs = py(["logits", saved, c.autoName, inputs]);
    assert.equal(theirs.class, c.hfClass);
    assertClose(ourOut, (theirs.logits as number[][]).flat(Infinity) as number[], "Python loading our folder");

    const hfDir = mkdtempSync(path.join(os.tmpdir(), "fts-interop-hf-"));
    py(["save", fixture, c.hfClass, hfDir]);
    const hfTheirs = py(["logits", hfDir, c.autoName, inputs]);
    const loaded = await c.auto.from_pretrained(hfDir, { verbose: false });
    assertClose(ourLogits(loaded, inputs), (hfTheirs.logits as number[][]).flat(Infinity) as number[], "us loading HF's folder");
    ours.dispose();
    loaded.dispose();
  });
}
