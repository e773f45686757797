// `finetune-ts env` as a user runs it: versions, the BLAS really loaded, threads, CUDA.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import os from "node:os";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = (args: string[], env: NodeJS.ProcessEnv = {}): string =>
  execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), ...args], {
    encoding: "utf8",
    cwd: ROOT,
    env: { ...process.env, ...env },
  });

test("finetune-ts env prints versions, BLAS in use, threads and CUDA", () => {
  const out = run(["env"], { OMP_NUM_THREADS: "" });
  assert.match(out, /- finetune-ts version: \d+\.\d+\.\d+/);
  assert.match(out, /- libtorch version: \d+\.\d+\.\d+/);
  assert.match(out, /- BLAS in use: (openblas-openmp|openblas-pthread|openblas|reference|mkl|blis|atlas|unknown)/);
  assert.match(out, new RegExp(`- Intra-op threads: ${os.availableParallelism()} `));
  assert.match(out, /- CUDA available: (True|False)/);
});

test("OMP_NUM_THREADS sets the intra-op thread count; --json gives the same facts", () => {
  const info = JSON.parse(run(["env", "--json"], { OMP_NUM_THREADS: "1" })) as { num_threads: number; blas: { kind: string } };
  assert.equal(info.num_threads, 1);
  assert.equal(typeof info.blas.kind, "string");
});
