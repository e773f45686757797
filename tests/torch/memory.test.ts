// Memory behaviour (architecture §4): tidy scopes, keep, the Promise guard, the counters and
// assert_no_leak. No goldens.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/torch/index.js";

const live = (): number => torch.memory().live_tensors;

test("live_tensors goes back to the baseline after tidy", () => {
  const before = live();
  torch.tidy(() => {
    const x = torch.randn(4, 4);
    const y = x.matmul(x).relu().sum(1);
    assert.ok(live() >= before + 4);
    void y;
  });
  assert.equal(live(), before);
});

test("tidy returns its result to the enclosing scope (array, object and Map results too)", () => {
  const before = live();
  const r = torch.tidy(() => {
    const a = torch.ones(2);
    const b = a.add(1);
    return { b, list: [a.mul(3)], map: new Map([["k", a.sub(1)]]) };
  });
  assert.equal(live(), before + 3);
  assert.deepEqual(r.b.tolist(), [2, 2]);
  assert.deepEqual(r.list[0].tolist(), [3, 3]);
  assert.deepEqual(r.map.get("k")!.tolist(), [0, 0]);
  r.b.dispose();
  r.list[0].dispose();
  r.map.get("k")!.dispose();
  assert.equal(live(), before);
});

test("nested tidy: the inner result moves to the outer scope and is freed there", () => {
  const before = live();
  torch.tidy(() => {
    const inner = torch.tidy(() => torch.ones(3).mul(2));
    assert.equal(inner.isDisposed, false);
    assert.equal(inner.sum().item(), 6);
  });
  assert.equal(live(), before);
});

test("keep() survives every enclosing tidy", () => {
  const before = live();
  let k: torch.Tensor | null = null;
  torch.tidy(() => {
    torch.tidy(() => {
      k = torch.keep(torch.ones(2));
    });
  });
  assert.equal(k!.isDisposed, false);
  assert.equal(live(), before + 1);
  k!.dispose();
  assert.equal(live(), before);
});

test("a Promise returned inside torch.tidy throws, and the scope is still freed", () => {
  const before = live();
  assert.throws(
    () => torch.tidy(() => { torch.ones(2); return Promise.resolve(1); }),
    (e: Error) => e instanceof TypeError && /tidy: fn returned a Promise/.test(e.message),
  );
  assert.equal(live(), before);
});

test("an exception inside tidy frees the scope", () => {
  const before = live();
  assert.throws(() => torch.tidy(() => { torch.ones(2); throw new Error("boom"); }), /boom/);
  assert.equal(live(), before);
});

test("reading .grad repeatedly does not create handles", () => {
  const x = torch.ones(3, { requires_grad: true });
  torch.tidy(() => x.mul(2).sum().backward());
  const g0 = x.grad; // the first read makes the one wrapper x owns
  const before = live();
  for (let i = 0; i < 10; i++) {
    assert.equal(x.grad, g0);
    torch.tidy(() => assert.equal(x.grad!.sum().item(), 6));
  }
  assert.equal(live(), before);
  x.dispose(); // frees the grad wrapper too
  assert.equal(g0!.isDisposed, true);
});

test("memory(): live_bytes and peak_tensors track allocations", () => {
  torch.reset_peak_memory();
  const m0 = torch.memory();
  const t = torch.zeros(1000);
  const m1 = torch.memory();
  assert.equal(m1.live_tensors, m0.live_tensors + 1);
  assert.ok(m1.live_bytes >= m0.live_bytes + 4000);
  assert.ok(m1.peak_tensors >= m1.live_tensors);
  t.dispose();
  assert.equal(torch.memory().live_bytes, m0.live_bytes);
});

test("assert_no_leak passes a clean step and catches a leaking one", () => {
  const w = torch.ones(4, { requires_grad: true });
  const r = torch.assert_no_leak(() => torch.tidy(() => w.mul(2).sum().backward()), { warmup: 2, steps: 10 });
  assert.ok(r.after <= r.before);
  const leaked: torch.Tensor[] = [];
  assert.throws(() => torch.assert_no_leak(() => { leaked.push(torch.ones(1)); }, { warmup: 1, steps: 5 }), /leak: live_tensors grew from \d+ to \d+ over 5 steps/);
  for (const t of leaked) t.dispose();
  w.dispose();
});
