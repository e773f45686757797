"""The PyTorch side of bench/engine.ts: the same work, timed the same way, printed as JSON.

Run by the bench with the Python whose torch matches the addon's libtorch version.
"""
import json
import sys
import time

import torch


def timeit(fn, min_time=1.0, warmup=3, rounds=5):
    """Seconds per call: the best of `rounds` rounds of at least min_time/rounds each (the
    minimum is the figure least disturbed by other load on a shared machine)."""
    for _ in range(warmup):
        fn()
    best = float("inf")
    for _ in range(rounds):
        n, t = 0, 0.0
        start = time.perf_counter()
        while t < min_time / rounds:
            fn()
            n += 1
            t = time.perf_counter() - start
        best = min(best, t / n)
    return best


def main():
    cfg = json.loads(sys.argv[1])
    torch.set_num_threads(cfg["threads"])
    out = {"torch_version": torch.__version__, "threads": torch.get_num_threads()}

    a = torch.ones(1)
    b = torch.ones(1)
    calls = cfg["tiny_calls"]

    def tiny():
        for _ in range(calls):
            torch.add(a, b)

    out["tiny_us"] = timeit(tiny) / calls * 1e6

    for n in cfg["matmul_sizes"]:
        x = torch.randn(n, n)
        y = torch.randn(n, n)
        s = timeit(lambda: torch.mm(x, y), min_time=cfg["min_time"])
        out[f"matmul_{n}_gflops"] = 2 * n**3 / s / 1e9

    torch.manual_seed(0)
    d_in, hidden, d_out, batch = cfg["mlp"]
    model = torch.nn.Sequential(torch.nn.Linear(d_in, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, d_out))
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    X = torch.randn(batch, d_in)
    Y = torch.randint(0, d_out, (batch,))

    def step():
        loss = torch.nn.functional.cross_entropy(model(X), Y)
        loss.backward()
        opt.step()
        opt.zero_grad()

    out["mlp_step_ms"] = timeit(step, min_time=cfg["min_time"]) * 1e3
    print(json.dumps(out))


if __name__ == "__main__":
    main()
