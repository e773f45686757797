#!/usr/bin/env python3
"""PyTorch parity goldens for the finetune-ts engine (ops, autograd, nn.functional, RNG, optimizers).

Run with Debian's PyTorch (python3-torch, 1.13):
    /usr/bin/python3 scripts/make_torch_goldens.py     (GOLDENS_OUT=dir writes elsewhere, e.g. to compare torch 2.x)

Writes
  tests/fixtures/torch_goldens/goldens.safetensors   every tensor (inputs, outputs, weights, grads)
  tests/fixtures/torch_goldens/cases.json            what each case is (read by tests/torch/**)

A case is `op(inputs, **kwargs)`; the TypeScript tests hold the same op under the same key.
For every case we store the inputs (`<name>/in<i>`), each output (`<name>/out<j>`), and, for a
differentiable case, one weight per floating output (`<name>/w<j>`) and the gradient of
`sum_j (out_j * w_j).sum()` w.r.t. each floating input (`<name>/grad<i>`): the TS test runs
`out.mul(w).sum().backward()` and compares `x.grad`.

Inputs are drawn once from a fixed float64 stream (`torch.Generator().manual_seed(1234)`),
then cast, so they never depend on the default generator; the "random" family instead records
what the *default* generator gives after `torch.manual_seed(...)`, which the addon shares.
Tolerances are per case (fp32: atol = rtol = 1e-5 per op unless stated; integer/bool outputs
and the RNG cases are compared exactly).  The safetensors file is written by hand (8-byte LE
header length, JSON header, raw LE data) because Debian has no python3-safetensors.
"""
import json
import os
import struct

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.use_deterministic_algorithms(False)

OUT_DIR = os.environ.get("GOLDENS_OUT") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "torch_goldens")
TENSORS = {}
CASES = []
TOL = {"atol": 1e-5, "rtol": 1e-5}

_gen = torch.Generator().manual_seed(1234)


def rn(*shape, dtype=torch.float32):
    return torch.randn(tuple(shape), generator=_gen, dtype=torch.float64).to(dtype)


def pos(*shape):
    """Strictly positive inputs (log, sqrt, pow base): |N(0,1)| + 0.5."""
    return (torch.randn(tuple(shape), generator=_gen, dtype=torch.float64).abs() + 0.5).float()


def nonzero(*shape):
    """Away from zero (divisors): sign(x) * (|x| + 0.5)."""
    x = torch.randn(tuple(shape), generator=_gen, dtype=torch.float64)
    return (x.sign() * (x.abs() + 0.5)).float()


def put(key, t):
    assert key not in TENSORS, key
    TENSORS[key] = t.detach().cpu().clone().contiguous()  # clone: params change in place later


def dtname(t):
    return str(t.dtype).replace("torch.", "")


def as_list(out):
    return list(out) if isinstance(out, (tuple, list)) else [out]


def case(family, name, op, inputs, fn, kwargs=None, grad=True, tol=None, note=None, nograd=()):
    """Records one op case: forward outputs and, when `grad`, gradients of a weighted sum."""
    kwargs = kwargs or {}
    ins = [t.clone() for t in inputs]
    grad_idx = [i for i, t in enumerate(ins) if grad and t.is_floating_point() and i not in nograd]
    for i in grad_idx:
        ins[i].requires_grad_(True)
    outs = as_list(fn(*ins, **kwargs))
    for i, t in enumerate(inputs):
        put(f"{name}/in{i}", t)
    for j, o in enumerate(outs):
        put(f"{name}/out{j}", o)
    weighted = [j for j, o in enumerate(outs) if o.is_floating_point() and o.requires_grad]
    entry = {
        "family": family, "name": name, "op": op, "kwargs": kwargs,
        "inputs": [{"key": f"{name}/in{i}", "dtype": dtname(t), "shape": list(t.shape)} for i, t in enumerate(inputs)],
        "outputs": [{"key": f"{name}/out{j}", "dtype": dtname(o), "shape": list(o.shape)} for j, o in enumerate(outs)],
        "tol": tol or TOL,
    }
    if grad and grad_idx and weighted:
        loss = 0
        ws = []
        for j in weighted:
            w = rn(*outs[j].shape, dtype=outs[j].dtype)
            put(f"{name}/w{j}", w)
            ws.append(f"{name}/w{j}")
            loss = loss + (outs[j] * w).sum()
        gs = torch.autograd.grad(loss, [ins[i] for i in grad_idx], allow_unused=True)
        grads = {}
        for i, g in zip(grad_idx, gs):
            put(f"{name}/grad{i}", torch.zeros_like(ins[i]) if g is None else g)
            grads[str(i)] = f"{name}/grad{i}"
        entry["weights"] = {str(j): f"{name}/w{j}" for j in weighted}
        entry["grads"] = grads
    if note:
        entry["note"] = note
    CASES.append(entry)


# ------------------------------------------------------------------------------------------------
# pointwise
P = "pointwise"
case(P, "add_alpha_bcast", "add", [rn(3, 1), rn(1, 4)], lambda a, b, alpha: torch.add(a, b, alpha=alpha), {"alpha": 2.0})
case(P, "add_scalar", "add_scalar", [rn(3, 4)], lambda a, other, alpha: torch.add(a, other, alpha=alpha), {"other": 1.5, "alpha": 2.0})
case(P, "sub_bcast", "sub", [rn(3, 4), rn(4)], lambda a, b, alpha: torch.sub(a, b, alpha=alpha), {"alpha": 0.5})
case(P, "sub_scalar", "sub_scalar", [rn(3, 4)], lambda a, other: a - other, {"other": 0.25})
case(P, "rsub_scalar", "rsub_scalar", [rn(3, 4)], lambda a, other: other - a, {"other": 1.0})
case(P, "mul", "mul", [rn(2, 3), rn(2, 3)], lambda a, b: a * b)
case(P, "mul_bcast", "mul", [rn(2, 1, 3), rn(4, 1)], lambda a, b: a * b)
case(P, "mul_scalar", "mul_scalar", [rn(2, 3)], lambda a, other: a * other, {"other": -3.0})
case(P, "div", "div", [rn(3, 4), nonzero(3, 4)], lambda a, b: a / b)
case(P, "div_scalar", "div_scalar", [rn(3, 4)], lambda a, other: a / other, {"other": 4.0})
case(P, "div_floor", "div", [rn(3, 4) * 5, nonzero(3, 4)], lambda a, b, rounding_mode: torch.div(a, b, rounding_mode=rounding_mode),
     {"rounding_mode": "floor"}, grad=False)
