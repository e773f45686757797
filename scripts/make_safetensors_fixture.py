"""Writes tests/fixtures/safetensors/all_dtypes.safetensors with Python's own safetensors.torch.save_file.

tests/safetensors/index.test.ts builds the same tensors in TypeScript and checks that our
save() produces these exact bytes (tensor order in the data section, header layout, padding).
Needs PyTorch and the `safetensors` package, e.g. from pip's local mirror in a venv:
    python -m venv v && v/bin/pip install torch==2.13.0 safetensors && v/bin/python scripts/make_safetensors_fixture.py
"""
import os

import torch
from safetensors.torch import save_file

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "safetensors", "all_dtypes.safetensors")

tensors = {
    "f32": torch.tensor([[1.5, -2.0], [3.0, 4.0]], dtype=torch.float32),
    "f64": torch.tensor([1e-300, 2.0], dtype=torch.float64),
    "f16": torch.tensor([0.5, 65504.0], dtype=torch.float16),
    "bf16": torch.tensor([1.0, -3.5], dtype=torch.bfloat16),
    "i64": torch.tensor([1, -(2**62)], dtype=torch.int64),
    "i32": torch.tensor([7, -8], dtype=torch.int32),
    "i16": torch.tensor([300, -300], dtype=torch.int16),
    "i8": torch.tensor([-128, 127], dtype=torch.int8),
    "u8": torch.tensor([0, 255], dtype=torch.uint8),
    "b": torch.tensor([True, False]),
    "scalar": torch.tensor(3.25),
    "empty": torch.zeros(0, 3),
}
save_file(tensors, OUT, metadata={"format": "pt"})
print(f"wrote {OUT} with torch {torch.__version__}")
