// PreTrainedModel (transformers/modeling_utils.py): HF's weight init order, tied weights, and
// local from_pretrained/save_pretrained with HF's key mapping and load report.
// Deliberate difference: weights are initialised before loading (HF skips init for loaded
// weights on the meta device); the result is the same, only slower for large models.
import { mkdir, readFile, readdir, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import * as torch from "../torch/index.js";
import type { Tensor } from "../torch/index.js";
import { load_file, save_file } from "../safetensors/index.js";
import { toDtype } from "../torch/dtype.js";
import { PretrainedConfig, type ConfigDict } from "./configuration_utils.js";
import type { ModelInputs } from "./modeling_outputs.js";
import { check_attn_implementation, default_attn_implementation, type AttnImplementation } from "./modeling_attention.js";
import { OSError, RuntimeError, ValueError } from "../utils/errors.js";
import { cached_file, first_cached_file, type CachedFileOptions } from "./utils/hub.js";

const { nn } = torch;

export const SAFE_WEIGHTS_NAME = "model.safetensors";
export const SAFE_WEIGHTS_INDEX_NAME = "model.safetensors.index.json";
export const WEIGHTS_NAME = "pytorch_model.bin";

/** Modules already initialised by their own post_init (HF's `_is_hf_initialized` flag). */
const hfInitialized = new WeakSet<torch.nn.Module>();

export interface FromPretrainedOptions extends ConfigDict {
  config?: PretrainedConfig;
  torch_dtype?: torch.dtype | string | null;
  /** Load checkpoints whose head has another shape (e.g. another num_labels), re-initialising those weights. */
  ignore_mismatched_sizes?: boolean;
  local_files_only?: boolean;
  revision?: string;
  cache_dir?: string;
  token?: string | null;
  /** Print HF's "Some weights … were not used / newly initialized" report (default true). */
  verbose?: boolean;
  /** HF's `attn_implementation`: "sdpa" (the default on libtorch ≥ 2.0) or "eager" (the plain math). */
  attn_implementation?: AttnImplementation | null;
}

export interface LoadingInfo {
  missing_keys: string[];
  unexpected_keys: string[];
  mismatched_keys: Array<[string, number[], number[]]>;
}

type ModelClass<T extends PreTrainedModel> = (new (config: never) => T) & {
  config_class: new (kw?: ConfigDict) => PretrainedConfig;
  base_model_prefix: string;
  _tied_weights_keys: Record<string, string>;
  _keys_to_ignore_on_load_unexpected: RegExp[];
  name: string;
};

export abstract class PreTrainedModel extends nn.Module {
  static config_class: new (kw?: ConfigDict) => PretrainedConfig = PretrainedConfig;
  static base_model_prefix = "";
  /** target parameter name → source name, tied when config.tie_word_embeddings. */
  static _tied_weights_keys: Record<string, string> = {};
  /** Checkpoint keys that old checkpoints carry and HF v5 ignores silently. */
  static _keys_to_ignore_on_load_unexpected: RegExp[] = [/(^|\.)position_ids$/];
  static main_input_name = "input_ids";

  constructor(readonly config: PretrainedConfig) {
    super();
    if (!config._attn_implementation) config._attn_implementation = default_attn_implementation();
    check_attn_implementation(config._attn_implementation);
  }

  /** HF v5's `model.set_attn_implementation`: switch every attention layer to "eager" or "sdpa". */
  set_attn_implementation(attn_implementation: AttnImplementation): void {
    check_attn_implementation(attn_implementation);
    this.config._attn_implementation = attn_implementation;
  }

  abstract forward(inputs: ModelInputs): unknown;

  /** The generic part of PreTrainedModel._init_weights (v5). */
  _init_weights(module: torch.nn.Module): void {
    const std = (this.config.initializer_range as number | undefined) ?? 0.02;
    torch.no_grad(() => {
      if (module instanceof nn.Linear) {
        module.weight.normal_(0, std);
        module.bias?.zero_();
      } else if (module instanceof nn.Embedding) {
        module.weight.normal_(0, std);
        module._fill_padding_idx_with_zero();
      } else if (module instanceof nn.LayerNorm) {
        module.weight?.fill_(1.0);
        module.bias?.zero_();
      }
    });
  }

  private _initialize_weights(module: torch.nn.Module): void {
    if (hfInitialized.has(module)) return;
    this._init_weights(module);
    hfInitialized.add(module);
  }

  /** Children first; a nested PreTrainedModel initialises its subtree with its own _init_weights. */
  private static _smart_apply(module: torch.nn.Module, fn: (m: torch.nn.Module) => void): void {
    for (const child of module.children()) {
      if (child instanceof PreTrainedModel) PreTrainedModel._smart_apply(child, (m) => child._initialize_weights(m));
      else PreTrainedModel._smart_apply(child, fn);
    }
    fn(module);
  }

  /** Call at the end of each model's constructor: HF init, then weight tying. */
  post_init(): void {
    PreTrainedModel._smart_apply(this, (m) => this._initialize_weights(m));
    this.tie_weights();
  }

  /** Makes each tied target the very same Parameter as its source. */
  tie_weights(): void {
    if (this.config.tie_word_embeddings === false) return;
    const cls = this.constructor as typeof PreTrainedModel;
    for (const [target, source] of Object.entries(cls._tied_weights_keys)) {
      const src = this.get_parameter(source);
      const i = target.lastIndexOf(".");
      const mod = this.get_submodule(target.slice(0, i));
      const attr = target.slice(i + 1);
      mod.register_parameter(attr, src);
      (mod as unknown as Record<string, unknown>)[attr] = src;
    }
  }

  /** The state dict HF's save_pretrained writes: tied targets left out. */
  state_dict_for_save(): Map<string, Tensor> {
    const sd = this.state_dict();
    if (this.config.tie_word_embeddings !== false) {
      for (const target of Object.keys((this.constructor as typeof PreTrainedModel)._tied_weights_keys)) sd.delete(target);
    }
    return sd;
  }

  /**
   * Writes config.json and model.safetensors (metadata format=pt), loadable by HF's
   * from_pretrained; past `max_shard_size` (HF's default "50GB") the weights go to
   * model-0000i-of-0000n.safetensors shards with model.safetensors.index.json, as HF writes them.
   */
  async save_pretrained(save_directory: string, options: { max_shard_size?: string | number } = {}): Promise<void> {
    await mkdir(save_directory, { recursive: true });
    this.config.architectures = [this.constructor.name];
    await this.config.save_pretrained(save_directory);
    const sd = this.state_dict_for_save();
    const shards = splitIntoShards(sd, parseSize(options.max_shard_size ?? "50GB"));
    const written = new Set<string>();
    if (shards.length === 1) {
      await save_file(sd, path.join(save_directory, SAFE_WEIGHTS_NAME), { format: "pt" });
      written.add(SAFE_WEIGHTS_NAME);
    } else {
      const weight_map: Record<string, string> = {};
      let total = 0;
      for (let i = 0; i < shards.length; i++) {
        const name = `model-${String(i + 1).padStart(5, "0")}-of-${String(shards.length).padStart(5, "0")}.safetensors`;
        for (const [k, t] of shards[i]) {
          weight_map[k] = name;
          total += t.numel() * t.element_size();
        }
        await save_file(shards[i], path.join(save_directory, name), { format: "pt" });
        written.add(name);
      }
      const index = path.join(save_directory, SAFE_WEIGHTS_INDEX_NAME);
      await writeFile(`${index}.tmp`, JSON.stringify({ metadata: { total_size: total }, weight_map }, null, 2) + "\n");
      await rename(`${index}.tmp`, index);
      written.add(SAFE_WEIGHTS_INDEX_NAME);
    }
    // Weights left from an earlier save in another layout would shadow the new ones on load.
    for (const f of await readdir(save_directory)) {
      if (!written.has(f) && (f === SAFE_WEIGHTS_NAME || f === SAFE_WEIGHTS_INDEX_NAME || /^model-\d{5}-of-\d{5}\.safetensors$/.test(f))) {
        await unlink(path.join(save_directory, f));
      }
    }
  }

  /** A randomly initialised model (HF's init) from a config; `attn_implementation` as in from_pretrained. */
  static from_config<T extends PreTrainedModel>(this: ModelClass<T>, config: PretrainedConfig, options: { attn_implementation?: AttnImplementation | null } = {}): T {
    if (options.attn_implementation) config._attn_implementation = options.attn_implementation;
    return new (this as unknown as new (c: PretrainedConfig) => T)(config);
  }

  /**
   * Loads a model from a local folder holding config.json and model.safetensors (or a sharded
   * index, or pytorch_model.bin through the safe unpickler). Options override config keys
   * (`num_labels`, `id2label`, `problem_type`, …). Returns the model in eval mode.
   * @example
   * const model = await BertForSequenceClassification.from_pretrained("./bert-tiny", { num_labels: 3 });
   */
  static async from_pretrained<T extends PreTrainedModel>(this: ModelClass<T>, name_or_path: string, options: FromPretrainedOptions = {}): Promise<T> {
    const { config: given, torch_dtype, ignore_mismatched_sizes, local_files_only, revision, cache_dir, token, verbose, attn_implementation, ...overrides } = options;
    const hub: CachedFileOptions = { local_files_only, revision, cache_dir, token };
    const config = given ?? (await (this.config_class as unknown as typeof PretrainedConfig).from_pretrained(name_or_path, overrides, hub));
    if (given) config.update(overrides);
    if (attn_implementation) config._attn_implementation = attn_implementation;
    const model = new (this as unknown as new (c: PretrainedConfig) => T)(config);
    const weights = await readCheckpoint(name_or_path, hub);
    try {
      const info = model.load_pretrained_state_dict(weights, { ignore_mismatched_sizes: ignore_mismatched_sizes ?? false });
      if (verbose !== false) reportLoading(this.name, name_or_path, info);
    } finally {
      for (const t of weights.values()) t.dispose();
    }
    if (torch_dtype) model.to(toDtype(torch_dtype));
    model.eval();
    return model;
  }

  /**
   * Copies a checkpoint in with HF's key mapping: base-model checkpoints into head models (adding
   * base_model_prefix) and back, legacy gamma/beta names, ignorable old buffers.
   */
  load_pretrained_state_dict(weights: Map<string, Tensor>, options: { ignore_mismatched_sizes?: boolean } = {}): LoadingInfo {
    const cls = this.constructor as typeof PreTrainedModel;
    const prefix = cls.base_model_prefix;
    const own = this.state_dict();
    const tiedTargets = this.config.tie_word_embeddings === false ? new Set<string>() : new Set(Object.keys(cls._tied_weights_keys));
    const renamed = new Map<string, Tensor>();
    for (const [k, v] of weights) renamed.set(k.replace(/\.gamma$/, ".weight").replace(/\.beta$/, ".bias"), v);
    const ownKeys = [...own.keys()];
    const loadedHasPrefix = prefix !== "" && [...renamed.keys()].some((k) => k.startsWith(`${prefix}.`));
    const modelHasPrefix = prefix !== "" && ownKeys.some((k) => k.startsWith(`${prefix}.`));
    const mapKey = (k: string): string => {
      if (modelHasPrefix && !loadedHasPrefix && own.has(`${prefix}.${k}`)) return `${prefix}.${k}`;
      if (!modelHasPrefix && loadedHasPrefix && k.startsWith(`${prefix}.`)) return k.slice(prefix.length + 1);
      return k;
    };
    const mapped = new Map<string, Tensor>();
    for (const [k, v] of renamed) mapped.set(mapKey(k), v);
    const missing: string[] = [];
    const mismatched: Array<[string, number[], number[]]> = [];
    torch.no_grad(() => {
      for (const [k, target] of own) {
        const src = mapped.get(k);
        if (!src) {
          if (!tiedTargets.has(k)) missing.push(k);
          continue;
        }
        const a = target.shape;
        const b = src.shape;
        if (a.length !== b.length || a.some((d, i) => d !== b[i])) {
          if (options.ignore_mismatched_sizes) {
            mismatched.push([k, b, a]);
            continue;
          }
          throw new RuntimeError(
            `Error(s) in loading state_dict for ${cls.name}:\n\tsize mismatch for ${k}: copying a param with shape [${b.join(", ")}] from checkpoint, the shape in current model is [${a.join(", ")}].\n\tYou may consider adding \`ignore_mismatched_sizes: true\` in the model \`from_pretrained\` options.`,
          );
        }
        target.copy_(src);
      }
    });
    const unexpected = [...mapped.keys()].filter((k) => !own.has(k) && !cls._keys_to_ignore_on_load_unexpected.some((re) => re.test(k)));
    // Tied targets share their source's Parameter, so copying either one set both.
    return { missing_keys: missing, unexpected_keys: unexpected, mismatched_keys: mismatched };
  }
}

/** "5GB" / "500MB" / "2GiB" / bytes → bytes (HF's convert_file_size_to_int). */
export function parseSize(size: string | number): number {
  if (typeof size === "number") return size;
  const m = /^\s*([\d.]+)\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)?\s*$/i.exec(size);
  if (!m) throw new ValueError(`max_shard_size must be a number of bytes or a string like "5GB", got '${size}'`);
  const unit = (m[2] ?? "B").toUpperCase();
  const mult: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40 };
  return Math.floor(Number(m[1]) * mult[unit]);
}

