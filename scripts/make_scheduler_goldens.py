#!/usr/bin/env python3
"""Print PyTorch's own learning-rate sequences for torch.optim.lr_scheduler into
tests/fixtures/lr_scheduler_goldens.json (read by tests/torch/optim/lr_scheduler.test.ts).

Run with Debian's PyTorch:  /usr/bin/python3 scripts/make_scheduler_goldens.py

Each case builds an optimizer whose param groups are `groups` (one scalar parameter each),
constructs `kind(optimizer, **kwargs)` and records, for `steps` iterations, every group's
`lr` (and `momentum` / `betas[0]` when the case cycles them) *before* each
`scheduler.step()` -- i.e. the value the k-th optimizer step would use. ReduceLROnPlateau
records after each `step(metric)` instead. Lambdas are named (see LAMBDAS) so the TypeScript
test can rebuild the same function. Only default `last_epoch=-1` construction is recorded:
that is where PyTorch 1.13 and 2.x agree exactly.
"""
import json
import os

import torch
from torch.optim import SGD, Adam
from torch.optim import lr_scheduler as S

LAMBDAS = {
    "pow_0.95": lambda e: 0.95 ** e,
    "linear_div_10": lambda e: e / 10,
    "const_0.9": lambda e: 0.9,
    "scale_half_pow": lambda x: 0.5 ** x,
}


def make_optimizer(groups, opt="sgd"):
    params = [{"params": [torch.nn.Parameter(torch.zeros(1))], **g} for g in groups]
    if opt == "adam":
        return Adam(params, lr=groups[0]["lr"], betas=(0.9, 0.999))
    return SGD(params, lr=groups[0]["lr"], momentum=groups[0].get("momentum", 0))


def resolve(kwargs):
    out = {}
    for k, v in kwargs.items():
        if k in ("lr_lambda", "scale_fn"):
            out[k] = [LAMBDAS[n] for n in v] if isinstance(v, list) else LAMBDAS[v]
        else:
            out[k] = v
    return out


def record(opt, track):
    row = {"lr": [g["lr"] for g in opt.param_groups]}
    if track == "momentum":
        row["momentum"] = [g["momentum"] for g in opt.param_groups]
    elif track == "betas":
        row["beta1"] = [g["betas"][0] for g in opt.param_groups]
    return row


def run(case):
    opt = make_optimizer(case["groups"], case.get("optimizer", "sgd"))
    track = case.get("track")
    kind = case["kind"]
    if kind in ("SequentialLR", "ChainedScheduler"):
        subs = [getattr(S, k)(opt, **kw) for k, kw in case["schedulers"]]
        if kind == "SequentialLR":
            sched = S.SequentialLR(opt, subs, **case["kwargs"])
        else:
            sched = S.ChainedScheduler(subs)
    else:
        sched = getattr(S, kind)(opt, **resolve(case["kwargs"]))
    rows = []
    if kind == "ReduceLROnPlateau":
        for m in case["metrics"]:
            sched.step(m)
            rows.append(record(opt, track))
    else:
        for _ in range(case["steps"]):
            rows.append(record(opt, track))
            opt.step()
            sched.step()
    case["expected"] = rows
    return case


