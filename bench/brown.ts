// The bench's data: finetune-ts/datasets' Brown genre splits (all 15 genres, 5-sentence chunks,
// split by document), with validation folded into train: 80% of documents to fit, 20% to test.
import { load_brown_genres } from "../src/datasets/brown.js";

export interface TextSplit {
  text: string[];
  label: string[];
}

export async function brownGenres(): Promise<{ train: TextSplit; test: TextSplit }> {
  const ds = await load_brown_genres();
  const names = (ds.train.features.get("label") as { names: string[] }).names;
  const split = (...parts: Array<"train" | "validation" | "test">): TextSplit => ({
    text: parts.flatMap((p) => ds[p].column("text") as string[]),
    label: parts.flatMap((p) => (ds[p].column("label") as number[]).map((i) => names[i]!)),
  });
  return { train: split("train", "validation"), test: split("test") };
}
