// Mirrors transformers/pipelines/token_classification.py (v5.17): TokenClassificationPipeline
// ("token-classification", alias "ner") with HF's gather_pre_entities / aggregate / group_entities
// logic: subwords found by comparing each token with the text its offsets cover (tokenizers with a
// continuing_subword_prefix, e.g. WordPiece's "##"), else HF's space heuristic; B-/I- grouping;
// `stride` chunks merged by aggregate_overlapping_entities.
//
// Deliberate difference: `start`/`end` are JS string indices (UTF-16 units), so that
// `text.slice(start, end)` is the entity; Python's are code points (equal without characters
// above U+FFFF). Lengths compared for the subword test are counted in code points, as in Python.
import type { Tensor } from "../../torch/index.js";
import { ValueError } from "../../utils/errors.js";
import { checkOptionKeys, type EncodeOptions } from "../tokenization_utils_base.js";
import { Pipeline, describe, argmax, rowsOf, softmax, type ModelRow, type PipelineBaseOptions, type RowPlace } from "./base.js";

export type AggregationStrategy = "none" | "simple" | "first" | "average" | "max";

export interface TokenClassificationOptions extends PipelineBaseOptions {
  /** How tokens are fused into entities (default "none": one result per token). */
  aggregation_strategy?: AggregationStrategy;
  /** Labels left out of the results (default ["O"]). */
  ignore_labels?: string[];
  /** Run texts longer than model_max_length in overlapping chunks (not with aggregation "none"). */
  stride?: number;
  /** Inputs are lists of words, joined with `delimiter` (default " ") for start/end. */
  is_split_into_words?: boolean;
  delimiter?: string;
}

/** aggregation_strategy "none": one record per token. */
export interface TokenEntity {
  entity: string;
  score: number;
  index: number;
  word: string;
  start: number | null;
  end: number | null;
}
/** Any other strategy: one record per entity group. */
export interface EntityGroup {
  entity_group: string;
  score: number;
  word: string;
  start: number | null;
  end: number | null;
}
export type TokenClassificationResult = TokenEntity | EntityGroup;

type Extra = {
  sentence: string;
  input_ids: number[];
  special_tokens_mask: number[];
  offsets: Array<[number, number]>;
  word_ids: Array<number | null> | null;
  word_to_chars_map: Array<[number, number]> | null;
};
type Raw = number[][];
interface PreEntity {
  word: string;
  scores: number[];
  start: number | null;
  end: number | null;
  index: number;
  is_subword: boolean;
}
interface WordEntity {
  entity: string;
  score: number;
  word: string;
  start: number | null;
  end: number | null;
  index?: number;
}

export interface TokenClassificationPipeline {
  (inputs: string, options?: TokenClassificationOptions): Promise<TokenClassificationResult[]>;
  (inputs: string[] | string[][], options?: TokenClassificationOptions): Promise<TokenClassificationResult[][]>;
}

const STRATEGIES: readonly AggregationStrategy[] = ["none", "simple", "first", "average", "max"];

/** Python len(): code points. */
const pyLen = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * HF's TokenClassificationPipeline (tasks "token-classification" and "ner").
 * @example
 * const ner = await pipeline("ner", { model: "./tests/fixtures/pipelines/ner", aggregation_strategy: "simple" });
 * await ner("John Smith moved from Atlanta.")
 * // [{ entity_group: "LOC", score: 0.5675, word: "j", start: 0, end: 1 }, …,
 * //  { entity_group: "PER", score: 0.4179, word: "from", start: 17, end: 21 }, …]   (a random tiny model)
 */
