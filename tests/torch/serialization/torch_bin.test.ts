// Hand-assembled checkpoints for the torch.load cases torch 1.13 cannot write but real files hold:
// legacy storage views (view_metadata, from PyTorch < 1.0 saves), _rebuild_tensor_v3 on an
// UntypedStorage (PyTorch >= 2.x for uint16/float8 and friends), legacy pickles larger than the first
// read, and conj/neg bits. Layouts follow torch/serialization.py (_legacy_load, _load) and
// torch/_utils.py (_rebuild_tensor_v2/_v3) in PyTorch 2.x.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadTorchBin, loadTorchObject, materialize, isRawTensor } from "../../../src/torch/serialization/torch_bin.js";
import { bufferSource } from "../../../src/torch/serialization/zip.js";
import { op, pickle, makeZip } from "./helpers.js";

type Part = number | readonly number[] | Uint8Array;

const ints = (ns: number[]): Part[] => [op.MARK, ...ns.map((n) => op.BININT1(n)), op.TUPLE];
const emptyOrderedDict: Part[] = [op.GLOBAL("collections", "OrderedDict"), op.EMPTY_TUPLE, op.REDUCE];
const f32 = (...v: number[]): Uint8Array => new Uint8Array(new Float32Array(v).buffer);
const i64le = (n: number): number[] => [...new Uint8Array(new BigInt64Array([BigInt(n)]).buffer)];

/** `_rebuild_tensor_v2(<persistent id>, offset, shape, stride, False, OrderedDict()[, metadata])`. */
function v2(pid: Part[], offset: number, shape: number[], stride: number[], metadata: Part[] = []): Part[] {
  return [op.GLOBAL("torch._utils", "_rebuild_tensor_v2"), op.MARK, ...pid, op.BINPERSID, op.BININT1(offset), ...ints(shape), ...ints(stride),
    op.NEWFALSE, ...emptyOrderedDict, ...metadata, op.TUPLE, op.REDUCE];
}

/** A dict pickle `{name: tensor_ops}` in insertion order. */
function dictPickle(entries: Array<[string, Part[]]>): Uint8Array {
  return pickle(op.PROTO(2), op.EMPTY_DICT, op.MARK, ...entries.flatMap(([k, v]) => [op.BINUNICODE(k), ...v]), op.SETITEMS, op.STOP);
}

/** The legacy (non-zip) layout: magic, protocol, sys_info, main pickle, key list, then numel + bytes per key. */
function legacyFile(main: Uint8Array, storages: Array<[string, number, Uint8Array]>): Uint8Array {
  const magic = pickle(op.PROTO(2), op.LONG1([0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]), op.STOP);
  const proto = pickle(op.PROTO(2), op.BININT2(1001), op.STOP);
  const sysInfo = pickle(op.PROTO(2), op.EMPTY_DICT, op.STOP);
  const keys = pickle(op.PROTO(2), op.EMPTY_LIST, op.MARK, ...storages.map(([k]) => op.BINUNICODE(k)), op.APPENDS, op.STOP);
  return pickle(magic, proto, sysInfo, main, keys, ...storages.flatMap(([, numel, bytes]) => [i64le(numel), bytes]));
}

const legacyPid = (key: string, numel: number, view: Part[] = [op.NONE]): Part[] =>
  [op.MARK, op.BINUNICODE("storage"), op.GLOBAL("torch", "FloatStorage"), op.BINUNICODE(key), op.BINUNICODE("cpu"), op.BININT1(numel), ...view, op.TUPLE];

test("legacy storage views (view_metadata) alias their root storage's bytes", async () => {
  const main = dictPickle([
    ["whole", v2(legacyPid("root", 6), 0, [6], [1])],
    ["view", v2(legacyPid("root", 6, [op.BINUNICODE("v1"), op.BININT1(2), op.BININT1(3), op.TUPLE3]), 0, [3], [1])],
    ["view_again", v2(legacyPid("root", 6, [op.BINUNICODE("v1"), op.BININT1(2), op.BININT1(3), op.TUPLE3]), 1, [2], [1])],
  ]);
  const sd = await loadTorchBin(legacyFile(main, [["root", 6, f32(0, 1, 2, 3, 4, 5)]]), "views.bin");
  const whole = sd.get("whole");
  const view = sd.get("view");
  const again = sd.get("view_again");
  assert.ok(whole && view && again);
  assert.deepEqual([...new Float32Array(materialize(view).buffer)], [2, 3, 4]);
  assert.deepEqual([...new Float32Array(materialize(again).buffer)], [3, 4]);
  assert.equal(view.storage, again.storage, "one view key, one storage object");
  assert.equal(view.storage.bytes.buffer, whole.storage.bytes.buffer, "a view shares memory with its root");
  assert.equal(view.storage.bytes.byteOffset - whole.storage.bytes.byteOffset, 8);
});

test("legacy files whose pickles exceed the first 1 MiB read are re-read with a larger prefix", async () => {
  const pad = "x".repeat(3 << 20);
  const main = dictPickle([["w", v2(legacyPid("k", 2), 0, [2], [1])], [pad, [op.NONE]]]);
  const obj = await loadTorchObject(bufferSource(legacyFile(main, [["k", 2, f32(7, 8)]]), "big.bin"));
  assert.ok(obj instanceof Map && obj.has(pad));
  const w = obj.get("w");
  assert.ok(isRawTensor(w));
  assert.deepEqual([...new Float32Array(materialize(w).buffer)], [7, 8]);
});

