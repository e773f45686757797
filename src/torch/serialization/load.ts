// torch.load for pytorch_model.bin (zip or legacy format) with weights_only semantics: the
// unpickler resolves only tensor/state-dict globals, so no code from the file ever runs.
import { Tensor } from "../tensor.js";
import { toDtype } from "../dtype.js";
import { frombuffer } from "../factories.js";
import { aten, callT } from "../ops/dispatch.js";
import { readTorchObject, asStateDict, type RawTensor, type RawStorage } from "./torch_bin.js";
import { FileNotFoundError } from "../../utils/errors.js";
import { existsSync } from "node:fs";

export interface LoadOptions {
  /** Where tensors go ("cpu" default, "cuda", "cuda:1"). */
  map_location?: string;
  /** Always true: this loader never executes pickled code. Passing false is an error. */
  weights_only?: boolean;
}

/** Builds tensors from raw records; tensors that shared a storage in the file share one here too. */
export function tensorsFromRaw(raw: Map<string, RawTensor>, options: LoadOptions = {}): Map<string, Tensor> {
  const bases = new Map<RawStorage, Tensor>();
  const out = new Map<string, Tensor>();
  try {
    for (const [name, rt] of raw) {
      const dt = toDtype(rt.dtype);
      let base = bases.get(rt.storage);
      if (base === undefined) {
        // One flat byte tensor per storage, copied once; views reinterpret and stride into it.
        base = frombuffer(rt.storage.bytes.slice(), [rt.storage.nbytes], "uint8");
        bases.set(rt.storage, base);
      }
      const typed = dt.itemsize === 1 && dt.name === "uint8" ? callT(aten("aten::alias"), base) : callT(aten("aten::view.dtype"), base, dt.code);
      let t = callT(aten("aten::as_strided"), typed, rt.shape, rt.stride, rt.storage_offset);
      typed.dispose();
      if (options.map_location && options.map_location !== "cpu") {
        const moved = t.to(options.map_location);
        t.dispose();
        t = moved;
      }
      if (rt.requires_grad) t.requires_grad_(true);
      out.set(name, t);
    }
  } catch (e) {
    for (const t of out.values()) t.dispose();
    throw e;
  } finally {
    for (const b of bases.values()) b.dispose();
  }
  return out;
}

/**
 * torch.load(path) for checkpoints holding a state dict (also under a "state_dict"/"model" key):
 * returns it as a Map from key to Tensor, in the file's order.
 * @example
 * const sd = await torch.load("pytorch_model.bin");
 * sd.get("bert.embeddings.word_embeddings.weight")!.shape   // [30522, 768]
 */
export async function load(path: string, options: LoadOptions = {}): Promise<Map<string, Tensor>> {
  if (options.weights_only === false) {
    throw new TypeError("torch.load: weights_only=false is not supported: finetune-ts never executes pickled code");
  }
  if (!existsSync(path)) throw new FileNotFoundError(`torch.load: no such file: '${path}'`);
  const obj = await readTorchObject(path);
  return tensorsFromRaw(asStateDict(obj, path), options);
}
