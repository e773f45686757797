// The README's demo: train a small MLP on a synthetic two-moons task with the engine alone
// (nn, AdamW, a linear warmup schedule, gradient clipping), evaluate, save the weights as
// safetensors and load them back. Run: npm run demo
import * as torch from "finetune-ts/torch";
import { save_file, load_file } from "finetune-ts/safetensors";
import { get_scheduler } from "finetune-ts/transformers";
import os from "node:os";
import path from "node:path";

const { nn } = torch;
const F = nn.functional;
torch.manual_seed(0);
const device = torch.cuda.is_available() ? "cuda" : "cpu";

/** Two interleaved half circles with noise; label = which moon. */
function moons(n: number): { X: torch.Tensor; y: torch.Tensor } {
  return torch.tidy(() => {
    const t = torch.rand(n).mul(Math.PI);
    const label = torch.randint(0, 2, [n]);
    const sign = label.mul(2).sub(1).float(); // -1 or +1
    const x0 = t.cos().mul(sign.neg()).add(label.float()); // first moon at 0, second shifted by 1
    const x1 = t.sin().mul(sign.neg()).add(label.float().mul(0.5));
    const X = torch.stack([x0, x1], 1).add(torch.randn(n, 2).mul(0.1));
    return { X: X.to(device), y: label.to(device) };
  });
}

class MLP extends nn.Module {
  net = this.add_module("net", new nn.Sequential(new nn.Linear(2, 64), new nn.GELU(), new nn.Linear(64, 64), new nn.GELU(), new nn.Linear(64, 2)));
  forward(x: torch.Tensor): torch.Tensor {
    return this.net.forward(x);
  }
}

const train = moons(2048);
const test = moons(512);
const model = new MLP().to(device);
const epochs = 30;
const batch = 128;
const stepsPerEpoch = Math.ceil(2048 / batch);
const optimizer = new torch.optim.AdamW(model.parameters(), { lr: 1e-2, weight_decay: 0.01 });
const scheduler = get_scheduler("linear", { optimizer, num_warmup_steps: stepsPerEpoch, num_training_steps: epochs * stepsPerEpoch });

console.log(`${model.num_parameters()} parameters on ${device}, libtorch ${torch.__version__}, ${torch.get_num_threads()} threads`);
const t0 = performance.now();
for (let epoch = 1; epoch <= epochs; epoch++) {
  let total = 0;
  const perm = torch.randperm(2048);
  for (let s = 0; s < stepsPerEpoch; s++) {
    total += torch.tidy(() => {
      const idx = perm.narrow(0, s * batch, Math.min(batch, 2048 - s * batch)).to(device);
      const loss = F.cross_entropy(model.forward(train.X.index_select(0, idx)), train.y.index_select(0, idx));
      loss.backward();
      nn.utils.clip_grad_norm_(model.parameters(), 1.0);
      optimizer.step();
      scheduler.step();
      optimizer.zero_grad();
      return loss.item();
    });
  }
  perm.dispose();
  if (epoch % 5 === 0 || epoch === 1) {
    const acc = torch.no_grad(() => torch.tidy(() => model.forward(test.X).argmax(-1).eq(test.y).float().mean().item()));
    console.log(`epoch ${String(epoch).padStart(2)}  loss ${(total / stepsPerEpoch).toFixed(4)}  test accuracy ${(acc * 100).toFixed(1)}%  lr ${scheduler.get_last_lr()[0].toExponential(2)}`);
  }
}
const seconds = (performance.now() - t0) / 1000;
console.log(`trained ${epochs * stepsPerEpoch} steps in ${seconds.toFixed(1)} s (${((epochs * stepsPerEpoch) / seconds).toFixed(0)} it/s)`);

const file = path.join(os.tmpdir(), "finetune-ts-demo.safetensors");
await save_file(model.state_dict(), file, { format: "pt" });
const reloaded = new MLP();
const weights = await load_file(file);
reloaded.load_state_dict(weights);
for (const t of Object.values(weights)) t.dispose();
const same = torch.no_grad(() => torch.tidy(() => reloaded.forward(test.X.cpu()).allclose(model.forward(test.X).cpu())));
console.log(`saved ${file}; reloaded model gives the same outputs: ${same}`);
console.log("live tensors:", torch.memory().live_tensors);