export class TokenClassificationPipeline extends Pipeline<string | string[], Extra, Raw, TokenClassificationResult[], TokenClassificationOptions> {
  protected _sanitize_parameters(options: TokenClassificationOptions): [Record<string, unknown>, Record<string, unknown>] {
    checkOptionKeys(options, ["aggregation_strategy", "ignore_labels", "stride", "is_split_into_words", "delimiter", "batch_size"], "token-classification pipeline");
    const { aggregation_strategy, ignore_labels, stride, is_split_into_words, delimiter } = options;
    const pre: Record<string, unknown> = {};
    if (is_split_into_words !== undefined) pre.is_split_into_words = is_split_into_words;
    if (is_split_into_words) pre.delimiter = delimiter ?? " ";
    const post: Record<string, unknown> = {};
    let strategy: AggregationStrategy | undefined;
    if (aggregation_strategy !== undefined && aggregation_strategy !== null) {
      strategy = String(aggregation_strategy).toLowerCase() as AggregationStrategy;
      if (!STRATEGIES.includes(strategy)) throw new ValueError(`aggregation_strategy must be one of ${STRATEGIES.join(", ")}; got ${String(aggregation_strategy)}`);
      post.aggregation_strategy = strategy;
    }
    if (ignore_labels !== undefined && ignore_labels !== null) post.ignore_labels = ignore_labels;
    if (stride !== undefined && stride !== null) {
      if (stride >= this.tokenizer.model_max_length) {
        throw new ValueError("`stride` must be less than `tokenizer.model_max_length` (or even lower if the tokenizer adds special tokens)");
      }
      if (strategy === "none") {
        throw new ValueError(`\`stride\` was provided to process all the text but \`aggregation_strategy="${strategy}"\`, please select another one instead.`);
      }
      pre.tokenizer_params = { return_overflowing_tokens: true, padding: true, stride };
    }
    return [pre, post];
  }

  override __call__(inputs: unknown, options: TokenClassificationOptions = {}): unknown {
    if (typeof inputs !== "string" && !(Array.isArray(inputs) && inputs.length > 0)) {
      throw new ValueError("At least one input is required.");
    }
    const split = options.is_split_into_words ?? (this._preprocess_params.is_split_into_words as boolean | undefined) ?? false;
    if (split && Array.isArray(inputs) && !inputs.every((x) => Array.isArray(x))) return super.__call__([inputs], options);
    return super.__call__(inputs, options);
  }

  protected preprocess(sentence: string | string[], params: Record<string, unknown>): Array<ModelRow<Extra>> {
    const tokParams = { ...((params.tokenizer_params as Record<string, unknown> | undefined) ?? {}) };
    let wordToChars: Array<[number, number]> | null = null;
    let text: string;
    let toTokenize: string | string[];
    if (params.is_split_into_words) {
      if (!Array.isArray(sentence) || !sentence.every((w) => typeof w === "string")) throw new ValueError("When `is_split_into_words=True`, `sentence` must be a list of tokens.");
      const delimiter = params.delimiter as string;
      text = sentence.join(delimiter);
      wordToChars = [];
      let at = 0;
      for (const w of sentence) {
        wordToChars.push([at, at + w.length]);
        at += w.length + delimiter.length;
      }
      toTokenize = sentence;
      tokParams.is_split_into_words = true;
    } else {
      if (typeof sentence !== "string") throw new ValueError(`When \`is_split_into_words=False\`, \`sentence\` must be an untokenized string (got ${describe(sentence)}).`);
      text = sentence;
      toTokenize = sentence;
    }
    const enc = this.tokenizer(toTokenize, {
      truncation: this.tokenizer.model_max_length > 0,
      return_special_tokens_mask: true,
      return_offsets_mapping: true,
      ...(tokParams as EncodeOptions),
    } as EncodeOptions) as unknown as Record<string, unknown> & { word_ids(i?: number): Array<number | null> };
    const chunked = Array.isArray((enc.input_ids as unknown[])[0]);
    const n = chunked ? (enc.input_ids as unknown[]).length : 1;
    const rows: Array<ModelRow<Extra>> = [];
    for (let i = 0; i < n; i++) {
      const pick = <T>(k: string): T => (chunked ? (enc[k] as T[])[i] : (enc[k] as T));
      const features: Record<string, number[]> = {};
      for (const k of ["input_ids", "token_type_ids", "attention_mask"]) if (enc[k] !== undefined) features[k] = pick<number[]>(k);
      rows.push({
        features,
        extra: {
          sentence: text,
          input_ids: features.input_ids,
          special_tokens_mask: pick<number[]>("special_tokens_mask"),
          offsets: pick<Array<[number, number]>>("offset_mapping"),
          word_ids: wordToChars ? enc.word_ids(i) : null,
          word_to_chars_map: wordToChars,
        },
      });
    }
    return rows;
  }