case(P, "div_trunc", "div", [rn(3, 4) * 5, nonzero(3, 4)], lambda a, b, rounding_mode: torch.div(a, b, rounding_mode=rounding_mode),
     {"rounding_mode": "trunc"}, grad=False)
case(P, "div_floor_int", "div", [torch.tensor([7, -7, 7, -7, 0]), torch.tensor([2, 2, -2, -2, 3])],
     lambda a, b, rounding_mode: torch.div(a, b, rounding_mode=rounding_mode), {"rounding_mode": "floor"}, grad=False)
case(P, "div_trunc_int", "div", [torch.tensor([7, -7, 7, -7, 0]), torch.tensor([2, 2, -2, -2, 3])],
     lambda a, b, rounding_mode: torch.div(a, b, rounding_mode=rounding_mode), {"rounding_mode": "trunc"}, grad=False)
case(P, "pow_tensor", "pow", [pos(3, 4), rn(3, 4)], lambda a, b: torch.pow(a, b))
case(P, "pow_scalar_int", "pow_scalar", [rn(3, 4)], lambda a, exponent: torch.pow(a, exponent), {"exponent": 3})
case(P, "pow_scalar_frac", "pow_scalar", [pos(3, 4)], lambda a, exponent: torch.pow(a, exponent), {"exponent": 2.5})
case(P, "pow_scalar_neg", "pow_scalar", [pos(3, 4)], lambda a, exponent: torch.pow(a, exponent), {"exponent": -0.5})
case(P, "maximum", "maximum", [rn(3, 4), rn(3, 4)], lambda a, b: torch.maximum(a, b))
case(P, "minimum_bcast", "minimum", [rn(3, 4), rn(4)], lambda a, b: torch.minimum(a, b))
for u in ["exp", "tanh", "sigmoid", "relu", "abs", "neg", "erf", "silu", "sin", "cos", "square"]:
    case(P, u, u, [rn(3, 4)], F.silu if u == "silu" else getattr(torch, u))
for u in ["log", "sqrt", "rsqrt", "log1p", "reciprocal"]:
    case(P, u, u, [pos(3, 4)], getattr(torch, u))
case(P, "gelu_exact", "gelu", [rn(3, 4) * 2], lambda a, approximate: F.gelu(a, approximate=approximate), {"approximate": "none"})
case(P, "gelu_tanh", "gelu", [rn(3, 4) * 2], lambda a, approximate: F.gelu(a, approximate=approximate), {"approximate": "tanh"})
case(P, "clamp_both", "clamp", [rn(3, 4) * 2], lambda a, min, max: torch.clamp(a, min, max), {"min": -0.5, "max": 0.7})
case(P, "clamp_min", "clamp", [rn(3, 4)], lambda a, min, max: torch.clamp(a, min, max), {"min": 0.1, "max": None})
case(P, "clamp_max", "clamp", [rn(3, 4)], lambda a, min, max: torch.clamp(a, min, max), {"min": None, "max": -0.1})
case(P, "where", "where", [rn(3, 4) > 0, rn(3, 4), rn(3, 4)], lambda c, a, b: torch.where(c, a, b))
case(P, "where_bcast", "where", [rn(3, 1) > 0, rn(3, 4), rn(4)], lambda c, a, b: torch.where(c, a, b))
case(P, "where_scalar_other", "where_scalar", [rn(3, 4) > 0, rn(3, 4)], lambda c, a, other: torch.where(c, a, other), {"other": 0.0})
case(P, "masked_fill", "masked_fill", [rn(3, 4), rn(3, 4) > 0.3], lambda a, m, value: a.masked_fill(m, value), {"value": -1.5})
case(P, "masked_fill_inf_bcast", "masked_fill", [rn(2, 3, 4), rn(1, 1, 4) > 0], lambda a, m, value: a.masked_fill(m, value), {"value": -1e9})
case(P, "comparisons", "comparisons", [torch.tensor([1.0, 2.0, 3.0, 2.0]), torch.tensor([2.0, 2.0, 1.0, 5.0])],
     lambda a, b: [a.eq(b), a.ne(b), a.lt(b), a.le(b), a.gt(b), a.ge(b)], grad=False)
case(P, "floor_ceil_round", "rounding", [torch.tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 1.2, -1.7])],
     lambda a: [a.floor(), a.ceil(), a.round(), a.trunc(), a.sign()], grad=False)
case(P, "remainder_fmod", "remainder_fmod", [torch.tensor([-3.0, -1.0, 1.0, 3.0, 5.5]), torch.tensor([2.0, 2.0, -2.0, -2.0, 2.0])],
     lambda a, b: [torch.remainder(a, b), torch.fmod(a, b)], grad=False)

# type promotion: (a, b-or-scalar) -> result dtype, checked exactly (values too)
PROMO = [
    ("promo_long_plus_float_scalar", [torch.tensor([1, 2, 3])], {"other": 2.5}, lambda a, other: a + other),
    ("promo_long_plus_int_scalar", [torch.tensor([1, 2, 3])], {"other": 3}, lambda a, other: a + other),
    ("promo_long_times_float_scalar", [torch.tensor([1, 2, 3])], {"other": 0.5}, lambda a, other: a * other),
    ("promo_bool_plus_int_scalar", [torch.tensor([True, False, True])], {"other": 2}, lambda a, other: a + other),
    ("promo_int32_plus_int_scalar", [torch.tensor([1, 2, 3], dtype=torch.int32)], {"other": 5}, lambda a, other: a + other),
    ("promo_float64_plus_float_scalar", [torch.tensor([1.5, 2.5], dtype=torch.float64)], {"other": 0.25}, lambda a, other: a + other),
]
for name, ins, kw, f in PROMO:
    case(P, name, "mul_scalar_plain" if "times" in name else "add_scalar_plain", ins, f, kw, grad=False, tol={"atol": 0, "rtol": 0})
PROMO_T = [
    ("promo_f32_plus_f64", [torch.tensor([1.5, 2.5]), torch.tensor([0.25, 0.5], dtype=torch.float64)]),
    ("promo_bool_plus_long", [torch.tensor([True, False]), torch.tensor([3, 4])]),
    ("promo_int32_plus_long", [torch.tensor([1, 2], dtype=torch.int32), torch.tensor([3, 4])]),
    ("promo_long_plus_f32", [torch.tensor([1, 2]), torch.tensor([0.5, 0.25])]),
    ("promo_f32_plus_f64_0d", [torch.tensor([1.5, 2.5]), torch.tensor(0.25, dtype=torch.float64)]),
    ("promo_long_plus_f64_0d", [torch.tensor([1, 2]), torch.tensor(0.5, dtype=torch.float64)]),
    ("promo_uint8_plus_int8", [torch.tensor([200, 3], dtype=torch.uint8), torch.tensor([-1, 4], dtype=torch.int8)]),
]
for name, ins in PROMO_T:
    case(P, name, "add_plain", ins, lambda a, b: a + b, grad=False, tol={"atol": 0, "rtol": 0})
