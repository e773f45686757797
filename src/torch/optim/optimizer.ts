// torch.optim.Optimizer: param groups with their hyperparameters, per-parameter state owned by
// the optimizer, zero_grad, and PyTorch's state_dict layout (parameters numbered in group order).
import { Tensor } from "../tensor.js";
import { keep } from "../scope.js";
import { no_grad } from "../autograd.js";
import { ValueError, KeyError } from "../../utils/errors.js";

export type Hyper = number | boolean | string | null | number[] | readonly number[];
/** A param group: its parameters and hyperparameters (lr, weight_decay, betas, …). */
export interface ParamGroup {
  params: Tensor[];
  lr: number;
  initial_lr?: number;
  [key: string]: unknown;
}
/** What a caller passes: an iterable of parameters, or groups that override the defaults. */
export type ParamsArg = Iterable<Tensor> | Array<{ params: Iterable<Tensor>; [key: string]: unknown }>;
export type StateValue = Tensor | number;
export type ParamState = Record<string, StateValue>;

export interface OptimizerStateDict {
  state: Record<number, ParamState>;
  param_groups: Array<Record<string, unknown> & { params: number[] }>;
}

export abstract class Optimizer {
  readonly param_groups: ParamGroup[] = [];
  /** Per-parameter state, keyed by the parameter tensor (its tensors belong to the optimizer). */
  readonly state = new Map<Tensor, ParamState>();

  constructor(params: ParamsArg, readonly defaults: Record<string, unknown>) {
    const list = [...(params as Iterable<unknown>)];
    if (list.length === 0) throw new ValueError("optimizer got an empty parameter list");
    const groups = list[0] instanceof Tensor ? [{ params: list as Tensor[] }] : (list as Array<{ params: Iterable<Tensor> }>);
    for (const g of groups) this.add_param_group(g);
  }

  add_param_group(group: { params: Iterable<Tensor>; [key: string]: unknown }): void {
    const params = [...group.params];
    const seen = new Set(this.param_groups.flatMap((g) => g.params));
    for (const p of params) {
      if (!(p instanceof Tensor)) throw new TypeError("optimizer can only optimize Tensors");
      if (seen.has(p)) throw new ValueError("some parameters appear in more than one parameter group");
    }
    const full = { ...this.defaults, ...group, params } as ParamGroup;
    if (typeof full.lr !== "number") throw new ValueError("parameter group didn't specify a value of required optimization parameter lr");
    this.param_groups.push(full);
  }

  /** Clears gradients; `set_to_none` (default true, as PyTorch 2.x) drops them instead of zeroing. */
  zero_grad(options: { set_to_none?: boolean } = {}): void {
    const toNone = options.set_to_none ?? true;
    for (const g of this.param_groups) {
      for (const p of g.params) {
        if (toNone) p.grad = null;
        else p.grad?.zero_();
      }
    }
  }

  /** One update of every parameter that has a gradient. */
  step(closure?: () => number): number | undefined {
    const loss = closure?.();
    no_grad(() => {
      for (const group of this.param_groups) {
        for (const p of group.params) {
          const grad = p.grad;
          if (grad === null) continue;
          let st = this.state.get(p);
          if (st === undefined) {
            st = {};
            this.state.set(p, st);
          }
          this.update(p, grad, st, group);
        }
      }
    });
    return loss;
  }

  /** The per-parameter rule; runs under no_grad. New state tensors must go through `own()`. */
  protected abstract update(param: Tensor, grad: Tensor, state: ParamState, group: ParamGroup): void;

  /** Marks a state tensor as the optimizer's (kept out of tidy scopes, freed by dispose()). */
  protected own(t: Tensor): Tensor {
    return keep(t);
  }

  /** PyTorch's layout: state keyed by the parameter's index over all groups, groups with ids. */
  state_dict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    const param_groups = this.param_groups.map((g) => {
      const { params, ...hyper } = g;
      const ids = params.map((p) => {
        if (!index.has(p)) index.set(p, index.size);
        return index.get(p)!;
      });
      return { ...hyper, params: ids };
    });
    const state: Record<number, ParamState> = {};
    for (const [p, st] of this.state) {
      const i = index.get(p);
      if (i !== undefined) state[i] = { ...st };
    }
    return { state, param_groups };
  }

  /** Restores hyperparameters and state (tensors are copied to each parameter's device and dtype). */
  load_state_dict(sd: OptimizerStateDict): void {
    if (sd.param_groups.length !== this.param_groups.length) {
      throw new ValueError(`loaded state dict has ${sd.param_groups.length} parameter groups, the optimizer has ${this.param_groups.length}`);
    }
    const byId = new Map<number, Tensor>();
    sd.param_groups.forEach((g, gi) => {
      const own = this.param_groups[gi].params;
      if (g.params.length !== own.length) {
        throw new ValueError(`loaded state dict contains a parameter group (${gi}) that doesn't match the size of optimizer's group (${g.params.length} vs ${own.length})`);
      }
      g.params.forEach((id, i) => byId.set(id, own[i]));
    });
    this.disposeState();
    for (const [id, st] of Object.entries(sd.state)) {
      const p = byId.get(Number(id));
      if (!p) throw new KeyError(`optimizer state for parameter id ${id} matches no parameter`);
      const copy: ParamState = {};
      for (const [k, v] of Object.entries(st)) {
        if (v instanceof Tensor) {
          // `step` stays float32 on the CPU like PyTorch; moments follow the parameter.
          copy[k] = this.own(k === "step" ? v.clone() : v.to({ device: p.device, dtype: v.is_floating_point() ? p.dtype : v.dtype, copy: true }));
        } else copy[k] = v;
      }
      this.state.set(p, copy);
    }
    sd.param_groups.forEach((g, gi) => {
      const { params: _ids, ...hyper } = g;
      void _ids;
      Object.assign(this.param_groups[gi], hyper);
    });
  }

  private disposeState(): void {
    for (const st of this.state.values()) for (const v of Object.values(st)) if (v instanceof Tensor) v.dispose();
    this.state.clear();
  }

  /** Frees the optimizer's state tensors (the parameters stay their module's). */
  dispose(): void {
    this.disposeState();
  }
  [Symbol.dispose](): void {
    this.dispose();
  }
}