G1 = [{"lr": 0.1}]
G2 = [{"lr": 0.1}, {"lr": 0.02}]
GM = [{"lr": 0.1, "momentum": 0.9}]
GM2 = [{"lr": 0.1, "momentum": 0.9}, {"lr": 0.05, "momentum": 0.9}]
CASES = {
    "LambdaLR_pow": dict(kind="LambdaLR", groups=G1, steps=12, kwargs={"lr_lambda": "pow_0.95"}),
    "LambdaLR_two_groups": dict(kind="LambdaLR", groups=G2, steps=12,
                                kwargs={"lr_lambda": ["pow_0.95", "linear_div_10"]}),
    "MultiplicativeLR": dict(kind="MultiplicativeLR", groups=G2, steps=10, kwargs={"lr_lambda": "const_0.9"}),
    "StepLR": dict(kind="StepLR", groups=G2, steps=12, kwargs={"step_size": 3, "gamma": 0.5}),
    "StepLR_default_gamma": dict(kind="StepLR", groups=G1, steps=8, kwargs={"step_size": 2}),
    "MultiStepLR": dict(kind="MultiStepLR", groups=G1, steps=12, kwargs={"milestones": [2, 5, 5, 9], "gamma": 0.1}),
    "ConstantLR": dict(kind="ConstantLR", groups=G1, steps=8, kwargs={"factor": 0.5, "total_iters": 4}),
    "ConstantLR_default": dict(kind="ConstantLR", groups=G1, steps=8, kwargs={}),
    "LinearLR_warmup": dict(kind="LinearLR", groups=G2, steps=8,
                            kwargs={"start_factor": 0.25, "end_factor": 1.0, "total_iters": 4}),
    "LinearLR_decay": dict(kind="LinearLR", groups=G1, steps=10,
                           kwargs={"start_factor": 1.0, "end_factor": 0.1, "total_iters": 6}),
    "ExponentialLR": dict(kind="ExponentialLR", groups=G2, steps=10, kwargs={"gamma": 0.9}),
    "PolynomialLR": dict(kind="PolynomialLR", groups=G1, steps=10, kwargs={"total_iters": 6, "power": 2.0}),
    "CosineAnnealingLR": dict(kind="CosineAnnealingLR", groups=G2, steps=25, kwargs={"T_max": 5, "eta_min": 0.001}),
    "CosineAnnealingLR_default_eta": dict(kind="CosineAnnealingLR", groups=G1, steps=12, kwargs={"T_max": 10}),
    "CosineAnnealingWarmRestarts": dict(kind="CosineAnnealingWarmRestarts", groups=G1, steps=20,
                                        kwargs={"T_0": 3, "T_mult": 2, "eta_min": 0.01}),
    "CyclicLR_triangular": dict(kind="CyclicLR", groups=GM2, steps=20, track="momentum",
                                kwargs={"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 4}),
    "CyclicLR_triangular2": dict(kind="CyclicLR", groups=GM, steps=24, track="momentum",
                                 kwargs={"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 3, "step_size_down": 5,
                                         "mode": "triangular2", "base_momentum": 0.85, "max_momentum": 0.95}),
    "CyclicLR_exp_range": dict(kind="CyclicLR", groups=GM, steps=20, track="momentum",
                               kwargs={"base_lr": [0.01], "max_lr": [0.1], "step_size_up": 4,
                                       "mode": "exp_range", "gamma": 0.9}),
    "CyclicLR_scale_fn": dict(kind="CyclicLR", groups=GM, steps=16, track="momentum",
                              kwargs={"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 2,
                                      "scale_fn": "scale_half_pow", "scale_mode": "iterations"}),
    "CyclicLR_no_momentum": dict(kind="CyclicLR", groups=G1, steps=12,
                                 kwargs={"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 3,
                                         "cycle_momentum": False}),
    "OneCycleLR_cos": dict(kind="OneCycleLR", groups=GM, steps=20, track="momentum",
                           kwargs={"max_lr": 0.1, "total_steps": 20}),
    "OneCycleLR_linear_three_phase": dict(kind="OneCycleLR", groups=GM, steps=20, track="momentum",
                                          kwargs={"max_lr": 0.1, "epochs": 4, "steps_per_epoch": 5,
                                                  "anneal_strategy": "linear", "three_phase": True,
                                                  "pct_start": 0.25}),
    "OneCycleLR_adam_betas": dict(kind="OneCycleLR", groups=[{"lr": 0.001}], optimizer="adam", steps=10,
                                  track="betas", kwargs={"max_lr": 0.01, "total_steps": 10,
                                                         "div_factor": 10.0, "final_div_factor": 100.0}),
    "ReduceLROnPlateau_min": dict(kind="ReduceLROnPlateau", groups=G2,
                                  kwargs={"mode": "min", "factor": 0.5, "patience": 2, "cooldown": 1,
                                          "min_lr": [0.02, 0.004]},
                                  metrics=[1.0, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.8, 0.8, 0.8, 0.8,
                                           0.8, 0.8, 0.8, 0.8, 0.8, 0.8]),
    "ReduceLROnPlateau_max_abs": dict(kind="ReduceLROnPlateau", groups=G1,
                                      kwargs={"mode": "max", "factor": 0.1, "patience": 1,
                                              "threshold": 0.05, "threshold_mode": "abs", "min_lr": 1e-4},
                                      metrics=[0.5, 0.52, 0.56, 0.6, 0.6, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]),
    "ReduceLROnPlateau_eps": dict(kind="ReduceLROnPlateau", groups=[{"lr": 1e-7}],
                                  kwargs={"patience": 0, "eps": 1e-8}, metrics=[1, 1, 1, 1]),
    "SequentialLR": dict(kind="SequentialLR", groups=G1, steps=10,
                         schedulers=[["ConstantLR", {"factor": 0.1, "total_iters": 2}],
                                     ["ExponentialLR", {"gamma": 0.9}]], kwargs={"milestones": [2]}),
    "SequentialLR_warmup_cosine": dict(kind="SequentialLR", groups=G1, steps=14,
                                       schedulers=[["LinearLR", {"start_factor": 0.1, "total_iters": 3}],
                                                   ["CosineAnnealingLR", {"T_max": 8}]],
                                       kwargs={"milestones": [3]}),
    "ChainedScheduler": dict(kind="ChainedScheduler", groups=G1, steps=8,
                             schedulers=[["ConstantLR", {"factor": 0.1, "total_iters": 2}],
                                         ["ExponentialLR", {"gamma": 0.9}]], kwargs={}),
}


def main():
    out = {
        "description": "PyTorch torch.optim.lr_scheduler sequences: per case, each param group's lr "
                       "(and momentum / beta1 where cycled) before every scheduler.step(); for "
                       "ReduceLROnPlateau after every step(metric). Lambdas are named, see the generator.",
        "generator": "scripts/make_scheduler_goldens.py",
        "torch_version": torch.__version__,
        "tolerance": "1e-12 relative (double math; pow/cos may differ by an ulp between libm and V8)",
        "cases": {name: run(dict(case)) for name, case in CASES.items()},
    }
    path = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "lr_scheduler_goldens.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.normpath(path)} ({len(CASES)} cases, torch {torch.__version__})")


if __name__ == "__main__":
    main()
