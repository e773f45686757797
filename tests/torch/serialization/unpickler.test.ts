// Tests for the safe unpickler and torch checkpoint reader (src/torch/serialization/).
//
// Goldens: ../shared/fixtures/models/*/pytorch_model.bin hold the same values as the
// model.safetensors beside them (torch.save(model.state_dict()) with torch 1.13; see that
// README), compared here byte for byte after materialising each strided view. tests/fixtures/pickle/
// comes from scripts/make_pickle_fixtures.py (Debian python3-torch 1.13.1); its expected.json holds
// each tensor's dtype/shape/stride/offset and `t.reshape(-1).contiguous().view(torch.uint8)` bytes.
// Hostile pickles are assembled below; nothing in them may run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  readTorchBin, readTorchObject, loadTorchBin, loadTorchObject, materialize, isRawTensor, ALLOWED_GLOBALS, DTYPE_ITEMSIZE,
  type RawTensor,
} from "../../../src/torch/serialization/torch_bin.js";
import { unpickle, UnpicklingError, PickleTruncatedError, OrderedDict, PickleGlobal } from "../../../src/torch/serialization/unpickler.js";
import { bufferSource, ZipReader } from "../../../src/torch/serialization/zip.js";
import { deserialize, type SafetensorsDtype } from "../../../src/safetensors/format.js";
import { op, pickle, makeZip } from "./helpers.js";

const MODELS = new URL("../../../../shared/fixtures/models/", import.meta.url).pathname;
const PICKLES = new URL("../../fixtures/pickle/", import.meta.url).pathname;
const ST_DTYPE: Record<string, SafetensorsDtype> = { float32: "F32", int64: "I64" };

/** Independent oracle for strided views: element-by-element gather via DataView, in C order. */
function gather(t: RawTensor): Uint8Array {
  const size = DTYPE_ITEMSIZE[t.dtype];
  const numel = t.shape.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(numel * size);
  for (let flat = 0; flat < numel; flat++) {
    let rem = flat;
    let elem = t.storage_offset;
    for (let d = t.shape.length - 1; d >= 0; d--) {
      const dim = t.shape[d] as number;
      elem += (rem % dim) * (t.stride[d] as number);
      rem = Math.floor(rem / dim);
    }
    for (let b = 0; b < size; b++) out[flat * size + b] = t.storage.bytes[elem * size + b] as number;
  }
  return out;
}

function compareWithSafetensors(bin: Map<string, RawTensor>, safetensorsPath: string): void {
  const st = deserialize(new Uint8Array(readFileSync(safetensorsPath)), safetensorsPath).tensors;
  for (const [name, ref] of st) {
    const t = bin.get(name);
    assert.ok(t, `missing ${name}`);
    assert.equal(ST_DTYPE[t.dtype], ref.dtype, name);
    assert.deepEqual(t.shape, ref.shape, name);
    assert.ok(Buffer.from(gather(t)).equals(Buffer.from(ref.data)), `${name}: bytes differ`);
    assert.ok(Buffer.from(materialize(t)).equals(Buffer.from(ref.data)), `${name}: materialize differs`);
  }
}

const refusal = (qual: string): RegExp =>
  new RegExp(`refusing to load '${qual.replace(/[.$]/g, "\\$&")}' from hostile\\.pkl( \\([\\w/.]+\\))?: only tensor/state-dict globals are allowed \\(weights_only semantics\\); nothing was executed$`);

// ---- real checkpoints ----

test("bert-tiny-cls/pytorch_model.bin (zip) equals model.safetensors", async () => {
  const sd = await readTorchBin(`${MODELS}bert-tiny-cls/pytorch_model.bin`);
  assert.equal(sd.size, 41);
  assert.equal([...sd.keys()][0], "bert.embeddings.word_embeddings.weight", "pickle (state_dict) order");
  compareWithSafetensors(sd, `${MODELS}bert-tiny-cls/model.safetensors`);
  for (const t of sd.values()) assert.equal(t.requires_grad, false);
});

test("bert-tiny-cls/legacy/pytorch_model.bin (non-zip) equals model.safetensors, plus position_ids", async () => {
  const sd = await readTorchBin(`${MODELS}bert-tiny-cls/legacy/pytorch_model.bin`);
  assert.equal(sd.size, 42);
  compareWithSafetensors(sd, `${MODELS}bert-tiny-cls/model.safetensors`);
  const pos = sd.get("bert.embeddings.position_ids");
  assert.ok(pos);
  assert.equal(pos.dtype, "int64");
  assert.deepEqual(pos.shape, [1, 64]);
  const values = new BigInt64Array(gather(pos).buffer);
  assert.deepEqual([...values].map(Number), Array.from({ length: 64 }, (_, i) => i));
});

