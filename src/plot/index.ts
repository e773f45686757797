// finetune-ts/plot — the charts the seeds draw with matplotlib/pandas, as PNG or SVG without a
// browser: `pd.Series(probs, index=labels).plot.barh()` → `barh(probs, { labels })`,
// `ConfusionMatrixDisplay(cm).plot()` → `confusion_matrix_plot(cm, { labels })`, and the loss /
// metric curves of a Trainer run → `training_curves("out/trainer_state.json")`.
// Pure TypeScript plus @napi-rs/canvas for PNG and text measurement; imports nothing from torch.
export { Figure, type Box, type FigureLayout, type TextBox } from "./_figure.js";
export { nice_ticks, format_ticks, type Ticks } from "./_axes.js";
export { barh, type BarhOptions } from "./bar.js";
export { line, type LineOptions, type LineSeries } from "./line.js";
export { training_curves, load_trainer_state, type TrainerStateLike, type TrainingCurvesOptions } from "./training_curves.js";
export { confusion_matrix_plot, colormap, COLORMAPS, type ConfusionMatrixPlotOptions } from "./heatmap.js";
