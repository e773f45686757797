// Tests for the minimal zip reader (src/torch/serialization/zip.ts). Archives come from the
// torch.save fixtures (miniz-written, torch 1.13) and from the small writer in helpers.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ZipReader, bufferSource, fileSource, looksLikeZip } from "../../../src/torch/serialization/zip.js";
import { makeZip } from "./helpers.js";

const FIXTURES = new URL("../../../../shared/fixtures/models/", import.meta.url).pathname;
const enc = new TextEncoder();
const dec = new TextDecoder();

test("reads a torch.save archive: record names, STORED data, 64-byte aligned records", async () => {
  const path = `${FIXTURES}bert-tiny-cls/pytorch_model.bin`;
  const bytes = new Uint8Array(readFileSync(path));
  assert.ok(looksLikeZip(bytes));
  const zip = await ZipReader.open(bufferSource(bytes, path));
  assert.equal(zip.entries[0]?.name, "pytorch_model/data.pkl");
  assert.equal(dec.decode(await zip.read("pytorch_model/version")), "3\n");
  const rec = await zip.read("pytorch_model/data/0");
  assert.equal(rec.length, 99 * 32 * 4);
  assert.equal(rec.byteOffset % 64, 0, "torch pads records to 64 bytes; the local extra field must be honoured");
  // The same through positioned file reads.
  const src = await fileSource(path);
  try {
    const z2 = await ZipReader.open(src);
    assert.ok(Buffer.from(await z2.read("pytorch_model/data/0")).equals(Buffer.from(rec)));
  } finally {
    await src.close();
  }
});

test("STORED and DEFLATE entries, with an archive comment", async () => {
  const big = enc.encode("abc".repeat(1000));
  const zip = await ZipReader.open(bufferSource(makeZip([
    { name: "a/x.txt", data: enc.encode("hello") },
    { name: "a/big.txt", data: big, deflate: true },
    { name: "a/empty", data: new Uint8Array(0) },
  ], { comment: "a comment with PK\x05\x06 inside" })));
  assert.deepEqual(zip.entries.map((e) => [e.name, e.method]), [["a/x.txt", 0], ["a/big.txt", 8], ["a/empty", 0]]);
  assert.equal(dec.decode(await zip.read("a/x.txt")), "hello");
  assert.ok(Buffer.from(await zip.read("a/big.txt")).equals(Buffer.from(big)));
  assert.ok((zip.get("a/big.txt")?.compressedSize ?? 0) < big.length);
  assert.equal((await zip.read("a/empty")).length, 0);
});

test("ZIP64 end records and extended-information extra fields", async () => {
  const zip = await ZipReader.open(bufferSource(makeZip([
    { name: "z/one", data: enc.encode("first") },
    { name: "z/two", data: enc.encode("second"), deflate: true },
  ], { zip64: true })));
  assert.equal(zip.entries.length, 2);
  assert.equal(dec.decode(await zip.read("z/one")), "first");
  assert.equal(dec.decode(await zip.read("z/two")), "second");
  assert.equal(zip.get("z/two")?.uncompressedSize, 6);
});

test("CRC-32 mismatch is reported (and can be skipped)", async () => {
  const zip = await ZipReader.open(bufferSource(makeZip([{ name: "c/x", data: enc.encode("data") }], { badCrc: true }), "crc.zip"));
  await assert.rejects(zip.read("c/x"), /crc\.zip: zip record "c\/x": CRC-32 mismatch/);
  assert.equal(dec.decode(await zip.read("c/x", { verifyCrc: false })), "data");
});

test("truncated or corrupt archives give clear errors", async () => {
  const good = makeZip([{ name: "t/a", data: enc.encode("0123456789") }]);
  await assert.rejects(ZipReader.open(bufferSource(good.subarray(0, good.length - 5), "cut.zip")), /cut\.zip: not a valid zip archive \(truncated or corrupt\?\): no end-of-central-directory record/);
  await assert.rejects(ZipReader.open(bufferSource(new Uint8Array(10), "tiny.zip")), /too small for an end-of-central-directory record/);
  // Central directory offset pointing past the end (e.g. the front of the file was cut off).
  const shifted = good.subarray(20);
  await assert.rejects(ZipReader.open(bufferSource(shifted, "front.zip")), /front\.zip: not a valid zip archive/);
  // A local header offset beyond the data.
  const bad = good.slice();
  const view = new DataView(bad.buffer);
  const eocd = bad.length - 22;
  const cd = view.getUint32(eocd + 16, true);
  view.setUint32(cd + 42, 1_000_000, true);
  const zip = await ZipReader.open(bufferSource(bad, "off.zip"));
  await assert.rejects(zip.read("t/a"), /off\.zip: zip record "t\/a": local header at 1000000 is past the end of the file/);
  await assert.rejects(zip.read("t/missing"), /has no record "t\/missing"/);
});

test("unsupported compression method and encryption are refused by name", async () => {
  const bytes = makeZip([{ name: "m/a", data: enc.encode("x") }]);
  const view = new DataView(bytes.buffer);
  const cd = view.getUint32(bytes.length - 22 + 16, true);
  view.setUint16(cd + 10, 12, true); // bzip2
  await assert.rejects((await ZipReader.open(bufferSource(bytes))).read("m/a"), /compression method 12/);
  view.setUint16(cd + 10, 0, true);
  view.setUint16(cd + 8, 1, true); // encrypted
  await assert.rejects((await ZipReader.open(bufferSource(bytes))).read("m/a"), /encrypted/);
});
