// Autograd behaviour (no goldens; the op-level gradients are checked against PyTorch in
// tests/torch/ops/*.test.ts): explicit gradients, retain_graph, detach, grad modes in both JS
// forms, inference_mode, requires_grad_, grad_fn names, retain_grad.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/torch/index.js";

test("backward with an explicit gradient for a non-scalar output", () => {
  torch.tidy(() => {
    const x = torch.tensor([1, 2, 3], { requires_grad: true });
    const y = x.mul(x);
    y.backward(torch.tensor([1, 0.5, -1]));
    assert.deepEqual(x.grad!.tolist(), [2, 2, -6]);
  });
});

test("backward of a non-scalar without a gradient throws PyTorch's message", () => {
  torch.tidy(() => {
    const x = torch.ones(3, { requires_grad: true });
    assert.throws(() => x.mul(2).backward(), /grad can be implicitly created only for scalar outputs/);
  });
});

test("retain_graph: a second backward without it throws; with it, gradients accumulate", () => {
  torch.tidy(() => {
    const x = torch.tensor([1, 2], { requires_grad: true });
    const y = x.mul(x).sum();
    y.backward(null, { retain_graph: true });
    assert.deepEqual(x.grad!.tolist(), [2, 4]);
    y.backward(null, { retain_graph: true });
    assert.deepEqual(x.grad!.tolist(), [4, 8]);
    y.backward();
    assert.deepEqual(x.grad!.tolist(), [6, 12]);
    assert.throws(() => y.backward(), /Trying to backward through the graph a second time/);
  });
});

test("detach: no grad, same storage", () => {
  torch.tidy(() => {
    const x = torch.ones(3, { requires_grad: true });
    const d = x.detach();
    assert.equal(d.requires_grad, false);
    assert.equal(d.grad_fn, null);
    torch.no_grad(() => x.mul_(3));
    assert.deepEqual(d.tolist(), [3, 3, 3]);
  });
});

test("no_grad: callback form and `using` guard; the previous mode comes back", () => {
  torch.tidy(() => {
    const w = torch.ones(2, { requires_grad: true });
    const a = torch.no_grad(() => w.mul(2));
    assert.equal(a.requires_grad, false);
    assert.equal(torch.is_grad_enabled(), true);
    {
      using _g = torch.no_grad();
      assert.equal(torch.is_grad_enabled(), false);
      assert.equal(w.mul(2).requires_grad, false);
      const e = torch.enable_grad(() => w.mul(2));
      assert.equal(e.requires_grad, true);
      assert.equal(torch.is_grad_enabled(), false);
    }
    assert.equal(torch.is_grad_enabled(), true);
    assert.equal(w.mul(2).requires_grad, true);
  });
});

test("no_grad restores the mode when the callback throws, and rejects a Promise", () => {
  assert.throws(() => torch.no_grad(() => { throw new Error("boom"); }), /boom/);
  assert.equal(torch.is_grad_enabled(), true);
  assert.throws(() => torch.no_grad(() => Promise.resolve(1)), /no_grad: fn returned a Promise/);
  assert.equal(torch.is_grad_enabled(), true);
});

test("set_grad_enabled(false) as a guard", () => {
  {
    using _g = torch.set_grad_enabled(false);
    assert.equal(torch.is_grad_enabled(), false);
  }
  assert.equal(torch.is_grad_enabled(), true);
});

test("inference_mode: inference tensors, no grad, cannot be saved for backward later", () => {
  torch.tidy(() => {
    const w = torch.ones(2, { requires_grad: true });
    const t = torch.inference_mode(() => {
      assert.equal(torch.is_inference_mode_enabled(), true);
      const r = torch.ones(2).mul(3);
      assert.equal(w.mul(2).requires_grad, false);
      return r;
    });
    assert.equal(torch.is_inference_mode_enabled(), false);
    assert.equal(t.is_inference(), true);
    assert.equal(torch.ones(1).is_inference(), false);
    assert.throws(() => w.mul(t).sum().backward(), /Inference tensors cannot be saved for backward/);
    {
      using _g = torch.inference_mode();
      assert.equal(torch.is_inference_mode_enabled(), true);
    }
    assert.equal(torch.is_inference_mode_enabled(), false);
  });
});

test("requires_grad_ returns this; a non-leaf cannot be switched off", () => {
  torch.tidy(() => {
    const x = torch.ones(2);
    assert.equal(x.requires_grad_(), x);
    assert.equal(x.requires_grad, true);
    assert.equal(x.is_leaf, true);
    const y = x.mul(2);
    assert.equal(y.is_leaf, false);
    assert.throws(() => y.requires_grad_(false), /non-leaf|leaf variables/);
    x.requires_grad = false;
    assert.equal(x.requires_grad, false);
  });
});

test("grad_fn names are PyTorch's node names", () => {
  torch.tidy(() => {
    const x = torch.ones(2, 3, { requires_grad: true });
    const w = torch.ones(3, 4, { requires_grad: true });
    assert.equal(x.grad_fn, null);
    assert.equal(x.mm(w).grad_fn!.name(), "MmBackward0");
    assert.equal(x.add(x).grad_fn!.name(), "AddBackward0");
    assert.equal(x.sum().grad_fn!.name(), "SumBackward0");
    assert.equal(x.mul(x).grad_fn!.name(), "MulBackward0");
    assert.equal(x.softmax(-1).grad_fn!.name(), "SoftmaxBackward0");
    assert.equal(String(x.relu().grad_fn), "<ReluBackward0>");
  });
});

test("retain_grad keeps a non-leaf's gradient; leaf grads accumulate until zeroed", () => {
  torch.tidy(() => {
    const x = torch.tensor([1, 2], { requires_grad: true });
    const h = x.mul(3);
    h.retain_grad();
    h.mul(h).sum().backward();
    assert.deepEqual(h.grad!.tolist(), [6, 12]);
    assert.deepEqual(x.grad!.tolist(), [18, 36]);
    x.mul(1).sum().backward();
    assert.deepEqual(x.grad!.tolist(), [19, 37]);
    x.grad = null;
    assert.equal(x.grad, null);
  });
});

test("create_graph gives a differentiable gradient", () => {
  torch.tidy(() => {
    const x = torch.tensor([2], { requires_grad: true });
    x.pow(3).sum().backward(null, { create_graph: true });
    const g = x.grad!;
    assert.deepEqual(g.tolist(), [12]);
    assert.equal(g.requires_grad, true);
  });
});