test("legacy files: hostile globals, module persistent ids and bad element counts", async () => {
  const evil = pickle(op.PROTO(2), op.GLOBAL("os", "system"), op.BINUNICODE("id"), op.TUPLE1, op.REDUCE, op.STOP);
  await assert.rejects(loadTorchBin(legacyFile(evil, []), "evil.bin"), /^UnpicklingError: refusing to load 'os\.system' from evil\.bin: only tensor\/state-dict globals/);
  const modulePid = dictPickle([["m", [op.MARK, op.BINUNICODE("module"), op.NONE, op.NONE, op.NONE, op.TUPLE, op.BINPERSID]]]);
  await assert.rejects(loadTorchBin(legacyFile(modulePid, []), "model.bin"), /a pickled nn\.Module \(torch\.save\(model\)\) needs code execution; save model\.state_dict\(\) instead/);
  const main = dictPickle([["w", v2(legacyPid("k", 2), 0, [2], [1])]]);
  await assert.rejects(loadTorchBin(legacyFile(main, [["k", 3, f32(1, 2)]]), "count.bin"), /count\.bin: storage "k" has 3 elements in the file but the pickle says 2/);
  await assert.rejects(loadTorchBin(legacyFile(main, []), "nodata.bin"), /nodata\.bin: storage "k" is referenced but its data is not in the file/);
});

test("_rebuild_tensor_v3 reinterprets an UntypedStorage with the given dtype", async () => {
  const pid: Part[] = [op.MARK, op.BINUNICODE("storage"), op.GLOBAL("torch", "UntypedStorage"), op.BINUNICODE("0"), op.BINUNICODE("cpu"), op.BININT1(8), op.TUPLE];
  const v3 = (dtype: string): Part[] => [op.GLOBAL("torch._utils", "_rebuild_tensor_v3"), op.MARK, ...pid, op.BINPERSID, op.BININT1(1), ...ints([3]), ...ints([1]),
    op.NEWFALSE, ...emptyOrderedDict, op.GLOBAL("torch", dtype), op.TUPLE, op.REDUCE];
  const data = { name: "a/data/0", data: new Uint8Array(new Uint16Array([0x3f80, 0x4000, 0x4040, 0x4080]).buffer) }; // bf16 1, 2, 3, 4
  const sd = await loadTorchBin(makeZip([{ name: "a/data.pkl", data: dictPickle([["h", v3("bfloat16")]]) }, data]));
  const h = sd.get("h");
  assert.ok(h);
  assert.equal(h.dtype, "bfloat16");
  assert.equal(h.storage.dtype, "uint8");
  assert.deepEqual([...new Uint16Array(materialize(h).buffer)], [0x4000, 0x4040, 0x4080]);
  await assert.rejects(loadTorchBin(makeZip([{ name: "a/data.pkl", data: dictPickle([["h", v3("float8_e4m3fn")]]) }, data]), "f8.pt"),
    /f8\.pt \(a\/data\.pkl\): bad pickle at byte \d+ \(opcode 0x52\): torch\._utils\._rebuild_tensor_v3: tensors of dtype global torch\.float8_e4m3fn are not supported by finetune-ts/);
});

test("conj/neg bits and unsupported tensor kinds are errors, not silently wrong values", async () => {
  const pid: Part[] = [op.MARK, op.BINUNICODE("storage"), op.GLOBAL("torch", "FloatStorage"), op.BINUNICODE("0"), op.BINUNICODE("cpu"), op.BININT1(1), op.TUPLE];
  const meta: Part[] = [op.EMPTY_DICT, op.BINUNICODE("neg"), op.NEWTRUE, op.SETITEM];
  const data = { name: "a/data/0", data: f32(1) };
  await assert.rejects(loadTorchBin(makeZip([{ name: "a/data.pkl", data: dictPickle([["n", v2(pid, 0, [1], [1], meta)]]) }, data]), "neg.pt"),
    /neg\.pt \(a\/data\.pkl\): bad pickle at byte \d+ \(opcode 0x52\): torch\._utils\._rebuild_tensor_v2: tensors with conj\/neg bits set \(neg\) are not supported/);
  const sparse = dictPickle([["s", [op.GLOBAL("torch._utils", "_rebuild_sparse_tensor"), op.EMPTY_TUPLE, op.REDUCE]]]);
  await assert.rejects(loadTorchBin(makeZip([{ name: "a/data.pkl", data: sparse }]), "sparse.pt"), /sparse tensors are not supported by finetune-ts/);
  const complex = dictPickle([["c", v2([op.MARK, op.BINUNICODE("storage"), op.GLOBAL("torch", "ComplexFloatStorage"), op.BINUNICODE("0"), op.BINUNICODE("cpu"), op.BININT1(1), op.TUPLE], 0, [1], [1])]]);
  await assert.rejects(loadTorchBin(makeZip([{ name: "a/data.pkl", data: complex }]), "c.pt"), /torch\.ComplexFloatStorage tensors are not supported/);
});
