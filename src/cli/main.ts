// The `finetune-ts` command. Subcommands live in cli/commands/, one file each. Only the invoked
// subcommand's module is imported (train/predict load transformers and libtorch, ~1 s; baseline
// needs only sklearn); the others are listed by name and description for `finetune-ts --help`.
import { Command } from "commander";

interface Entry {
  description: string;
  load: () => Promise<Command>;
}

const COMMANDS: Record<string, Entry> = {
  env: {
    description: "print versions, the BLAS library in use, threads and CUDA devices (paste it into bug reports)",
    load: async () => (await import("./commands/env.js")).envCommand(),
  },
  train: {
    description: "fine-tune a sequence classifier with HF run_classification.py's flags",
    load: async () => (await import("./commands/train.js")).trainCommand(),
  },
  predict: {
    description: "classify texts with a fine-tuned model folder (JSON lines out)",
    load: async () => (await import("./commands/predict.js")).predictCommand(),
  },
  evaluate: {
    description: "classification report and confusion matrix of a model folder on a labelled file",
    load: async () => (await import("./commands/evaluate.js")).evaluateCommand(),
  },
  pretrain: {
    description: "masked-language-model pretraining from scratch with HF run_mlm.py's flags (own WordPiece vocabulary)",
    load: async () => (await import("./commands/pretrain.js")).pretrainCommand(),
  },
  demo: {
    description: "the lecture on real text: baseline vs fine-tuning vs feature extraction on Brown genres (--quick: ~2 min)",
    load: async () => (await import("./commands/demo.js")).demoCommand(),
  },
  baseline: {
    description: "TF-IDF + naive Bayes / logistic regression / random forest baseline on the same files",
    load: async () => (await import("./commands/baseline.js")).baselineCommand(),
  },
};

export async function buildProgram(argv: readonly string[] = process.argv): Promise<Command> {
  const program = new Command("finetune-ts")
    .description("Fine-tune and run transformer models on libtorch from Node.js")
    .showHelpAfterError();
  const invoked = argv.slice(2).find((a) => !a.startsWith("-"));
  const wanted = invoked === "help" ? argv.slice(2).filter((a) => !a.startsWith("-"))[1] : invoked;
  for (const [name, entry] of Object.entries(COMMANDS)) {
    program.addCommand(name === wanted ? await entry.load() : new Command(name).description(entry.description));
  }
  return program;
}

await (await buildProgram()).parseAsync(process.argv);
