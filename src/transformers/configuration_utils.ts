// PretrainedConfig (transformers/configuration_utils.py): an attribute bag with HF's keys, read
// from and written to config.json so that a folder saved here loads in Python and vice versa.
import { readFile, writeFile, rename, mkdir } from "node:fs/promises";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { ValueError, OSError } from "../utils/errors.js";
import { cached_file, type CachedFileOptions } from "./utils/hub.js";

export type ProblemType = "regression" | "single_label_classification" | "multi_label_classification";
export type ConfigDict = Record<string, unknown>;

export const CONFIG_NAME = "config.json";

/** Keys that live on the object but are never written to config.json. */
const INTERNAL = new Set(["_attn_implementation", "_name_or_path_internal"]);

/**
 * Base configuration. Subclasses pass their defaults to `super()` (field initialisers would run
 * after the base constructor and overwrite the user's values), and declare their keys with `declare`.
 */
export class PretrainedConfig {
  static model_type = "";
  [key: string]: unknown;
  declare model_type: string;
  declare architectures: string[] | null;
  declare id2label: Record<number, string>;
  declare label2id: Record<string, number>;
  declare problem_type: ProblemType | null;
  declare pad_token_id: number | null;
  declare bos_token_id: number | null;
  declare eos_token_id: number | null;
  declare tie_word_embeddings: boolean;
  declare output_hidden_states: boolean;
  declare output_attentions: boolean;
  declare torch_dtype: string | null;
  /** "eager" (the plain math, the oracle) or "sdpa" (libtorch's fused kernel, libtorch ≥ 2.0). */
  declare _attn_implementation: "eager" | "sdpa" | null;

  constructor(kwargs: ConfigDict = {}) {
    const { num_labels, id2label, label2id, ...rest } = kwargs as ConfigDict & { num_labels?: number };
    Object.assign(this, {
      architectures: null, problem_type: null, pad_token_id: null, bos_token_id: null, eos_token_id: null,
      tie_word_embeddings: true, output_hidden_states: false, output_attentions: false, torch_dtype: null,
    });
    Object.assign(this, rest);
    this.model_type = (this.constructor as typeof PretrainedConfig).model_type || String(rest.model_type ?? "");
    if (id2label && typeof id2label === "object") {
      this.id2label = Object.fromEntries(Object.entries(id2label as Record<string, string>).map(([k, v]) => [Number(k), v]));
      this.label2id = (label2id as Record<string, number>) ?? Object.fromEntries(Object.entries(this.id2label).map(([k, v]) => [v, Number(k)]));
    } else {
      this.num_labels = typeof num_labels === "number" ? num_labels : 2;
      if (label2id && typeof label2id === "object") this.label2id = label2id as Record<string, number>;
    }
    if (this.problem_type !== null && !["regression", "single_label_classification", "multi_label_classification"].includes(this.problem_type)) {
      throw new ValueError(`The config parameter \`problem_type\` was not understood: received ${this.problem_type} but only 'regression', 'single_label_classification' and 'multi_label_classification' are valid.`);
    }
    if (this._attn_implementation === undefined) this._attn_implementation = null;
  }

  get num_labels(): number {
    return Object.keys(this.id2label ?? {}).length;
  }
  /** Setting num_labels regenerates LABEL_i names when the count changes, as HF does. */
  set num_labels(n: number) {
    if (!this.id2label || Object.keys(this.id2label).length !== n) {
      this.id2label = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, `LABEL_${i}`]));
      this.label2id = Object.fromEntries(Array.from({ length: n }, (_, i) => [`LABEL_${i}`, i]));
    }
  }

  /** Every key as config.json holds it (id2label keys as strings), sorted like HF's writer. */
  to_dict(): ConfigDict {
    const out: ConfigDict = {};
    for (const k of Object.keys(this).sort()) {
      if (INTERNAL.has(k)) continue;
      const v = this[k];
      if (v === undefined || typeof v === "function") continue;
      out[k] = v;
    }
    out.id2label = Object.fromEntries(Object.entries(this.id2label).map(([k, v]) => [String(k), v]));
    out.label2id = { ...this.label2id };
    out.model_type = this.model_type;
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /**
   * Sets keys as HF's from_pretrained(**kwargs) does, after construction: `num_labels` regenerates
   * the label names when the count changes; an `id2label` brings its `label2id` along.
   */
  update(overrides: ConfigDict): void {
    for (const [k, v] of Object.entries(overrides)) {
      if (k === "id2label" && v && typeof v === "object") {
        this.id2label = Object.fromEntries(Object.entries(v as Record<string, string>).map(([i, l]) => [Number(i), l]));
        if (!("label2id" in overrides)) this.label2id = Object.fromEntries(Object.entries(this.id2label).map(([i, l]) => [l, Number(i)]));
      } else {
        this[k] = v;
      }
    }
  }

  to_json_string(): string {
    return JSON.stringify(this.to_dict(), null, 2) + "\n";
  }

  /** Writes config.json into `dir` (created if needed), atomically. */
  async save_pretrained(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, CONFIG_NAME);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, this.to_json_string());
    await rename(tmp, file);
  }

  /** Reads `config.json` of a folder, a file path or a Hub repo id, then applies `overrides`. */
  static async from_pretrained<T extends PretrainedConfig>(this: new (kw?: ConfigDict) => T, name_or_path: string, overrides: ConfigDict = {}, hub: CachedFileOptions = {}): Promise<T> {
    const dict = await readConfigDict(name_or_path, hub);
    validateConfigDict(this, dict, name_or_path);
    const config = new this(dict);
    config.update(overrides);
    return config;
  }

  static from_dict<T extends PretrainedConfig>(this: new (kw?: ConfigDict) => T, dict: ConfigDict): T {
    return new this(dict);
  }
}

/** config.json of a folder or Hub repo as a plain dict; errors name the file and what is wrong. */
export async function readConfigDict(name_or_path: string, options: CachedFileOptions = {}): Promise<ConfigDict> {
  const file = existsSync(name_or_path) && statSync(name_or_path).isFile() ? name_or_path : await cached_file(name_or_path, CONFIG_NAME, options);
  let dict: unknown;
  try {
    dict = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new OSError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (dict === null || typeof dict !== "object" || Array.isArray(dict)) throw new OSError(`${file}: expected a JSON object at the top level`);
  return dict as ConfigDict;
}

/**
 * Checks config.json's values against the types of the class defaults, so that a wrong value is
 * an error naming the file and key instead of a failure deep inside a model constructor.
 */
export function validateConfigDict(cls: new (kw?: ConfigDict) => PretrainedConfig, dict: ConfigDict, where: string): void {
  const defaults = new cls({});
  for (const [key, value] of Object.entries(dict)) {
    const d = defaults[key];
    if (d === null || d === undefined || value === null) continue;
    const want = typeof d;
    if ((want === "number" || want === "boolean" || want === "string") && typeof value !== want) {
      throw new ValueError(`${where}: config.json key "${key}" should be a ${want} (like ${JSON.stringify(d)}), got ${JSON.stringify(value)}`);
    }
    if (want === "number" && typeof value === "number" && !Number.isFinite(value)) {
      throw new ValueError(`${where}: config.json key "${key}" must be a finite number, got ${value}`);
    }
  }
}
