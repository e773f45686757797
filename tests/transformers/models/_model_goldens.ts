// Shared golden checks for ../shared/fixtures/models/<case>/ (README there). Numbers come from
// gen/make_goldens.py: a faithful PyTorch re-implementation of HF transformers v5.17's modeling
// files, run with Debian's torch 1.13 in float32, checked against HF's real classes (verify_hf.py).
// Tolerances: expected.json `tolerance_per_tensor` (max|a−b| per tensor; 20× the measured
// float32-vs-float64 error, with floors), exactly as the README recommends; scalars: losses abs
// 1e-5, lrs 1e-12, grad norms max(rel 1e-5, 20 × |fp32 − fp64 golden|) — the README's per-tensor
// rule applied to the scalar (needed where BCE gradients cancel: bert-tiny-cls-multilabel's step-3
// norm is 1.3e-3 with a float32 round-off of 6e-9, which libtorch 2.x lands 1.8e-8 away from).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as torch from "../../../src/torch/index.js";
import type { Tensor } from "../../../src/torch/index.js";
import { load_file } from "../../../src/safetensors/index.js";
import { get_scheduler } from "../../../src/transformers/optimization.js";
import { decay_param_groups, get_decay_parameter_names } from "../../../src/transformers/trainer_pt_utils.js";
import type { PreTrainedModel } from "../../../src/transformers/modeling_utils.js";
import type { ModelInputs } from "../../../src/transformers/modeling_outputs.js";

export const FIXTURES = path.resolve(import.meta.dirname, "../../../../shared/fixtures/models");

export interface Expected {
  problem_type_used: string | null;
  tolerance_per_tensor: Record<string, number>;
  optimizer: { losses: number[]; lrs: number[]; grad_norms: number[]; grad_norms_fp64: number[]; decay_params: string[]; no_decay_params: string[]; max_grad_norm: number };
  parameters: Record<string, number[]>;
}

export function readCase(name: string): { dir: string; expected: Expected; inputs: Record<string, unknown> } {
  const dir = path.join(FIXTURES, name);
  return {
    dir,
    expected: JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as Expected,
    inputs: JSON.parse(readFileSync(path.join(dir, "inputs.json"), "utf8")) as Record<string, unknown>,
  };
}

/** inputs.json as tensors: ids/masks int64; labels int64 or float32 per the case's problem type. */
export function makeInputs(inputs: Record<string, unknown>, floatLabels: boolean): ModelInputs {
  const out: Record<string, Tensor> = {};
  for (const [k, v] of Object.entries(inputs)) {
    const isFloat = k === "labels" && floatLabels;
    out[k] = torch.tensor(v as number[][], { dtype: isFloat ? torch.float32 : torch.int64 });
  }
  return out as ModelInputs;
}

export function disposeInputs(inputs: ModelInputs): void {
  for (const v of Object.values(inputs)) if (v instanceof torch.Tensor) v.dispose();
}

export function checkTensor(actual: Tensor, golden: Map<string, Tensor> | Record<string, Tensor>, name: string, tol: number): void {
  const g = golden instanceof Map ? golden.get(name) : golden[name];
  assert.ok(g, `golden ${name} missing`);
  assert.deepEqual(actual.shape, g.shape, `${name}: shape`);
  const diff = torch.tidy(() => (actual.numel() === 0 ? 0 : actual.detach().float().sub(g).abs().max().item()));
  assert.ok(diff <= tol, `${name}: max|a-b| = ${diff.toExponential(3)} > tolerance ${tol.toExponential(3)}`);
}

export interface ForwardResult {
  loss?: Tensor;
  logits: Tensor;
  hidden_states?: Tensor[];
}

/**
 * Runs the README's whole protocol on one case: forward (train mode, dropout 0) with hidden
 * states, backward (every parameter's gradient), eval logits under no_grad, then the 3-step
 * AdamW trace with HF's decay grouping, clip_grad_norm_(1.0) and linear warmup.
 */
