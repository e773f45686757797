// Post-processors: port of tokenizers/src/processors/*.rs (TemplateProcessing, BertProcessing,
// RobertaProcessing, ByteLevel, Sequence). They add special tokens, set type ids and sequence
// ranges, and (ByteLevel/Roberta with trim_offsets) trim whitespace out of offsets.
import { Encoding, catLists } from "./encoding.js";
import { BYTES_CHAR, isWhitespace } from "./unicode.js";
import { JsonReader, type JsonObject, type JsonValue } from "./json.js";
import { ValueError } from "../../utils/errors.js";

export interface PostProcessor {
  added_tokens(isPair: boolean): number;
  process_encodings(encodings: Encoding[], addSpecialTokens: boolean): Encoding[];
  toJSON(): JsonObject;
}

/** Rust `PostProcessor::process` (the trait's default). */
export function postProcess(p: PostProcessor | null, encoding: Encoding, pair: Encoding | null, addSpecialTokens: boolean): Encoding {
  const encs = pair ? [encoding, pair] : [encoding];
  if (!p) {
    if (encs.length === 1) return encoding;
    encs.forEach((e, i) => e.set_sequence_id(i));
    return Encoding.merge(encs, false);
  }
  for (let i = 0; i < encs.length; i++) encs[i]!.set_sequence_id(i);
  const out = p.process_encodings(encs, addSpecialTokens);
  // merge of one encoding is a copy of it; the processed one is not used elsewhere
  return out.length === 1 ? out[0]! : Encoding.merge(out, false);
}

const SPACE_CHAR = BYTES_CHAR[32]!;

/** Rust byte_level::process_offsets: move offsets past leading/trailing spaces of each token. */
export function trimOffsets(encoding: Encoding, addPrefixSpace: boolean): void {
  trimOffsetsOf(encoding, addPrefixSpace);
  for (const o of encoding.overflowing) trimOffsetsOf(o, addPrefixSpace);
}

const SPACE_CODE = SPACE_CHAR.charCodeAt(0);
function isTrimmed(c: number): boolean {
  return c === SPACE_CODE || isWhitespace(c);
}

function trimOffsetsOf(e: Encoding, addPrefixSpace: boolean): void {
  const n = e.tokens.length;
  if (e.hasFlatOffsets()) {
    trimFlatOffsets(e.tokens, e.offsetsFlat(), n, addPrefixSpace);
    return;
  }
  const flat = e.offsetsFlat(); // a copy: write the changed pairs back
  trimFlatOffsets(e.tokens, flat, n, addPrefixSpace);
  for (let i = 0; i < n; i++) {
    if (flat[2 * i] !== e.offsetStart(i) || flat[2 * i + 1] !== e.offsetEnd(i)) e.setOffset(i, flat[2 * i]!, flat[2 * i + 1]!);
  }
}

/** trimOffsets on the first `n` tokens and flat offsets ([start0, end0, …]) of a sequence, in place. */
export function trimFlatOffsets(tokens: string[], flat: number[], n: number, addPrefixSpace: boolean): void {
  for (let i = 0; i < n; i++) {
    const tok = tokens[i]!;
    const len = tok.length;
    if (len === 0) continue;
    const c0 = tok.charCodeAt(0);
    const c1 = tok.charCodeAt(len - 1);
    // common case first: printable ASCII at both ends (never trimmed)
    if (c0 > 32 && c0 < 128 && c1 > 32 && c1 < 128) continue;
    if (!isTrimmed(c0) && !isTrimmed(c1)) continue;
    let lead = 0;
    while (lead < len && isTrimmed(tok.charCodeAt(lead))) lead++;
    let trail = 0;
    while (trail < len && isTrimmed(tok.charCodeAt(len - 1 - trail))) trail++;
    let s = flat[2 * i]!;
    let en = flat[2 * i + 1]!;
    if (lead > 0) {
      const isFirst = i === 0 || s === 0;
      if (isFirst && addPrefixSpace && lead === 1) lead = 0;
      s = Math.min(s + lead, en);
    }
    if (trail > 0 && en >= trail) en = Math.max(en - trail, s);
    flat[2 * i] = s;
    flat[2 * i + 1] = en;
  }
}

