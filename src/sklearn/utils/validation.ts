// sklearn.utils.validation's check_array, reduced to what the estimators here need: X as CSR or a
// dense row-major Float64 matrix, with NumPy's messages for 1-D and ragged input.
import { ValueError } from "../../utils/errors.js";
import { NDArray } from "../../utils/ndarray.js";
import { csr_matrix, issparse } from "../_sparse.js";
import { toNested } from "../_array.js";

/** Internal matrix view: CSR, or dense row-major Float64. */
export type Mat = { sparse: csr_matrix } | { dense: Float64Array; rows: number; cols: number };

export function shapeOf(m: Mat): [number, number] {
  return "sparse" in m ? m.sparse.shape : [m.rows, m.cols];
}

/** X (csr_matrix, 2-D NDArray, nested rows, anything with tolist()) as a Mat; `name` for messages. */
export function toMat(X: unknown, name: string): Mat {
  if (issparse(X)) return { sparse: X };
  if (X instanceof NDArray) {
    if (X.ndim !== 2) throw new ValueError(`Expected 2D array, got ${X.ndim}D array instead.`);
    return { dense: X.data, rows: X.shape[0]!, cols: X.shape[1]! };
  }
  const { data } = toNested(X, name);
  if (data.length > 0 && !Array.isArray(data[0])) {
    throw new ValueError(`Expected 2D array, got 1D array instead:\narray=[${data.join(" ")}].\nReshape your data either using array.reshape(-1, 1) if your data has a single feature or array.reshape(1, -1) if it contains a single sample.`);
  }
  const rows = data.length;
  const cols = rows > 0 ? (data[0] as unknown[]).length : 0;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r = data[i] as unknown[];
    if (!Array.isArray(r) || r.length !== cols) throw new ValueError(`setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions.`);
    for (let j = 0; j < cols; j++) {
      const v = r[j];
      out[i * cols + j] = typeof v === "boolean" ? (v ? 1 : 0) : Number(v);
    }
  }
  return { dense: out, rows, cols };
}
