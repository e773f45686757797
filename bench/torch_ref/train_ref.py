"""The Python side of bench/train.ts: the same training as our Trainer, the way a Python user runs it.

  train_ref.py '<json config>'  with impl "hf" (transformers.Trainer + DataCollatorWithPadding) or
  "plain" (a hand-written PyTorch loop with the same collation), on pre-tokenized rows from the
  bench (so both sides see identical token ids). Prints samples/s and peak RSS as JSON.
"""
import json
import resource
import sys
import time

import torch


def main():
    cfg = json.loads(sys.argv[1])
    rows = json.load(open(cfg["data"]))
    torch.set_num_threads(cfg["threads"])
    torch.manual_seed(0)
    import transformers
    conf = getattr(transformers, cfg["config_class"])(**cfg["config"])
    model = getattr(transformers, cfg["class"])(conf)
    tok = transformers.AutoTokenizer.from_pretrained(cfg["tokenizer"])
    if tok.pad_token is None:  # the fixture's old tokenizer_config.json names no special tokens
        tok.pad_token = "[PAD]"
    collate = transformers.DataCollatorWithPadding(tok, padding=cfg["padding"], max_length=cfg.get("max_length"))
    train, evals = rows[: cfg["n_train"]], rows[cfg["n_train"]:]
    bs, steps = cfg["batch"], cfg["steps"]
    out = {"torch": torch.__version__, "transformers": transformers.__version__}
    if cfg["impl"] == "hf":
        args = transformers.TrainingArguments(output_dir=cfg["out"], per_device_train_batch_size=bs, per_device_eval_batch_size=bs,
                                              max_steps=steps, save_strategy="no", report_to="none", disable_tqdm=True,
                                              logging_strategy="no", use_cpu=True, dataloader_num_workers=0, seed=42)
        trainer = transformers.Trainer(model=model, args=args, train_dataset=train, eval_dataset=evals, data_collator=collate)
        m = trainer.train().metrics
        out["train_samples_per_second"] = steps * bs / m["train_runtime"]
        e = trainer.evaluate()
        out["eval_samples_per_second"] = len(evals) / e["eval_runtime"]
    else:
        opt = torch.optim.AdamW(model.parameters(), lr=5e-5)
        sched = transformers.get_scheduler("linear", optimizer=opt, num_warmup_steps=0, num_training_steps=steps)
        loader = torch.utils.data.DataLoader(train, batch_size=bs, shuffle=True, collate_fn=collate)
        model.train()
        done, start = 0, time.perf_counter()
        while done < steps:
            for batch in loader:
                loss = model(**batch).loss
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step(); sched.step(); opt.zero_grad()
                done += 1
                if done == steps:
                    break
        out["train_samples_per_second"] = steps * bs / (time.perf_counter() - start)
        model.eval()
        start = time.perf_counter()
        with torch.no_grad():
            for batch in torch.utils.data.DataLoader(evals, batch_size=bs, collate_fn=collate):
                model(**batch)
        out["eval_samples_per_second"] = len(evals) / (time.perf_counter() - start)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


if __name__ == "__main__":
    main()