case(P, "promo_long_div_long", "div", [torch.tensor([7, -7, 3]), torch.tensor([2, 2, 4])], lambda a, b: a / b, grad=False)
case(P, "promo_f32_mul_f16", "mul", [torch.tensor([1.5, 2.5]), torch.tensor([2.0, 0.5], dtype=torch.float16)], lambda a, b: a * b, grad=False)

# ------------------------------------------------------------------------------------------------
# reductions
R = "reduction"
x234 = rn(2, 3, 4)
case(R, "sum_all", "sum", [x234], lambda a: a.sum())
case(R, "sum_dim", "sum", [x234], lambda a, dim: a.sum(dim), {"dim": 1})
case(R, "sum_neg_dim_keepdim", "sum", [x234], lambda a, dim, keepdim: a.sum(dim, keepdim=keepdim), {"dim": -1, "keepdim": True})
case(R, "sum_dims", "sum", [x234], lambda a, dim: a.sum(dim), {"dim": [0, 2]})
case(R, "sum_long_dtype", "sum", [torch.tensor([[1, 2], [3, 4]])], lambda a: a.sum(), grad=False)
case(R, "sum_bool", "sum", [torch.tensor([True, False, True])], lambda a: a.sum(), grad=False)
case(R, "mean_all", "mean", [x234], lambda a: a.mean())
case(R, "mean_dim", "mean", [x234], lambda a, dim: a.mean(dim), {"dim": 2})
case(R, "mean_dims_keepdim", "mean", [x234], lambda a, dim, keepdim: a.mean(dim, keepdim=keepdim), {"dim": [0, 1], "keepdim": True})
case(R, "max_dim", "max_dim", [rn(3, 5)], lambda a, dim, keepdim: tuple(a.max(dim, keepdim=keepdim)), {"dim": 1, "keepdim": False})
case(R, "min_dim_keepdim", "min_dim", [rn(3, 5)], lambda a, dim, keepdim: tuple(a.min(dim, keepdim=keepdim)), {"dim": 0, "keepdim": True})
case(R, "max_all", "max_all", [rn(3, 5)], lambda a: a.max())
case(R, "min_all", "min_all", [rn(3, 5)], lambda a: a.min())
case(R, "amax_dims", "amax", [x234], lambda a, dim: a.amax(dim), {"dim": [1, 2]})
case(R, "argmax_dim", "argmax", [rn(3, 5)], lambda a, dim, keepdim: a.argmax(dim, keepdim=keepdim), {"dim": 1, "keepdim": False}, grad=False)
case(R, "argmax_all", "argmax", [rn(3, 5)], lambda a, dim, keepdim: a.argmax(), {"dim": None, "keepdim": False}, grad=False)
case(R, "argmin_dim_keepdim", "argmin", [rn(3, 5)], lambda a, dim, keepdim: a.argmin(dim, keepdim=keepdim), {"dim": 0, "keepdim": True}, grad=False)
case(R, "argmax_ties_first", "argmax", [torch.tensor([[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, 2.0, 2.0]])],
     lambda a, dim, keepdim: a.argmax(dim, keepdim=keepdim), {"dim": 1, "keepdim": False}, grad=False)
case(R, "std_all", "std", [x234], lambda a: a.std())
case(R, "std_dim_c0", "std", [x234], lambda a, dim, correction: torch.std(a, dim, unbiased=correction == 1), {"dim": 1, "correction": 0})
case(R, "var_dim_c1", "var", [x234], lambda a, dim, correction: torch.var(a, dim, unbiased=correction == 1), {"dim": 2, "correction": 1})
case(R, "var_all_c0", "var", [x234], lambda a, correction: torch.var(a, unbiased=correction == 1), {"correction": 0})
case(R, "var_dim_keepdim", "var", [x234], lambda a, dim, keepdim: torch.var(a, dim, keepdim=keepdim), {"dim": -1, "keepdim": True})
case(R, "logsumexp", "logsumexp", [x234 * 10], lambda a, dim: torch.logsumexp(a, dim), {"dim": 1})
case(R, "logsumexp_keepdim", "logsumexp", [x234], lambda a, dim, keepdim: torch.logsumexp(a, dim, keepdim=keepdim), {"dim": -1, "keepdim": True})
case(R, "norm_p2_all", "norm", [x234], lambda a, p: torch.norm(a, p), {"p": 2})
case(R, "norm_p1_all", "norm", [x234], lambda a, p: torch.norm(a, p), {"p": 1})
case(R, "norm_p2_dim", "norm", [x234], lambda a, p, dim: torch.norm(a, p, dim), {"p": 2, "dim": 1})
case(R, "norm_p1_dim_keepdim", "norm", [x234], lambda a, p, dim, keepdim: torch.norm(a, p, dim, keepdim=keepdim), {"p": 1, "dim": -1, "keepdim": True})
case(R, "prod_all", "prod", [nonzero(2, 3)], lambda a: a.prod())
case(R, "prod_dim", "prod", [nonzero(3, 4)], lambda a, dim: a.prod(dim), {"dim": 1})
case(R, "cumsum", "cumsum", [rn(3, 4)], lambda a, dim: a.cumsum(dim), {"dim": 1})
case(R, "cumsum_dim0", "cumsum", [rn(3, 4)], lambda a, dim: a.cumsum(dim), {"dim": 0})
case(R, "cumsum_long", "cumsum", [torch.tensor([1, 2, 3, 4])], lambda a, dim: a.cumsum(dim), {"dim": 0}, grad=False)
case(R, "cumprod", "cumprod", [nonzero(2, 4)], lambda a, dim: a.cumprod(dim), {"dim": 1})
case(R, "all_any", "all_any", [torch.tensor([[True, False], [True, True]])], lambda a: [a.all(), a.any(), a.all(1), a.any(0)], grad=False)