test("bert-tiny-mlm/pytorch_model.bin: tied weights share one storage object", async () => {
  const sd = await readTorchBin(`${MODELS}bert-tiny-mlm/pytorch_model.bin`);
  assert.equal(sd.size, 44);
  compareWithSafetensors(sd, `${MODELS}bert-tiny-mlm/model.safetensors`);
  const emb = sd.get("bert.embeddings.word_embeddings.weight");
  const dec = sd.get("cls.predictions.decoder.weight");
  assert.ok(emb && dec);
  assert.equal(dec.storage, emb.storage, "decoder.weight and word_embeddings.weight must share ONE RawStorage");
  assert.equal(sd.get("cls.predictions.decoder.bias")?.storage, sd.get("cls.predictions.bias")?.storage);
  assert.notEqual(sd.get("cls.predictions.bias")?.storage, emb.storage);
});

test("the state dict's _metadata attribute is kept on the OrderedDict", async () => {
  const obj = await readTorchObject(`${MODELS}bert-tiny-cls/pytorch_model.bin`);
  assert.ok(obj instanceof OrderedDict);
  const meta = obj.attributes.get("_metadata");
  assert.ok(meta instanceof OrderedDict && meta.has("bert.embeddings"));
});

// ---- generated fixtures: every dtype, views, offsets, stride 0, protocol 4, legacy ----

interface Expected {
  order: string[];
  tensors: Record<string, { dtype: string; shape: number[]; stride: number[]; storage_offset: number; requires_grad: boolean; bytes: string }>;
  shared_storage: string[][];
}
const expected = JSON.parse(readFileSync(`${PICKLES}expected.json`, "utf8")) as Expected;

for (const name of ["mixed_zip.pt", "mixed_proto4.pt", "mixed_legacy.pt"]) {
  test(`${name}: every tensor's dtype, view and bytes match torch`, async () => {
    const sd = await readTorchBin(`${PICKLES}${name}`);
    assert.deepEqual([...sd.keys()], expected.order, "state_dict order");
    for (const [key, e] of Object.entries(expected.tensors)) {
      const t = sd.get(key);
      assert.ok(t, key);
      assert.deepEqual({ dtype: t.dtype, shape: t.shape, stride: t.stride, storage_offset: t.storage_offset, requires_grad: t.requires_grad },
        { dtype: e.dtype, shape: e.shape, stride: e.stride, storage_offset: e.storage_offset, requires_grad: e.requires_grad }, key);
      assert.equal(Buffer.from(gather(t)).toString("hex"), e.bytes, `${key}: bytes`);
      assert.equal(Buffer.from(materialize(t)).toString("hex"), e.bytes, `${key}: materialize`);
    }
    for (const group of expected.shared_storage) {
      const first = sd.get(group[0] as string)?.storage;
      for (const k of group) assert.equal(sd.get(k)?.storage, first, `${k} shares ${group[0]}'s storage`);
    }
    assert.notEqual(sd.get("f32")?.storage, sd.get("tied_a")?.storage);
  });
}

test("nested checkpoint: plain Python values come back as JS values; readTorchBin asks for the nested dict", async () => {
  const obj = await readTorchObject(`${PICKLES}nested_zip.pt`);
  assert.ok(obj instanceof Map);
  assert.equal(obj.get("epoch"), 3);
  assert.equal(obj.get("lr"), 0.5);
  assert.equal(obj.get("name"), "run-1");
  assert.equal(obj.get("none"), null);
  assert.deepEqual(obj.get("flags"), [true, false]);
  assert.deepEqual(obj.get("pair"), [1, "a"]);
  assert.ok(Object.isFrozen(obj.get("pair")), "tuples are frozen arrays");
  assert.equal(obj.get("big"), 2n ** 70n);
  assert.equal(obj.get("neg"), -(2 ** 40));
  assert.deepEqual(obj.get("raw"), new Uint8Array([0, 255, 16]));
  const inner = obj.get("state_dict");
  assert.ok(inner instanceof OrderedDict && isRawTensor(inner.get("w")));
  await assert.rejects(readTorchBin(`${PICKLES}nested_zip.pt`), /nested_zip\.pt: not a flat state dict: "state_dict" \(dict of 2\), "epoch" \(number 3\).* load it with readTorchObject/);
});

