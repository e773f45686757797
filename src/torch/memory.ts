// Live-tensor counters (architecture §4.5) and the no-growth check tests use.
import { _C } from "./_C.js";

export interface MemoryStats {
  /** handles alive now (each JS Tensor not yet disposed) */
  live_tensors: number;
  /** bytes of the live handles' own storage (views count 0: they share their base's) */
  live_bytes: number;
  /** the most live handles seen since start or reset_peak_memory() */
  peak_tensors: number;
  /** handles the GC backstop freed while still alive: leaks in a test */
  finalized: number;
}

/** torch.memory(): `{ live_tensors, live_bytes, peak_tensors, finalized }`. */
export function memory(): MemoryStats {
  const m = _C.memory();
  return { live_tensors: m.live_tensors, live_bytes: m.live_bytes, peak_tensors: m.peak_tensors, finalized: m.finalized };
}

export function reset_peak_memory(): void {
  _C.reset_peak();
}

/**
 * Runs `step` `warmup` times, then `steps` more, and throws if the live tensor count grew in the
 * measured part (or the GC backstop had to free anything): the leak check every long-running
 * loop (training steps, pipeline calls) gets in the tests.
 */
export function assert_no_leak(step: (i: number) => void, options: { warmup?: number; steps?: number } = {}): { before: number; after: number } {
  const warmup = options.warmup ?? 3;
  const steps = options.steps ?? 20;
  for (let i = 0; i < warmup; i++) step(i);
  const before = _C.memory();
  for (let i = 0; i < steps; i++) step(warmup + i);
  const after = _C.memory();
  if (after.live_tensors > before.live_tensors) {
    throw new Error(`leak: live_tensors grew from ${before.live_tensors} to ${after.live_tensors} over ${steps} steps`);
  }
  if (after.finalized > before.finalized) {
    throw new Error(`leak: ${after.finalized - before.finalized} tensors were only freed by the GC backstop (missing dispose/tidy)`);
  }
  return { before: before.live_tensors, after: after.live_tensors };
}
