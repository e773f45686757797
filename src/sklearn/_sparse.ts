// A small compressed-sparse-row matrix, scipy.sparse.csr_matrix's layout and names, so a
// 100k-document x 1M-feature TF-IDF matrix fits in memory (only non-zeros are stored).
// Indices within a row are sorted ascending (scipy's "canonical format"), as sklearn's vectorizers
// produce after `sort_indices()`; estimators may rely on it.
import { ValueError } from "../utils/errors.js";
import { NDArray } from "../utils/ndarray.js";

export class csr_matrix {
  readonly data: Float64Array;
  readonly indices: Int32Array;
  readonly indptr: Int32Array;
  readonly shape: [number, number];

  constructor(arrays: { data: Float64Array; indices: Int32Array; indptr: Int32Array }, shape: [number, number]) {
    const { data, indices, indptr } = arrays;
    if (indptr.length !== shape[0] + 1) throw new ValueError(`csr_matrix: indptr has ${indptr.length} entries, shape ${shape[0]} rows needs ${shape[0] + 1}`);
    if (data.length !== indices.length || indptr[shape[0]] !== data.length) {
      throw new ValueError(`csr_matrix: data (${data.length}), indices (${indices.length}) and indptr[-1] (${indptr[shape[0]]}) must agree`);
    }
    this.data = data;
    this.indices = indices;
    this.indptr = indptr;
    this.shape = shape;
  }

  /** Number of stored values. */
  get nnz(): number {
    return this.data.length;
  }

  /** A dense copy as nested rows (`X.toarray().tolist()` in Python). */
  toarray(): NDArray {
    const [n, m] = this.shape;
    const out = new Float64Array(n * m);
    for (let i = 0; i < n; i++) for (let k = this.indptr[i]; k < this.indptr[i + 1]; k++) out[i * m + this.indices[k]] += this.data[k];
    return new NDArray(out, [n, m]);
  }

  /** The rows `rows` in that order (`X[rows]`), e.g. a cross-validation fold. */
  select_rows(rows: ArrayLike<number>): csr_matrix {
    let nnz = 0;
    for (let r = 0; r < rows.length; r++) nnz += this.indptr[rows[r] + 1] - this.indptr[rows[r]];
    const data = new Float64Array(nnz);
    const indices = new Int32Array(nnz);
    const indptr = new Int32Array(rows.length + 1);
    let o = 0;
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r];
      if (!(i >= 0 && i < this.shape[0])) throw new ValueError(`csr_matrix: row index ${i} is out of bounds for ${this.shape[0]} rows`);
      const a = this.indptr[i];
      const b = this.indptr[i + 1];
      data.set(this.data.subarray(a, b), o);
      indices.set(this.indices.subarray(a, b), o);
      o += b - a;
      indptr[r + 1] = o;
    }
    return new csr_matrix({ data, indices, indptr }, [rows.length, this.shape[1]]);
  }

  /** Build from dense rows, keeping the non-zeros. */
  static from_dense(rows: ArrayLike<ArrayLike<number>>, n_features?: number): csr_matrix {
    const m = n_features ?? (rows.length > 0 ? rows[0].length : 0);
    const data: number[] = [];
    const indices: number[] = [];
    const indptr = new Int32Array(rows.length + 1);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (row.length !== m) throw new ValueError(`csr_matrix.from_dense: row ${i} has ${row.length} values, expected ${m}`);
      for (let j = 0; j < m; j++) {
        if (row[j] !== 0) {
          data.push(row[j]);
          indices.push(j);
        }
      }
      indptr[i + 1] = data.length;
    }
    return new csr_matrix({ data: Float64Array.from(data), indices: Int32Array.from(indices), indptr }, [rows.length, m]);
  }
}

/** True for our sparse type (`scipy.sparse.issparse`). */
export function issparse(x: unknown): x is csr_matrix {
  return x instanceof csr_matrix;
}
