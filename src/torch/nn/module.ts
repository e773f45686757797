// nn.Module: registered parameters, buffers and children under PyTorch/HF key names, and the
// traversal every other piece (optimizers, state dicts, from_pretrained) relies on.
import { Tensor } from "../tensor.js";
import { keep } from "../scope.js";
import { no_grad } from "../autograd.js";
import { dtype, toDtype, type DTypeLike } from "../dtype.js";
import { toDevice, type DeviceLike } from "../device.js";
import { Parameter, swapInPlace } from "./parameter.js";
import { KeyError, RuntimeError } from "../../utils/errors.js";

export interface LoadStateDictResult {
  missing_keys: string[];
  unexpected_keys: string[];
}

export class Module {
  training = true;
  /** @internal */ readonly _parameters = new Map<string, Parameter | null>();
  /** @internal */ readonly _buffers = new Map<string, Tensor | null>();
  /** @internal */ readonly _non_persistent_buffers = new Set<string>();
  /** @internal */ readonly _modules = new Map<string, Module | null>();

  /** Registers (or replaces) a parameter under `name`; returns it for `this.weight = …`. */
  register_parameter<P extends Parameter | null>(name: string, param: P): P {
    checkName(name, this);
    const old = this._parameters.get(name);
    if (old && old !== param) old.dispose();
    this._parameters.set(name, param);
    return param;
  }
  /** Registers a buffer (a tensor that is state but not a parameter, e.g. running stats). */
  register_buffer<T extends Tensor | null>(name: string, tensor: T, options: { persistent?: boolean } = {}): T {
    checkName(name, this);
    if (tensor) keep(tensor);
    const old = this._buffers.get(name);
    if (old && old !== tensor) old.dispose();
    this._buffers.set(name, tensor);
    if (options.persistent === false) this._non_persistent_buffers.add(name);
    else this._non_persistent_buffers.delete(name);
    return tensor;
  }
  /** Registers a child module; its keys get the `name.` prefix. */
  add_module<M extends Module | null>(name: string, module: M): M {
    checkName(name, this);
    this._modules.set(name, module);
    return module;
  }
  register_module<M extends Module | null>(name: string, module: M): M {
    return this.add_module(name, module);
  }

  get_submodule(target: string): Module {
    if (target === "") return this;
    let mod: Module = this;
    for (const part of target.split(".")) {
      const next = mod._modules.get(part);
      if (!next) throw new KeyError(`${mod.constructor.name} has no submodule '${part}' (looking up '${target}')`);
      mod = next;
    }
    return mod;
  }
  get_parameter(target: string): Parameter {
    const i = target.lastIndexOf(".");
    const mod = this.get_submodule(i < 0 ? "" : target.slice(0, i));
    const p = mod._parameters.get(target.slice(i + 1));
    if (!p) throw new KeyError(`no parameter '${target}'`);
    return p;
  }

  // ---- traversal ------------------------------------------------------------------------------
  *named_modules(prefix = "", memo = new Set<Module>()): Generator<[string, Module]> {
    if (memo.has(this)) return;
    memo.add(this);
    yield [prefix, this];
    for (const [name, m] of this._modules) {
      if (m) yield* m.named_modules(prefix ? `${prefix}.${name}` : name, memo);
    }
  }
  modules(): Module[] {
    return [...this.named_modules()].map(([, m]) => m);
  }
  named_children(): Array<[string, Module]> {
    return [...this._modules].filter((e): e is [string, Module] => e[1] !== null);
  }
  children(): Module[] {
    return this.named_children().map(([, m]) => m);
  }
  /** Parameters with their dotted names; a parameter shared by two modules (tied) is listed once. */
  named_parameters(options: { prefix?: string; recurse?: boolean; remove_duplicate?: boolean } = {}): Array<[string, Parameter]> {
    return this.namedMembers((m) => m._parameters, options);
  }
  parameters(options: { recurse?: boolean } = {}): Parameter[] {
    return this.named_parameters(options).map(([, p]) => p);
  }
  named_buffers(options: { prefix?: string; recurse?: boolean; remove_duplicate?: boolean } = {}): Array<[string, Tensor]> {
    return this.namedMembers((m) => m._buffers, options);
  }
  buffers(options: { recurse?: boolean } = {}): Tensor[] {
    return this.named_buffers(options).map(([, b]) => b);
  }
  private namedMembers<T extends Tensor>(
    get: (m: Module) => Map<string, T | null>,
    options: { prefix?: string; recurse?: boolean; remove_duplicate?: boolean },
  ): Array<[string, T]> {
    const out: Array<[string, T]> = [];
    const seen = new Set<T>();
    const mods: Array<[string, Module]> = options.recurse === false ? [[options.prefix ?? "", this]] : [...this.named_modules(options.prefix ?? "")];
    for (const [mp, m] of mods) {
      for (const [name, t] of get(m)) {
        if (!t) continue;
        if (options.remove_duplicate !== false) {
          if (seen.has(t)) continue;
          seen.add(t);
        }
        out.push([mp ? `${mp}.${name}` : name, t]);
      }
    }
    return out;
  }

  // ---- state dict -------------------------------------------------------------------------------
  /**
   * Parameters and persistent buffers by key, in registration order, tied tensors under every
   * name (as PyTorch). The tensors are the module's own: read them, don't dispose them.
   */
  state_dict(options: { prefix?: string } = {}): Map<string, Tensor> {
    const out = new Map<string, Tensor>();
    const visit = (m: Module, prefix: string): void => {
      for (const [n, p] of m._parameters) if (p) out.set(prefix + n, p);
      for (const [n, b] of m._buffers) if (b && !m._non_persistent_buffers.has(n)) out.set(prefix + n, b);
      for (const [n, c] of m._modules) if (c) visit(c, `${prefix}${n}.`);
    };
    visit(this, options.prefix ?? "");
    return out;
  }