# ------------------------------------------------------------------------------------------------
# shape
S = "shape"
case(S, "view", "view", [x234], lambda a, shape: a.view(*shape), {"shape": [6, 4]})
case(S, "view_infer", "view", [x234], lambda a, shape: a.view(*shape), {"shape": [4, -1]})
case(S, "reshape_noncontig", "reshape", [x234], lambda a, shape: a.transpose(0, 2).reshape(*shape), {"shape": [-1]})
case(S, "permute", "permute", [x234], lambda a, dims: a.permute(*dims), {"dims": [2, 0, 1]})
case(S, "transpose", "transpose", [x234], lambda a, dim0, dim1: a.transpose(dim0, dim1), {"dim0": 0, "dim1": 2})
case(S, "t", "t", [rn(3, 4)], lambda a: a.t())
case(S, "flatten", "flatten", [x234], lambda a, start_dim, end_dim: a.flatten(start_dim, end_dim), {"start_dim": 1, "end_dim": -1})
case(S, "flatten_all", "flatten", [x234], lambda a, start_dim, end_dim: a.flatten(start_dim, end_dim), {"start_dim": 0, "end_dim": -1})
case(S, "unsqueeze", "unsqueeze", [rn(3, 4)], lambda a, dim: a.unsqueeze(dim), {"dim": 1})
case(S, "unsqueeze_neg", "unsqueeze", [rn(3, 4)], lambda a, dim: a.unsqueeze(dim), {"dim": -1})
case(S, "squeeze_all", "squeeze", [rn(1, 3, 1, 2)], lambda a, dim: a.squeeze(), {"dim": None})
case(S, "squeeze_dim", "squeeze", [rn(1, 3, 1, 2)], lambda a, dim: a.squeeze(dim), {"dim": 2})
case(S, "squeeze_dim_noop", "squeeze", [rn(1, 3, 1, 2)], lambda a, dim: a.squeeze(dim), {"dim": 1})
case(S, "expand", "expand", [rn(3, 1)], lambda a, sizes: a.expand(*sizes), {"sizes": [2, 3, 4]})
case(S, "expand_keep", "expand", [rn(3, 1)], lambda a, sizes: a.expand(*sizes), {"sizes": [-1, 5]})
case(S, "repeat", "repeat", [rn(2, 3)], lambda a, repeats: a.repeat(*repeats), {"repeats": [2, 1, 3]})
case(S, "narrow", "narrow", [x234], lambda a, dim, start, length: a.narrow(dim, start, length), {"dim": 1, "start": 1, "length": 2})
case(S, "select", "select", [x234], lambda a, dim, index: a.select(dim, index), {"dim": 1, "index": 2})
case(S, "select_neg", "select", [x234], lambda a, dim, index: a.select(dim, index), {"dim": -1, "index": -1})
case(S, "slice_step", "slice", [rn(3, 7)], lambda a, dim, start, end, step: a[:, start:end:step], {"dim": 1, "start": 0, "end": 7, "step": 2})
case(S, "slice_neg", "slice", [rn(5, 3)], lambda a, dim, start, end, step: a[start:end:step], {"dim": 0, "start": -4, "end": -1, "step": 1})
case(S, "flip", "flip", [x234], lambda a, dims: a.flip(dims), {"dims": [0, 2]})
case(S, "roll", "roll", [rn(3, 4)], lambda a, shifts, dims: a.roll(shifts, dims), {"shifts": [1, -1], "dims": [0, 1]})
case(S, "tril", "tril", [rn(4, 4)], lambda a, diagonal: a.tril(diagonal), {"diagonal": 0})
case(S, "tril_neg", "tril", [rn(3, 5)], lambda a, diagonal: a.tril(diagonal), {"diagonal": -1})
case(S, "triu_pos", "triu", [rn(4, 4)], lambda a, diagonal: a.triu(diagonal), {"diagonal": 1})
case(S, "cat_dim1", "cat", [rn(2, 3), rn(2, 2), rn(2, 1)], lambda a, b, c, dim: torch.cat([a, b, c], dim), {"dim": 1})
case(S, "cat_dim0", "cat", [rn(1, 3), rn(2, 3)], lambda a, b, dim: torch.cat([a, b], dim), {"dim": 0})
case(S, "stack_dim0", "stack", [rn(2, 3), rn(2, 3)], lambda a, b, dim: torch.stack([a, b], dim), {"dim": 0})
case(S, "stack_dim_last", "stack", [rn(2, 3), rn(2, 3), rn(2, 3)], lambda a, b, c, dim: torch.stack([a, b, c], dim), {"dim": -1})
case(S, "split_size", "split", [rn(5, 4)], lambda a, split_size_or_sections, dim: a.split(split_size_or_sections, dim), {"split_size_or_sections": 2, "dim": 0})
case(S, "split_sections", "split", [rn(2, 6)], lambda a, split_size_or_sections, dim: a.split(split_size_or_sections, dim), {"split_size_or_sections": [1, 3, 2], "dim": 1})
case(S, "chunk", "chunk", [rn(7, 2)], lambda a, chunks, dim: a.chunk(chunks, dim), {"chunks": 3, "dim": 0})
case(S, "unbind", "unbind", [rn(3, 2)], lambda a, dim: a.unbind(dim), {"dim": 1})
case(S, "contiguous_of_transpose", "contiguous_t", [rn(3, 4)], lambda a: a.t().contiguous())
case(S, "movedim", "movedim", [x234], lambda a, source, destination: a.movedim(source, destination), {"source": 0, "destination": -1})

# ------------------------------------------------------------------------------------------------
# indexing
I = "indexing"
case(I, "index_select", "index_select", [rn(4, 3), torch.tensor([2, 0, 2])], lambda a, i, dim: a.index_select(dim, i), {"dim": 0})
case(I, "index_select_dim1", "index_select", [rn(2, 5), torch.tensor([4, 1])], lambda a, i, dim: a.index_select(dim, i), {"dim": 1})
case(I, "gather", "gather", [rn(3, 4), torch.tensor([[0, 3], [1, 1], [2, 0]])], lambda a, i, dim: a.gather(dim, i), {"dim": 1})
case(I, "gather_dim0", "gather", [rn(3, 4), torch.tensor([[2, 0, 1, 2]])], lambda a, i, dim: a.gather(dim, i), {"dim": 0})
case(I, "scatter_src", "scatter", [rn(3, 5), torch.tensor([[0, 4], [2, 1], [3, 3]]), rn(3, 2)],
     lambda a, i, s, dim: a.scatter(dim, i, s), {"dim": 1}, note="index unique per row (scatter with duplicates is nondeterministic)")
case(I, "scatter_value", "scatter_value", [rn(3, 5), torch.tensor([[0, 4], [2, 1], [3, 0]])],
     lambda a, i, dim, value: a.scatter(dim, i, value), {"dim": 1, "value": 9.5})
case(I, "scatter_add", "scatter_add", [rn(3, 5), torch.tensor([[0, 0, 1], [2, 2, 2], [4, 3, 4]]), rn(3, 3)],
     lambda a, i, s, dim: a.scatter_add(dim, i, s), {"dim": 1})
