// HfArgumentParser semantics on commander (src/cli/hf_argparse.ts), as HF's example scripts accept
// them: `--key value`, `--key=value`, `--flag` / `--flag false` / `--no_flag`, list fields, a JSON
// file of arguments; bad flags and values exit 2 naming the flag and what it accepts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CommanderError } from "commander";
import { HfCommand, addFields, collectFields, readJsonArgs, nearest, type FieldSpec, type ParsedArgs } from "../../src/cli/hf_argparse.js";
import { trainingArgumentSpecs } from "../../src/cli/train_specs.js";
import { run } from "./_helpers.js";

const SPECS: FieldSpec[] = [
  { name: "model_name_or_path", type: "str", default: null, help: "model", required: true },
  { name: "num_train_epochs", type: "float", default: 3, help: "epochs" },
  { name: "seed", type: "int", default: 42, help: "seed" },
  { name: "do_train", type: "bool", default: false, help: "train" },
  { name: "pad_to_max_length", type: "bool", default: true, help: "pad" },
  { name: "eval_strategy", type: "str", default: "no", choices: ["no", "steps", "epoch"], help: "when" },
  { name: "report_to", type: "list", default: ["none"], help: "integrations" },
  { name: "lr_scheduler_kwargs", type: "dict", default: {}, help: "kwargs" },
];

/** Parses in-process; commander errors are thrown (not exited) so the message can be checked. */
function parse(argv: string[], json: Record<string, unknown> | null = null): ParsedArgs {
  const cmd = addFields(new HfCommand("t"), SPECS);
  cmd.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  cmd.parse(argv, { from: "user" });
  return collectFields(cmd, SPECS, json);
}
function parseError(argv: string[]): CommanderError {
  try {
    parse(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e;
    throw e;
  }
  throw new Error(`no error for ${argv.join(" ")}`);
}

test("values: --key value, --key=value, defaults, types", () => {
  const a = parse(["--model_name_or_path", "m", "--num_train_epochs=2.5", "--seed", "7"]);
  assert.deepEqual(a, { model_name_or_path: "m", num_train_epochs: 2.5, seed: 7, do_train: false, pad_to_max_length: true, eval_strategy: "no", report_to: ["none"], lr_scheduler_kwargs: {} });
  assert.equal(parse(["--model_name_or_path", "m", "--seed", "-1"]).seed, -1);
  assert.deepEqual(parse(["--model_name_or_path", "m", "--lr_scheduler_kwargs", '{"num_cycles": 2}']).lr_scheduler_kwargs, { num_cycles: 2 });
});

test("booleans: --flag, --flag true|false|yes|no|1|0, --no_flag for default-true fields", () => {
  const m = ["--model_name_or_path", "m"];
  assert.equal(parse([...m, "--do_train"]).do_train, true);
  for (const [v, want] of [["true", true], ["False", false], ["yes", true], ["no", false], ["1", true], ["0", false]] as const) {
    assert.equal(parse([...m, "--do_train", v]).do_train, want, v);
  }
  assert.equal(parse([...m, "--do_train", "--seed", "3"]).do_train, true);
  assert.equal(parse([...m, "--no_pad_to_max_length"]).pad_to_max_length, false);
  assert.equal(parse([...m, "--pad_to_max_length", "false"]).pad_to_max_length, false);
});

test("list fields take several values; the default is replaced, not appended to", () => {
  assert.deepEqual(parse(["--model_name_or_path", "m", "--report_to", "a", "b", "--seed", "1"]).report_to, ["a", "b"]);
});

test("bad values name the flag and what it accepts; unknown flags name the nearest valid one", () => {
  assert.match(parseError(["--num_train_epochs", "abc"]).message, /--num_train_epochs expects a number, got 'abc'/);
  assert.match(parseError(["--seed", "1.5"]).message, /--seed expects an integer/);
  assert.match(parseError(["--do_train", "maybe"]).message, /--do_train expects a boolean \(true\/false, yes\/no, 1\/0\)/);
  assert.match(parseError(["--eval_strategy", "sometimes"]).message, /--eval_strategy expects one of: no, steps, epoch/);
  assert.match(parseError(["--lr_scheduler_kwargs", "{x"]).message, /--lr_scheduler_kwargs expects a JSON object/);
  const unknown = parseError(["--num_train_epoch", "3"]);
  assert.equal(unknown.exitCode, 2);
  assert.match(unknown.message, /unknown option '--num_train_epoch'; did you mean '--num_train_epochs'\?/);
  assert.match(parseError(["--seeed=3"]).message, /unknown option '--seeed'; did you mean '--seed'/);
  assert.throws(() => parse([]), /the following arguments are required: --model_name_or_path/);
});

test("a JSON file supplies the keys; flags given beside it win; unknown keys and wrong types are errors", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fts-argparse-"));
  const file = path.join(dir, "args.json");
  writeFileSync(file, JSON.stringify({ model_name_or_path: "m", num_train_epochs: 1, do_train: true, report_to: "none" }));
  const json = readJsonArgs(file, SPECS);
  assert.deepEqual(parse([], json), { model_name_or_path: "m", num_train_epochs: 1, seed: 42, do_train: true, pad_to_max_length: true, eval_strategy: "no", report_to: ["none"], lr_scheduler_kwargs: {} });
  assert.equal(parse(["--num_train_epochs", "4"], json).num_train_epochs, 4);
  writeFileSync(file, JSON.stringify({ model_name_or_path: "m", num_train_epoch: 1 }));
  assert.throws(() => readJsonArgs(file, SPECS), /unknown argument 'num_train_epoch'; did you mean 'num_train_epochs'\?/);
  assert.throws(() => parse([], { model_name_or_path: "m", seed: "x" }), /"seed" expects an integer/);
  assert.throws(() => parse([], { model_name_or_path: "m", eval_strategy: "sometimes" }), /"eval_strategy" expects one of: no, steps, epoch/);
  rmSync(dir, { recursive: true, force: true });
});

