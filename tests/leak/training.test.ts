// Leak test (architecture §4, §8): 200 AdamW training steps of a small MLP, each inside
// torch.tidy. live_tensors must stay flat after warm-up (the optimizer state is created on the
// first step) and the GC backstop must free nothing (a finalizer-freed tensor is a leak).
import { test } from "node:test";
import assert from "node:assert/strict";
import v8 from "node:v8";
import vm from "node:vm";
import * as torch from "../../src/torch/index.js";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

test("200 AdamW steps on an MLP inside tidy: live tensors flat, nothing finalized", () => {
  torch.manual_seed(0);
  const nn = torch.nn;
  const model = new nn.Sequential(new nn.Linear(16, 32), new nn.GELU(), new nn.Linear(32, 4));
  const opt = new torch.optim.AdamW(model.parameters(), { lr: 1e-3, weight_decay: 0.01 });
  const x = torch.randn(8, 16);
  const y = torch.randint(0, 4, [8]);
  const step = (): number => torch.tidy(() => {
    opt.zero_grad();
    const loss = nn.functional.cross_entropy(model.forward(x), y);
    loss.backward();
    nn.utils.clip_grad_norm_(model.parameters(), 1.0);
    opt.step();
    return loss.item();
  });
  try {
    const first = step();
    for (let i = 0; i < 4; i++) step();
    gc();
    const before = torch.memory();
    const counts: number[] = [];
    let last = first;
    for (let i = 0; i < 200; i++) {
      last = step();
      if (i % 20 === 0) counts.push(torch.memory().live_tensors);
    }
    gc();
    const after = torch.memory();
    assert.ok(counts.every((c) => c === before.live_tensors), `live_tensors moved during training: ${counts.join(", ")} (start ${before.live_tensors})`);
    assert.equal(after.live_tensors, before.live_tensors);
    assert.equal(after.live_bytes, before.live_bytes);
    assert.equal(after.finalized, before.finalized, "tensors were freed by the GC backstop (missing dispose/tidy)");
    assert.ok(last < first, `loss should fall: ${first} -> ${last}`);
    // The same check through the library helper.
    torch.assert_no_leak(() => { step(); }, { warmup: 1, steps: 20 });
  } finally {
    opt.dispose();
    model.dispose();
    x.dispose();
    y.dispose();
  }
});
