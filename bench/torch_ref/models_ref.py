"""The PyTorch side of bench/models.ts: forward+backward and no-grad inference samples/s for
BERT-family models at the same sizes, using either HF's real classes (`--impl hf`, transformers)
or the plain reference copies in ../shared/fixtures/models/gen/hf_models.py (`--impl ref`)."""
import json
import os
import sys
import time

import torch


def best_of(fn, repeats=3):
    """Seconds per call: the fastest of `repeats` calls after one warm-up (as bench/models.ts)."""
    fn()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main():
    cfg = json.loads(sys.argv[1])
    impl = cfg["impl"]
    torch.set_num_threads(cfg["threads"])
    torch.manual_seed(0)
    out = {"torch_version": torch.__version__}
    for case in cfg["cases"]:
        if impl == "hf":
            import transformers
            out["transformers"] = transformers.__version__
            conf = getattr(transformers, case["config_class"])(**case["config"])
            conf._attn_implementation = case.get("attn", "sdpa")
            model = getattr(transformers, case["class"])(conf)
        else:
            sys.path.insert(0, cfg["gen_dir"])
            import hf_models as H
            conf = H.HFConfig(case["model_type"], **case["config"])
            model = H.MODEL_CLASSES[case["class"]](conf)
        B, T = cfg["batch"], cfg["seq"]
        ids = torch.randint(5, case["config"]["vocab_size"], (B, T))
        mask = torch.ones(B, T, dtype=torch.long)
        labels = torch.randint(0, 2, (B,))
        model.train()

        def step():
            o = model(input_ids=ids, attention_mask=mask, labels=labels)
            loss = o["loss"] if isinstance(o, dict) else o.loss
            loss.backward()
            model.zero_grad(set_to_none=True)

        model.eval()

        def infer():
            with torch.no_grad():
                model(input_ids=ids, attention_mask=mask)

        model.train()
        t_train = best_of(step, cfg["repeats"])
        model.eval()
        t_inf = best_of(infer, cfg["repeats"])
        out[case["name"]] = {"train_samples_per_s": B / t_train, "infer_samples_per_s": B / t_inf}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