/** Special tokens around a sequence: ids, token strings, type ids (equal lengths). */
export interface SpecialRun {
  ids: number[];
  tokens: string[];
  type_ids: number[];
}

/**
 * What post-processing does to ONE sequence (no pair, no truncation) when it only trims offsets,
 * sets type ids and puts special tokens around it — for the fast paths, which then build the final
 * Encoding in one go. `singleWrapOf` below is checked against `postProcess` by the fast-path tests.
 */
export interface SingleWrap {
  head: SpecialRun;
  tail: SpecialRun;
  /** Type id given to the sequence's tokens; null: they keep theirs. */
  typeId: number | null;
  /** trim_offsets with this add_prefix_space; null: no trimming. */
  trim: boolean | null;
  /** Whether sequence_ranges gets {0: the sequence's tokens} (false only without a post-processor). */
  range: boolean;
}

const NO_SPECIALS: SpecialRun = { ids: [], tokens: [], type_ids: [] };
function oneSpecial(t: [string, number]): SpecialRun {
  return { ids: [t[1]], tokens: [t[0]], type_ids: [0] };
}

/** The SingleWrap equivalent to `postProcess(p, encoding, null, addSpecialTokens)`, or null. */
export function singleWrapOf(p: PostProcessor | null, addSpecialTokens: boolean): SingleWrap | null {
  if (p === null) return { head: NO_SPECIALS, tail: NO_SPECIALS, typeId: null, trim: null, range: false };
  const proto = Object.getPrototypeOf(p) as object;
  if (proto === ByteLevelProcessor.prototype) {
    const b = p as ByteLevelProcessor;
    return { head: NO_SPECIALS, tail: NO_SPECIALS, typeId: null, trim: b.trim_offsets ? b.add_prefix_space : null, range: true };
  }
  if (proto === BertProcessing.prototype) {
    const b = p as BertProcessing;
    if (!addSpecialTokens) return { head: NO_SPECIALS, tail: NO_SPECIALS, typeId: null, trim: null, range: true };
    return { head: oneSpecial(b.cls), tail: oneSpecial(b.sep), typeId: 0, trim: null, range: true };
  }
  if (proto === RobertaProcessing.prototype) {
    const r = p as RobertaProcessing;
    const trim = r.trim_offsets ? r.add_prefix_space : null;
    if (!addSpecialTokens) return { head: NO_SPECIALS, tail: NO_SPECIALS, typeId: 0, trim, range: true };
    return { head: oneSpecial(r.cls), tail: oneSpecial(r.sep), typeId: 0, trim, range: true };
  }
  if (proto === TemplateProcessing.prototype) return (p as TemplateProcessing).singleWrap(addSpecialTokens);
  return null;
}

export class ByteLevelProcessor implements PostProcessor {
  constructor(public add_prefix_space = true, public trim_offsets = true, public use_regex = true) {}
  added_tokens(): number {
    return 0;
  }
  process_encodings(encodings: Encoding[]): Encoding[] {
    if (this.trim_offsets) for (const e of encodings) trimOffsets(e, this.add_prefix_space);
    encodings.forEach((e, i) => e.set_sequence_id(i));
    return encodings;
  }
  toJSON(): JsonObject {
    return { type: "ByteLevel", add_prefix_space: this.add_prefix_space, trim_offsets: this.trim_offsets, use_regex: this.use_regex };
  }
}

