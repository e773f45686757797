"""Goldens for torch.Generator and the DataLoader's shuffle order, from PyTorch itself.

    /opt/pyvenv/bin/python scripts/make_generator_goldens.py   (torch 2.13 from pip; 1.13 gives the same)
Writes tests/fixtures/torch_goldens/generator.json, read by tests/torch/random_generator.test.ts.
"""
import json
from pathlib import Path

import torch
from torch.utils.data import DataLoader

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "torch_goldens" / "generator.json"


def epochs(loader, n=2):
    return [[b.tolist() for b in loader] for _ in range(n)]


out = {"torch_version": torch.__version__}
g = torch.Generator().manual_seed(42)
out["seeded"] = {"randperm10": torch.randperm(10, generator=g).tolist(), "rand3": torch.rand(3, generator=g, dtype=torch.float64).tolist(),
                 "randn3": torch.randn(3, generator=g, dtype=torch.float64).tolist(), "randint": torch.randint(0, 100, (5,), generator=g).tolist()}
out["default_generator_randperm5"] = torch.randperm(5, generator=torch.Generator()).tolist()

torch.manual_seed(0)
out["loader_global"] = epochs(DataLoader(list(range(10)), batch_size=3, shuffle=True))
out["loader_global_then_rand"] = torch.rand(2, dtype=torch.float64).tolist()

torch.manual_seed(0)
g = torch.Generator().manual_seed(7)
out["loader_generator"] = epochs(DataLoader(list(range(10)), batch_size=4, shuffle=True, drop_last=True, generator=g))
out["loader_generator_then_rand"] = torch.rand(2, dtype=torch.float64).tolist()

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps(out) + "\n")
print(OUT)
