// AutoConfig (transformers/models/auto/configuration_auto.py): config classes keyed by model_type.
import { PretrainedConfig, readConfigDict, validateConfigDict, type ConfigDict } from "../../configuration_utils.js";
import { BertConfig } from "../bert/configuration_bert.js";
import { AlbertConfig } from "../albert/configuration_albert.js";
import { GPT2Config } from "../gpt2/configuration_gpt2.js";
import { DistilBertConfig } from "../distilbert/configuration_distilbert.js";
import { RobertaConfig } from "../roberta/configuration_roberta.js";
import { ValueError } from "../../../utils/errors.js";
import type { CachedFileOptions } from "../../utils/hub.js";

export type ConfigClass = (new (kw?: ConfigDict) => PretrainedConfig) & { model_type: string };

/** model_type → config class. Each architecture adds one line here. */
export const CONFIG_MAPPING = new Map<string, ConfigClass>([
  ["bert", BertConfig],
  ["albert", AlbertConfig],
  ["gpt2", GPT2Config],
  ["distilbert", DistilBertConfig],
  ["roberta", RobertaConfig],
]);

export class AutoConfig {
  /** Reads config.json and builds the config class its `model_type` names; options override keys. */
  static async from_pretrained(name_or_path: string, overrides: ConfigDict = {}, hub: CachedFileOptions = {}): Promise<PretrainedConfig> {
    const dict = await readConfigDict(name_or_path, hub);
    const cls = configClassFor(dict.model_type, name_or_path);
    validateConfigDict(cls, dict, name_or_path);
    const config = new cls(dict);
    config.update(overrides);
    return config;
  }
  /** AutoConfig.for_model("bert", { hidden_size: 64 }) */
  static for_model(model_type: string, kwargs: ConfigDict = {}): PretrainedConfig {
    return new (configClassFor(model_type, "for_model"))(kwargs);
  }
}

export function configClassFor(model_type: unknown, where: string): ConfigClass {
  const cls = typeof model_type === "string" ? CONFIG_MAPPING.get(model_type) : undefined;
  if (!cls) {
    throw new ValueError(
      `Unrecognized model in ${where}. Should have a \`model_type\` key in its config.json, got ${JSON.stringify(model_type)}; ` +
        `finetune-ts knows: ${[...CONFIG_MAPPING.keys()].join(", ")}`,
    );
  }
  return cls;
}
