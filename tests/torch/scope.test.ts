// Memory scopes (architecture §4): tidy frees temporaries and moves results out, keep() survives,
// nested scopes, exceptions inside tidy free everything, `using` and idempotent dispose.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/torch/index.js";

const live = (): number => torch.memory().live_tensors;

test("tidy frees temporaries and keeps what it returns (in arrays and objects too)", () => {
  const x = torch.ones(3, 3);
  const before = live();
  const { a, list } = torch.tidy(() => {
    const t = x.mul(2).add(1); // two temporaries
    return { a: t.sum(), list: [t.mean(), t.max()] };
  });
  assert.equal(live(), before + 3);
  assert.equal(a.item(), 27);
  for (const t of [a, ...list]) t.dispose();
  assert.equal(live(), before);
  x.dispose();
});

test("nested tidy moves the inner result to the outer scope, which frees it unless returned", () => {
  const before = live();
  const out = torch.tidy(() => {
    const inner = torch.tidy(() => torch.ones(2).mul(3));
    const unused = torch.tidy(() => torch.ones(2).mul(4));
    void unused;
    return inner.add(1);
  });
  assert.equal(live(), before + 1);
  assert.deepEqual(out.tolist(), [4, 4]);
  out.dispose();
});

test("keep() survives the scope; an input returned from tidy is not freed", () => {
  const x = torch.ones(2);
  const before = live();
  let kept: torch.Tensor | null = null;
  const same = torch.tidy(() => {
    kept = torch.keep(x.add(1));
    return x;
  });
  assert.equal(same, x);
  assert.equal(live(), before + 1);
  assert.deepEqual(kept!.tolist(), [2, 2]);
  kept!.dispose();
  x.dispose();
});

test("an exception inside tidy frees every tensor made there", () => {
  const before = live();
  assert.throws(() => torch.tidy(() => {
    torch.ones(5);
    torch.zeros(5);
    throw new Error("boom");
  }), /boom/);
  assert.equal(live(), before);
});

test("a Promise returned inside tidy is an error", () => {
  assert.throws(() => torch.tidy(() => Promise.resolve(1)), /tidy: fn returned a Promise/);
});

test("dispose is idempotent, use after dispose names the op, `using` frees at block end", () => {
  const t = torch.ones(2);
  t.dispose();
  t.dispose();
  assert.throws(() => t.add(1), /Tensor used after dispose \(op=aten::add\.Scalar\)/);
  const before = live();
  {
    using u = torch.ones(4);
    assert.equal(live(), before + 1);
    void u;
  }
  assert.equal(live(), before);
});

test("disposing a view keeps its base valid, and the reverse", () => {
  const base = torch.arange(6).view(2, 3);
  const row = base.index(1);
  row.dispose();
  assert.deepEqual(base.index(1).tolist(), [3, 4, 5]);
  const row2 = base.index(0);
  base.dispose();
  assert.deepEqual(row2.tolist(), [0, 1, 2]);
  row2.dispose();
});

test("a tensor nobody disposes is freed by the GC backstop and counted in `finalized`", async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    // node --expose-gc is needed to force a collection; the test runner does not pass it.
    const { execFileSync } = await import("node:child_process");
    const script = `import * as torch from ${JSON.stringify(new URL("../../src/torch/index.ts", import.meta.url).href)};
      const before = torch.memory();
      (() => { for (let i = 0; i < 100; i++) torch.ones(1000); })();
      for (let i = 0; i < 5; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 10)); }
      const after = torch.memory();
      console.log(JSON.stringify({ finalized: after.finalized - before.finalized, live: after.live_tensors - before.live_tensors }));`;
    const out = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
    const r = JSON.parse(out.trim().split("\n").pop()!) as { finalized: number; live: number };
    assert.equal(r.finalized, 100);
    assert.equal(r.live, 0);
  }
});
