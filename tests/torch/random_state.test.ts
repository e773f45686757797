// torch.get_rng_state / set_rng_state: restoring a saved state repeats the same draws exactly
// (what checkpoint resume relies on for dropout and shuffling).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/torch/index.js";

test("set_rng_state(get_rng_state()) repeats randn, dropout and randperm draws", () => {
  torch.manual_seed(11);
  torch.rand(3).dispose();
  const state = torch.get_rng_state();
  assert.equal(state.dtype, torch.uint8);
  const draw = (): string => torch.tidy(() => JSON.stringify([torch.randn(4).tolist(), torch.nn.functional.dropout(torch.ones(8), 0.5).tolist(), torch.randperm(6).tolist()]));
  const a = draw();
  torch.set_rng_state(state);
  assert.equal(draw(), a);
  assert.notEqual(draw(), a);
  state.dispose();
});
