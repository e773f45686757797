// The "text" builder (datasets/packaged_modules/text): one row per line (default), per paragraph
// (blank-line separated) or per document, in a single "text" column.
import { ValueError } from "../../utils/errors.js";
import { StringColumn, type Column } from "../table/column.js";
import { castColumn } from "../table/cast.js";
import type { Features } from "../features.js";
import { checkOptions } from "../utils.js";
import type { SourceFile } from "./files.js";

export interface TextOptions {
  /** "line" (default), "paragraph" or "document". */
  sample_by?: "line" | "paragraph" | "document";
  /** Keep the "\n" at the end of each line (default false). */
  keep_linebreaks?: boolean;
  encoding?: string;
  features?: Features | null;
}
export const TEXT_KEYS = ["sample_by", "keep_linebreaks", "encoding", "features"] as const;

export function readTextLines(files: Array<{ file: SourceFile; text: string }>, o: TextOptions = {}): { columns: Map<string, Column>; rows: number } {
  checkOptions(o, TEXT_KEYS, "load_dataset(text)");
  const by = o.sample_by ?? "line";
  if (!["line", "paragraph", "document"].includes(by)) throw new ValueError(`load_dataset(text): sample_by must be "line", "paragraph" or "document", got "${by}"`);
  const out: string[] = [];
  for (const { text } of files) {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (by === "document") out.push(body);
    else if (by === "paragraph") {
      for (const p of body.split(/\r?\n\s*\r?\n/)) if (p.trim() !== "") out.push(o.keep_linebreaks ? p : p.replace(/\r?\n/g, " ").trim());
    } else {
      const lines = body.split("\n");
      if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
      for (const l of lines) out.push(o.keep_linebreaks ? `${l}\n` : l.endsWith("\r") ? l.slice(0, -1) : l);
    }
  }
  let col: Column = new StringColumn(out);
  const f = o.features?.has("text") ? o.features.get("text") : null;
  if (f) col = castColumn(col, f, "text");
  return { columns: new Map([["text", col]]), rows: out.length };
}
