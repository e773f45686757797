// View and shape ops. Shapes come as an array or as varargs, as PyTorch accepts both:
// `x.view(2, -1)` and `x.view([2, -1])`.
import { Tensor } from "../tensor.js";
import { aten, callT, callTs } from "./dispatch.js";

type SizeArgs = Array<number | number[]>;
function sizes(args: SizeArgs): number[] {
  return args.length === 1 && Array.isArray(args[0]) ? args[0] : (args.flat() as number[]);
}

declare module "../tensor.js" {
  interface Tensor {
    view(...shape: SizeArgs): Tensor;
    reshape(...shape: SizeArgs): Tensor;
    view_as(other: Tensor): Tensor;
    reshape_as(other: Tensor): Tensor;
    permute(...dims: SizeArgs): Tensor;
    transpose(dim0: number, dim1: number): Tensor;
    swapaxes(dim0: number, dim1: number): Tensor;
    t(): Tensor;
    /** PyTorch's `.T` / `.mT` are properties; `mT` swaps the last two dims. */
    readonly mT: Tensor;
    contiguous(): Tensor;
    flatten(start_dim?: number, end_dim?: number): Tensor;
    unflatten(dim: number, sizes: number[]): Tensor;
    unsqueeze(dim: number): Tensor;
    squeeze(dim?: number): Tensor;
    expand(...sizes: SizeArgs): Tensor;
    expand_as(other: Tensor): Tensor;
    repeat(...repeats: SizeArgs): Tensor;
    narrow(dim: number, start: number, length: number): Tensor;
    select(dim: number, index: number): Tensor;
    flip(dims: number | number[]): Tensor;
    roll(shifts: number | number[], dims?: number | number[]): Tensor;
    movedim(source: number, destination: number): Tensor;
    tril(diagonal?: number): Tensor;
    triu(diagonal?: number): Tensor;
    split(split_size_or_sections: number | number[], dim?: number): Tensor[];
    chunk(chunks: number, dim?: number): Tensor[];
    unbind(dim?: number): Tensor[];
  }
}

const P = Tensor.prototype;
P.view = function (...shape) { return callT(aten("aten::view"), this, sizes(shape)); };
P.reshape = function (...shape) { return callT(aten("aten::reshape"), this, sizes(shape)); };
P.view_as = function (other) { return callT(aten("aten::view_as"), this, other); };
P.reshape_as = function (other) { return callT(aten("aten::reshape_as"), this, other); };
P.permute = function (...dims) { return callT(aten("aten::permute"), this, sizes(dims)); };
P.transpose = function (d0, d1) { return callT(aten("aten::transpose.int"), this, d0, d1); };
P.swapaxes = P.transpose;
P.t = function () { return callT(aten("aten::t"), this); };
Object.defineProperty(P, "mT", {
  get(this: Tensor) { return this.transpose(-2, -1); },
});
P.contiguous = function () {
  // PyTorch returns self when already contiguous; the ownership rules ask for a new alias then.
  return callT(aten("aten::contiguous"), this);
};
P.flatten = function (start_dim = 0, end_dim = -1) { return callT(aten("aten::flatten.using_ints"), this, start_dim, end_dim); };
P.unflatten = function (dim, sz) {
  const d = dim < 0 ? dim + this.ndim : dim;
  const shape = this.shape;
  return this.view([...shape.slice(0, d), ...sz, ...shape.slice(d + 1)]);
};
P.unsqueeze = function (dim) { return callT(aten("aten::unsqueeze"), this, dim); };
P.squeeze = function (dim) {
  return dim === undefined ? callT(aten("aten::squeeze"), this) : callT(aten("aten::squeeze.dim"), this, dim);
};
P.expand = function (...sz) { return callT(aten("aten::expand"), this, sizes(sz)); };
P.expand_as = function (other) { return callT(aten("aten::expand_as"), this, other); };
P.repeat = function (...r) { return callT(aten("aten::repeat"), this, sizes(r)); };
P.narrow = function (dim, start, length) { return callT(aten("aten::narrow"), this, dim, start, length); };
P.select = function (dim, index) { return callT(aten("aten::select.int"), this, dim, index); };
P.flip = function (dims) { return callT(aten("aten::flip"), this, typeof dims === "number" ? [dims] : dims); };
P.roll = function (shifts, dims = []) { return callT(aten("aten::roll"), this, shifts, dims); };
P.movedim = function (s, d) { return callT(aten("aten::movedim.int"), this, s, d); };
P.tril = function (diagonal = 0) { return callT(aten("aten::tril"), this, diagonal); };
P.triu = function (diagonal = 0) { return callT(aten("aten::triu"), this, diagonal); };
P.split = function (s, dim = 0) {
  return typeof s === "number" ? callTs(aten("aten::split.Tensor"), this, s, dim) : callTs(aten("aten::split_with_sizes"), this, s, dim);
};
P.chunk = function (chunks, dim = 0) { return callTs(aten("aten::chunk"), this, chunks, dim); };
P.unbind = function (dim = 0) { return callTs(aten("aten::unbind.int"), this, dim); };

/** torch.cat(tensors, dim=0) */
export function cat(tensors: Tensor[], dim = 0): Tensor {
  return callT(aten("aten::cat"), tensors, dim);
}
/** torch.concat / torch.concatenate: aliases of cat. */
export const concat = cat;
/** torch.stack(tensors, dim=0) */
export function stack(tensors: Tensor[], dim = 0): Tensor {
  return callT(aten("aten::stack"), tensors, dim);
}