test("the TrainingArguments spec covers every key, typed from the defaults", () => {
  const specs = new Map(trainingArgumentSpecs().map((s) => [s.name, s]));
  for (const [k, type] of [["num_train_epochs", "float"], ["per_device_train_batch_size", "int"], ["do_train", "bool"], ["eval_steps", "float"], ["save_total_limit", "int"], ["label_names", "list"], ["lr_scheduler_kwargs", "dict"], ["report_to", "list"]] as const) {
    assert.equal(specs.get(k)?.type, type, k);
  }
  assert.deepEqual(specs.get("save_strategy")?.choices, ["no", "steps", "epoch", "best"]);
  assert.ok(specs.get("lr_scheduler_type")?.choices?.includes("cosine"));
  assert.equal(specs.get("output_dir")?.default, "trainer_output");
  assert.equal(nearest("--learning_rat", ["--learning_rate", "--seed"]), "--learning_rate");
});

test("finetune-ts train: bad flags exit 2 with the message; --help lists every flag with its default", () => {
  const bad = run(["train", "--num_train_epoch", "3"]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown option '--num_train_epoch'; did you mean '--num_train_epochs'\?/);
  const num = run(["train", "--model_name_or_path", "m", "--output_dir", "o", "--num_train_epochs", "abc"]);
  assert.equal(num.status, 2);
  assert.match(num.stderr, /--num_train_epochs expects a number, got 'abc'/);
  const strat = run(["train", "--eval_strategy", "sometimes"]);
  assert.equal(strat.status, 2);
  assert.match(strat.stderr, /--eval_strategy expects one of: no, steps, epoch/);
  // A TrainingArguments consistency check is an argument error too.
  const best = run(["train", "--model_name_or_path", "m", "--output_dir", "o", "--do_train", "--load_best_model_at_end", "--eval_strategy", "epoch", "--save_strategy", "steps"]);
  assert.equal(best.status, 2);
  assert.match(best.stderr, /--load_best_model_at_end requires the save and eval strategy to match/);
  const help = run(["train", "--help"]);
  assert.equal(help.status, 0);
  for (const flag of ["--model_name_or_path", "--text_column_names", "--max_seq_length", "--pad_to_max_length", "--no_pad_to_max_length", "--per_device_train_batch_size", "--eval_strategy", "--lr_scheduler_type", "--early_stopping_patience", "--resume_from_checkpoint"]) {
    assert.ok(help.stdout.includes(flag), flag);
  }
  const flat = help.stdout.replace(/\s+/g, " ");
  assert.ok(flat.includes("--learning_rate <float> the initial learning rate for the optimizer (default: 0.00005)"), flat);
  assert.ok(flat.includes("--eval_strategy <choice> when to evaluate during training (choices: no, steps, epoch) (default: no)"));
  assert.ok(flat.includes("--max_seq_length <int> maximum total input length after tokenization; longer sequences are truncated (default: 128)"));
});
