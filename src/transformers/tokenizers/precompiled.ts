// SentencePiece's precompiled normalization map (a darts-clone double-array trie over UTF-8 plus
// a pool of NUL-terminated replacements), as the `spm_precompiled` crate reads it for HF's
// `Precompiled` normalizer. Graphemes come from Intl.Segmenter, like the Rust `graphemes(true)`.
import type { NormalizedString } from "./normalized_string.js";
import { utf8 } from "./unicode.js";

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

export class Precompiled {
  private constructor(private trie: Uint32Array, private pool: Uint8Array) {}

  static fromBase64(b64: string): Precompiled {
    const bytes = new Uint8Array(Buffer.from(b64, "base64"));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const trieSize = view.getUint32(0, true);
    const n = trieSize / 4;
    const trie = new Uint32Array(n);
    for (let i = 0; i < n; i++) trie[i] = view.getUint32(4 + 4 * i, true);
    return new Precompiled(trie, bytes.subarray(4 + trieSize));
  }

  private commonPrefixFirst(key: Uint8Array): number | null {
    const a = this.trie;
    let pos = 0;
    let unit = a[pos]!;
    pos ^= offset(unit);
    for (const c of key) {
      if (c === 0) break;
      pos ^= c;
      unit = a[pos]!;
      if (label(unit) !== c) return null;
      pos ^= offset(unit);
      if (hasLeaf(unit)) return a[pos]! & 0x7fffffff;
    }
    return null;
  }

  /** The replacement for `chunk`, or null when the map has none. */
  transform(chunk: string): string | null {
    const idx = this.commonPrefixFirst(utf8(chunk));
    if (idx === null) return null;
    let end = idx;
    while (end < this.pool.length && this.pool[end] !== 0) end++;
    return decoder.decode(this.pool.subarray(idx, end));
  }

  normalize(ns: NormalizedString): void {
    const dc: string[] = [];
    const dch: number[] = [];
    let modified = false;
    const replace = (old: string, neu: string): void => {
      const oldCount = Array.from(old).length;
      const newChars = Array.from(neu);
      const diff = newChars.length - oldCount;
      for (const c of newChars) {
        dc.push(c);
        dch.push(0);
      }
      if (diff > 0) for (let k = 0; k < diff; k++) dch[dch.length - 1 - k] = 1;
      else if (diff < 0 && dch.length > 0) dch[dch.length - 1]! += diff;
    };
    const seg = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    for (const { segment } of seg.segment(ns.get())) {
      if (utf8(segment).length < 6) {
        const t = this.transform(segment);
        if (t !== null) {
          modified = true;
          replace(segment, t);
          continue;
        }
      }
      for (const c of segment) {
        const t = this.transform(c);
        if (t !== null) {
          modified = true;
          replace(c, t);
        } else {
          dc.push(c);
          dch.push(0);
        }
      }
    }
    if (modified) ns.transform(dc, dch, 0);
  }
}

function hasLeaf(u: number): boolean {
  return ((u >>> 8) & 1) === 1;
}
function label(u: number): number {
  return (u & (0x80000000 | 0xff)) >>> 0;
}
function offset(u: number): number {
  return ((u >>> 10) << ((u & (1 << 9)) >>> 6)) >>> 0;
}