  /**
   * Copies values in by key. strict (default): missing or unexpected keys are an error listing
   * both, like PyTorch's. A shape mismatch is always an error naming the key and both shapes.
   */
  load_state_dict(state_dict: Map<string, Tensor> | Record<string, Tensor>, options: { strict?: boolean } = {}): LoadStateDictResult {
    const strict = options.strict ?? true;
    const entries = state_dict instanceof Map ? state_dict : new Map(Object.entries(state_dict));
    const own = this.state_dict();
    const missing = [...own.keys()].filter((k) => !entries.has(k));
    const unexpected = [...entries.keys()].filter((k) => !own.has(k));
    const errors: string[] = [];
    if (strict && (missing.length || unexpected.length)) {
      if (unexpected.length) errors.push(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(", ")}.`);
      if (missing.length) errors.push(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(", ")}.`);
    }
    for (const [k, target] of own) {
      const src = entries.get(k);
      if (!src) continue;
      const a = target.shape, b = src.shape;
      if (a.length !== b.length || a.some((v, i) => v !== b[i])) {
        errors.push(`size mismatch for ${k}: copying a param with shape [${b.join(", ")}] from checkpoint, the shape in current model is [${a.join(", ")}].`);
      }
    }
    if (errors.length) throw new RuntimeError(`Error(s) in loading state_dict for ${this.constructor.name}:\n\t${errors.join("\n\t")}`);
    no_grad(() => {
      for (const [k, target] of own) {
        const src = entries.get(k);
        if (src) target.copy_(src);
      }
    });
    return { missing_keys: missing, unexpected_keys: unexpected };
  }

  // ---- modes, devices, dtypes --------------------------------------------------------------------
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }
  eval(): this {
    return this.train(false);
  }
  requires_grad_(requires_grad = true): this {
    for (const p of this.parameters()) p.requires_grad_(requires_grad);
    return this;
  }
  zero_grad(options: { set_to_none?: boolean } = {}): void {
    for (const p of this.parameters()) {
      if (options.set_to_none === false) p.grad?.zero_();
      else p.grad = null;
    }
  }
  /** Calls fn on every submodule (children first), then on this one. */
  apply(fn: (m: Module) => void): this {
    for (const c of this.children()) c.apply(fn);
    fn(this);
    return this;
  }
  /**
   * Moves/casts parameters and buffers in place: `model.to("cuda")`, `model.to(torch.float16)`.
   * Only floating point tensors change dtype. Parameter objects stay the same objects.
   */
  to(target: DeviceLike | dtype | { device?: DeviceLike; dtype?: DTypeLike }): this {
    const opts = target instanceof dtype ? { dtype: target } : typeof target === "string" || "type" in target ? { device: target as DeviceLike } : target;
    const dev = opts.device === undefined ? undefined : toDevice(opts.device);
    const dt = opts.dtype === undefined ? undefined : toDtype(opts.dtype);
    no_grad(() => {
      for (const m of this.modules()) {
        for (const t of [...m._parameters.values(), ...m._buffers.values()]) {
          if (!t) continue;
          const moved = t.to({ device: dev, dtype: dt && t.is_floating_point() ? dt : undefined });
          swapInPlace(t, moved);
          moved.dispose();
        }
      }
    });
    return this;
  }
  cuda(): this {
    return this.to("cuda");
  }
  cpu(): this {
    return this.to("cpu");
  }
  float(): this {
    return this.to(toDtype("float32"));
  }
  half(): this {
    return this.to(toDtype("float16"));
  }

  /** HF's ModuleUtilsMixin.num_parameters. */
  num_parameters(options: { only_trainable?: boolean; exclude_embeddings?: boolean } = {}): number {
    let params = this.named_parameters();
    if (options.exclude_embeddings) {
      const embeddingWeights = new Set<string>();
      for (const [name, m] of this.named_modules()) {
        if (m.constructor.name === "Embedding") embeddingWeights.add(name ? `${name}.weight` : "weight");
      }
      params = params.filter(([n]) => !embeddingWeights.has(n));
    }
    return params.filter(([, p]) => !options.only_trainable || p.requires_grad).reduce((a, [, p]) => a + p.numel(), 0);
  }

  /** Frees every parameter and buffer this module tree owns. */
  dispose(): void {
    for (const m of this.modules()) {
      for (const p of m._parameters.values()) p?.dispose();
      for (const b of m._buffers.values()) b?.dispose();
    }
  }
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Shown inside the parentheses of this module's repr (PyTorch's extra_repr). */
  extra_repr(): string {
    return "";
  }
  toString(): string {
    const children = this.named_children();
    const extra = this.extra_repr();
    if (!children.length) return `${this.constructor.name}(${extra})`;
    const lines = children.map(([n, m]) => `(${n}): ${String(m).split("\n").join("\n  ")}`);
    if (extra) lines.unshift(extra);
    return `${this.constructor.name}(\n  ${lines.join("\n  ")}\n)`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

function checkName(name: string, m: Module): void {
  if (name.includes(".") || name === "") throw new KeyError(`${m.constructor.name}: a member name can't be empty or contain "." (got '${name}')`);
}