export async function checkCase(
  modelIn: PreTrainedModel,
  caseName: string,
  options: { extra?: (model: PreTrainedModel, inputs: ModelInputs, golden: Record<string, Tensor>, tol: Record<string, number>) => void } = {},
): Promise<void> {
  // Every head's forward returns at least { loss?, logits, hidden_states? } (the abstract base says unknown).
  const model = modelIn as Omit<PreTrainedModel, "forward"> & { forward(i: ModelInputs): ForwardResult };
  const { dir, expected, inputs: rawInputs } = readCase(caseName);
  const golden = await load_file(path.join(dir, "expected.safetensors"));
  const tol = expected.tolerance_per_tensor;
  const floatLabels = expected.problem_type_used === "regression" || expected.problem_type_used === "multi_label_classification";
  const inputs = makeInputs(rawInputs, floatLabels);
  try {
    model.train();
    const before = torch.memory().live_tensors;
    const out = model.forward({ ...inputs, output_hidden_states: true });
    checkTensor(out.logits, golden, "logits", tol.logits);
    checkTensor(out.loss!, golden, "loss", tol.loss);
    const hs = out.hidden_states!;
    hs.forEach((h, i) => checkTensor(h, golden, `hidden_states.${i}`, tol[`hidden_states.${i}`]));
    checkTensor(hs[hs.length - 1], golden, "last_hidden_state", tol.last_hidden_state);
    if (expected.problem_type_used) assert.equal(model.config.problem_type, expected.problem_type_used);
    options.extra?.(modelIn, inputs, golden, tol);
    out.loss!.backward();
    for (const [n, p] of model.named_parameters()) {
      assert.ok(p.grad, `no gradient for ${n}`);
      checkTensor(p.grad, golden, `grad.${n}`, tol[`grad.${n}`]);
    }
    for (const t of [out.logits, out.loss!, ...hs]) t.dispose();
    assert.equal(torch.memory().live_tensors - before, model.parameters().length, "forward/backward leaves only the .grad handles");
    model.zero_grad();

    model.eval();
    const evalLogits = torch.no_grad(() => torch.tidy(() => model.forward(inputs).logits));
    checkTensor(evalLogits, golden, "eval.logits", tol["eval.logits"]);
    evalLogits.dispose();
    model.train();

    // The optimizer trace: HF Trainer's inner loop with gradient accumulation 1.
    // HF's list may name a tied target too; the groups are built over named_parameters (deduplicated).
    const decay = new Set(get_decay_parameter_names(modelIn));
    assert.deepEqual(model.named_parameters().map(([n]) => n).filter((n) => decay.has(n)), expected.optimizer.decay_params);
    const opt = new torch.optim.AdamW(decay_param_groups(modelIn, 0.01), { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8 });
    const sched = get_scheduler("linear", { optimizer: opt, num_warmup_steps: 1, num_training_steps: 3 });
    const params = model.named_parameters();
    for (let k = 0; k < 3; k++) {
      assert.ok(Math.abs(opt.param_groups[0].lr - expected.optimizer.lrs[k]) <= 1e-12, `lr at step ${k}`);
      const [loss, norm] = torch.tidy(() => {
        const l = model.forward(inputs).loss!;
        l.backward();
        return [l.item(), torch.nn.utils.clip_grad_norm_(model.parameters(), expected.optimizer.max_grad_norm).item()];
      });
      assert.ok(Math.abs(loss - expected.optimizer.losses[k]) <= 1e-5, `loss at step ${k + 1}: ${loss} vs ${expected.optimizer.losses[k]}`);
      const g = expected.optimizer.grad_norms[k];
      const normTol = Math.max(1e-5 * g, 20 * Math.abs(g - expected.optimizer.grad_norms_fp64[k]));
      assert.ok(Math.abs(norm - g) <= normTol, `grad norm at step ${k + 1}: ${norm} vs ${g} (tolerance ${normTol})`);
      opt.step();
      sched.step();
      opt.zero_grad();
      for (const [n, p] of params) checkTensor(p, golden, `optim.step${k + 1}.${n}`, tol[`optim.step${k + 1}.${n}`]);
    }
    for (const [n, p] of params) {
      const st = opt.state.get(p)!;
      checkTensor(st.exp_avg as Tensor, golden, `optim.exp_avg.${n}`, tol[`optim.exp_avg.${n}`]);
      checkTensor(st.exp_avg_sq as Tensor, golden, `optim.exp_avg_sq.${n}`, tol[`optim.exp_avg_sq.${n}`]);
    }
    opt.dispose();
  } finally {
    disposeInputs(inputs);
    for (const t of Object.values(golden)) t.dispose();
  }
}