case(I, "masked_select", "masked_select", [rn(3, 4), rn(3, 4) > 0], lambda a, m: a.masked_select(m))
case(I, "masked_select_bcast", "masked_select", [rn(3, 4), rn(4) > 0], lambda a, m: a.masked_select(m))
case(I, "index_long", "index_long", [rn(4, 3), torch.tensor([[0, 2], [3, 3]])], lambda a, i: a[i])
case(I, "index_bool_mask", "index_mask", [rn(3, 4), rn(3, 4) > 0], lambda a, m: a[m])
case(I, "index_bool_rows", "index_mask", [rn(4, 3), torch.tensor([True, False, True, True])], lambda a, m: a[m])
case(I, "index_cols", "index_cols", [rn(3, 5), torch.tensor([4, 0, 4])], lambda a, i: a[:, i])
case(I, "index_rows_slice_cols", "index_rows_slice", [rn(4, 5), torch.tensor([3, 1])], lambda a, i: a[i, 1:4])
case(I, "index_basic_mix", "index_basic_mix", [rn(3, 4, 5)], lambda a: a[1, :, ::2])
case(I, "index_ellipsis_none", "index_ellipsis_none", [rn(2, 3)], lambda a: a[..., None])
case(I, "index_neg_int", "index_neg_int", [rn(3, 4)], lambda a: a[-1])
case(I, "nonzero", "nonzero", [torch.tensor([[0.0, 1.5, 0.0], [2.0, 0.0, -1.0]])], lambda a: a.nonzero(), grad=False)
case(I, "index_put_accumulate", "index_put_acc", [rn(5), torch.tensor([0, 2, 0]), rn(3)],
     lambda a, i, v: a.index_put((i,), v, accumulate=True))

# ------------------------------------------------------------------------------------------------
# linalg
L = "linalg"
case(L, "matmul_2d", "matmul", [rn(3, 4), rn(4, 5)], lambda a, b: a @ b)
case(L, "matmul_batched_bcast", "matmul", [rn(2, 1, 3, 4), rn(3, 4, 5)], lambda a, b: a @ b)
case(L, "matmul_3d_2d", "matmul", [rn(2, 3, 4), rn(4, 5)], lambda a, b: a @ b)
case(L, "matmul_vec", "matmul", [rn(3, 4), rn(4)], lambda a, b: a @ b)
case(L, "matmul_vec_vec", "matmul", [rn(4), rn(4)], lambda a, b: a @ b)
case(L, "mm", "mm", [rn(3, 4), rn(4, 2)], lambda a, b: a.mm(b))
case(L, "bmm", "bmm", [rn(2, 3, 4), rn(2, 4, 5)], lambda a, b: a.bmm(b))
case(L, "baddbmm", "baddbmm", [rn(2, 3, 5), rn(2, 3, 4), rn(2, 4, 5)],
     lambda c, a, b, beta, alpha: torch.baddbmm(c, a, b, beta=beta, alpha=alpha), {"beta": 0.5, "alpha": 2.0})
case(L, "addmm", "addmm", [rn(5), rn(3, 4), rn(4, 5)], lambda c, a, b, beta, alpha: torch.addmm(c, a, b, beta=beta, alpha=alpha), {"beta": 1.0, "alpha": 1.0})
case(L, "linear_bias", "linear", [rn(4, 5), rn(3, 5), rn(3)], lambda x, w, b: F.linear(x, w, b))
case(L, "linear_nobias_3d", "linear", [rn(2, 4, 5), rn(3, 5)], lambda x, w: F.linear(x, w))
case(L, "einsum_bmm", "einsum", [rn(2, 3, 4), rn(2, 4, 5)], lambda a, b, equation: torch.einsum(equation, a, b), {"equation": "bij,bjk->bik"})
case(L, "einsum_attn", "einsum", [rn(2, 2, 3, 4), rn(2, 2, 5, 4)], lambda a, b, equation: torch.einsum(equation, a, b), {"equation": "bhqd,bhkd->bhqk"})
case(L, "einsum_trace_outer", "einsum", [rn(3), rn(4)], lambda a, b, equation: torch.einsum(equation, a, b), {"equation": "i,j->ij"})
case(L, "einsum_sum", "einsum", [rn(3, 4)], lambda a, equation: torch.einsum(equation, a), {"equation": "ij->j"})
case(L, "dot", "dot", [rn(5), rn(5)], lambda a, b: a.dot(b))
case(L, "outer", "outer", [rn(3), rn(2)], lambda a, b: a.outer(b))

# ------------------------------------------------------------------------------------------------
# nn.functional
N = "functional"
case(N, "softmax_last", "softmax", [rn(3, 5) * 3], lambda a, dim: F.softmax(a, dim), {"dim": -1})
case(N, "softmax_dim0", "softmax", [rn(3, 5) * 3], lambda a, dim: F.softmax(a, dim), {"dim": 0})
case(N, "log_softmax_last", "log_softmax", [rn(3, 5) * 3], lambda a, dim: F.log_softmax(a, dim), {"dim": -1})
case(N, "log_softmax_dim0", "log_softmax", [rn(3, 5) * 3], lambda a, dim: F.log_softmax(a, dim), {"dim": 0})
case(N, "softmax_large", "softmax", [rn(2, 4) * 100], lambda a, dim: F.softmax(a, dim), {"dim": -1})
case(N, "layer_norm_eps12", "layer_norm", [rn(2, 3, 6), rn(6), rn(6)],
     lambda x, w, b, normalized_shape, eps: F.layer_norm(x, normalized_shape, w, b, eps), {"normalized_shape": [6], "eps": 1e-12})
case(N, "layer_norm_eps5", "layer_norm", [rn(4, 6) * 3 + 1, rn(6), rn(6)],
     lambda x, w, b, normalized_shape, eps: F.layer_norm(x, normalized_shape, w, b, eps), {"normalized_shape": [6], "eps": 1e-5})
case(N, "layer_norm_noaffine_2d", "layer_norm_noaffine", [rn(2, 3, 4)],
     lambda x, normalized_shape, eps: F.layer_norm(x, normalized_shape, None, None, eps), {"normalized_shape": [3, 4], "eps": 1e-5})
case(N, "embedding_padding", "embedding", [torch.tensor([[0, 2, 4], [4, 0, 1]]), rn(5, 3)],
     lambda i, w, padding_idx: F.embedding(i, w, padding_idx), {"padding_idx": 0}, note="grad of the padding row is 0")
