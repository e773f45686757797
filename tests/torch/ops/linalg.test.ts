// Golden numbers: tests/fixtures/torch_goldens/, family "linalg", written by
// `/usr/bin/python3 scripts/make_torch_goldens.py` (Debian's PyTorch 1.13, float32), e.g.
//   a @ b with (2,1,3,4) @ (3,4,5); torch.baddbmm(c, a, b, beta=0.5, alpha=2.0); F.linear(x, w, b);
//   torch.einsum("bhqd,bhkd->bhqk", q, k)
// outputs and the gradients of Σ(out·w) w.r.t. every input. Tolerance: atol = rtol = 1e-5 (fp32, K ≤ 5).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/torch/index.js";
import { opCaseTests, type OpFn } from "../_goldens.js";

const F = torch.nn.functional;
const OPS: { [op: string]: OpFn } = {
  matmul: ([a, b]) => a.matmul(b),
  mm: ([a, b]) => torch.mm(a, b),
  bmm: ([a, b]) => a.bmm(b),
  baddbmm: ([c, a, b], kw) => c.baddbmm(a, b, { beta: kw.beta, alpha: kw.alpha }),
  addmm: ([c, a, b], kw) => c.addmm(a, b, { beta: kw.beta, alpha: kw.alpha }),
  linear: ([x, w, b]) => F.linear(x, w, b ?? null),
  einsum: (x, kw) => torch.einsum(kw.equation, ...x),
  dot: ([a, b]) => a.dot(b),
  outer: ([a, b]) => a.outer(b),
};

opCaseTests(test, "linalg", OPS);

// ---- errors at the native boundary (architecture §3) ------------------------------------------
test("mm shape mismatch: op, PyTorch's message, and every argument's shape/dtype/device", () => {
  torch.tidy(() => {
    const a = torch.ones(2, 3);
    const b = torch.ones(4, 5);
    assert.throws(() => a.mm(b), {
      message: "aten::mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5) [args: (2,3) float32 cpu, (4,5) float32 cpu]",
    });
  });
});

test("mm dtype mismatch names both dtypes", () => {
  torch.tidy(() => {
    const a = torch.ones(2, 3);
    const b = torch.ones(3, 2, { dtype: torch.float64 });
    assert.throws(() => a.mm(b), (e: Error) => {
      assert.match(e.message, /^aten::mm: /);
      assert.match(e.message, /expected .*(Float|Double).*(Float|Double)|same dtype/i);
      assert.match(e.message, /\[args: \(2,3\) float32 cpu, \(3,2\) float64 cpu\]/);
      return true;
    });
  });
});

test("matmul error names the op", () => {
  torch.tidy(() => {
    assert.throws(() => torch.ones(2, 3).matmul(torch.ones(2, 3)), /aten::matmul|aten::mm/);
  });
});

test("einsum accepts operands as varargs or one array", () => {
  torch.tidy(() => {
    const a = torch.ones(2, 3);
    const b = torch.ones(3, 4);
    assert.deepEqual(torch.einsum("ij,jk->ik", a, b).tolist(), torch.einsum("ij,jk->ik", [a, b]).tolist());
  });
});
