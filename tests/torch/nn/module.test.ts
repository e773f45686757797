// nn.Module behaviour: registration, key names, state_dict / load_state_dict (strict errors
// worded like PyTorch's), tied parameters, train/eval, to(dtype), containers and repr.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/torch/index.js";

const { nn } = torch;

class Block extends nn.Module {
  dense = this.add_module("dense", new nn.Linear(4, 3));
  LayerNorm = this.add_module("LayerNorm", new nn.LayerNorm(3, { eps: 1e-12 }));
  dropout = this.add_module("dropout", new nn.Dropout(0.1));
  forward(x: torch.Tensor): torch.Tensor {
    return torch.tidy(() => this.LayerNorm.forward(this.dropout.forward(this.dense.forward(x))));
  }
}

class Tied extends nn.Module {
  emb = this.add_module("emb", new nn.Embedding(5, 3, { padding_idx: 0 }));
  head = this.add_module("head", new nn.Linear(3, 5, { bias: false }));
  constructor() {
    super();
    // HF ties the decoder to the input embedding by sharing one Parameter object.
    this.head.weight = this.head.register_parameter("weight", this.emb.weight);
  }
}

test("parameters are registered under PyTorch/HF key names, in registration order", () => {
  const b = new Block();
  assert.deepEqual(b.named_parameters().map(([n]) => n), ["dense.weight", "dense.bias", "LayerNorm.weight", "LayerNorm.bias"]);
  assert.deepEqual([...b.state_dict().keys()], ["dense.weight", "dense.bias", "LayerNorm.weight", "LayerNorm.bias"]);
  assert.equal(b.num_parameters(), 4 * 3 + 3 + 3 + 3);
  assert.deepEqual(b.named_modules().next().value, ["", b]);
  assert.deepEqual([...b.named_modules()].map(([n]) => n), ["", "dense", "LayerNorm", "dropout"]);
  b.dispose();
});

test("tied parameters appear once in named_parameters and under both names in state_dict", () => {
  const m = new Tied();
  assert.deepEqual(m.named_parameters().map(([n]) => n), ["emb.weight"]);
  assert.deepEqual([...m.state_dict().keys()], ["emb.weight", "head.weight"]);
  assert.equal(m.state_dict().get("head.weight"), m.state_dict().get("emb.weight"));
  // padding_idx row starts at zero
  assert.deepEqual(torch.tidy(() => m.emb.weight.index(0).tolist()), [0, 0, 0]);
  m.dispose();
});

test("load_state_dict copies values; strict mode reports missing and unexpected keys like PyTorch", () => {
  const a = new Block();
  const b = new Block();
  const res = b.load_state_dict(a.state_dict());
  assert.deepEqual(res, { missing_keys: [], unexpected_keys: [] });
  for (const [k, v] of a.state_dict()) assert.ok(v.equal(b.state_dict().get(k)!), k);
  const sd = new Map(a.state_dict());
  sd.delete("dense.bias");
  const extra = torch.zeros(3);
  sd.set("pooler.weight", extra);
  assert.throws(() => b.load_state_dict(sd), (e: Error) => {
    assert.equal(e.name, "RuntimeError");
    assert.match(e.message, /Error\(s\) in loading state_dict for Block/);
    assert.match(e.message, /Missing key\(s\) in state_dict: "dense.bias"/);
    assert.match(e.message, /Unexpected key\(s\) in state_dict: "pooler.weight"/);
    return true;
  });
  const lax = b.load_state_dict(sd, { strict: false });
  assert.deepEqual(lax, { missing_keys: ["dense.bias"], unexpected_keys: ["pooler.weight"] });
  extra.dispose();
  a.dispose();
  b.dispose();
});

test("a shape mismatch names the key and both shapes", () => {
  const b = new Block();
  const bad = torch.zeros(2, 4);
  assert.throws(() => b.load_state_dict({ "dense.weight": bad }, { strict: false }), /size mismatch for dense\.weight: copying a param with shape \[2, 4\] from checkpoint, the shape in current model is \[3, 4\]/);
  bad.dispose();
  b.dispose();
});