case(N, "embedding_plain", "embedding", [torch.tensor([1, 3, 3, 0]), rn(4, 2)], lambda i, w, padding_idx: F.embedding(i, w, padding_idx), {"padding_idx": None})
case(N, "dropout_p0_train", "dropout", [rn(3, 4)], lambda a, p, training: F.dropout(a, p, training), {"p": 0.0, "training": True})
case(N, "dropout_eval", "dropout", [rn(3, 4)], lambda a, p, training: F.dropout(a, p, training), {"p": 0.5, "training": False})


def seeded_dropout(seed, n, p):
    torch.manual_seed(seed)
    return F.dropout(torch.ones(n), p)


case(N, "dropout_seeded", "dropout_seeded", [], lambda seed, n, p: seeded_dropout(seed, n, p), {"seed": 123, "n": 1000, "p": 0.3},
     grad=False, tol={"atol": 0, "rtol": 0}, note="torch.manual_seed(123); F.dropout(torch.ones(1000), 0.3): same bernoulli mask")
logits = rn(6, 4) * 2
tgt = torch.tensor([0, 3, 1, 1, 2, 3])
tgt_ign = torch.tensor([0, -100, 1, -100, 2, 3])
cw = pos(4)
case(N, "ce_mean", "cross_entropy", [logits, tgt], lambda x, t: F.cross_entropy(x, t))
case(N, "ce_ignore_index", "cross_entropy", [logits, tgt_ign], lambda x, t: F.cross_entropy(x, t))
case(N, "ce_ignore_custom", "cross_entropy", [logits, tgt], lambda x, t, ignore_index: F.cross_entropy(x, t, ignore_index=ignore_index), {"ignore_index": 1})
case(N, "ce_label_smoothing", "cross_entropy", [logits, tgt], lambda x, t, label_smoothing: F.cross_entropy(x, t, label_smoothing=label_smoothing), {"label_smoothing": 0.1})
case(N, "ce_label_smoothing_ignore", "cross_entropy", [logits, tgt_ign], lambda x, t, label_smoothing: F.cross_entropy(x, t, label_smoothing=label_smoothing), {"label_smoothing": 0.1})
case(N, "ce_weight", "cross_entropy_w", [logits, tgt, cw], lambda x, t, w: F.cross_entropy(x, t, weight=w), nograd=(2,))
case(N, "ce_weight_ignore_smoothing", "cross_entropy_w", [logits, tgt_ign, cw],
     lambda x, t, w, label_smoothing: F.cross_entropy(x, t, weight=w, label_smoothing=label_smoothing), {"label_smoothing": 0.1}, nograd=(2,))
case(N, "ce_none", "cross_entropy", [logits, tgt_ign], lambda x, t, reduction: F.cross_entropy(x, t, reduction=reduction), {"reduction": "none"})
case(N, "ce_sum", "cross_entropy", [logits, tgt], lambda x, t, reduction: F.cross_entropy(x, t, reduction=reduction), {"reduction": "sum"})
case(N, "ce_prob_targets", "cross_entropy", [logits, F.softmax(rn(6, 4), -1)], lambda x, t: F.cross_entropy(x, t),
     note="probability targets (float target of the same shape); grad also w.r.t. the target")
case(N, "ce_prob_targets_smoothing", "cross_entropy", [logits, F.softmax(rn(6, 4), -1)],
     lambda x, t, label_smoothing: F.cross_entropy(x, t, label_smoothing=label_smoothing), {"label_smoothing": 0.1})
case(N, "ce_3d_seq", "cross_entropy", [rn(2, 4, 3), torch.tensor([[0, 1, -100], [3, 3, 2]])], lambda x, t: F.cross_entropy(x, t),
     note="(N, C, d) input as HF token classification after transpose")
case(N, "nll_loss", "nll_loss", [F.log_softmax(logits, -1), tgt], lambda x, t: F.nll_loss(x, t))
case(N, "nll_loss_weight_ignore", "nll_loss_w", [F.log_softmax(logits, -1), tgt_ign, cw], lambda x, t, w: F.nll_loss(x, t, weight=w), nograd=(2,))
case(N, "nll_loss_sum", "nll_loss", [F.log_softmax(logits, -1), tgt], lambda x, t, reduction: F.nll_loss(x, t, reduction=reduction), {"reduction": "sum"})
mse_a, mse_b = rn(3, 4), rn(3, 4)
case(N, "mse_mean", "mse_loss", [mse_a, mse_b], lambda a, b: F.mse_loss(a, b))
case(N, "mse_sum", "mse_loss", [mse_a, mse_b], lambda a, b, reduction: F.mse_loss(a, b, reduction=reduction), {"reduction": "sum"})
case(N, "mse_none", "mse_loss", [mse_a, mse_b], lambda a, b, reduction: F.mse_loss(a, b, reduction=reduction), {"reduction": "none"})
case(N, "l1_mean", "l1_loss", [mse_a, mse_b], lambda a, b: F.l1_loss(a, b))
case(N, "l1_none", "l1_loss", [mse_a, mse_b], lambda a, b, reduction: F.l1_loss(a, b, reduction=reduction), {"reduction": "none"})
bce_x = rn(4, 3) * 2
bce_t = (rn(4, 3) > 0).float()
case(N, "bce_logits", "bce_logits", [bce_x, bce_t], lambda x, t: F.binary_cross_entropy_with_logits(x, t))
case(N, "bce_logits_pos_weight", "bce_logits_pw", [bce_x, bce_t, pos(3)],
     lambda x, t, pw: F.binary_cross_entropy_with_logits(x, t, pos_weight=pw), nograd=(2,))
case(N, "bce_logits_sum_soft", "bce_logits", [bce_x, torch.rand(4, 3, generator=_gen)],
     lambda x, t, reduction: F.binary_cross_entropy_with_logits(x, t, reduction=reduction), {"reduction": "sum"})
case(N, "gelu_f", "F_gelu", [rn(3, 4)], lambda a: F.gelu(a))
case(N, "one_hot", "one_hot", [torch.tensor([0, 2, 1])], lambda t, num_classes: F.one_hot(t, num_classes), {"num_classes": 4}, grad=False)
case(N, "pad", "pad", [rn(2, 3)], lambda a, pad, value: F.pad(a, pad, value=value), {"pad": [1, 2], "value": -1.0})
case(N, "normalize", "normalize", [rn(3, 4)], lambda a, p, dim: F.normalize(a, p=p, dim=dim), {"p": 2, "dim": 1})
case(N, "cosine_similarity", "cosine_similarity", [rn(3, 4), rn(3, 4)], lambda a, b, dim: F.cosine_similarity(a, b, dim), {"dim": 1})

