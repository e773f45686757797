// Tests for the safetensors byte layer (src/safetensors/format.ts).
// Golden bytes: the fixtures under ../shared/fixtures/models were written by Python
// `safetensors.torch.save_file` (see that README), and the two literal byte arrays below are the
// expected outputs asserted by the Rust crate's own tests (safetensors/src/tensor.rs,
// `test_serialization` and `test_empty`). Byte comparisons are exact.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync, openSync, readSync, closeSync } from "node:fs";
import { join } from "node:path";
import {
  deserialize, serialize, serializeHeader, parseHeader, parseHeaderAsync, readHeaderSize, parseHeaderJson,
  tensorByteRange, SafetensorError, DTYPE_SIZES, DTYPE_BITS, SAFETENSORS_DTYPES,
  type RawSafetensor, type SafetensorsDtype,
} from "../../src/safetensors/format.js";

const FIXTURES = new URL("../../../shared/fixtures/models/", import.meta.url).pathname;

function findSafetensors(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findSafetensors(p));
    else if (name.endsWith(".safetensors")) out.push(p);
  }
  return out.sort();
}

const files = findSafetensors(FIXTURES);

/** Builds a file from a raw header string and data bytes (the length prefix is computed). */
function rawFile(header: string, data: Uint8Array | number = 0, lengthOverride?: bigint): Uint8Array {
  const json = new TextEncoder().encode(header);
  const bytes = typeof data === "number" ? new Uint8Array(data) : data;
  const out = new Uint8Array(8 + json.length + bytes.length);
  new DataView(out.buffer).setBigUint64(0, lengthOverride ?? BigInt(json.length), true);
  out.set(json, 8);
  out.set(bytes, 8 + json.length);
  return out;
}

function expectError(bytes: Uint8Array, pattern: RegExp): void {
  assert.throws(() => deserialize(bytes, "bad.safetensors"), (e: unknown) => {
    assert.ok(e instanceof SafetensorError, `expected SafetensorError, got ${String(e)}`);
    assert.match(e.message, /^bad\.safetensors: invalid safetensors file: /);
    assert.match(e.message, pattern);
    return true;
  });
}

const f32 = (...v: number[]): Uint8Array => new Uint8Array(new Float32Array(v).buffer);

test("fixtures exist", () => {
  assert.ok(files.length >= 10, `found ${files.length} .safetensors fixtures`);
});

for (const path of files) {
  const rel = path.slice(FIXTURES.length);
  test(`parse + byte-identical round trip: ${rel}`, () => {
    const bytes = new Uint8Array(readFileSync(path));
    const { header, tensors } = deserialize(bytes, path);
    assert.deepEqual(header.metadata, { format: "pt" });
    assert.equal(header.dataStart + header.dataSize, bytes.length);
    assert.equal(header.headerSize % 8, 0);
    for (const [, t] of tensors) assert.equal(t.data.length, t.shape.reduce((a, b) => a * b, 1) * DTYPE_SIZES[t.dtype]);
    // save_file output is a pure function of (name, dtype, shape, data, metadata): re-serializing
    // what we parsed must give the same bytes, header padding and data order included.
    const again = serialize(tensors, header.metadata);
    assert.equal(again.length, bytes.length);
    assert.ok(Buffer.from(again).equals(Buffer.from(bytes)), `${rel}: re-serialized bytes differ`);
  });
}

test("bert-tiny-cls/model.safetensors: byte identity from tensors given in a different order", () => {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, "bert-tiny-cls/model.safetensors")));
  const { tensors } = deserialize(bytes);
  // Feed them reversed and copied: ordering must come from the (dtype, name) sort, not input order.
  const reversed: Record<string, RawSafetensor> = {};
  for (const [k, t] of [...tensors].reverse()) reversed[k] = { dtype: t.dtype, shape: t.shape, data: t.data.slice() };
  assert.ok(Buffer.from(serialize(reversed, { format: "pt" })).equals(Buffer.from(bytes)));
});

test("0-d tensor: loss in expected.safetensors has shape [] and 4 bytes", () => {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, "bert-tiny-cls/expected.safetensors")));
  const { header, tensors } = deserialize(bytes);
  const loss = tensors.get("loss");
  assert.ok(loss);
  assert.deepEqual(loss.shape, []);
  assert.equal(loss.dtype, "F32");
  assert.equal(loss.data.length, 4);
  const [s, e] = tensorByteRange(header, "loss");
  assert.equal(e - s, 4);
  const v = new DataView(loss.data.buffer, loss.data.byteOffset, 4).getFloat32(0, true);
  assert.ok(Number.isFinite(v) && v > 0, `loss = ${v}`);
});

