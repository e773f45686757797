// topk / sort / argsort / multinomial.
import { Tensor } from "../tensor.js";
import { aten, callT, callTs, valuesIndices, type ValuesIndices } from "./dispatch.js";

declare module "../tensor.js" {
  interface Tensor {
    topk(k: number, dim?: number, options?: { largest?: boolean; sorted?: boolean }): ValuesIndices;
    topk(k: number, options?: { dim?: number; largest?: boolean; sorted?: boolean }): ValuesIndices;
    sort(dim?: number, options?: { descending?: boolean; stable?: boolean }): ValuesIndices;
    sort(options?: { dim?: number; descending?: boolean; stable?: boolean }): ValuesIndices;
    argsort(dim?: number, options?: { descending?: boolean; stable?: boolean }): Tensor;
    argsort(options?: { dim?: number; descending?: boolean; stable?: boolean }): Tensor;
    multinomial(num_samples: number, options?: { replacement?: boolean }): Tensor;
  }
}

type DimOpts<O> = O & { dim?: number };
function split<O extends object>(dim: number | DimOpts<O> | undefined, options: O | undefined, dflt: number): [number, O] {
  if (typeof dim === "object") return [dim.dim ?? dflt, dim as O];
  return [dim ?? dflt, options ?? ({} as O)];
}

const P = Tensor.prototype;
(P as unknown as Record<string, unknown>).topk = function (this: Tensor, k: number, dim?: number | DimOpts<{ largest?: boolean; sorted?: boolean }>, options?: { largest?: boolean; sorted?: boolean }) {
  const [d, o] = split(dim, options, -1);
  return valuesIndices(callTs(aten("aten::topk"), this, k, d, o.largest ?? true, o.sorted ?? true));
};
(P as unknown as Record<string, unknown>).sort = function (this: Tensor, dim?: number | DimOpts<{ descending?: boolean; stable?: boolean }>, options?: { descending?: boolean; stable?: boolean }) {
  const [d, o] = split(dim, options, -1);
  return valuesIndices(callTs(aten("aten::sort.stable"), this, o.stable ?? false, d, o.descending ?? false));
};
(P as unknown as Record<string, unknown>).argsort = function (this: Tensor, dim?: number | DimOpts<{ descending?: boolean; stable?: boolean }>, options?: { descending?: boolean; stable?: boolean }) {
  const [d, o] = split(dim, options, -1);
  const [values, indices] = callTs(aten("aten::sort.stable"), this, o.stable ?? false, d, o.descending ?? false);
  values.dispose();
  return indices;
};
P.multinomial = function (n, options = {}) { return callT(aten("aten::multinomial"), this, n, options.replacement ?? false); };
export type { ValuesIndices };
