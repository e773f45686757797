// The default generator. Same seed → same numbers as PyTorch's CPU generator (mt19937 in
// libtorch), so seeded initialisation matches Python bit for bit.
import { _C } from "./_C.js";
import { Tensor } from "./tensor.js";

/** torch.manual_seed(seed): seeds the CPU generator and every CUDA device's. */
export function manual_seed(seed: number | bigint): void {
  if (typeof seed === "number" && (!Number.isInteger(seed) || seed < 0)) {
    throw new RangeError(`manual_seed: seed must be a non-negative integer, got ${seed}`);
  }
  _C.manual_seed(seed);
}

/** torch.initial_seed(): the seed of the default CPU generator. */
export function initial_seed(): bigint {
  return _C.initial_seed();
}

/** torch.seed(): seeds from a non-deterministic source and returns the seed. */
export function seed(): bigint {
  const s = BigInt(Date.now()) * 1000003n + BigInt(process.pid) * 7919n + BigInt(Math.floor(Math.random() * 1e9));
  const v = s & 0x7fffffffffffffffn;
  _C.manual_seed(v);
  return v;
}

/** torch.get_rng_state(): the default CPU generator's state as a uint8 tensor (save it to resume). */
export function get_rng_state(): Tensor {
  return new Tensor(_C.get_rng_state());
}

/** torch.set_rng_state(state): restores a state from get_rng_state, so draws repeat exactly. */
export function set_rng_state(state: Tensor): void {
  _C.set_rng_state(state._handle("set_rng_state"));
}