# ------------------------------------------------------------------------------------------------
# sorting / sampling
Q = "sorting"
case(Q, "topk_largest", "topk", [rn(3, 6)], lambda a, k, dim, largest: tuple(a.topk(k, dim, largest)), {"k": 3, "dim": -1, "largest": True})
case(Q, "topk_smallest_dim0", "topk", [rn(5, 3)], lambda a, k, dim, largest: tuple(a.topk(k, dim, largest)), {"k": 2, "dim": 0, "largest": False})
case(Q, "sort_desc", "sort", [rn(3, 5)], lambda a, dim, descending: tuple(a.sort(dim, descending)), {"dim": -1, "descending": True})
case(Q, "sort_asc_dim0", "sort", [rn(4, 3)], lambda a, dim, descending: tuple(a.sort(dim, descending)), {"dim": 0, "descending": False})
case(Q, "argsort", "argsort", [rn(2, 6)], lambda a, dim, descending: a.argsort(dim, descending), {"dim": 1, "descending": False}, grad=False)
case(Q, "argsort_desc", "argsort", [rn(2, 6)], lambda a, dim, descending: a.argsort(dim, descending), {"dim": 1, "descending": True}, grad=False)


def seeded_multinomial(probs, seed, num_samples, replacement):
    torch.manual_seed(seed)
    return torch.multinomial(probs, num_samples, replacement)


case(Q, "multinomial_replacement", "multinomial", [torch.tensor([[0.1, 0.2, 0.3, 0.4], [0.7, 0.1, 0.1, 0.1]])],
     seeded_multinomial, {"seed": 7, "num_samples": 10, "replacement": True}, grad=False, tol={"atol": 0, "rtol": 0})
case(Q, "multinomial_noreplace", "multinomial", [torch.tensor([0.05, 0.3, 0.15, 0.2, 0.3])],
     seeded_multinomial, {"seed": 11, "num_samples": 4, "replacement": False}, grad=False, tol={"atol": 0, "rtol": 0})

# ------------------------------------------------------------------------------------------------
# random: the default generator after torch.manual_seed (compared bit for bit)
G = "random"
EXACT = {"atol": 0, "rtol": 0}


def seeded(seed, f):
    torch.manual_seed(seed)
    return f()


case(G, "rand_5", "rand", [], lambda seed, size: seeded(seed, lambda: torch.rand(*size)), {"seed": 0, "size": [5]}, grad=False, tol=EXACT)
case(G, "randn_3x4", "randn", [], lambda seed, size: seeded(seed, lambda: torch.randn(*size)), {"seed": 0, "size": [3, 4]}, grad=False, tol=EXACT)
case(G, "randn_100", "randn", [], lambda seed, size: seeded(seed, lambda: torch.randn(*size)), {"seed": 42, "size": [100]}, grad=False, tol=EXACT,
     note=">= 16 elements takes libtorch's vectorised normal path")
case(G, "randint_6", "randint", [], lambda seed, low, high, size: seeded(seed, lambda: torch.randint(low, high, tuple(size))),
     {"seed": 0, "low": 0, "high": 10, "size": [6]}, grad=False, tol=EXACT)
case(G, "randperm_8", "randperm", [], lambda seed, n: seeded(seed, lambda: torch.randperm(n)), {"seed": 0, "n": 8}, grad=False, tol=EXACT)
case(G, "rand_then_randn", "rand_then_randn", [], lambda seed: seeded(seed, lambda: [torch.rand(3), torch.randn(3)]), {"seed": 5},
     grad=False, tol=EXACT, note="generator state carries across calls")


def linear_init(seed, in_features, out_features):
    torch.manual_seed(seed)
    m = torch.nn.Linear(in_features, out_features)
    return [m.weight, m.bias]


def embedding_init(seed, num_embeddings, embedding_dim, padding_idx):
    torch.manual_seed(seed)
    return torch.nn.Embedding(num_embeddings, embedding_dim, padding_idx=padding_idx).weight


def init_fn(seed, fn, shape, kw):
    torch.manual_seed(seed)
    t = torch.empty(*shape)
    getattr(torch.nn.init, fn)(t, **kw)
    return t


case(G, "linear_5_3_init", "linear_init", [], linear_init, {"seed": 0, "in_features": 5, "out_features": 3}, grad=False, tol=EXACT)
case(G, "embedding_7_4_pad0_init", "embedding_init", [], embedding_init,
     {"seed": 0, "num_embeddings": 7, "embedding_dim": 4, "padding_idx": 0}, grad=False, tol=EXACT)
case(G, "xavier_uniform", "init", [], init_fn, {"seed": 0, "fn": "xavier_uniform_", "shape": [4, 6], "kw": {}}, grad=False, tol=EXACT)
case(G, "kaiming_normal", "init", [], init_fn, {"seed": 0, "fn": "kaiming_normal_", "shape": [4, 6], "kw": {}}, grad=False, tol=EXACT)
case(G, "kaiming_uniform_relu", "init", [], init_fn,
     {"seed": 1, "fn": "kaiming_uniform_", "shape": [3, 5], "kw": {"nonlinearity": "relu"}}, grad=False, tol=EXACT)
case(G, "trunc_normal", "init", [], init_fn, {"seed": 0, "fn": "trunc_normal_", "shape": [4, 6], "kw": {"std": 0.02}}, grad=False,
     tol={"atol": 0, "rtol": 1e-6}, note="a, b bounds go through erf (Python math.erf vs the TS series): ulp-level")
case(G, "normal_", "init", [], init_fn, {"seed": 3, "fn": "normal_", "shape": [20], "kw": {"mean": 1.0, "std": 0.5}}, grad=False, tol=EXACT)

# ------------------------------------------------------------------------------------------------
# optimizers: 5 steps on Linear(5,8) -> Tanh -> Linear(8,3), cross_entropy, fixed weights and batch
torch.manual_seed(2024)
mlp0 = torch.nn.Sequential(torch.nn.Linear(5, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3))
PARAM_NAMES = ["0.weight", "0.bias", "2.weight", "2.bias"]
for n, p in mlp0.named_parameters():
    put(f"optim/init/{n}", p)
opt_x = rn(6, 5)
opt_y = torch.tensor([0, 2, 1, 2, 0, 1])
put("optim/x", opt_x)
put("optim/y", opt_y)
STEPS = 5

