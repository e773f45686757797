// torch.autocast on the CPU (bfloat16; float16 too where libtorch ≥ 2.3). The oracle for values is
// the explicit computation autocast stands for: the same op on inputs cast by hand to the low
// dtype — equal bit for bit, since libtorch runs the same kernel. Dtype expectations are PyTorch's
// documented CPU autocast lists (matmul/linear lower precision; softmax/log_softmax/losses float32).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/torch/index.js";
import { is_autocast_available } from "../../../src/torch/amp/index.js";

test("autocast('cpu') runs matmul and linear in bfloat16, equal to casting by hand", () => {
  torch.tidy(() => {
    torch.manual_seed(0);
    const a = torch.randn(8, 16);
    const w = torch.randn(4, 16);
    const b = torch.randn(4);
    const [mm, lin] = torch.autocast("cpu", { dtype: torch.bfloat16 }, () => [a.matmul(w.t()), torch.nn.functional.linear(a, w, b)]);
    assert.equal(mm.dtype, torch.bfloat16);
    assert.equal(lin.dtype, torch.bfloat16);
    assert.deepEqual(mm.tolist(), a.bfloat16().matmul(w.t().bfloat16()).tolist());
    assert.deepEqual(lin.tolist(), torch.nn.functional.linear(a.bfloat16(), w.bfloat16(), b.bfloat16()).tolist());
    // Outside the region: float32 again.
    assert.equal(a.matmul(w.t()).dtype, torch.float32);
  });
});

test("losses run in float32 inside the region; gradients reach float32 parameters", () => {
  torch.tidy(() => {
    torch.manual_seed(0);
    const lin = new torch.nn.Linear(16, 5);
    const x = torch.randn(6, 16);
    const y = torch.tensor([0, 1, 2, 3, 4, 0], { dtype: torch.int64 });
    const loss = torch.autocast("cpu", () => {
      const logits = lin.forward(x);
      assert.equal(logits.dtype, torch.bfloat16);
      // CPU autocast's float32 list is short (losses, not softmax: PyTorch 2.13 gives bfloat16 there too).
      assert.equal(torch.nn.functional.log_softmax(logits, -1).dtype, torch.bfloat16);
      return torch.nn.functional.cross_entropy(logits, y);
    });
    assert.equal(loss.dtype, torch.float32);
    loss.backward();
    assert.equal(lin.weight.grad!.dtype, torch.float32);
    // The oracle: the same graph with the casts written out.
    const w2 = lin.weight.detach().clone().requires_grad_(true);
    const b2 = lin.bias!.detach().clone().requires_grad_(true);
    const logits2 = torch.nn.functional.linear(x.bfloat16(), w2.bfloat16(), b2.bfloat16());
    const loss2 = torch.nn.functional.cross_entropy(logits2.float(), y);
    loss2.backward();
    assert.equal(loss.item(), loss2.item());
    assert.deepEqual(lin.weight.grad!.tolist(), w2.grad!.tolist());
    assert.deepEqual(lin.bias!.grad!.tolist(), b2.grad!.tolist());
    lin.dispose();
  });
});

test("regions nest and restore; enabled: false switches it off inside; the state is visible", () => {
  torch.tidy(() => {
    const a = torch.randn(3, 3);
    assert.equal(torch.is_autocast_enabled("cpu"), false);
    {
      using _outer = torch.autocast("cpu", { dtype: torch.bfloat16 });
      assert.equal(torch.is_autocast_enabled("cpu"), true);
      assert.equal(torch.get_autocast_dtype("cpu"), torch.bfloat16);
      torch.autocast("cpu", { enabled: false }, () => assert.equal(a.mm(a).dtype, torch.float32));
      assert.equal(a.mm(a).dtype, torch.bfloat16);
    }
    assert.equal(torch.is_autocast_enabled("cpu"), false);
    assert.equal(a.mm(a).dtype, torch.float32);
  });
});

test("bad use: a Promise, an unknown device, a dtype this libtorch cannot autocast to", () => {
  assert.throws(() => torch.autocast("cpu", () => Promise.resolve(1)), /autocast: fn returned a Promise/);
  assert.equal(torch.is_autocast_enabled("cpu"), false, "state restored after the throw");
  assert.throws(() => torch.autocast("tpu" as "cpu", () => 1), /device_type must be 'cpu' or 'cuda', got 'tpu'/);
  assert.throws(() => torch.autocast("cpu", { dtype: torch.float64 }, () => 1), /cpu autocast supports .* not torch\.float64/);
  if (!is_autocast_available("cpu", torch.float16)) {
    assert.throws(() => torch.autocast("cpu", { dtype: torch.float16 }, () => 1), /cpu autocast supports torch\.bfloat16 with libtorch 1\./);
  } else {
    assert.equal(torch.autocast("cpu", { dtype: torch.float16 }, () => torch.ones(2, 2).mm(torch.ones(2, 2)).dtype), torch.float16);
  }
});