/** BertProcessing / RobertaProcessing share this shape: CLS A SEP (+ [SEP] B SEP for RoBERTa). */
abstract class ClsSepProcessor implements PostProcessor {
  constructor(public sep: [string, number], public cls: [string, number]) {}
  abstract added_tokens(isPair: boolean): number;
  abstract process_encodings(encodings: Encoding[], addSpecialTokens: boolean): Encoding[];
  abstract toJSON(): JsonObject;

  protected wrap(e: Encoding, first: [string, number] | null, last: [string, number], typeId: number, seqId: number): Encoding {
    return wrapOne(e, first, last, typeId, seqId, e.overflowing.map((o) => wrapOne(o, first, last, typeId, seqId, [])));
  }
}

/** `first? x last` with the type id, special-token mask and sequence range of ClsSepProcessor. */
function wrapOne(x: Encoding, first: [string, number] | null, last: [string, number], typeId: number, seqId: number, overflowing: Encoding[]): Encoding {
  const pre = first ? 1 : 0;
  const n = x.length + pre + 1;
  const special = new Array<number>(n).fill(0);
  special[0] = pre;
  special[n - 1] = 1;
  const out = new Encoding({
    ids: catLists(first ? [[first[1]], x.ids, [last[1]]] : [x.ids, [last[1]]], n),
    tokens: catLists(first ? [[first[0]], x.tokens, [last[0]]] : [x.tokens, [last[0]]], n),
    type_ids: new Array<number>(n).fill(typeId),
    words: catLists<number | null>(first ? [[null], x.words, [null]] : [x.words, [null]], n),
    flat_offsets: catLists(first ? [[0, 0], x.offsetsFlat(), [0, 0]] : [x.offsetsFlat(), [0, 0]], 2 * n),
    special_tokens_mask: special,
    attention_mask: new Array<number>(n).fill(1),
  });
  out.overflowing = overflowing;
  out.sequence_ranges.set(seqId, [pre, n - 1]);
  return out;
}

export class BertProcessing extends ClsSepProcessor {
  added_tokens(isPair: boolean): number {
    return isPair ? 3 : 2;
  }
  process_encodings(encodings: Encoding[], addSpecialTokens: boolean): Encoding[] {
    if (!addSpecialTokens) return encodings;
    return encodings.map((e, i) => (i === 0 ? this.wrap(e, this.cls, this.sep, 0, 0) : this.wrap(e, null, this.sep, 1, 1)));
  }
  toJSON(): JsonObject {
    return { type: "BertProcessing", sep: [this.sep[0], this.sep[1]], cls: [this.cls[0], this.cls[1]] };
  }
}

export class RobertaProcessing extends ClsSepProcessor {
  constructor(sep: [string, number], cls: [string, number], public trim_offsets = true, public add_prefix_space = true) {
    super(sep, cls);
  }
  added_tokens(isPair: boolean): number {
    return isPair ? 4 : 2;
  }
  process_encodings(encodings: Encoding[], addSpecialTokens: boolean): Encoding[] {
    if (this.trim_offsets) for (const e of encodings) trimOffsets(e, this.add_prefix_space);
    // RoBERTa gives every token type id 0.
    for (const e of encodings) e.type_ids = new Array<number>(e.length).fill(0);
    if (!addSpecialTokens) return encodings;
    return encodings.map((e, i) => (i === 0 ? this.wrap(e, this.cls, this.sep, 0, 0) : this.wrap(e, this.sep, this.sep, 0, 1)));
  }
  toJSON(): JsonObject {
    return {
      type: "RobertaProcessing", sep: [this.sep[0], this.sep[1]], cls: [this.cls[0], this.cls[1]],
      trim_offsets: this.trim_offsets, add_prefix_space: this.add_prefix_space,
    };
  }
}

export type TemplatePiece = { SpecialToken: { id: string; type_id: number } } | { Sequence: { id: "A" | "B"; type_id: number } };
export interface TemplateSpecialToken {
  id: string;
  ids: number[];
  tokens: string[];
}

