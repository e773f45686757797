// The charts the seeds draw with matplotlib, written as PNG/SVG without a browser: class
// probabilities (seed 000's `pd.Series(probs, index=labels).plot.barh()`), confusion matrices
// for the 15 Brown genres, and the curves of a Trainer run from its trainer_state.json.
// Run: node --import tsx examples/plot_charts.ts [out_dir]   (default /tmp/plot-samples)
// Imports the source until package.json exports "finetune-ts/plot".
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { barh, confusion_matrix_plot, line, training_curves } from "../src/plot/index.js";
const out = process.argv[2] ?? "/tmp/plot-samples";
await mkdir(out, { recursive: true });
const state = fileURLToPath(new URL("../tests/fixtures/plot/trainer_state.json", import.meta.url));
const brown = ["adventure", "belles_lettres", "editorial", "fiction", "government", "hobbies", "humor", "learned", "lore", "mystery", "news", "religion", "reviews", "romance", "science_fiction"];
await barh([0.66823876, 0.3317612], { labels: ["negative", "positive"] }).savefig(`${out}/barh_seed000.png`);
const probs = [0.02, 0.31, 0.05, 0.11, 0.004, 0.07, 0.2, 0.013, 0.09, 0.133];
await barh(probs, { labels: ["press_reportage", "science_fiction", "belles_lettres", "religion", "hobbies", "lore", "adventure", "news", "romance", "mystery"], title: "P(genre | text)", xlabel: "probability", sort: "descending" }).savefig(`${out}/barh_10.png`);
await barh({ a: -0.5, bb: 1.2, ccc: 0.99 }, { title: "negatives" }).savefig(`${out}/barh_neg.png`);
const cm = brown.map((_, i) => brown.map((_, j) => (i === j ? 40 + ((i * 7) % 30) : (i * 3 + j * 5) % 7 === 0 ? (i + j) % 9 : 0)));
await confusion_matrix_plot(cm, { labels: brown, title: "Brown genres" }).savefig(`${out}/cm_15.png`);
await confusion_matrix_plot(cm, { labels: brown, normalize: "true", cmap: "Blues" }).savefig(`${out}/cm_15_norm.png`);
await confusion_matrix_plot([[50, 2, 1], [5, 43, 0], [3, 3, 90]], { labels: ["negative", "neutral", "positive"] }).savefig(`${out}/cm_3.png`);
await confusion_matrix_plot([[50, 2], [5, 43]], { labels: ["negative", "positive"], normalize: "true" }).savefig(`${out}/cm_2_norm.svg`);
const fig = await training_curves(state, { x: "step" });
await fig.savefig(`${out}/curves_step.png`);
await (await training_curves(state, { x: "epoch", title: "distilbert-base-uncased on imdb" })).savefig(`${out}/curves_epoch.png`);
await line([{ x: [0, 1, 2, 3], y: [1, 4, 9, 16], label: "x²" }, { x: [0, 1, 2, 3], y: [0, 1, 2, 3], label: "x" }], { title: "line", xlabel: "x", ylabel: "y" }).savefig(`${out}/line.png`);
console.log(`wrote 11 charts to ${out}`);