/** huggingface_hub's split: tensors in order, a new shard when the next would pass the limit. */
function splitIntoShards(sd: Map<string, Tensor>, maxBytes: number): Array<Map<string, Tensor>> {
  const shards: Array<Map<string, Tensor>> = [new Map()];
  let size = 0;
  for (const [k, t] of sd) {
    const bytes = t.numel() * t.element_size();
    if (size + bytes > maxBytes && shards[shards.length - 1].size > 0) {
      shards.push(new Map());
      size = 0;
    }
    shards[shards.length - 1].set(k, t);
    size += bytes;
  }
  return shards;
}

function reportLoading(cls: string, where: string, info: LoadingInfo): void {
  if (info.unexpected_keys.length) {
    console.warn(`Some weights of the model checkpoint at ${where} were not used when initializing ${cls}: [${info.unexpected_keys.map((k) => `'${k}'`).join(", ")}]`);
  }
  const fresh = [...info.missing_keys, ...info.mismatched_keys.map(([k]) => k)];
  if (fresh.length) {
    console.warn(
      `Some weights of ${cls} were not initialized from the model checkpoint at ${where} and are newly initialized: [${fresh.map((k) => `'${k}'`).join(", ")}]\n` +
        "You should probably TRAIN this model on a down-stream task to be able to use it for predictions and inference.",
    );
  }
}

/** The weights of a folder or Hub repo: model.safetensors, a sharded index, or pytorch_model.bin. */
export async function readCheckpoint(name_or_path: string, hub: CachedFileOptions = {}): Promise<Map<string, Tensor>> {
  const found = await first_cached_file(name_or_path, [SAFE_WEIGHTS_NAME, SAFE_WEIGHTS_INDEX_NAME, WEIGHTS_NAME], hub);
  if (!found) {
    throw new OSError(`Error no file named ${SAFE_WEIGHTS_NAME}, ${SAFE_WEIGHTS_INDEX_NAME} or ${WEIGHTS_NAME} found in ${name_or_path}.`);
  }
  const [name, file] = found;
  if (name === SAFE_WEIGHTS_NAME) return new Map(Object.entries(await load_file(file)));
  if (name === WEIGHTS_NAME) return torch.load(file);
  const { weight_map } = JSON.parse(await readFile(file, "utf8")) as { weight_map: Record<string, string> };
  const out = new Map<string, Tensor>();
  for (const shard of new Set(Object.values(weight_map))) {
    for (const [k, v] of Object.entries(await load_file(await cached_file(name_or_path, shard, hub)))) out.set(k, v);
  }
  return out;
}
