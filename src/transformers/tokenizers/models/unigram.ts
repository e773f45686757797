// Unigram (SentencePiece): port of tokenizers/src/models/unigram/model.rs `encode_optimized`:
// Viterbi over the lattice of vocabulary pieces; characters no piece covers cost
// min_score - 10 and become the unk id; consecutive unknowns are fused (Rust's fuse_unk = true).
// Token strings are the surface pieces (an unknown piece keeps its text, as in Rust).
import type { Token } from "../normalized_string.js";
import type { JsonObject } from "../json.js";
import type { Model } from "./model.js";
import { ValueError } from "../../../utils/errors.js";
import { utf8 } from "../unicode.js";

const K_UNK_PENALTY = 10.0;

interface TrieNode {
  children: Map<number, TrieNode>;
  id: number; // -1 when no piece ends here
}

export interface UnigramOptions {
  unk_id?: number | null;
  byte_fallback?: boolean;
}

export class Unigram implements Model {
  readonly type = "Unigram" as const;
  readonly vocab: Array<[string, number]>;
  private tokenToIds = new Map<string, number>();
  unk_id: number | null;
  byte_fallback: boolean;
  fuse_unk = true;
  private minScore: number;
  private root: TrieNode = { children: new Map(), id: -1 };

  constructor(vocab: Array<[string, number]>, options: UnigramOptions = {}) {
    this.vocab = vocab;
    this.unk_id = options.unk_id ?? null;
    this.byte_fallback = options.byte_fallback ?? false;
    if (this.unk_id !== null && (this.unk_id < 0 || this.unk_id >= vocab.length)) {
      throw new ValueError(`Unigram: unk_id ${this.unk_id} is outside the vocabulary (size ${vocab.length})`);
    }
    let min = Infinity;
    for (let id = 0; id < vocab.length; id++) {
      const [piece, score] = vocab[id]!;
      if (!this.tokenToIds.has(piece)) this.tokenToIds.set(piece, id);
      if (score < min) min = score;
      this.insert(piece, id);
    }
    this.minScore = min === Infinity ? 0 : min;
  }

  private insert(piece: string, id: number): void {
    let node = this.root;
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      let nx = node.children.get(c);
      if (!nx) {
        nx = { children: new Map(), id: -1 };
        node.children.set(c, nx);
      }
      node = nx;
    }
    if (node.id === -1) node.id = id;
  }

  /** Best segmentation of `s` as surface strings. */
  encode(s: string): string[] {
    const n = s.length;
    if (n === 0) return [];
    const unkScore = this.minScore - K_UNK_PENALTY;
    const bestScore = new Float64Array(n + 1);
    const startsAt = new Int32Array(n + 1).fill(-1);
    const nodeId = new Int32Array(n + 1).fill(-1);
    for (let start = 0; start < n; ) {
      const c0 = s.charCodeAt(start);
      const mblen = c0 >= 0xd800 && c0 <= 0xdbff && start + 1 < n ? 2 : 1;
      const base = bestScore[start]!;
      let hasSingle = false;
      let node: TrieNode | undefined = this.root;
      for (let k = start; k < n; k++) {
        node = node.children.get(s.charCodeAt(k));
        if (!node) break;
        if (node.id === -1) continue;
        const end = k + 1;
        // a piece must end on a code point boundary
        if (end < n) {
          const c = s.charCodeAt(end);
          if (c >= 0xdc00 && c <= 0xdfff) continue;
        }
        const cand = this.vocab[node.id]![1] + base;
        if (startsAt[end] === -1 || cand > bestScore[end]!) {
          bestScore[end] = cand;
          startsAt[end] = start;
          nodeId[end] = node.id;
        }
        if (end - start === mblen) hasSingle = true;
      }
      if (!hasSingle) {
        const end = start + mblen;
        const cand = unkScore + base;
        if (startsAt[end] === -1 || cand > bestScore[end]!) {
          if (this.unk_id === null) throw new ValueError("Unigram: the input has a character outside the vocabulary and the model has no unk_id");
          bestScore[end] = cand;
          startsAt[end] = start;
          nodeId[end] = this.unk_id;
        }
      }
      start += mblen;
    }
    const results: string[] = [];
    let pending: string[] = [];
    let end = n;
    while (end > 0) {
      const st = startsAt[end]!;
      const piece = s.slice(st, end);
      if (this.fuse_unk && this.unk_id !== null && nodeId[end] === this.unk_id) {
        pending.push(piece);
      } else {
        if (pending.length > 0) {
          results.push(pending.reverse().join(""));
          pending = [];
        }
        results.push(piece);
      }
      end = st;
    }
    if (pending.length > 0) results.push(pending.reverse().join(""));
    return results.reverse();
  }

  tokenize(sequence: string): Token[] {
    const out: Token[] = [];
    let offset = 0;
    for (const piece of this.encode(sequence)) {
      const len = piece.length;
      const offsets: [number, number] = [offset, offset + len];
      let id = this.tokenToIds.get(piece);
      if (id === undefined) {
        if (this.byte_fallback) {
          const bytes = utf8(piece);
          const toks: Token[] = [];
          for (const b of bytes) {
            const name = `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`;
            const bid = this.tokenToIds.get(name);
            if (bid === undefined) break;
            toks.push({ id: bid, value: name, offsets: [offset, offset + len] });
          }
          if (toks.length === bytes.length) {
            out.push(...toks);
            offset += len;
            continue;
          }
        }
        if (this.unk_id === null) throw new ValueError("Unigram: missing unk_id");
        id = this.unk_id;
      }
      out.push({ id, value: piece, offsets });
      offset += len;
    }
    return out;
  }

  token_to_id(token: string): number | undefined {
    return this.tokenToIds.get(token);
  }
  id_to_token(id: number): string | undefined {
    return this.vocab[id]?.[0];
  }
  get_vocab(): Map<string, number> {
    return new Map(this.tokenToIds);
  }
  get_vocab_size(): number {
    return this.vocab.length;
  }
  toJSON(): JsonObject {
    return { type: "Unigram", unk_id: this.unk_id, vocab: this.vocab.map(([p, s]) => [p, s]), byte_fallback: this.byte_fallback };
  }
}