test("big-endian checkpoints (byteorder record) are byteswapped", async () => {
  // Rewrite mixed_zip.pt as a big-endian machine would have saved it.
  const bytes = new Uint8Array(readFileSync(`${PICKLES}mixed_zip.pt`));
  const little = await loadTorchBin(bytes);
  const zip = await ZipReader.open(bufferSource(bytes));
  const dtypeOf = new Map([...little.values()].map((t) => [t.storage.key, t.storage.dtype]));
  const files = [];
  for (const e of zip.entries) {
    let data = (await zip.read(e)).slice();
    const key = e.name.match(/\/data\/(\w+)$/)?.[1];
    if (key !== undefined) {
      const n = DTYPE_ITEMSIZE[dtypeOf.get(key) ?? "uint8"];
      for (let i = 0; i < data.length; i += n) data.subarray(i, i + n).reverse();
    }
    files.push({ name: e.name, data });
  }
  files.push({ name: "mixed_zip/byteorder", data: new TextEncoder().encode("big") });
  const big = await loadTorchBin(makeZip(files), "big.pt");
  for (const [k, t] of little) assert.equal(Buffer.from(materialize(big.get(k) as RawTensor)).toString("hex"), Buffer.from(materialize(t)).toString("hex"), k);
  files[files.length - 1] = { name: "mixed_zip/byteorder", data: new TextEncoder().encode("middle") };
  await assert.rejects(loadTorchBin(makeZip(files), "odd.pt"), /odd\.pt: unknown byteorder record "middle"/);
});

// ---- hostile pickles: refused at the GLOBAL, nothing runs ----

const marker = join(mkdtempSync(join(tmpdir(), "unpickler-")), "pwned");
const globalFlag = "__finetune_ts_pwned__";

function hostile(module: string, name: string, arg: string): Uint8Array {
  return pickle(op.PROTO(2), op.GLOBAL(module, name), op.BINUNICODE(arg), op.TUPLE1, op.REDUCE, op.STOP);
}

const cases: Array<[string, string, string]> = [
  ["os", "system", `touch ${marker}`],
  ["posix", "system", `touch ${marker}`],
  ["nt", "system", `touch ${marker}`],
  ["builtins", "eval", `globalThis.${globalFlag} = 1`],
  ["builtins", "exec", `globalThis.${globalFlag} = 1`],
  ["builtins", "getattr", "x"],
  ["builtins", "__import__", "os"],
  ["subprocess", "Popen", `touch ${marker}`],
  ["subprocess", "check_output", `touch ${marker}`],
  ["torch", "load", marker],
  ["collections", "OrderedDict.fromkeys", "x"],
  ["torch._utils", "_rebuild_tensor_v2.__globals__", "x"],
  ["torch.serialization", "os", "x"],
];

for (const [module, name, arg] of cases) {
  test(`refuses ${module}.${name} via GLOBAL + REDUCE`, async () => {
    // The bare VM refuses every global unless told otherwise.
    assert.throws(() => unpickle(hostile(module, name, arg), { file: "hostile.pkl" }), (e: unknown) => {
      assert.ok(e instanceof UnpicklingError, String(e));
      assert.match(e.message, refusal(`${module}.${name}`));
      return true;
    });
    // Through the torch allow-list, as data.pkl of a checkpoint zip.
    const bin = makeZip([{ name: "evil/data.pkl", data: hostile(module, name, arg) }]);
    await assert.rejects(loadTorchBin(bin, "hostile.pkl"), (e: unknown) => {
      assert.ok(e instanceof UnpicklingError, String(e));
      assert.match(e.message, refusal(`${module}.${name}`));
      return true;
    });
    assert.equal(existsSync(marker), false, "no side effect");
    assert.equal((globalThis as Record<string, unknown>)[globalFlag], undefined, "no side effect");
  });
}

test("refuses via STACK_GLOBAL, INST, OBJ and EXT1 too", () => {
  const opts = { file: "hostile.pkl", findGlobal: (m: string, n: string) => (m === "collections" && n === "OrderedDict" ? { call: () => new Map() } : undefined) };
  const stackGlobal = pickle(op.PROTO(4), op.SHORT_BINUNICODE("os"), op.SHORT_BINUNICODE("system"), op.STACK_GLOBAL, op.SHORT_BINUNICODE("id"), op.TUPLE1, op.REDUCE, op.STOP);
  assert.throws(() => unpickle(stackGlobal, opts), refusal("os.system"));
  const inst = pickle(op.MARK, op.BINUNICODE("id"), op.INST("subprocess", "Popen"), op.STOP);
  assert.throws(() => unpickle(inst, opts), refusal("subprocess.Popen"));
  const obj = pickle(op.MARK, op.GLOBAL("builtins", "eval"), op.BINUNICODE("1"), op.OBJ, op.STOP);
  assert.throws(() => unpickle(obj, opts), refusal("builtins.eval"));
  assert.throws(() => unpickle(pickle(op.PROTO(2), op.EXT1(1), op.STOP), opts), /EXT1\/2\/4\) are refused/);
  // sys/os/posix/nt stay blocked even if a caller's allow-list were to say yes.
  assert.throws(() => unpickle(hostile("os.path", "join", "x"), { file: "hostile.pkl", findGlobal: () => ({ call: () => 1 }) }), refusal("os.path.join"));
});

