// Matrix products.
import { Tensor } from "../tensor.js";
import { aten, callT } from "./dispatch.js";

declare module "../tensor.js" {
  interface Tensor {
    matmul(other: Tensor): Tensor;
    mm(other: Tensor): Tensor;
    bmm(other: Tensor): Tensor;
    dot(other: Tensor): Tensor;
    outer(other: Tensor): Tensor;
    baddbmm(batch1: Tensor, batch2: Tensor, options?: { beta?: number; alpha?: number }): Tensor;
    addmm(mat1: Tensor, mat2: Tensor, options?: { beta?: number; alpha?: number }): Tensor;
  }
}

const P = Tensor.prototype;
P.matmul = function (other) { return callT(aten("aten::matmul"), this, other); };
P.mm = function (other) { return callT(aten("aten::mm"), this, other); };
P.bmm = function (other) { return callT(aten("aten::bmm"), this, other); };
P.dot = function (other) { return callT(aten("aten::dot"), this, other); };
P.outer = function (other) { return callT(aten("aten::outer"), this, other); };
P.baddbmm = function (b1, b2, o = {}) { return callT(aten("aten::baddbmm"), this, b1, b2, o.beta ?? 1, o.alpha ?? 1); };
P.addmm = function (m1, m2, o = {}) { return callT(aten("aten::addmm"), this, m1, m2, o.beta ?? 1, o.alpha ?? 1); };

/** torch.einsum("ij,jk->ik", a, b) or einsum(eq, [a, b]) */
export function einsum(equation: string, ...operands: Array<Tensor | Tensor[]>): Tensor {
  const list = operands.length === 1 && Array.isArray(operands[0]) ? operands[0] : (operands as Tensor[]);
  return callT(aten("aten::einsum"), equation, list);
}
