// torch.load (weights_only semantics) at the Tensor level: the fixtures' pytorch_model.bin files
// give exactly the tensors of their model.safetensors (README: same values), tied storages stay
// shared, the legacy format and its stride-(0,1)/(64,1) position_ids buffer load, and a hostile
// pickle is refused through the public API with nothing executed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as torch from "../../../src/torch/index.js";
import { load_file } from "../../../src/safetensors/index.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../../../shared/fixtures/models");

for (const folder of ["bert-tiny-cls", "bert-tiny-mlm"]) {
  test(`torch.load(${folder}/pytorch_model.bin) equals model.safetensors`, async () => {
    const bin = await torch.load(path.join(FIXTURES, folder, "pytorch_model.bin"));
    const st = await load_file(path.join(FIXTURES, folder, "model.safetensors"));
    for (const [k, v] of Object.entries(st)) {
      assert.ok(bin.has(k), `missing ${k}`);
      assert.equal(bin.get(k)!.dtype, v.dtype);
      assert.ok(bin.get(k)!.equal(v), k);
    }
    if (folder === "bert-tiny-mlm") {
      // Tied storages: writing through one name is visible through the other.
      const a = bin.get("cls.predictions.decoder.weight")!;
      const b = bin.get("bert.embeddings.word_embeddings.weight")!;
      torch.no_grad(() => a.index(0).fill_(7).dispose());
      assert.equal(torch.tidy(() => b.index(0, 0).item()), 7);
    }
    for (const t of [...bin.values(), ...Object.values(st)]) t.dispose();
  });
}

test("the legacy (non-zip) format loads, position_ids buffer included", async () => {
  const bin = await torch.load(path.join(FIXTURES, "bert-tiny-cls/legacy/pytorch_model.bin"));
  const pos = bin.get("bert.embeddings.position_ids")!;
  assert.deepEqual(pos.shape, [1, 64]);
  assert.equal(pos.dtype, torch.int64);
  assert.deepEqual(torch.tidy(() => pos.index(0, "0:4").tolist()), [0, 1, 2, 3]);
  const st = await load_file(path.join(FIXTURES, "bert-tiny-cls/model.safetensors"));
  for (const [k, v] of Object.entries(st)) assert.ok(bin.get(k)!.equal(v), k);
  for (const t of [...bin.values(), ...Object.values(st)]) t.dispose();
});

test("a pickle that reaches for os.system is refused and nothing runs", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fts-evil-"));
  const marker = path.join(dir, "pwned");
  // protocol 2: GLOBAL 'posix system', the command as a tuple, REDUCE, STOP (legacy, non-zip)
  const cmd = `touch ${marker}`;
  const body = Buffer.concat([
    Buffer.from([0x80, 0x02]),
    Buffer.from("cposix\nsystem\n", "latin1"),
    Buffer.from([0x58]), Buffer.from(new Uint32Array([cmd.length]).buffer), Buffer.from(cmd, "latin1"),
    Buffer.from([0x85, 0x52, 0x2e]),
  ]);
  const file = path.join(dir, "pytorch_model.bin");
  writeFileSync(file, body);
  await assert.rejects(torch.load(file), /refusing to load 'posix\.system'.*nothing was executed/s);
  assert.equal(existsSync(marker), false);
});

test("torch.load: missing file and weights_only=false are clear errors", async () => {
  await assert.rejects(torch.load("/nonexistent/pytorch_model.bin"), (e: Error) => e.name === "FileNotFoundError");
  await assert.rejects(torch.load(path.join(FIXTURES, "bert-tiny-cls/pytorch_model.bin"), { weights_only: false }), /never executes pickled code/);
});