test("lazy header read through a file descriptor equals the in-memory parse", async () => {
  const path = join(FIXTURES, "bert-tiny-mlm/model.safetensors");
  const size = statSync(path).size;
  const fd = openSync(path, "r");
  let reads = 0;
  try {
    const read = (s: number, e: number): Uint8Array => {
      reads++;
      const b = Buffer.alloc(e - s);
      readSync(fd, b, 0, e - s, s);
      return b;
    };
    const lazy = parseHeader(size, read, path);
    assert.equal(reads, 2, "prefix + header only, no tensor data");
    const lazyAsync = await parseHeaderAsync(size, async (s, e) => read(s, e), path);
    const full = deserialize(new Uint8Array(readFileSync(path)), path);
    assert.deepEqual([...lazy.tensors], [...full.header.tensors]);
    assert.deepEqual([...lazyAsync.tensors], [...full.header.tensors]);
    // Per-tensor range reads give the same bytes as the whole-buffer view.
    for (const [name, t] of full.tensors) {
      const [s, e] = tensorByteRange(lazy, name);
      assert.ok(Buffer.from(read(s, e)).equals(Buffer.from(t.data)), name);
    }
  } finally {
    closeSync(fd);
  }
});

test("Rust crate golden: test_serialization bytes", () => {
  const out = serialize({ "attn.0": { dtype: "F32", shape: [1, 2, 3], data: f32(0, 1, 2, 3, 4, 5) } });
  assert.deepEqual([...out], [
    64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
    116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
    58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
    101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
    0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
  ]);
});

test("Rust crate golden: test_empty bytes, with and without metadata", () => {
  assert.deepEqual([...serialize({})], [8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]);
  assert.deepEqual([...serialize({}, { framework: "pt" })], [
    40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95,
    95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
    116, 34, 125, 125, 32, 32, 32, 32, 32,
  ]);
  const parsed = deserialize(serialize({}, { framework: "pt" }));
  assert.equal(parsed.tensors.size, 0);
  assert.deepEqual(parsed.header.metadata, { framework: "pt" });
});

test("mixed dtypes: data ordered by descending alignment then name, every tensor aligned", () => {
  const mk = (dtype: SafetensorsDtype, shape: number[]): RawSafetensor => {
    const n = (shape.reduce((a, b) => a * b, 1) * DTYPE_BITS[dtype]) / 8;
    return { dtype, shape, data: Uint8Array.from({ length: n }, (_, i) => (i * 7 + dtype.length) & 255) };
  };
  const input: Record<string, RawSafetensor> = {
    b_bool: mk("BOOL", [3]), a_f16: mk("F16", [3]), z_f32: mk("F32", [2]), a_f32: mk("F32", [1]),
    i64: mk("I64", [2]), u8: mk("U8", [5]), bf: mk("BF16", [1, 1]), f64: mk("F64", []), fp4: mk("F4", [2, 3]),
  };
  const bytes = serialize(input, { format: "pt" });
  const { header, tensors } = deserialize(bytes);
  assert.deepEqual([...header.tensors.keys()], ["i64", "f64", "a_f32", "z_f32", "bf", "a_f16", "u8", "fp4", "b_bool"]);
  for (const [name, info] of header.tensors) {
    assert.equal((header.dataStart + info.data_offsets[0]) % Math.max(1, DTYPE_SIZES[info.dtype]), 0, name);
    assert.ok(Buffer.from(tensors.get(name)?.data ?? []).equals(Buffer.from(input[name]?.data ?? [1])), name);
  }
});

test("names sort by code point like Rust, not by UTF-16 unit", () => {
  // U+FF5E (3 UTF-8 bytes EF BD 9E) sorts before U+1F600 (F0 9F 98 80) in Rust; JS '<' says the reverse.
  const t = { dtype: "U8" as const, shape: [1], data: new Uint8Array([1]) };
  const { order } = serializeHeader({ "\u{1F600}": t, "\uFF5E": t });
  assert.deepEqual(order, ["\uFF5E", "\u{1F600}"]);
});

test("SAFETENSORS_DTYPES lists the crate's dtypes with their sizes", () => {
  assert.equal(SAFETENSORS_DTYPES.length, 20);
  assert.equal(DTYPE_SIZES.F32, 4);
  assert.equal(DTYPE_SIZES.BF16, 2);
  assert.equal(DTYPE_SIZES.I64, 8);
  assert.equal(DTYPE_SIZES.BOOL, 1);
  assert.equal(DTYPE_BITS.F4, 4);
});

// ---- malformed files: each a clear error naming the file and the problem ----

const good = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}';

test("valid hand-built file parses (control for the malformed cases)", () => {
  const { tensors } = deserialize(rawFile(good, 12));
  assert.deepEqual([...tensors.keys()], ["a", "b"]);
});

test("malformed: file shorter than 8 bytes", () => {
  expectError(new Uint8Array([1, 2, 3]), /too small for the 8-byte header length/);
});

test("malformed: truncated file (data cut short)", () => {
  expectError(rawFile(good, 12).subarray(0, 8 + good.length + 10), /tensor "b" data_offsets \[8, 12\] extend past the end of the data section, which has 10 bytes/);
});

