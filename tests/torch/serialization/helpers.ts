// Test helpers for the serialization tests: a tiny pickle assembler and a tiny zip writer, so
// hostile and malformed inputs are built in the tests themselves (no Python needed).
import { deflateRawSync } from "node:zlib";
import * as zlib from "node:zlib";

type Part = number | readonly number[] | Uint8Array;

/** Concatenates opcodes/bytes into one pickle. */
export function pickle(...parts: Part[]): Uint8Array {
  const chunks = parts.map((p) => (typeof p === "number" ? Uint8Array.of(p) : p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const enc = new TextEncoder();
const u32le = (n: number): number[] => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];

/** Opcode builders (pickletools names). */
export const op = {
  PROTO: (v: number) => [0x80, v],
  STOP: 0x2e,
  MARK: 0x28,
  NONE: 0x4e,
  NEWTRUE: 0x88,
  NEWFALSE: 0x89,
  EMPTY_TUPLE: 0x29,
  EMPTY_LIST: 0x5d,
  EMPTY_DICT: 0x7d,
  TUPLE: 0x74,
  TUPLE1: 0x85,
  TUPLE2: 0x86,
  TUPLE3: 0x87,
  APPEND: 0x61,
  APPENDS: 0x65,
  SETITEM: 0x73,
  SETITEMS: 0x75,
  REDUCE: 0x52,
  BUILD: 0x62,
  NEWOBJ: 0x81,
  BINPERSID: 0x51,
  STACK_GLOBAL: 0x93,
  MEMOIZE: 0x94,
  EXT1: (code: number) => [0x82, code],
  BININT1: (v: number) => [0x4b, v],
  BININT: (v: number) => [0x4a, ...u32le(v)],
  BININT2: (v: number) => [0x4d, v & 255, (v >>> 8) & 255],
  LONG1: (le: readonly number[]) => [0x8a, le.length, ...le],
  BINPUT: (i: number) => [0x71, i],
  BINGET: (i: number) => [0x68, i],
  GLOBAL: (module: string, name: string) => [0x63, ...enc.encode(`${module}\n${name}\n`)],
  INST: (module: string, name: string) => [0x69, ...enc.encode(`${module}\n${name}\n`)],
  OBJ: 0x6f,
  BINUNICODE: (s: string) => {
    const b = enc.encode(s);
    return pickle([0x58, ...u32le(b.length)], b);
  },
  SHORT_BINUNICODE: (s: string) => {
    const b = enc.encode(s);
    return [0x8c, b.length, ...b];
  },
  BINBYTES: (b: readonly number[]) => [0x42, ...u32le(b.length), ...b],
};

function crc32(data: Uint8Array): number {
  const native = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
  if (native) return native(data) >>> 0;
  let c = 0xffffffff;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipInput {
  name: string;
  data: Uint8Array;
  deflate?: boolean;
}

/**
 * Writes a zip the way miniz/torch does (data descriptor flag, sizes in the central directory),
 * optionally with ZIP64 records (forced even for small files) and a trailing comment.
 */
export function makeZip(files: ZipInput[], opts: { zip64?: boolean; comment?: string; badCrc?: boolean } = {}): Uint8Array {
  const chunks: number[] = [];
  const central: number[] = [];
  const push16 = (a: number[], v: number) => a.push(v & 255, (v >>> 8) & 255);
  const push32 = (a: number[], v: number) => a.push(...u32le(v));
  const push64 = (a: number[], v: number) => { push32(a, v % 2 ** 32); push32(a, Math.floor(v / 2 ** 32)); };
  for (const f of files) {
    const name = enc.encode(f.name);
    const body = f.deflate ? deflateRawSync(f.data) : f.data;
    const crc = opts.badCrc ? (crc32(f.data) ^ 1) >>> 0 : crc32(f.data);
    const offset = chunks.length;
    const local: number[] = [];
    push32(local, 0x04034b50); push16(local, 20); push16(local, 0x808); push16(local, f.deflate ? 8 : 0);
    push16(local, 0); push16(local, 0); push32(local, 0); push32(local, 0); push32(local, 0);
    push16(local, name.length); push16(local, 4);
    local.push(...name, 0x46, 0x42, 0, 0); // an empty "FB" extra field, as torch's padding
    chunks.push(...local, ...body);
    // data descriptor
    push32(chunks, 0x08074b50); push32(chunks, crc); push32(chunks, body.length); push32(chunks, f.data.length);
    const c: number[] = [];
    push32(c, 0x02014b50); push16(c, 45); push16(c, 45); push16(c, 0x808); push16(c, f.deflate ? 8 : 0);
    push16(c, 0); push16(c, 0); push32(c, crc);
    const extra: number[] = [];
    if (opts.zip64) {
      push32(c, 0xffffffff); push32(c, 0xffffffff);
      push16(extra, 1); push16(extra, 24); push64(extra, f.data.length); push64(extra, body.length); push64(extra, offset);
    } else {
      push32(c, body.length); push32(c, f.data.length);
    }
    push16(c, name.length); push16(c, extra.length); push16(c, 0); push16(c, 0); push16(c, 0); push32(c, 0);
    push32(c, opts.zip64 ? 0xffffffff : offset);
    c.push(...name, ...extra);
    central.push(...c);
  }
  const cdOffset = chunks.length;
  chunks.push(...central);
  if (opts.zip64) {
    const z64 = chunks.length;
    push32(chunks, 0x06064b50); push64(chunks, 44); push16(chunks, 45); push16(chunks, 45); push32(chunks, 0); push32(chunks, 0);
    push64(chunks, files.length); push64(chunks, files.length); push64(chunks, central.length); push64(chunks, cdOffset);
    push32(chunks, 0x07064b50); push32(chunks, 0); push64(chunks, z64); push32(chunks, 1);
  }
  const comment = enc.encode(opts.comment ?? "");
  push32(chunks, 0x06054b50); push16(chunks, 0); push16(chunks, 0);
  push16(chunks, opts.zip64 ? 0xffff : files.length); push16(chunks, opts.zip64 ? 0xffff : files.length);
  push32(chunks, opts.zip64 ? 0xffffffff : central.length); push32(chunks, opts.zip64 ? 0xffffffff : cdOffset);
  push16(chunks, comment.length);
  chunks.push(...comment);
  return Uint8Array.from(chunks);
}
