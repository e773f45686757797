/**
 * A minimal, bounds-checked ZIP reader for `torch.save` archives (PyTorch's
 * caffe2/serialize/inline_container.cc writes them with miniz: STORED entries, data descriptors
 * (flag bit 3, so the local header sizes are 0), and a "FB" extra field in the local header that
 * pads each record to 64 bytes).
 *
 * Reads through a random-access {@link ByteSource} so a multi-GB checkpoint never has to sit in
 * one Buffer (Node caps `fs.readFile` at 2 GiB): only the central directory and the records asked
 * for are read. ZIP64 sizes/offsets are supported; DEFLATE is inflated with node:zlib in case a
 * checkpoint was re-zipped by another tool. Sizes and offsets always come from the central
 * directory, because the local header's are zero under a data descriptor.
 */
import * as zlib from "node:zlib";
import { open } from "node:fs/promises";

/** Random access to a file or buffer: `read` returns exactly `length` bytes at `offset` or throws. */
export interface ByteSource {
  readonly size: number;
  /** Label used in error messages (usually the path). */
  readonly name: string;
  read(offset: number, length: number): Promise<Uint8Array>;
  close?(): Promise<void>;
}

/** A source over bytes already in memory; reads are zero-copy views. */
export function bufferSource(bytes: Uint8Array, name = "<buffer>"): ByteSource {
  return {
    size: bytes.length,
    name,
    read: async (offset, length) => {
      if (offset < 0 || length < 0 || offset + length > bytes.length) {
        throw new Error(`${name}: read of ${length} bytes at offset ${offset} is past the end of the ${bytes.length}-byte file (truncated?)`);
      }
      return bytes.subarray(offset, offset + length);
    },
  };
}

/** A source over a file on disk (positioned reads; remember to `close()`). */
export async function fileSource(path: string): Promise<ByteSource & { close(): Promise<void> }> {
  const handle = await open(path, "r");
  const { size } = await handle.stat();
  return {
    size,
    name: path,
    read: async (offset, length) => {
      if (offset < 0 || length < 0 || offset + length > size) {
        throw new Error(`${path}: read of ${length} bytes at offset ${offset} is past the end of the ${size}-byte file (truncated?)`);
      }
      // Not the shared pool: each read owns its ArrayBuffer at offset 0, so typed views are aligned.
      const buf = Buffer.allocUnsafeSlow(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buf, done, length - done, offset + done);
        if (bytesRead === 0) throw new Error(`${path}: unexpected end of file at offset ${offset + done}`);
        done += bytesRead;
      }
      return buf;
    },
    close: () => handle.close(),
  };
}

