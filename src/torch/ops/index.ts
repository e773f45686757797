// Loads every op family (each adds its Tensor methods) and re-exports the functional forms.
import "./pointwise.js";
import "./reduction.js";
import "./shape.js";
import "./indexing.js";
import "./linalg.js";
import "./sorting.js";
import "./conversion.js";
import "../nn/functional.js";
export { where } from "./pointwise.js";
export type { TensorOrScalar } from "./pointwise.js";
export { cat, concat, stack } from "./shape.js";
export { slice, Slice, type IndexItem } from "./indexing.js";
export { einsum } from "./linalg.js";
export { aten, hasOp, schemaOf, type ValuesIndices } from "./dispatch.js";