/** Parse HF's template strings: "[CLS] $A [SEP]", "$B:1", "[SEP]:1", "$0"… */
export function parseTemplate(template: string | string[]): TemplatePiece[] {
  const parts = Array.isArray(template) ? template : template.split(" ").filter((s) => s.length > 0);
  return parts.map((p) => {
    let name = p;
    let typeId = 0;
    const colon = p.lastIndexOf(":");
    if (colon > 0 && /^\d+$/.test(p.slice(colon + 1))) {
      name = p.slice(0, colon);
      typeId = Number(p.slice(colon + 1));
    }
    if (name.startsWith("$")) {
      const rest = name.slice(1);
      if (rest === "" || rest === "A" || rest === "a") return { Sequence: { id: "A" as const, type_id: typeId } };
      if (rest === "B" || rest === "b") return { Sequence: { id: "B" as const, type_id: typeId } };
      if (/^\d+$/.test(rest)) return { Sequence: { id: "A" as const, type_id: Number(rest) } };
      throw new ValueError(`TemplateProcessing: cannot parse template piece "${p}"`);
    }
    return { SpecialToken: { id: name, type_id: typeId } };
  });
}

export class TemplateProcessing implements PostProcessor {
  private nSingle: number;
  private nPair: number;
  constructor(public single: TemplatePiece[], public pair: TemplatePiece[], public special_tokens: Map<string, TemplateSpecialToken>) {
    const count = (t: TemplatePiece[]): number =>
      t.reduce((n, p) => n + ("SpecialToken" in p ? (this.special_tokens.get(p.SpecialToken.id)?.ids.length ?? 0) : 0), 0);
    for (const t of [single, pair]) {
      for (const p of t) {
        if ("SpecialToken" in p && !special_tokens.has(p.SpecialToken.id)) {
          throw new ValueError(`TemplateProcessing: missing special token "${p.SpecialToken.id}" in special_tokens`);
        }
      }
    }
    this.nSingle = count(single);
    this.nPair = count(pair);
  }

  added_tokens(isPair: boolean): number {
    return isPair ? this.nPair : this.nSingle;
  }

  /** The `single` template as a SingleWrap (see singleWrapOf): exactly one "$A", special tokens around it. */
  singleWrap(addSpecialTokens: boolean): SingleWrap | null {
    const head: SpecialRun = { ids: [], tokens: [], type_ids: [] };
    const tail: SpecialRun = { ids: [], tokens: [], type_ids: [] };
    let typeId: number | null = null;
    for (const piece of this.single) {
      if ("Sequence" in piece) {
        if (piece.Sequence.id !== "A" || typeId !== null) return null;
        typeId = piece.Sequence.type_id;
      } else if (addSpecialTokens) {
        const tok = this.special_tokens.get(piece.SpecialToken.id)!;
        if (tok.ids.length !== tok.tokens.length) return null;
        const run = typeId === null ? head : tail;
        for (let k = 0; k < tok.ids.length; k++) {
          run.ids.push(tok.ids[k]!);
          run.tokens.push(tok.tokens[k]!);
          run.type_ids.push(piece.SpecialToken.type_id);
        }
      }
    }
    if (typeId === null) return null;
    return { head, tail, typeId, trim: null, range: true };
  }

  process_encodings(encodings: Encoding[], addSpecialTokens: boolean): Encoding[] {
    const template = encodings.length === 2 ? this.pair : this.single;
    const out: Encoding[] = [];
    const used = new Set<Encoding>();
    for (const piece of template) {
      if ("Sequence" in piece) {
        const i = piece.Sequence.id === "A" ? 0 : 1;
        const e = encodings[i];
        if (!e) continue;
        // a copy only when the template repeats a sequence (Rust clones each use)
        const x = used.has(e) ? e.clone() : e;
        used.add(e);
        x.type_ids = new Array<number>(x.length).fill(piece.Sequence.type_id);
        x.set_sequence_id(i);
        out.push(x);
      } else if (addSpecialTokens) {
        const tok = this.special_tokens.get(piece.SpecialToken.id)!;
        out.push(Encoding.fromSpecial(tok.ids, tok.tokens, piece.SpecialToken.type_id));
      }
    }
    return out;
  }

