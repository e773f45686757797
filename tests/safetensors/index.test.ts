// finetune-ts/safetensors at the Tensor level: save_file → load_file/safe_open round trips for
// every dtype, byte identity with a file Python's safetensors wrote, atomic writes, lazy reads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as torch from "../../src/torch/index.js";
import { save_file, load_file, safe_open, save, load } from "../../src/safetensors/index.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/models");
const tmp = mkdtempSync(path.join(os.tmpdir(), "fts-st-"));

test("save_file writes the same bytes as Python's save_file for a fixture model", async () => {
  const src = path.join(FIXTURES, "bert-tiny-cls/model.safetensors");
  const tensors = await load_file(src);
  const out = path.join(tmp, "model.safetensors");
  await save_file(tensors, out, { format: "pt" });
  assert.ok(Buffer.compare(readFileSync(out), readFileSync(src)) === 0);
  for (const t of Object.values(tensors)) t.dispose();
});

function allDtypes(): Record<string, torch.Tensor> {
  return {
    f32: torch.tensor([[1.5, -2], [3, 4]]),
    f64: torch.tensor([1e-300, 2], { dtype: torch.float64 }),
    f16: torch.tensor([0.5, 65504], { dtype: torch.float16 }),
    bf16: torch.tensor([1, -3.5], { dtype: torch.bfloat16 }),
    i64: torch.tensor([1n, -(2n ** 62n)]),
    i32: torch.tensor([7, -8], { dtype: torch.int32 }),
    i16: torch.tensor([300, -300], { dtype: torch.int16 }),
    i8: torch.tensor([-128, 127], { dtype: torch.int8 }),
    u8: torch.tensor([0, 255], { dtype: torch.uint8 }),
    b: torch.tensor([true, false]),
    scalar: torch.tensor(3.25),
    empty: torch.zeros(0, 3),
  };
}

// Golden bytes: tests/fixtures/safetensors/all_dtypes.safetensors, written by Python's
// safetensors.torch.save_file (scripts/make_safetensors_fixture.py, torch 2.13 + safetensors from
// pip). Exact byte equality: data order (by dtype alignment, then name), header and padding.
test("save() gives the bytes Python's save_file wrote for every dtype", () => {
  const tensors = allDtypes();
  const ours = save(tensors, { format: "pt" });
  const theirs = readFileSync(path.resolve(import.meta.dirname, "../fixtures/safetensors/all_dtypes.safetensors"));
  assert.ok(Buffer.compare(Buffer.from(ours), theirs) === 0);
  for (const t of Object.values(tensors)) t.dispose();
});

test("every dtype round-trips through save_file / load_file / safe_open, 0-d included", async () => {
  const tensors = allDtypes();
  const file = path.join(tmp, "dtypes.safetensors");
  await save_file(tensors, file, { note: "hi" });
  const back = await load_file(file);
  using f = await safe_open(file, { framework: "pt" });
  assert.deepEqual(f.keys(), Object.keys(tensors).sort());
  assert.deepEqual(f.metadata(), { note: "hi" });
  for (const [k, t] of Object.entries(tensors)) {
    assert.equal(back[k].dtype, t.dtype, k);
    assert.deepEqual(back[k].shape, t.shape, k);
    assert.ok(back[k].equal(t), k);
    const lazy = f.get_tensor(k);
    assert.ok(lazy.equal(t), `${k} (safe_open)`);
    lazy.dispose();
  }
  assert.throws(() => f.get_tensor("nope"), /no tensor named "nope"/);
  for (const t of [...Object.values(tensors), ...Object.values(back)]) t.dispose();
});

test("save/load in memory; non-contiguous tensors are saved as their values", () => {
  const x = torch.arange(6, { dtype: torch.float32 }).view(2, 3);
  const xt = x.t();
  const bytes = save({ xt });
  const back = load(bytes);
  assert.deepEqual(back.xt.tolist(), [[0, 3], [1, 4], [2, 5]]);
  for (const t of [x, xt, back.xt]) t.dispose();
});

test("a failed save leaves no file behind and no temp file", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fts-st-atomic-"));
  const bad = { ["__metadata__"]: torch.ones(1) };
  await assert.rejects(save_file(bad, path.join(dir, "x.safetensors")), /reserved/);
  assert.deepEqual(readdirSync(dir), []);
  bad.__metadata__.dispose();
});

test("load_file rejects a truncated file with a message naming it", async () => {
  const src = readFileSync(path.join(FIXTURES, "bert-tiny-cls/model.safetensors"));
  const file = path.join(tmp, "truncated.safetensors");
  writeFileSync(file, src.subarray(0, src.length - 100));
  await assert.rejects(load_file(file), (e: Error) => e.message.includes("truncated.safetensors"));
});