test("a hostile global hidden after valid tensors inside a real checkpoint is refused", async () => {
  const bytes = new Uint8Array(readFileSync(`${MODELS}bert-tiny-cls/pytorch_model.bin`));
  const zip = await ZipReader.open(bufferSource(bytes));
  const files = [];
  for (const e of zip.entries) files.push({ name: e.name, data: (await zip.read(e)).slice() });
  const pkl = files[0]?.data as Uint8Array;
  // Replace the final `SETITEMS? BUILD STOP`-free tail: append `evil = os.system("...")` before STOP by
  // wrapping: ( original_dict , os.system("touch") ) as a tuple.
  const evil = pickle(op.GLOBAL("os", "system"), op.BINUNICODE(`touch ${marker}`), op.TUPLE1, op.REDUCE, op.TUPLE2, op.STOP);
  files[0] = { name: files[0]?.name as string, data: pickle(pkl.subarray(0, pkl.length - 1), evil) };
  await assert.rejects(loadTorchBin(makeZip(files), "hostile.pkl"), (e: unknown) => e instanceof UnpicklingError && /^refusing to load 'os\.system' from hostile\.pkl \(pytorch_model\/data\.pkl\)/.test(e.message));
  assert.equal(existsSync(marker), false);
});

test("allowed globals cannot be abused: REDUCE on non-globals, BUILD on lists, prototype keys", () => {
  const opts = { file: "x.pkl", findGlobal: (m: string, n: string) => (m === "collections" && n === "OrderedDict" ? { call: () => new OrderedDict() } : undefined) };
  assert.throws(() => unpickle(pickle(op.BINUNICODE("eval"), op.EMPTY_TUPLE, op.REDUCE, op.STOP), opts), /REDUCE target is "eval", not an allow-listed global/);
  assert.throws(() => unpickle(pickle(op.EMPTY_LIST, op.EMPTY_DICT, op.BUILD, op.STOP), opts), /BUILD is only allowed on allow-listed objects/);
  assert.throws(() => unpickle(pickle(op.EMPTY_TUPLE, op.NONE, op.APPEND, op.STOP), opts), /APPEND target must be a list, got tuple/);
  assert.throws(() => unpickle(pickle(op.EMPTY_LIST, op.NONE, op.NONE, op.SETITEM, op.STOP), opts), /SETITEM\(S\) target must be a dict/);
  // {"__proto__": {"polluted": 1}} as dict contents and as OrderedDict BUILD state.
  const proto = pickle(op.GLOBAL("collections", "OrderedDict"), op.EMPTY_TUPLE, op.REDUCE,
    op.EMPTY_DICT, op.BINUNICODE("__proto__"), op.EMPTY_DICT, op.BINUNICODE("polluted"), op.BININT1(1), op.SETITEM, op.SETITEM, op.BUILD, op.STOP);
  const od = unpickle(proto, opts);
  assert.ok(od instanceof OrderedDict && od.attributes.get("__proto__") instanceof Map);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const torchAllowed = unpickle(pickle(op.GLOBAL("collections", "OrderedDict"), op.STOP), opts);
  assert.ok(torchAllowed instanceof PickleGlobal && torchAllowed.qualname === "collections.OrderedDict");
  assert.ok(ALLOWED_GLOBALS.includes("torch._utils._rebuild_tensor_v2") && !ALLOWED_GLOBALS.some((g) => g.startsWith("builtins.eval")));
});

