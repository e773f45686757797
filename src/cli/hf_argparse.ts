// HfArgumentParser (transformers/hf_argparser.py) on commander: dataclass-like field specs become
// `--snake_case` options with HF's semantics — `--key value` / `--key=value`; booleans as `--flag`,
// `--flag true|false|yes|no|1|0`, and `--no_flag` for fields that default to true; list fields take
// several values; a `.json` file as the only argument supplies every key (flags given beside it win).
// Argument problems exit with status 2 (argparse's convention), naming the flag and what it accepts;
// runtime problems (missing file, missing column) exit with 1.
import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { nearest } from "../utils/did_you_mean.js";

export type FieldType = "str" | "int" | "float" | "bool" | "list" | "dict";
export type ArgValue = string | number | boolean | string[] | Record<string, unknown> | null;
export type ParsedArgs = Record<string, ArgValue>;

/** One dataclass field, as HF declares it: `name: type = default` plus `metadata={"help": …}`. */
export interface FieldSpec {
  name: string;
  type: FieldType;
  default: ArgValue;
  help: string;
  choices?: readonly string[];
  /** HF's `field()` without a default: the command refuses to run without it. */
  required?: boolean;
  /** An HF flag finetune-ts has no use for: accepted with a warning so HF command lines still run. */
  ignored?: boolean;
}

/** A bad flag or value: exit status 2, like argparse. */
export class ArgumentError extends Error {
  override name = "ArgumentError";
  readonly exitCode = 2;
}

const TRUE = new Set(["true", "t", "yes", "y", "1", "on"]);
const FALSE = new Set(["false", "f", "no", "n", "0", "off"]);

export { levenshtein, nearest } from "../utils/did_you_mean.js";

/** Converts one raw value to the field's type, or says what the flag accepts. */
export function convert(spec: FieldSpec, raw: string): ArgValue {
  const accepts = (what: string): never => {
    throw new InvalidArgumentError(`--${spec.name} expects ${what}, got '${raw}'`);
  };
  switch (spec.type) {
    case "bool": {
      const v = raw.toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      return accepts("a boolean (true/false, yes/no, 1/0)");
    }
    case "int":
      if (!/^[+-]?\d+$/.test(raw.trim())) return accepts("an integer");
      return Number(raw);
    case "float": {
      const v = raw.trim() === "" ? NaN : Number(raw);
      if (!Number.isFinite(v)) return accepts("a number");
      return v;
    }
    case "dict":
      try {
        const v: unknown = JSON.parse(raw);
        if (v === null || typeof v !== "object" || Array.isArray(v)) throw new Error("not an object");
        return v as Record<string, unknown>;
      } catch {
        return accepts(`a JSON object such as '{"num_cycles": 2}'`);
      }
    default:
      if (spec.choices && !spec.choices.includes(raw)) return accepts(`one of: ${spec.choices.join(", ")}`);
      return raw;
  }
}

function describeDefault(v: ArgValue): string {
  if (v === null) return "None";
  if (Array.isArray(v)) return v.join(" ");
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/**
 * A commander Command whose unknown flags name the nearest valid flag and whose argument errors
 * exit with 2. Subcommands of finetune-ts that take HF flags are built on it.
 */
export class HfCommand extends Command {
  constructor(name: string) {
    super(name);
    this.exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));
    this.showHelpAfterError("(run with --help to list every flag and its default)");
  }

  /** Commander's hook for an unrecognised flag (replaces its similarity-threshold suggestion). */
  unknownOption(flag: string): void {
    const longs = this.options.map((o) => o.long).filter((l): l is string => !!l && !l.startsWith("--no_"));
    const name = flag.split("=")[0]!;
    const hint = name.startsWith("--") && longs.length ? `; did you mean '${nearest(name, longs)}'?` : "";
    this.error(`error: unknown option '${name}'${hint}`, { exitCode: 2, code: "commander.unknownOption" });
  }
}