  protected _forward(inputs: Record<string, Tensor>, _rows: Array<ModelRow<Extra>>, places: RowPlace[]): Raw[] {
    const { logits } = this.model.forward(inputs) as { logits: Tensor };
    return rowsOf(logits, places);
  }

  protected postprocess(rows: Array<ModelRow<Extra>>, outputs: Raw[], params: Record<string, unknown>): TokenClassificationResult[] {
    const strategy = (params.aggregation_strategy as AggregationStrategy | undefined) ?? "none";
    const ignore = (params.ignore_labels as string[] | undefined) ?? ["O"];
    let all: TokenClassificationResult[] = [];
    rows.forEach((row, i) => {
      const scores = outputs[i].map((l) => softmax(l));
      const pre = this.gather_pre_entities(row.extra, scores, strategy);
      const grouped = this.aggregate(pre, strategy);
      all.push(...grouped.filter((e) => !ignore.includes("entity" in e ? e.entity : e.entity_group)));
    });
    if (rows.length > 1) all = this.aggregate_overlapping_entities(all);
    return all;
  }

  aggregate_overlapping_entities(entities: TokenClassificationResult[]): TokenClassificationResult[] {
    if (entities.length === 0) return entities;
    const sorted = entities.slice().sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
    const out: TokenClassificationResult[] = [];
    let prev = sorted[0];
    for (const e of sorted) {
      const s = e.start ?? 0;
      if ((prev.start ?? 0) <= s && s < (prev.end ?? 0)) {
        const cur = (e.end ?? 0) - s;
        const prevLen = (prev.end ?? 0) - (prev.start ?? 0);
        if (cur > prevLen || (cur === prevLen && e.score > prev.score)) prev = e;
      } else {
        out.push(prev);
        prev = e;
      }
    }
    out.push(prev);
    return out;
  }

  private gather_pre_entities(x: Extra, scores: number[][], strategy: AggregationStrategy): PreEntity[] {
    const out: PreEntity[] = [];
    const model = this.tokenizer.backend_tokenizer.model as { continuing_subword_prefix?: string | null };
    const wordAware = Boolean(model.continuing_subword_prefix);
    const unk = this.tokenizer.unk_token_id;
    for (let idx = 0; idx < x.input_ids.length; idx++) {
      if (x.special_tokens_mask[idx]) continue;
      let word = this.tokenizer.convert_ids_to_tokens(x.input_ids[idx]);
      let [start, end] = x.offsets[idx];
      if (x.word_ids && x.word_to_chars_map) {
        const w = x.word_ids[idx];
        if (w !== null && w !== undefined) {
          start += x.word_to_chars_map[w][0];
          end += x.word_to_chars_map[w][0];
        }
      }
      const ref = x.sentence.slice(start, end);
      let isSubword: boolean;
      if (wordAware) {
        isSubword = pyLen(word) !== pyLen(ref);
      } else {
        if (strategy === "first" || strategy === "average" || strategy === "max") warnOnce("Tokenizer does not support real words, using fallback heuristic");
        isSubword = start > 0 && !x.sentence.slice(start - 1, start + 1).includes(" ");
      }
      if (x.input_ids[idx] === unk) {
        word = ref;
        isSubword = false;
      }
      out.push({ word, scores: scores[idx], start, end, index: idx, is_subword: isSubword });
    }
    return out;
  }

