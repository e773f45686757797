// torch.amp.GradScaler. Oracles: (1) with a power-of-two scale, scaling the loss and unscaling the
// gradients is exact in float32, so a scaled run must equal an unscaled run bit for bit; (2) the
// scale schedule is PyTorch's documented rule (×backoff on inf/NaN and the step skipped, ×growth
// after growth_interval clean steps); (3) where libtorch has the fused CPU kernels (≥ 2.3), the
// fused path must equal the plain-op reference path exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/torch/index.js";
import { GradScaler } from "../../../src/torch/amp/index.js";

type Impl = "fused" | "reference" | "none";
function run(impl: Impl, infAt: number[] = [], steps = 7): { weights: number[][]; scales: number[]; skipped: boolean[] } {
  return torch.tidy(() => {
    torch.manual_seed(0);
    const lin = new torch.nn.Linear(6, 3);
    const opt = new torch.optim.SGD(lin.parameters(), { lr: 0.1, momentum: 0.9 });
    const scaler = impl === "none" ? null : new GradScaler("cpu", { init_scale: 2 ** 10, growth_interval: 3, impl });
    const x = torch.randn(10, 6);
    const y = torch.randint(0, 3, [10]);
    const scales: number[] = [];
    const skipped: boolean[] = [];
    for (let s = 0; s < steps; s++) {
      torch.tidy(() => {
        let loss = torch.nn.functional.cross_entropy(lin.forward(x), y);
        if (infAt.includes(s)) loss = loss.mul(Infinity);
        if (scaler === null) {
          loss.backward();
          opt.step();
        } else {
          scaler.scale(loss).backward();
          skipped.push(scaler.step(opt) === undefined && infAt.includes(s));
          scaler.update();
          scales.push(scaler.get_scale());
        }
        opt.zero_grad();
      });
    }
    const weights = lin.weight.tolist() as number[][];
    scaler?.dispose();
    lin.dispose();
    return { weights, scales, skipped };
  });
}

test("a power-of-two scale changes nothing: the scaled run equals the plain run bit for bit", () => {
  const plain = run("none");
  const scaled = run("reference");
  assert.deepEqual(scaled.weights, plain.weights);
  // growth_interval 3: ×2 after steps 3 and 6.
  assert.deepEqual(scaled.scales, [1024, 1024, 2048, 2048, 2048, 4096, 4096]);
});

test("an inf/NaN gradient skips the step and halves the scale; training then goes on", () => {
  const r = run("reference", [1]);
  assert.deepEqual(r.scales, [1024, 512, 512, 512, 1024, 1024, 1024]);
  assert.deepEqual(r.skipped, [false, true, false, false, false, false, false]);
  // Skipping step 1 means 6 real updates: the same weights as a plain run of 6 steps.
  assert.deepEqual(r.weights, run("none", [], 6).weights);
});

test("fused kernels equal the reference path (where libtorch has them for the CPU)", { skip: !torch.amp.GradScaler || !hasFused() ? "this libtorch has no CPU amp kernels (< 2.3)" : false }, () => {
  const f = run("fused", [2, 5]);
  const r = run("reference", [2, 5]);
  assert.deepEqual(f.scales, r.scales);
  assert.deepEqual(f.weights, r.weights);
});

function hasFused(): boolean {
  try {
    new GradScaler("cpu", { impl: "fused" }).dispose();
    return true;
  } catch {
    return false;
  }
}

test("state_dict round trip; misuse gets PyTorch's errors", () => {
  torch.tidy(() => {
    const a = new GradScaler("cpu", { init_scale: 256, growth_interval: 5, impl: "reference" });
    const p = torch.ones(3).requires_grad_(true);
    const opt = new torch.optim.SGD([p], { lr: 0.1 });
    a.scale(p.sum()).backward();
    a.step(opt);
    a.update();
    const sd = a.state_dict();
    assert.deepEqual(sd, { scale: 256, growth_factor: 2, backoff_factor: 0.5, growth_interval: 5, _growth_tracker: 1 });
    const b = new GradScaler("cpu", { impl: "reference" });
    b.load_state_dict(sd as never);
    assert.deepEqual(b.state_dict(), sd);
    a.scale(p.sum()).backward();
    a.unscale_(opt);
    assert.throws(() => a.unscale_(opt), /unscale_\(\) has already been called on this optimizer since the last update\(\)/);
    assert.throws(() => new GradScaler("cpu", { growth_factor: 1 }), /growth_factor should be > 1/);
    const h = torch.ones(2, { dtype: torch.float16 }).requires_grad_(true);
    h.sum().backward();
    assert.throws(() => new GradScaler("cpu", { impl: "reference" }).unscale_(new torch.optim.SGD([h], { lr: 1 })), /Attempting to unscale FP16 gradients/);
    assert.equal(new GradScaler("cpu", { enabled: false }).get_scale(), 1);
    a.dispose();
    b.dispose();
  });
});

test("unscale_/step/update outside any tidy() leave live tensors flat (the Trainer calls them so)", () => {
  torch.manual_seed(0);
  const lin = new torch.nn.Linear(4, 2);
  const opt = new torch.optim.SGD(lin.parameters(), { lr: 0.1 });
  const scaler = new GradScaler("cpu", { impl: "reference" });
  const x = torch.randn(3, 4);
  const step = (): void => {
    torch.tidy(() => scaler.scale(lin.forward(x).sum()).backward());
    scaler.unscale_(opt);
    scaler.step(opt);
    scaler.update();
    opt.zero_grad();
  };
  step();
  const before = torch.memory().live_tensors;
  for (let i = 0; i < 5; i++) step();
  assert.equal(torch.memory().live_tensors, before);
  scaler.dispose();
  x.dispose();
  lin.dispose();
});
