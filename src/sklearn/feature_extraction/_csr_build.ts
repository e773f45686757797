// CSR construction helpers for the text vectorizers: typed-array buffers grown by doubling (no
// per-token objects), and a column renumbering that leaves every row's indices sorted.
import { csr_matrix } from "../_sparse.js";

/** A growable pair of (column, value) buffers for building CSR rows without per-token objects. */
export class CsrBuilder {
  indices = new Int32Array(1024);
  data = new Float64Array(1024);
  nnz = 0;
  readonly indptr: number[] = [0];
  push(col: number, value: number): void {
    if (this.nnz === this.indices.length) {
      const ni = new Int32Array(this.nnz * 2);
      ni.set(this.indices);
      this.indices = ni;
      const nd = new Float64Array(this.nnz * 2);
      nd.set(this.data);
      this.data = nd;
    }
    this.indices[this.nnz] = col;
    this.data[this.nnz++] = value;
  }
  endRow(): void {
    this.indptr.push(this.nnz);
  }
  build(nCols: number): csr_matrix {
    return new csr_matrix(
      { data: this.data.slice(0, this.nnz), indices: this.indices.slice(0, this.nnz), indptr: Int32Array.from(this.indptr) },
      [this.indptr.length - 1, nCols],
    );
  }
}

/** X[:, kept] with columns renumbered by `map` (old -> new, -1 = dropped); rows come out sorted. */
export function remapColumns(X: csr_matrix, map: Int32Array, nNew: number): csr_matrix {
  const [nRows] = X.shape;
  // Counting-sort the entries by new column (a CSC pass), then read them back by row: each row's
  // columns are then ascending without sorting every row.
  const colPtr = new Int32Array(nNew + 1);
  for (let k = 0; k < X.nnz; k++) {
    const c = map[X.indices[k]];
    if (c >= 0) colPtr[c + 1]++;
  }
  for (let c = 0; c < nNew; c++) colPtr[c + 1] += colPtr[c];
  const nnz = colPtr[nNew];
  const cscRow = new Int32Array(nnz);
  const cscVal = new Float64Array(nnz);
  const next = colPtr.slice(0, nNew);
  const indptr = new Int32Array(nRows + 1);
  for (let i = 0; i < nRows; i++) {
    for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) {
      const c = map[X.indices[k]];
      if (c < 0) continue;
      const p = next[c]++;
      cscRow[p] = i;
      cscVal[p] = X.data[k];
      indptr[i + 1]++;
    }
  }
  for (let i = 0; i < nRows; i++) indptr[i + 1] += indptr[i];
  const fill = indptr.slice(0, nRows);
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  for (let c = 0; c < nNew; c++) {
    for (let p = colPtr[c]; p < colPtr[c + 1]; p++) {
      const q = fill[cscRow[p]]++;
      indices[q] = c;
      data[q] = cscVal[p];
    }
  }
  return new csr_matrix({ data, indices, indptr }, [nRows, nNew]);
}