  private aggregate(pre: PreEntity[], strategy: AggregationStrategy): TokenClassificationResult[] {
    const id2label = this.model.config.id2label;
    let entities: WordEntity[];
    if (strategy === "none" || strategy === "simple") {
      entities = pre.map((p) => {
        const i = argmax(p.scores);
        return { entity: id2label[i], score: p.scores[i], index: p.index, word: p.word, start: p.start, end: p.end };
      });
    } else {
      entities = this.aggregate_words(pre, strategy);
    }
    if (strategy === "none") return entities as TokenEntity[];
    return this.group_entities(entities);
  }

  private aggregate_word(entities: PreEntity[], strategy: AggregationStrategy): WordEntity {
    const word = this.tokenizer.convert_tokens_to_string(entities.map((e) => e.word));
    const id2label = this.model.config.id2label;
    let idx: number;
    let score: number;
    if (strategy === "first") {
      idx = argmax(entities[0].scores);
      score = entities[0].scores[idx];
    } else if (strategy === "max") {
      let best = entities[0];
      for (const e of entities) if (Math.max(...e.scores) > Math.max(...best.scores)) best = e;
      idx = argmax(best.scores);
      score = best.scores[idx];
    } else if (strategy === "average") {
      const avg = entities[0].scores.map((_, k) => nanmean(entities.map((e) => e.scores[k])));
      idx = argmax(avg);
      score = avg[idx];
    } else {
      throw new ValueError("Invalid aggregation_strategy");
    }
    return { entity: id2label[idx], score, word, start: entities[0].start, end: entities[entities.length - 1].end };
  }

  /** Tokens of one word (a first token and its subwords) get one label, so words are never split. */
  private aggregate_words(entities: PreEntity[], strategy: AggregationStrategy): WordEntity[] {
    if (strategy === "none" || strategy === "simple") throw new ValueError("NONE and SIMPLE strategies are invalid for word aggregation");
    const out: WordEntity[] = [];
    let group: PreEntity[] | null = null;
    for (const e of entities) {
      if (group === null) group = [e];
      else if (e.is_subword) group.push(e);
      else {
        out.push(this.aggregate_word(group, strategy));
        group = [e];
      }
    }
    if (group !== null) out.push(this.aggregate_word(group, strategy));
    return out;
  }

  private group_sub_entities(entities: WordEntity[]): EntityGroup {
    const label = entities[0].entity;
    const dash = label.indexOf("-");
    return {
      entity_group: dash >= 0 ? label.slice(dash + 1) : label,
      score: nanmean(entities.map((e) => e.score)),
      word: this.tokenizer.convert_tokens_to_string(entities.map((e) => e.word)),
      start: entities[0].start,
      end: entities[entities.length - 1].end,
    };
  }

  /** HF's get_tag: ("B"|"I", tag); a label without a B-/I- prefix counts as a continuation. */
  private get_tag(name: string): [string, string] {
    if (name.startsWith("B-")) return ["B", name.slice(2)];
    if (name.startsWith("I-")) return ["I", name.slice(2)];
    return ["I", name];
  }

  /** Adjacent words with the same tag merge, unless the next one starts with B-. */
  private group_entities(entities: WordEntity[]): EntityGroup[] {
    const groups: EntityGroup[] = [];
    let current: WordEntity[] = [];
    for (const e of entities) {
      if (current.length === 0) {
        current.push(e);
        continue;
      }
      const [bi, tag] = this.get_tag(e.entity);
      const [, lastTag] = this.get_tag(current[current.length - 1].entity);
      if (tag === lastTag && bi !== "B") current.push(e);
      else {
        groups.push(this.group_sub_entities(current));
        current = [e];
      }
    }
    if (current.length) groups.push(this.group_sub_entities(current));
    return groups;
  }
}

function nanmean(xs: number[]): number {
  let s = 0;
  let n = 0;
  for (const x of xs) {
    if (Number.isNaN(x)) continue;
    s += x;
    n++;
  }
  return n === 0 ? NaN : s / n;
}

const warned = new Set<string>();
function warnOnce(msg: string): void {
  if (warned.has(msg)) return;
  warned.add(msg);
  console.warn(msg);
}