export interface ZipEntry {
  name: string;
  /** 0 = STORED, 8 = DEFLATE. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

function u64(view: DataView, off: number, what: string, file: string): number {
  const v = view.getBigUint64(off, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`${file}: corrupt zip: ${what} ${v} is out of range`);
  return Number(v);
}

const dv = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** CRC-32 (IEEE); node:zlib has `crc32` from Node 20.15, the table fallback covers older 20.x. */
let crcTable: Uint32Array | null = null;
function crc32(data: Uint8Array): number {
  const native = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
  if (native) return native(data) >>> 0;
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = (crcTable[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export class ZipReader {
  /** Entries in central-directory order. */
  readonly entries: readonly ZipEntry[];
  private readonly byName: Map<string, ZipEntry>;

  private constructor(readonly source: ByteSource, entries: ZipEntry[]) {
    this.entries = entries;
    this.byName = new Map(entries.map((e) => [e.name, e]));
  }

  /** Parses the end-of-central-directory record(s) and the central directory. */
  static async open(source: ByteSource): Promise<ZipReader> {
    const file = source.name;
    const bad = (msg: string): never => {
      throw new Error(`${file}: not a valid zip archive (truncated or corrupt?): ${msg}`);
    };
    if (source.size < 22) bad(`${source.size} bytes is too small for an end-of-central-directory record`);
    // The EOCD is 22 bytes plus a comment of at most 65535 bytes, so scan that tail backwards.
    const tailLen = Math.min(source.size, 22 + 0xffff);
    const tailStart = source.size - tailLen;
    const tail = await source.read(tailStart, tailLen);
    const tv = dv(tail);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tv.getUint32(i, true) === SIG_EOCD && i + 22 + tv.getUint16(i + 20, true) <= tailLen) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) bad("no end-of-central-directory record");
    let count = tv.getUint16(eocd + 10, true);
    let cdSize = tv.getUint32(eocd + 12, true);
    let cdOffset = tv.getUint32(eocd + 16, true);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      // ZIP64: the locator sits just before the EOCD and points at the ZIP64 EOCD record.
      const locAbs = tailStart + eocd - 20;
      if (locAbs < 0) bad("ZIP64 fields set but no ZIP64 locator");
      const loc = dv(await source.read(locAbs, 20));
      if (loc.getUint32(0, true) !== SIG_ZIP64_LOCATOR) bad("ZIP64 locator signature missing");
      const z64Off = u64(loc, 8, "ZIP64 EOCD offset", file);
      if (z64Off + 56 > source.size) bad(`ZIP64 EOCD offset ${z64Off} is past the end of the file`);
      const z = dv(await source.read(z64Off, 56));
      if (z.getUint32(0, true) !== SIG_ZIP64_EOCD) bad("ZIP64 end-of-central-directory signature missing");
      count = u64(z, 32, "entry count", file);
      cdSize = u64(z, 40, "central directory size", file);
      cdOffset = u64(z, 48, "central directory offset", file);
    }
    if (cdOffset + cdSize > source.size) bad(`central directory [${cdOffset}, +${cdSize}) is past the end of the ${source.size}-byte file`);
    const cd = await source.read(cdOffset, cdSize);
    const cv = dv(cd);
    const names = new TextDecoder("utf-8");
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cv.getUint32(p, true) !== SIG_CENTRAL) bad(`central directory entry ${i} is malformed`);
      const nameLen = cv.getUint16(p + 28, true);
      const extraLen = cv.getUint16(p + 30, true);
      const commentLen = cv.getUint16(p + 32, true);
      const next = p + 46 + nameLen + extraLen + commentLen;
      if (next > cd.length) bad(`central directory entry ${i} runs past the directory`);
      const entry: ZipEntry = {
        name: names.decode(cd.subarray(p + 46, p + 46 + nameLen)),
        flags: cv.getUint16(p + 8, true),
        method: cv.getUint16(p + 10, true),
        crc32: cv.getUint32(p + 16, true),
        compressedSize: cv.getUint32(p + 20, true),
        uncompressedSize: cv.getUint32(p + 24, true),
        localHeaderOffset: cv.getUint32(p + 42, true),
      };
      // ZIP64 extended information (tag 1) holds, in this order, only the fields that are 0xFFFFFFFF.
      let e = p + 46 + nameLen;
      const extraEnd = e + extraLen;
      while (e + 4 <= extraEnd) {
        const tag = cv.getUint16(e, true);
        const len = cv.getUint16(e + 2, true);
        if (e + 4 + len > extraEnd) bad(`extra field of ${JSON.stringify(entry.name)} runs past its entry`);
        if (tag === 1) {
          let q = e + 4;
          const take = (what: string): number => {
            if (q + 8 > e + 4 + len) bad(`ZIP64 extra field of ${JSON.stringify(entry.name)} lacks the ${what}`);
            const v = u64(cv, q, what, file);
            q += 8;
            return v;
          };
          if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = take("uncompressed size");
          if (entry.compressedSize === 0xffffffff) entry.compressedSize = take("compressed size");
          if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take("local header offset");
        }
        e += 4 + len;
      }
      entries.push(entry);
      p = next;
    }
    return new ZipReader(source, entries);
  }

  get(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /** Reads and (if needed) inflates one entry; STORED entries from a buffer source are zero-copy views. */
  async read(nameOrEntry: string | ZipEntry, opts: { verifyCrc?: boolean } = {}): Promise<Uint8Array> {
    const file = this.source.name;
    const entry = typeof nameOrEntry === "string" ? this.byName.get(nameOrEntry) : nameOrEntry;
    if (!entry) throw new Error(`${file}: the zip archive has no record ${JSON.stringify(nameOrEntry)}`);
    const where = `${file}: zip record ${JSON.stringify(entry.name)}`;
    if (entry.flags & 1) throw new Error(`${where} is encrypted, which torch.load does not support either`);
    if (entry.localHeaderOffset + 30 > this.source.size) throw new Error(`${where}: local header at ${entry.localHeaderOffset} is past the end of the file (truncated?)`);
    const lh = dv(await this.source.read(entry.localHeaderOffset, 30));
    if (lh.getUint32(0, true) !== SIG_LOCAL) throw new Error(`${where}: bad local header signature (corrupt archive)`);
    // The local extra field differs from the central one (torch's alignment padding), so the data
    // offset must be computed from the local header's own lengths.
    const dataStart = entry.localHeaderOffset + 30 + lh.getUint16(26, true) + lh.getUint16(28, true);
    if (dataStart + entry.compressedSize > this.source.size) {
      throw new Error(`${where}: data [${dataStart}, +${entry.compressedSize}) is past the end of the ${this.source.size}-byte file (truncated?)`);
    }
    const raw = await this.source.read(dataStart, entry.compressedSize);
    let data: Uint8Array;
    if (entry.method === 0) {
      data = raw;
    } else if (entry.method === 8) {
      try {
        data = zlib.inflateRawSync(raw);
      } catch (e) {
        throw new Error(`${where}: DEFLATE data is corrupt (${(e as Error).message})`);
      }
    } else {
      throw new Error(`${where} uses compression method ${entry.method}; only STORED (0) and DEFLATE (8) are supported`);
    }
    if (data.length !== entry.uncompressedSize) {
      throw new Error(`${where}: expected ${entry.uncompressedSize} bytes, got ${data.length} (corrupt archive)`);
    }
    if (opts.verifyCrc ?? true) {
      const got = crc32(data);
      if (got !== entry.crc32) throw new Error(`${where}: CRC-32 mismatch (stored ${entry.crc32.toString(16)}, computed ${got.toString(16)}): the file is corrupt`);
    }
    return data;
  }
}

/** True when the bytes start with a local file header, the check `torch.serialization._is_zipfile` makes. */
export function looksLikeZip(prefix: Uint8Array): boolean {
  return prefix.length >= 4 && dv(prefix).getUint32(0, true) === SIG_LOCAL;
}