OPTIM_CASES = [
    ("sgd", "SGD", {"lr": 0.1}, None, None),
    ("sgd_nesterov_wd", "SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}, None, None),
    ("sgd_momentum_dampening", "SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.1}, None, None),
    ("sgd_momentum_clip_value", "SGD", {"lr": 0.1, "momentum": 0.9}, None, {"clip_grad_value": 0.01}),
    ("adam", "Adam", {"lr": 1e-2}, None, None),
    ("adam_wd_amsgrad", "Adam", {"lr": 1e-2, "weight_decay": 0.1, "amsgrad": True}, None, None),
    ("adamw", "AdamW", {"lr": 1e-2, "weight_decay": 0.01}, None, None),
    ("adamw_clip_norm", "AdamW", {"lr": 1e-2, "weight_decay": 0.01}, None, {"clip_grad_norm": 0.5}),
    ("adamw_groups", "AdamW", {"lr": 1e-2, "weight_decay": 0.01},
     [{"params": ["0.weight", "2.weight"], "weight_decay": 0.01}, {"params": ["0.bias", "2.bias"], "weight_decay": 0.0, "lr": 5e-3}], None),
]
OPTIMS = []
for name, cls, kw, groups, clip in OPTIM_CASES:
    model = torch.nn.Sequential(torch.nn.Linear(5, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3))
    model.load_state_dict(mlp0.state_dict())
    named = dict(model.named_parameters())
    if groups:
        params = [{**{k: v for k, v in g.items() if k != "params"}, "params": [named[n] for n in g["params"]]} for g in groups]
    else:
        params = model.parameters()
    opt = getattr(torch.optim, cls)(params, **kw)
    losses, norms = [], []
    for step in range(STEPS):
        opt.zero_grad()
        loss = F.cross_entropy(model(opt_x), opt_y)
        loss.backward()
        if clip and "clip_grad_norm" in clip:
            norms.append(torch.nn.utils.clip_grad_norm_(model.parameters(), clip["clip_grad_norm"]).item())
        if clip and "clip_grad_value" in clip:
            torch.nn.utils.clip_grad_value_(model.parameters(), clip["clip_grad_value"])
        opt.step()
        losses.append(loss.item())
        for n, p in model.named_parameters():
            put(f"optim/{name}/step{step + 1}/{n}", p)
    state_keys = {}
    for n, p in model.named_parameters():
        st = opt.state[p]
        ks = []
        for k, v in st.items():
            if torch.is_tensor(v):
                put(f"optim/{name}/state/{n}/{k}", v)
                ks.append(k)
        state_keys[n] = sorted(ks)
    entry = {"name": name, "optimizer": cls, "kwargs": kw, "groups": groups, "clip": clip, "steps": STEPS,
             "losses": losses, "state_keys": state_keys,
             "tol": {"atol": 1e-6, "rtol": 1e-5, "loss_atol": 1e-6}}
    if norms:
        entry["grad_norms"] = norms
    OPTIMS.append(entry)

# ------------------------------------------------------------------------------------------------
# printing: repr() strings for tensors the TS test rebuilds from the stored data
PRINTS = []


def pr(name, t, requires_grad=False, then=None):
    """`then`: 'mul2' prints (t * 2) to show grad_fn; the TS side repeats it."""
    put(f"print/{name}", t)
    x = t.clone().requires_grad_(requires_grad) if requires_grad else t.clone()
    if then == "mul2":
        x = x * 2
    PRINTS.append({"name": name, "key": f"print/{name}", "requires_grad": requires_grad, "then": then, "repr": repr(x)})


pr("float_row_requires_grad", torch.tensor([[1.0, 2.0]]), requires_grad=True)
pr("float_2d", torch.tensor([[1.5, -2.25, 3.0], [0.125, 10.0, -7.5]]))
pr("float_randn", rn(3, 4))
pr("float_ints", torch.tensor([1.0, -2.0, 30.0]))
pr("int64", torch.tensor([1, -22, 333]))
pr("int64_2d", torch.tensor([[1, 2], [30, -4]]))
pr("int32", torch.tensor([1, 2, 3], dtype=torch.int32))
pr("bool", torch.tensor([True, False, True]))
pr("zero_d_float", torch.tensor(3.5))
pr("zero_d_int", torch.tensor(7))
pr("zero_d_bool", torch.tensor(True))
pr("scientific", torch.tensor([1e-5, 1.0, 1000.0]))
pr("scientific_large", torch.tensor([1.5e10, 2.0]))
pr("small", torch.tensor([0.0001, 0.5]))
pr("int_mode_ratio_1000", torch.tensor([1.0, 1000.0]))
pr("int_mode_ratio_over_1000", torch.tensor([1.0, 2000.0]))
pr("float64", torch.tensor([1.25, 2.5], dtype=torch.float64))
pr("nan_inf", torch.tensor([float("nan"), float("inf"), -float("inf"), 1.5]))
pr("summarised_1d", torch.arange(1200, dtype=torch.float32))
pr("summarised_2d", rn(40, 50))
pr("summarised_int", torch.arange(2000).reshape(40, 50))
pr("long_row_wrap", torch.arange(30, dtype=torch.float32) * 1.5)
pr("grad_fn", torch.tensor([1.0, 2.0]), requires_grad=True, then="mul2")
pr("empty_1d", torch.zeros(0))
pr("empty_2d", torch.zeros(2, 0))
pr("three_d", torch.arange(12, dtype=torch.float32).reshape(2, 2, 3))

# ------------------------------------------------------------------------------------------------
# write
DT = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.int64: "I64", torch.int32: "I32",
      torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8", torch.bool: "BOOL"}


def write_safetensors(path, tensors, metadata):
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for k in sorted(tensors):
        t = tensors[k]
        b = t.numpy().tobytes() if t.dtype != torch.bfloat16 else t.view(torch.int16).numpy().tobytes()
        header[k] = {"dtype": DT[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


os.makedirs(OUT_DIR, exist_ok=True)
write_safetensors(os.path.join(OUT_DIR, "goldens.safetensors"), TENSORS, {"generator": "scripts/make_torch_goldens.py", "torch": torch.__version__})
with open(os.path.join(OUT_DIR, "cases.json"), "w") as f:
    json.dump({
        "torch_version": torch.__version__,
        "generator": "/usr/bin/python3 scripts/make_torch_goldens.py",
        "dtype_note": "inputs drawn in float64 from torch.Generator().manual_seed(1234), then cast to float32",
        "default_tol": TOL,
        "cases": CASES,
        "optimizers": {"param_names": PARAM_NAMES, "steps": STEPS, "cases": OPTIMS},
        "printing": PRINTS,
    }, f, indent=1)
size = os.path.getsize(os.path.join(OUT_DIR, "goldens.safetensors"))
print(f"wrote {len(CASES)} op cases, {len(OPTIMS)} optimizer runs, {len(PRINTS)} reprs, {len(TENSORS)} tensors, {size} bytes")