test("malformed: truncated inside the header", () => {
  expectError(rawFile(good, 12).subarray(0, 40), /header length \d+ runs past the end of the 40-byte file/);
});

test("malformed: header length above 100 MB", () => {
  expectError(rawFile(good, 12, 100_000_001n), /header length 100000001 exceeds the 100000000-byte limit/);
  expectError(rawFile(good, 12, 0xffffffffffffffffn), /exceeds the 100000000-byte limit/);
});

test("malformed: overlapping offsets", () => {
  const h = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}';
  expectError(rawFile(h, 12), /tensor "b" data_offsets \[4, 12\] overlap the previous tensor "a" which ends at 8/);
});

test("malformed: two tensors aliasing the same bytes", () => {
  const h = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}';
  expectError(rawFile(h, 4), /overlap the previous tensor/);
});

test("malformed: gap between tensors and gap at the start", () => {
  const h = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}';
  expectError(rawFile(h, 12), /tensor "b" data_offsets \[8, 12\] leave a 4-byte gap after "a" which ends at 4/);
  const h2 = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}';
  expectError(rawFile(h2, 8), /starts with a 4-byte gap/);
});

test("malformed: trailing bytes not covered by any tensor", () => {
  expectError(rawFile(good, 16), /4 trailing bytes after the last tensor/);
});

test("malformed: shape x dtype size differs from the byte range", () => {
  const h = '{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}';
  expectError(rawFile(h, 8), /tensor "a" data_offsets \[0, 8\] span 8 bytes but shape \[3\] of F32 needs 12 bytes/);
});

test("malformed: begin > end", () => {
  const h = '{"a":{"dtype":"U8","shape":[0],"data_offsets":[0,0]},"b":{"dtype":"U8","shape":[1],"data_offsets":[4,0]}}';
  expectError(rawFile(h, 4), /begin > end/);
});

test("malformed: offsets that are not non-negative integers", () => {
  for (const off of ["[0.5,4]", "[-4,0]", "[0]", '["0","4"]', "[0,4,8]", "[0,1e300]"]) {
    expectError(rawFile(`{"a":{"dtype":"F32","shape":[1],"data_offsets":${off}}}`, 4), /has data_offsets .*expected \[begin, end\] non-negative integers/);
  }
  expectError(rawFile('{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}', 4), /has shape \[-1\]/);
});

test("malformed: invalid JSON, non-UTF-8, not starting with '{', not an object", () => {
  expectError(rawFile('{"a":{"dtype":"F32",', 0), /the header is not valid JSON/);
  const bad = rawFile('{"a":"xx"}', 0);
  bad[8 + 6] = 0xff;
  expectError(bad, /not valid UTF-8/);
  expectError(rawFile(' {"a":1}', 0), /must start with '\{'/);
  expectError(rawFile("\uFEFF{}", 0), /must start with '\{'/);
  expectError(rawFile('{"a":[1,2]}', 0), /tensor "a" must be an object/);
});

test("malformed: unknown dtype", () => {
  expectError(rawFile('{"a":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}}', 16), /tensor "a" has unknown dtype "F128"/);
});

test("malformed: __metadata__ not a string-to-string map", () => {
  expectError(rawFile('{"__metadata__":{"format":1}}', 0), /__metadata__ must map strings to strings, but key "format" holds 1/);
  expectError(rawFile('{"__metadata__":["pt"]}', 0), /__metadata__ must be an object/);
  assert.equal(deserialize(rawFile('{"__metadata__":null}', 0)).header.metadata, null);
});

test("malformed: sub-byte dtype whose size is not whole bytes", () => {
  expectError(rawFile('{"a":{"dtype":"F4","shape":[3],"data_offsets":[0,2]}}', 2), /12 bits, not a whole number of bytes/);
});

test("readHeaderSize / parseHeaderJson work as separate steps", () => {
  const bytes = rawFile(good, 12);
  const n = readHeaderSize(bytes.subarray(0, 8), bytes.length, "x");
  assert.equal(n, good.length);
  const h = parseHeaderJson(bytes.subarray(8, 8 + n), bytes.length, "x");
  assert.equal(h.dataStart, 8 + n);
  assert.deepEqual(h.tensors.get("b")?.data_offsets, [8, 12]);
});

test("serialize rejects bad input with clear errors", () => {
  const t = { dtype: "F32" as const, shape: [2], data: new Uint8Array(4) };
  assert.throws(() => serialize({ a: t }), /tensor "a": 4 data bytes but shape \[2\] of F32 needs 8/);
  assert.throws(() => serialize({ __metadata__: { ...t, data: new Uint8Array(8) } }), /reserved/);
  assert.throws(() => serialize({ a: { ...t, dtype: "F128" as SafetensorsDtype } }), /unknown dtype "F128"/);
  assert.throws(() => serialize({}, { k: 1 as unknown as string }), /metadata value for "k" must be a string/);
});