  toJSON(): JsonObject {
    const st: JsonObject = {};
    for (const [k, v] of this.special_tokens) st[k] = { id: v.id, ids: v.ids, tokens: v.tokens };
    return { type: "TemplateProcessing", single: this.single as unknown as JsonValue, pair: this.pair as unknown as JsonValue, special_tokens: st };
  }
}

export class PostProcessorSequence implements PostProcessor {
  constructor(public processors: PostProcessor[]) {}
  added_tokens(isPair: boolean): number {
    return this.processors.reduce((n, p) => n + p.added_tokens(isPair), 0);
  }
  process_encodings(encodings: Encoding[], addSpecialTokens: boolean): Encoding[] {
    let e = encodings;
    for (const p of this.processors) e = p.process_encodings(e, addSpecialTokens);
    return e;
  }
  toJSON(): JsonObject {
    return { type: "Sequence", processors: this.processors.map((p) => p.toJSON()) };
  }
}

function readPair(r: JsonReader, key: string): [string, number] {
  const p = r.arr(key);
  if (p.length !== 2) throw r.error(key, "expected [token, id]");
  return [p[0]!.asString(), p[1]!.asNumber()];
}

function readPieces(r: JsonReader, key: string): TemplatePiece[] {
  const v = r.raw(key);
  if (typeof v === "string") return parseTemplate(v);
  return r.arr(key).map((p) => {
    if (typeof p.value === "string") return parseTemplate(p.value)[0]!;
    if (p.has("SpecialToken")) {
      const s = p.get("SpecialToken");
      return { SpecialToken: { id: s.str("id"), type_id: s.optNum("type_id") ?? 0 } };
    }
    if (p.has("Sequence")) {
      const s = p.get("Sequence");
      const id = s.str("id");
      if (id !== "A" && id !== "B") throw s.error("id", `expected "A" or "B", got "${id}"`);
      return { Sequence: { id, type_id: s.optNum("type_id") ?? 0 } };
    }
    throw p.error(null, 'expected {"SpecialToken": ...} or {"Sequence": ...}');
  });
}

export function postProcessorFromJSON(r: JsonReader): PostProcessor | null {
  if (r.isNull()) return null;
  const type = r.str("type");
  switch (type) {
    case "TemplateProcessing": {
      const st = new Map<string, TemplateSpecialToken>();
      const sr = r.get("special_tokens");
      if (!sr.isNull()) {
        for (const [k, v] of sr.entries()) {
          st.set(k, { id: v.optStr("id") ?? k, ids: v.arr("ids").map((x) => x.asNumber()), tokens: v.arr("tokens").map((x) => x.asString()) });
        }
      }
      try {
        return new TemplateProcessing(readPieces(r, "single"), readPieces(r, "pair"), st);
      } catch (e) {
        throw r.error("special_tokens", (e as Error).message);
      }
    }
    case "BertProcessing":
      return new BertProcessing(readPair(r, "sep"), readPair(r, "cls"));
    case "RobertaProcessing":
      return new RobertaProcessing(readPair(r, "sep"), readPair(r, "cls"), r.optBool("trim_offsets") ?? true, r.optBool("add_prefix_space") ?? true);
    case "ByteLevel":
      return new ByteLevelProcessor(r.optBool("add_prefix_space") ?? true, r.optBool("trim_offsets") ?? true, r.optBool("use_regex") ?? true);
    case "Sequence":
      return new PostProcessorSequence(r.arr("processors").map((p) => postProcessorFromJSON(p)!).filter((p) => p !== null));
    default:
      throw r.error("type", `unknown post_processor type "${type}" (known: TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel, Sequence)`);
  }
}
