// Trainer helpers (transformers/trainer_pt_utils.py, trainer.py): which parameters get weight decay.
import * as torch from "../torch/index.js";

/** Names matching any of these (lower-cased) never get weight decay (HF v5). */
export const FORBIDDEN_NAME_PATTERNS = [/bias/, /layernorm/, /rmsnorm/, /(?:^|\.)norm(?:$|\.)/, /_norm(?:$|\.)/];

/** Parameter names not inside a forbidden layer type and not matching a forbidden name pattern. */
export function get_parameter_names(
  model: torch.nn.Module,
  forbidden_layer_types: Array<abstract new (...args: never[]) => torch.nn.Module>,
  forbidden_layer_names: RegExp[] = [],
): string[] {
  const result: string[] = [];
  for (const [name, child] of model.named_children()) {
    for (const n of get_parameter_names(child, forbidden_layer_types, forbidden_layer_names)) {
      const full = `${name}.${n}`;
      if (!forbidden_layer_types.some((T) => child instanceof T) && !forbidden_layer_names.some((p) => p.test(full.toLowerCase()))) {
        result.push(full);
      }
    }
  }
  for (const [k, p] of model._parameters) {
    if (p && !forbidden_layer_names.some((re) => re.test(k.toLowerCase()))) result.push(k);
  }
  return result;
}

/** Trainer.get_decay_parameter_names: everything but LayerNorm parameters and biases. */
export function get_decay_parameter_names(model: torch.nn.Module): string[] {
  return get_parameter_names(model, [torch.nn.LayerNorm], FORBIDDEN_NAME_PATTERNS);
}

/** Trainer.create_optimizer's two groups: decay on get_decay_parameter_names, 0.0 on the rest. */
export function decay_param_groups(model: torch.nn.Module, weight_decay: number): Array<{ params: torch.Tensor[]; weight_decay: number }> {
  const decay = new Set(get_decay_parameter_names(model));
  const named = model.named_parameters().filter(([, p]) => p.requires_grad);
  return [
    { params: named.filter(([n]) => decay.has(n)).map(([, p]) => p), weight_decay },
    { params: named.filter(([n]) => !decay.has(n)).map(([, p]) => p), weight_decay: 0.0 },
  ];
}