test("persistent ids other than storages are refused", async () => {
  const modulePid = pickle(op.PROTO(2), op.BINUNICODE("module"), op.NONE, op.TUPLE2, op.BINPERSID, op.STOP);
  await assert.rejects(loadTorchBin(makeZip([{ name: "a/data.pkl", data: modulePid }]), "pid.pt"), /only \('storage', type, key, location, numel\) persistent ids are allowed/);
  assert.throws(() => unpickle(modulePid), /no persistent_load handler/);
  const badStorage = pickle(op.PROTO(2), op.MARK, op.BINUNICODE("storage"), op.GLOBAL("torch", "FloatStorage"), op.BINUNICODE("0"), op.BINUNICODE("cpu"), op.BININT1(4), op.TUPLE, op.BINPERSID, op.STOP);
  await assert.rejects(loadTorchBin(makeZip([{ name: "a/data.pkl", data: badStorage }]), "missing.pt"), /storage "0" is referenced but the record a\/data\/0 is missing/);
});

test("a tensor view reaching outside its storage is rejected", async () => {
  const t = (offset: number) => pickle(op.PROTO(2), op.GLOBAL("torch._utils", "_rebuild_tensor_v2"), op.MARK,
    op.MARK, op.BINUNICODE("storage"), op.GLOBAL("torch", "FloatStorage"), op.BINUNICODE("0"), op.BINUNICODE("cpu"), op.BININT1(4), op.TUPLE, op.BINPERSID,
    op.BININT1(offset), op.BININT1(2), op.BININT1(2), op.TUPLE2, op.BININT1(2), op.BININT1(1), op.TUPLE2, op.NEWFALSE, op.NONE, op.TUPLE, op.REDUCE, op.STOP);
  const data = { name: "a/data/0", data: new Uint8Array(16) };
  const ok = await loadTorchObject(bufferSource(makeZip([{ name: "a/data.pkl", data: t(0) }, data])));
  assert.ok(isRawTensor(ok) && ok.shape.join() === "2,2");
  await assert.rejects(loadTorchObject(bufferSource(makeZip([{ name: "a/data.pkl", data: t(1) }, data]), "oob.pt")), /reads element 4 of storage "0" which holds 4 float32 elements/);
});

// ---- truncation ----

test("truncated pickle: clear error naming the offset", async () => {
  const zip = await ZipReader.open(bufferSource(new Uint8Array(readFileSync(`${MODELS}bert-tiny-cls/pytorch_model.bin`))));
  const pkl = await zip.read("pytorch_model/data.pkl");
  for (const cut of [1, 5, 100, pkl.length - 1]) {
    assert.throws(() => unpickle(pkl.subarray(0, cut), { file: "cut.pkl", findGlobal: () => ({ call: () => new OrderedDict() }), persistentLoad: () => null }),
      (e: unknown) => e instanceof PickleTruncatedError && /^cut\.pkl: truncated pickle: /.test(e.message));
  }
  assert.throws(() => unpickle(pickle(op.BINUNICODE("abc")).subarray(0, 6), { file: "s.pkl" }), /s\.pkl: truncated pickle: opcode at byte 0 needs 3 more bytes but only 1 remain/);
  assert.throws(() => unpickle(pickle(op.NONE, op.STOP, op.NONE), { file: "t.pkl" }), /1 unexpected bytes after the pickle's STOP/);
  assert.throws(() => unpickle(pickle(op.TUPLE, op.STOP), { file: "m.pkl" }), /m\.pkl: bad pickle at byte 0 \(opcode 0x74\): no MARK on the stack/);
  assert.throws(() => unpickle(pickle(op.BINGET(7), op.STOP), { file: "g.pkl" }), /memo key 7 was never stored/);
});

test("truncated zip and legacy checkpoints: clear errors", async () => {
  const zipBytes = new Uint8Array(readFileSync(`${MODELS}bert-tiny-cls/pytorch_model.bin`));
  await assert.rejects(loadTorchBin(zipBytes.subarray(0, zipBytes.length - 100), "cut.bin"), /cut\.bin: not a valid zip archive \(truncated or corrupt\?\)/);
  const legacy = new Uint8Array(readFileSync(`${MODELS}bert-tiny-cls/legacy/pytorch_model.bin`));
  await assert.rejects(loadTorchBin(legacy.subarray(0, legacy.length - 10), "cut-legacy.bin"), /cut-legacy\.bin: truncated: storage "\d+" needs \d+ bytes at \d+ but the file is \d+ bytes/);
  await assert.rejects(loadTorchBin(legacy.subarray(0, 3000), "head.bin"), /head\.bin: truncated pickle/);
  await assert.rejects(loadTorchBin(new Uint8Array([1, 2, 3, 4]), "junk.bin"), /junk\.bin: not a PyTorch checkpoint/);
  const st = readFileSync(`${MODELS}bert-tiny-cls/model.safetensors`);
  await assert.rejects(loadTorchBin(st, "model.safetensors"), /looks like a safetensors file/);
});
