// The `finetune-ts` command. Subcommands live in cli/commands/, one file each.
import { Command } from "commander";
import { envCommand } from "./commands/env.js";

export function buildProgram(): Command {
  const program = new Command("finetune-ts")
    .description("Fine-tune and run transformer models on libtorch from Node.js")
    .showHelpAfterError();
  program.addCommand(envCommand());
  return program;
}

await buildProgram().parseAsync(process.argv);
