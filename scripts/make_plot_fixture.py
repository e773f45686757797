# Writes tests/fixtures/plot/trainer_state.json: a trainer_state.json shaped like HF's for the
# seeds' run (3 epochs, 402 steps, logging every 20 steps, evaluation each epoch with the seed's
# printed eval numbers, best checkpoint by accuracy at step 268). Run: python3 scripts/make_plot_fixture.py
import json, math, os

log = []
for s in range(20, 403, 20):
    log.append({"loss": round(0.7 * math.exp(-s / 200) + 0.1 + 0.02 * math.sin(s), 4),
                "grad_norm": round(5 + 3 * math.cos(s / 30), 4),
                "learning_rate": 5e-5 * (1 - s / 402), "epoch": round(s / 134, 4), "step": s})
for st, ep, l, a, f in [(134, 1.0, 0.402095, 0.833021, 0.830949), (268, 2.0, 0.380281, 0.852720, 0.852596), (402, 3.0, 0.428453, 0.848030, 0.848025)]:
    log.append({"eval_loss": l, "eval_accuracy": a, "eval_f1": f, "eval_runtime": 30.1, "eval_samples_per_second": 70.9,
                "eval_steps_per_second": 1.1, "epoch": ep, "step": st})
log.sort(key=lambda e: (e["step"], "eval_loss" in e))
log.append({"train_runtime": 1667.6244, "train_samples_per_second": 15.345, "train_steps_per_second": 0.241,
            "total_flos": 516421048955760.0, "train_loss": 0.26357928363244926, "epoch": 3.0, "step": 402})
state = {"best_global_step": 268, "best_metric": 0.85272, "best_model_checkpoint": "out/checkpoint-268", "epoch": 3.0,
         "eval_steps": 500, "global_step": 402, "is_hyper_param_search": False, "is_local_process_zero": True,
         "is_world_process_zero": True, "log_history": log, "logging_steps": 20, "max_steps": 402,
         "num_input_tokens_seen": 0, "num_train_epochs": 3, "save_steps": 500, "stateful_callbacks": {},
         "total_flos": 516421048955760.0, "train_batch_size": 64, "trial_name": None, "trial_params": None}
out = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "plot", "trainer_state.json")
with open(out, "w") as f:
    json.dump(state, f, indent=2)
