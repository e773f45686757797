"""Generates tests/fixtures/pickle/*: small torch.save checkpoints for the safe unpickler tests.

Run with Debian's PyTorch (python3-torch 1.13.1):  /usr/bin/python3 scripts/make_pickle_fixtures.py
Deterministic (fixed values, no RNG). Outputs:
  mixed_zip.pt      torch.save(sd)                                  (zip, pickle protocol 2)
  mixed_proto4.pt   torch.save(sd, pickle_protocol=4)               (STACK_GLOBAL, MEMOIZE, FRAME, ...)
  mixed_legacy.pt   torch.save(sd, _use_new_zipfile_serialization=False)
  nested_zip.pt     a checkpoint wrapping the state dict with plain Python values
  expected.json     per tensor: dtype, shape, stride, storage_offset, requires_grad, contiguous bytes (hex),
                    the state-dict key order, and which tensors share a storage
"""
import collections
import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "pickle")


def state_dict():
    base = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 8  # exact in every float dtype
    tied = torch.tensor([1.5, -2.25, 3.0])
    sd = collections.OrderedDict()
    sd["f32"] = base
    sd["f64"] = torch.tensor([0.1, -1e300, 3.5], dtype=torch.float64)
    sd["f16"] = torch.tensor([0.5, -1.0, 65504.0, 6.1e-5], dtype=torch.float16)
    sd["bf16"] = torch.tensor([[1.0, -2.0], [3.5, 1e30]], dtype=torch.bfloat16)
    sd["i64"] = torch.tensor([-(2**62), 2**53 + 1, 7], dtype=torch.int64)
    sd["i32"] = torch.tensor([-5, 2**31 - 1], dtype=torch.int32)
    sd["i16"] = torch.tensor([-300, 300], dtype=torch.int16)
    sd["i8"] = torch.tensor([-128, 0, 127], dtype=torch.int8)
    sd["u8"] = torch.tensor([0, 128, 255], dtype=torch.uint8)
    sd["bool"] = torch.tensor([True, False, True, True])
    sd["scalar"] = torch.tensor(2.75)
    sd["empty"] = torch.zeros(0, 3)
    sd["transposed"] = base.t()                    # stride (1, 4), shares base's storage
    sd["row_slice"] = base[1:3]                    # storage_offset 4, shares base's storage
    sd["col_slice"] = base[:, 1]                   # stride (4,), offset 1
    sd["expanded"] = torch.arange(4).expand(2, 4)  # stride (0, 1): the HF position_ids case
    sd["tied_a"] = tied
    sd["tied_b"] = tied
    sd["param"] = torch.nn.Parameter(torch.tensor([[1.0, 2.0]]))  # _rebuild_parameter, requires_grad=True
    return sd


def describe(sd):
    out = {}
    for k, t in sd.items():
        flat = t.detach().reshape(-1).contiguous().clone()
        out[k] = {
            "dtype": str(t.dtype).replace("torch.", ""),
            "shape": list(t.shape),
            "stride": list(t.stride()),
            "storage_offset": t.storage_offset(),
            "requires_grad": t.requires_grad,
            "bytes": flat.view(torch.uint8).numpy().tobytes().hex(),
        }
    groups = collections.defaultdict(list)
    for k, t in sd.items():
        groups[t.storage().data_ptr()].append(k)
    return {"order": list(sd.keys()), "tensors": out, "shared_storage": [g for g in groups.values() if len(g) > 1]}


def main():
    os.makedirs(OUT, exist_ok=True)
    sd = state_dict()
    torch.save(sd, os.path.join(OUT, "mixed_zip.pt"))
    torch.save(sd, os.path.join(OUT, "mixed_proto4.pt"), pickle_protocol=4)
    torch.save(sd, os.path.join(OUT, "mixed_legacy.pt"), _use_new_zipfile_serialization=False)
    nested = {
        "state_dict": collections.OrderedDict([("w", torch.tensor([1.0, 2.0])), ("b", torch.tensor([3]))]),
        "epoch": 3, "lr": 0.5, "name": "run-1", "none": None, "flags": [True, False],
        "pair": (1, "a"), "big": 2**70, "neg": -(2**40), "raw": b"\x00\xff\x10",
    }
    torch.save(nested, os.path.join(OUT, "nested_zip.pt"))
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(describe(sd), f, indent=1, sort_keys=True)
        f.write("\n")
    for name in sorted(os.listdir(OUT)):
        print(name, os.path.getsize(os.path.join(OUT, name)))


if __name__ == "__main__":
    main()