/** Adds one option per field (and `--no_<name>` for booleans that default to true). */
export function addFields(cmd: Command, specs: readonly FieldSpec[], group?: string): Command {
  if (group) cmd.optionsGroup(group);
  for (const s of specs) {
    const arg = s.type === "bool" ? "[bool]" : s.type === "list" ? "<values...>" : `<${s.choices ? "choice" : s.type === "dict" ? "json" : s.type}>`;
    const help = [s.help, s.choices ? `(choices: ${s.choices.join(", ")})` : "", s.required ? "(required)" : "", s.ignored ? "(accepted for HF compatibility; no effect)" : ""]
      .filter(Boolean).join(" ");
    const opt = new Option(`--${s.name} ${arg}`, help);
    if (!s.required) opt.default(s.default, describeDefault(s.default));
    if (s.type === "list") opt.argParser((v: string, prev: unknown) => (Array.isArray(prev) && prev !== s.default ? [...(prev as string[]), v] : [v]));
    else opt.argParser((v: string) => convert(s, v));
    cmd.addOption(opt);
    if (s.type === "bool" && s.default === true) cmd.addOption(new Option(`--no_${s.name}`, `set --${s.name} to false`));
  }
  return cmd;
}

/**
 * The values of `specs` after parsing: flags given on the command line win, then the JSON file
 * (when the command got one as its argument), then the defaults. Warns once per ignored HF flag.
 */
export function collectFields(cmd: Command, specs: readonly FieldSpec[], jsonArgs: Record<string, unknown> | null): ParsedArgs {
  const opts = cmd.opts<Record<string, unknown>>();
  const out: ParsedArgs = {};
  for (const s of specs) {
    const fromCli = cmd.getOptionValueSource(s.name) === "cli";
    const negated = opts[`no_${s.name}`] === true;
    let v: ArgValue;
    if (negated) v = false;
    else if (fromCli) v = opts[s.name] as ArgValue;
    else if (jsonArgs && s.name in jsonArgs) v = jsonValue(s, jsonArgs[s.name]);
    else v = s.default;
    if (s.required && (v === null || v === undefined)) throw new ArgumentError(`the following arguments are required: --${s.name}`);
    if (s.ignored && (fromCli || negated || (jsonArgs && s.name in jsonArgs))) console.warn(`warning: --${s.name} has no effect in finetune-ts (accepted for HF compatibility)`);
    out[s.name] = v;
  }
  return out;
}

function jsonValue(s: FieldSpec, v: unknown): ArgValue {
  if (v === null) return null;
  const bad = (what: string): never => {
    throw new ArgumentError(`"${s.name}" expects ${what}, got ${JSON.stringify(v)}`);
  };
  if (s.type === "list") return Array.isArray(v) ? v.map(String) : [String(v)];
  if (s.type === "dict") return typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : bad("a JSON object");
  if (s.type === "bool" && typeof v !== "boolean") return typeof v === "string" ? convertOr2(s, v) : bad("true or false");
  if ((s.type === "int" || s.type === "float") && typeof v !== "number") return typeof v === "string" ? convertOr2(s, v) : bad("a number");
  if (s.type === "int" && !Number.isInteger(v)) return bad("an integer");
  if (s.type === "str") {
    if (typeof v !== "string") return bad("a string");
    if (s.choices && !s.choices.includes(v)) return bad(`one of: ${s.choices.join(", ")}`);
  }
  return v as ArgValue;
}

function convertOr2(s: FieldSpec, raw: string): ArgValue {
  try {
    return convert(s, raw);
  } catch (e) {
    throw new ArgumentError((e as Error).message.replace(`--${s.name} `, `"${s.name}" `));
  }
}

/** Reads an args.json (HF's `parse_json_file`); unknown keys are errors naming the nearest key. */
export function readJsonArgs(file: string, specs: readonly FieldSpec[]): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new ArgumentError(`${file}: cannot read the arguments file (${(e as Error).message})`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new ArgumentError(`${file}: expected a JSON object of arguments, e.g. {"model_name_or_path": "…", "do_train": true}`);
  const names = specs.map((s) => s.name);
  for (const k of Object.keys(data)) {
    if (!names.includes(k)) throw new ArgumentError(`${file}: unknown argument '${k}'; did you mean '${nearest(k, names)}'?`);
  }
  return data as Record<string, unknown>;
}

/**
 * A required option, checked in the action rather than with commander's requiredOption, so that a
 * mistyped flag is reported as unknown (with its nearest name) instead of as a missing one.
 */
export function required<T>(value: T | undefined, flag: string): T {
  if (value === undefined) throw new ArgumentError(`required option '${flag}' not specified`);
  return value;
}

/**
 * Wraps an action: ArgumentError → "error: …" and exit 2; any other error → "error: …" and exit 1
 * (set FINETUNE_TS_DEBUG=1 for the stack). Keeps stack traces out of a user's terminal.
 */
export function runAction<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      console.error(process.env.FINETUNE_TS_DEBUG ? err.stack : `error: ${err.message}`);
      process.exit(err instanceof ArgumentError ? 2 : 1);
    }
  };
}
