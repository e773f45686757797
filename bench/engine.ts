// npm run bench:engine — the engine against PyTorch from Python on the SAME libtorch version, in
// one run on one machine: per-call overhead of a tiny op, matmul GFLOP/s, and a 2-layer MLP
// training step. Prints ratios (ours / PyTorch's speed; > 1 means we are faster).
// Goals (issue 3): tiny op ≤ 3 µs and ≤ 1.5× PyTorch's time; matmul ≥ 0.95×; MLP step ≥ 1.0×.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as torch from "../src/torch/index.js";
import { get_env_info } from "../src/torch/utils/collect_env.js";

const cfg = { threads: torch.get_num_threads(), tiny_calls: 10000, matmul_sizes: [1024, 2048], mlp: [784, 1024, 10, 256], min_time: 2.0 };

/** Seconds per call: the best of `rounds` rounds (as the Python side), robust to other load. */
function timeit(fn: () => void, minTime = 1.0, warmup = 3, rounds = 5): number {
  for (let i = 0; i < warmup; i++) fn();
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const start = performance.now();
    let t = 0;
    while (t < (minTime * 1000) / rounds) {
      fn();
      n++;
      t = performance.now() - start;
    }
    best = Math.min(best, t / 1000 / n);
  }
  return best;
}

/** The Python whose torch has the addon's libtorch major.minor version. */
function findPython(): string | null {
  const want = torch.__version__.split(".").slice(0, 2).join(".");
  const candidates = [process.env.PYTHON, "/usr/bin/python3", "python3"].filter((p): p is string => !!p);
  for (const py of candidates) {
    try {
      const v = execFileSync(py, ["-c", "import torch; print(torch.__version__)"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
      if (v.startsWith(want)) return py;
    } catch {
      // try the next one
    }
  }
  return null;
}

const ours: Record<string, number> = {};
{
  const a = torch.ones(1);
  const b = torch.ones(1);
  ours.tiny_us = (timeit(() => {
    for (let i = 0; i < cfg.tiny_calls; i++) torch.add(a, b).dispose();
  }) / cfg.tiny_calls) * 1e6;
  for (const n of cfg.matmul_sizes) {
    const x = torch.randn(n, n);
    const y = torch.randn(n, n);
    const s = timeit(() => torch.mm(x, y).dispose(), cfg.min_time);
    ours[`matmul_${n}_gflops`] = (2 * n ** 3) / s / 1e9;
    x.dispose();
    y.dispose();
  }
  torch.manual_seed(0);
  const [dIn, hidden, dOut, batch] = cfg.mlp;
  const { nn } = torch;
  const model = new nn.Sequential(new nn.Linear(dIn, hidden), new nn.ReLU(), new nn.Linear(hidden, dOut));
  const opt = new torch.optim.AdamW(model.parameters(), { lr: 1e-3 });
  const X = torch.randn(batch, dIn);
  const Y = torch.randint(0, dOut, [batch]);
  ours.mlp_step_ms = timeit(() => torch.tidy(() => {
    const loss = nn.functional.cross_entropy(model.forward(X), Y);
    loss.backward();
    opt.step();
    opt.zero_grad();
  }), cfg.min_time) * 1e3;
}

const env = get_env_info();
console.log(`finetune-ts engine bench — libtorch ${env.libtorch_version}, BLAS ${env.blas.kind}, ${cfg.threads} threads`);
const py = findPython();
let ref: Record<string, number> | null = null;
if (py) {
  const script = fileURLToPath(new URL("./torch_ref/engine_ref.py", import.meta.url));
  ref = JSON.parse(execFileSync(py, [script, JSON.stringify(cfg)], { encoding: "utf8" })) as Record<string, number>;
  console.log(`reference: PyTorch ${String(ref.torch_version)} from ${py}`);
} else {
  console.log(`reference: no Python with torch ${torch.__version__} found (set PYTHON=…); printing our figures only`);
}

const rows: Array<[string, string, number, number | undefined, boolean]> = [
  ["tiny op (add 1-elem) µs/call", "tiny_us", ours.tiny_us, ref?.tiny_us, false],
  ...cfg.matmul_sizes.map((n): [string, string, number, number | undefined, boolean] => [`matmul ${n}² GFLOP/s`, `matmul_${n}_gflops`, ours[`matmul_${n}_gflops`], ref?.[`matmul_${n}_gflops`], true]),
  [`MLP ${cfg.mlp.join("-")} AdamW step ms`, "mlp_step_ms", ours.mlp_step_ms, ref?.mlp_step_ms, false],
];
console.log("\n| measure | finetune-ts | PyTorch | speed ratio (ours/PyTorch) |\n|---|---|---|---|");
for (const [label, , mine, theirs, higherIsBetter] of rows) {
  const ratio = theirs === undefined ? NaN : higherIsBetter ? mine / theirs : theirs / mine;
  console.log(`| ${label} | ${mine.toFixed(2)} | ${theirs === undefined ? "-" : theirs.toFixed(2)} | ${Number.isNaN(ratio) ? "-" : ratio.toFixed(2) + "×"} |`);
}
console.log("\nGoals: tiny op ≤ 3 µs/call and ratio ≥ 0.67× (≤ 1.5× PyTorch's time); matmul ≥ 0.95×; MLP step ≥ 1.0×.");
