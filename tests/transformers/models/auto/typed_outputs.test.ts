// The Auto classes type forward() by task, so user code reads `.logits` / `.last_hidden_state`
// without casts (this file is typechecked: a regression fails `npm run typecheck` as well as the
// runtime checks). The result is still a PreTrainedModel (Trainer and pipeline accept it).
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import * as torch from "../../../../src/torch/index.js";
import { AutoModel, AutoModelForMaskedLM, AutoModelForSequenceClassification, type PreTrainedModelFor } from "../../../../src/transformers/models/auto/modeling_auto.js";
import { PreTrainedModel } from "../../../../src/transformers/modeling_utils.js";
import type { SequenceClassifierOutput } from "../../../../src/transformers/modeling_outputs.js";

const FIX = path.resolve(import.meta.dirname, "../../../../../shared/fixtures/models");

test("AutoModelFor*.from_pretrained / from_config: forward() typed by task, still a PreTrainedModel", async () => {
  const cls: PreTrainedModelFor<SequenceClassifierOutput> = await AutoModelForSequenceClassification.from_pretrained(path.join(FIX, "bert-tiny-cls"), { verbose: false });
  assert.ok(cls instanceof PreTrainedModel);
  const mlm = AutoModelForMaskedLM.from_config(cls.config);
  const base = await AutoModel.from_pretrained(path.join(FIX, "bert-tiny-cls"), { verbose: false });
  torch.tidy(() => {
    const input_ids = torch.tensor([[2, 16, 17, 3]], { dtype: torch.int64 });
    const n = cls.config.num_labels as number;
    assert.deepEqual(cls.forward({ input_ids }).logits.shape, [1, n]);
    assert.deepEqual(mlm.forward({ input_ids }).logits.shape, [1, 4, cls.config.vocab_size as number]);
    assert.deepEqual(base.forward({ input_ids }).last_hidden_state.shape, [1, 4, cls.config.hidden_size as number]);
  });
  for (const m of [cls, mlm, base]) m.dispose();
});
