// Sequential, ModuleList, ModuleDict (torch/nn/modules/container.py): children keyed "0", "1", …
import { Module } from "../module.js";
import type { Tensor } from "../../tensor.js";

/** A module whose forward maps one tensor to one tensor (what Sequential chains). */
export interface TensorModule extends Module {
  forward(input: Tensor): Tensor;
}

export class Sequential extends Module {
  constructor(...modules: TensorModule[]) {
    super();
    modules.forEach((m, i) => this.add_module(String(i), m));
  }
  /** Runs the children in order; intermediate results are freed as soon as they are consumed. */
  forward(input: Tensor): Tensor {
    let x = input;
    for (const m of this.children() as TensorModule[]) {
      const y = m.forward(x);
      if (x !== input) x.dispose();
      x = y;
    }
    return x === input ? input.view_as(input) : x;
  }
  get length(): number {
    return this._modules.size;
  }
  at(i: number): TensorModule {
    return this.children()[i < 0 ? i + this.length : i] as TensorModule;
  }
  append(m: TensorModule): this {
    this.add_module(String(this._modules.size), m);
    return this;
  }
}

export class ModuleList<M extends Module = Module> extends Module implements Iterable<M> {
  constructor(modules: Iterable<M> = []) {
    super();
    for (const m of modules) this.append(m);
  }
  append(m: M): this {
    this.add_module(String(this._modules.size), m);
    return this;
  }
  extend(ms: Iterable<M>): this {
    for (const m of ms) this.append(m);
    return this;
  }
  get length(): number {
    return this._modules.size;
  }
  at(i: number): M {
    const n = this.length;
    const m = this._modules.get(String(i < 0 ? i + n : i));
    if (!m) throw new RangeError(`index ${i} is out of range for a ModuleList of length ${n}`);
    return m as M;
  }
  [Symbol.iterator](): Iterator<M> {
    return (this.children() as M[])[Symbol.iterator]();
  }
}

export class ModuleDict<M extends Module = Module> extends Module {
  constructor(modules: Record<string, M> = {}) {
    super();
    for (const [k, m] of Object.entries(modules)) this.add_module(k, m);
  }
  get(key: string): M | undefined {
    return (this._modules.get(key) ?? undefined) as M | undefined;
  }
  set(key: string, m: M): this {
    this.add_module(key, m);
    return this;
  }
  has(key: string): boolean {
    return this._modules.has(key);
  }
  keys(): string[] {
    return [...this._modules.keys()];
  }
  entries(): Array<[string, M]> {
    return this.named_children() as Array<[string, M]>;
  }
}