test("train()/eval() switch dropout; eval output is deterministic", () => {
  const b = new Block();
  b.eval();
  assert.equal(b.dropout.training, false);
  const x = torch.randn(2, 4);
  const y1 = b.forward(x);
  const y2 = b.forward(x);
  assert.ok(y1.equal(y2));
  b.train();
  assert.equal(b.dense.training, true);
  for (const t of [x, y1, y2]) t.dispose();
  b.dispose();
});

test("module.to(dtype) casts floating parameters in place: the Parameter objects stay the same", () => {
  const b = new Block();
  const w = b.dense.weight;
  const opt = new torch.optim.SGD(b.parameters(), { lr: 0.1 });
  b.to(torch.float64);
  assert.equal(b.dense.weight, w);
  assert.equal(w.dtype, torch.float64);
  assert.equal(w.requires_grad, true);
  assert.ok(w.is_leaf);
  const loss = torch.tidy(() => b.forward(torch.randn(2, 4, { dtype: torch.float64 })).sum());
  loss.backward();
  opt.step(); // the optimizer still holds the same (moved) parameters
  assert.equal(w.grad!.dtype, torch.float64);
  loss.dispose();
  opt.dispose();
  b.dispose();
});

test("Sequential keys children 0, 1, …; its repr looks like PyTorch's", () => {
  const s = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 1, { bias: false }));
  assert.deepEqual([...s.state_dict().keys()], ["0.weight", "0.bias", "2.weight"]);
  assert.equal(String(s), [
    "Sequential(",
    "  (0): Linear(in_features=2, out_features=3, bias=True)",
    "  (1): ReLU()",
    "  (2): Linear(in_features=3, out_features=1, bias=False)",
    ")",
  ].join("\n"));
  const before = torch.memory().live_tensors;
  const x = torch.ones(4, 2);
  const y = s.forward(x);
  assert.deepEqual(y.shape, [4, 1]);
  x.dispose();
  y.dispose();
  assert.equal(torch.memory().live_tensors, before, "Sequential frees its intermediate results");
  s.dispose();
});

test("ModuleList and ModuleDict", () => {
  const l = new nn.ModuleList([new nn.Linear(2, 2), new nn.Linear(2, 2)]);
  assert.equal(l.length, 2);
  assert.deepEqual([...l.state_dict().keys()], ["0.weight", "0.bias", "1.weight", "1.bias"]);
  assert.equal([...l].length, 2);
  assert.throws(() => l.at(5), /out of range/);
  const d = new nn.ModuleDict({ query: new nn.Linear(2, 2) });
  assert.deepEqual(d.keys(), ["query"]);
  assert.deepEqual([...d.state_dict().keys()], ["query.weight", "query.bias"]);
  l.dispose();
  d.dispose();
});

test("seeded nn.Linear init is reproducible and bounded by 1/sqrt(fan_in)", () => {
  torch.manual_seed(42);
  const a = new nn.Linear(16, 8);
  torch.manual_seed(42);
  const b = new nn.Linear(16, 8);
  assert.ok(a.weight.equal(b.weight) && a.bias!.equal(b.bias!));
  const maxAbs = torch.tidy(() => a.weight.abs().max().item());
  assert.ok(maxAbs <= 1 / Math.sqrt(16));
  a.dispose();
  b.dispose();
});

test("zero_grad, requires_grad_, apply", () => {
  const b = new Block();
  const loss = torch.tidy(() => b.forward(torch.randn(3, 4)).pow(2).sum());
  loss.backward();
  assert.ok(b.dense.weight.grad !== null);
  b.zero_grad();
  assert.equal(b.dense.weight.grad, null);
  b.requires_grad_(false);
  assert.equal(b.parameters().every((p) => !p.requires_grad), true);
  const names: string[] = [];
  b.apply((m) => names.push(m.constructor.name));
  assert.deepEqual(names, ["Linear", "LayerNorm", "Dropout", "Block"]);
  loss.dispose();
  b.dispose();
});
