"""The Python side of tests/transformers/interop_python.test.ts, run with HF's real `transformers`.

  python scripts/hf_interop.py logits <folder> <AutoClass> <inputs.json>
      load <folder> with transformers.<AutoClass>.from_pretrained, print eval-mode outputs as JSON
  python scripts/hf_interop.py create <ModelClass> <ConfigClass> <config json> <out folder> <inputs.json>
      torch.manual_seed(0); build <ModelClass>(<ConfigClass>(**config)) with HF's init, save it with
      HF's writer, print its train-mode loss and logits (dropout 0) and every gradient norm as JSON
  python scripts/hf_interop.py save <fixture folder> <ModelClass> <out folder>
      build <ModelClass> from the fixture's config, load its weights, save_pretrained(<out folder>)
      with HF's own writer
"""
import json
import sys

import torch
import transformers


def inputs_of(path):
    raw = json.load(open(path))
    return {k: torch.tensor(v) for k, v in raw.items() if k in ("input_ids", "attention_mask", "token_type_ids")}


def main():
    mode = sys.argv[1]
    if mode == "logits":
        folder, auto_name, inputs = sys.argv[2:5]
        model = getattr(transformers, auto_name).from_pretrained(folder)
        model.eval()
        with torch.no_grad():
            out = model(**inputs_of(inputs))
        print(json.dumps({"class": type(model).__name__, "transformers": transformers.__version__, "logits": out.logits.tolist()}))
    elif mode == "create":
        cls_name, config_cls, config_json, out_dir, inputs = sys.argv[2:7]
        torch.manual_seed(0)
        config = getattr(transformers, config_cls)(**json.loads(config_json))
        config._attn_implementation = "eager"
        model = getattr(transformers, cls_name)(config)
        model.save_pretrained(out_dir)
        model.train()
        raw = json.load(open(inputs))
        batch = inputs_of(inputs)
        batch["labels"] = torch.tensor(raw["labels"])
        out = model(**batch)
        out.loss.backward()
        grads = {n: float(p.grad.norm()) for n, p in model.named_parameters() if p.grad is not None}
        print(json.dumps({"loss": float(out.loss), "logits": out.logits.tolist(), "grad_norms": grads}))
    elif mode == "save":
        fixture, cls_name, out_dir = sys.argv[2:5]
        cls = getattr(transformers, cls_name)
        model = cls.from_pretrained(fixture)
        model.save_pretrained(out_dir)
        print(json.dumps({"saved": out_dir, "transformers": transformers.__version__}))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
