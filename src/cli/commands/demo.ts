// `finetune-ts demo`: the seeds' lecture on the Brown corpus, offline (see ../demo.ts).
import { Command } from "commander";
import { runAction } from "../hf_argparse.js";

export function demoCommand(): Command {
  return new Command("demo")
    .description("the lecture on real text: TF-IDF baseline vs fine-tuning vs feature extraction on Brown-corpus genres, with reports and PNGs")
    .option("--quick", "a ~2-minute version (4 genres, fewer documents, one epoch)")
    .option("--output_dir <dir>", "where the reports, PNGs and the fine-tuned model go", "demo_output")
    .action(runAction(async (opts: { quick?: boolean; output_dir: string }) => {
      const { runDemo } = await import("../demo.js");
      await runDemo({ quick: opts.quick ?? false, output_dir: opts.output_dir });
    }));
}
