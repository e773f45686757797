// `finetune-ts env`: like `transformers-cli env` — versions, BLAS really loaded, threads, CUDA.
import { Command } from "commander";

export function envCommand(): Command {
  return new Command("env")
    .description("print versions, the BLAS library in use, threads and CUDA devices (paste it into bug reports)")
    .option("--json", "print the report as JSON")
    .action(async (opts: { json?: boolean }) => {
      const { get_env_info, pretty_str } = await import("../../torch/utils/collect_env.js");
      const info = get_env_info();
      console.log(opts.json ? JSON.stringify(info, null, 2) : pretty_str(info));
    });
}
