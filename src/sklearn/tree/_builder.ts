// The tree-growing core of sklearn.tree (scikit-learn 1.9.1's Cython modules _tree.pyx,
// _splitter.pyx, _partitioner.pyx, _criterion.pyx and _utils.pyx), ported statement by statement so
// the same random_state grows the same tree:
//  - X is float32 (sklearn converts with dtype=np.float32); thresholds are float64 midpoints
//    `v[p_prev] / 2 + v[p] / 2` of adjacent float32 values; ties within FEATURE_THRESHOLD (a
//    float32 1e-7, added in float32 arithmetic) are skipped.
//  - Features are drawn with sklearn's xorshift `our_rand_r` (seeded once per fit with
//    `random_state.randint(0, RAND_R_MAX)`) through the Fisher-Yates scheme of node_split_best,
//    including the known/found/drawn constant-feature bookkeeping that is inherited by children.
//  - The criterion keeps weighted class sums; `update` walks forward or backward (whichever is
//    shorter) exactly as ClassificationCriterion.update, so sums round identically.
//  - Depth-first building with a LIFO stack (right child pushed first), or best-first building
//    (max_leaf_nodes) with libstdc++'s push_heap/pop_heap order; EPSILON checks as sklearn.
//  - Sparse (CSC) input uses SparsePartitioner's extract_nnz / next_p / _partition, so the sample
//    order (and hence float rounding under non-integer weights) matches sklearn on sparse X too.
// Dense X is a column-major Float32Array (one column per feature): a node's feature values are
// gathered in one pass over its sample indices and sorted in place with sklearn's own introsort on
// parallel typed arrays. Sparse X is CSC. Hot loops allocate nothing per node or per feature.
// Tree records and input layouts are defined in _tree.ts.
import { NDArray } from "../../utils/ndarray.js";
import { RAND_R_MAX, TREE_LEAF, TREE_UNDEFINED, type Tree, type TrainMatrix } from "./_tree.js";

const FEATURE_THRESHOLD = Math.fround(1e-7);
const EXTRACT_NNZ_SWITCH = Math.fround(0.1);
const EPSILON_TREE = 2.220446049250313e-16; // np.finfo('double').eps in _tree.pyx

export interface BuildOptions {
  criterion: "gini" | "entropy" | "log_loss";
  splitter: "best" | "random";
  max_features: number;
  max_depth: number;
  min_samples_split: number;
  min_samples_leaf: number;
  min_weight_leaf: number;
  min_impurity_decrease: number;
  /** -1: depth-first growth; otherwise best-first growth with at most this many leaves. */
  max_leaf_nodes: number;
  /** The splitter's rand_r seed (random_state.randint(0, RAND_R_MAX)). */
  seed: number;
}

/** sklearn.utils._random.our_rand_r on a one-element state. */
function ourRandR(state: Uint32Array): number {
  let s = state[0]!;
  if (s === 0) s = 1;
  s = (s ^ (s << 13)) >>> 0;
  s = (s ^ (s >>> 17)) >>> 0;
  s = (s ^ (s << 5)) >>> 0;
  state[0] = s;
  return s % (RAND_R_MAX + 1);
}
function randInt(low: number, high: number, state: Uint32Array): number {
  return low + (ourRandR(state) % (high - low));
}
function randUniform(low: number, high: number, state: Uint32Array): number {
  return ((high - low) * ourRandR(state)) / RAND_R_MAX + low;
}

/** sklearn.utils._sorting.simultaneous_sort(use_three_way_partition=True) on vals/idx[lo, hi):
 *  introsort with median-of-3 pivots, 3-way partition, heapsort fallback and insertion sort below
 *  16, ported exactly so ties end up in sklearn's order (it matters for the rounding of weighted
 *  sums when sample weights are not integers). */
export function sortPairs(vals: Float32Array, idx: Int32Array, lo: number, hi: number): void {
  const n = hi - lo;
  if (n === 0) return;
  introsort3(vals, idx, lo, n, 2 * Math.trunc(Math.log2(n)));
}

function swap(vals: Float32Array, idx: Int32Array, i: number, j: number): void {
  const v = vals[i]!;
  vals[i] = vals[j]!;
  vals[j] = v;
  const t = idx[i]!;
  idx[i] = idx[j]!;
  idx[j] = t;
}

function introsort3(vals: Float32Array, idx: Int32Array, off: number, n: number, maxd: number): void {
  while (n > 15) {
    if (maxd <= 0) {
      heapsort(vals, idx, off, n);
      return;
    }
    maxd--;
    const a = vals[off]!;
    const b = vals[off + Math.trunc(n / 2)]!;
    const c = vals[off + n - 1]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : b < c ? (a < c ? a : c) : b;
    let i = 0;
    let l = 0;
    let r = n;
    while (i < r) {
      const v = vals[off + i]!;
      if (v < pivot) {
        swap(vals, idx, off + i, off + l);
        i++;
        l++;
      } else if (v > pivot) {
        r--;
        swap(vals, idx, off + i, off + r);
      } else i++;
    }
    introsort3(vals, idx, off, l, maxd);
    off += r;
    n -= r;
  }
  for (let i = 1; i < n; i++) {
    const tv = vals[off + i]!;
    const ti = idx[off + i]!;
    let j = i;
    while (j > 0 && vals[off + j - 1]! > tv) {
      vals[off + j] = vals[off + j - 1]!;
      idx[off + j] = idx[off + j - 1]!;
      j--;
    }
    vals[off + j] = tv;
    idx[off + j] = ti;
  }
}

function heapsort(vals: Float32Array, idx: Int32Array, off: number, n: number): void {
  let start = Math.trunc((n - 2) / 2);
  let end = n;
  for (;;) {
    siftDown(vals, idx, off, start, end);
    if (start === 0) break;
    start--;
  }
  end = n - 1;
  while (end > 0) {
    swap(vals, idx, off, off + end);
    siftDown(vals, idx, off, 0, end);
    end--;
  }
}

function siftDown(vals: Float32Array, idx: Int32Array, off: number, start: number, end: number): void {
  let root = start;
  for (;;) {
    const child = root * 2 + 1;
    let maxind = root;
    if (child < end && vals[off + maxind]! < vals[off + child]!) maxind = child;
    if (child + 1 < end && vals[off + maxind]! < vals[off + child + 1]!) maxind = child + 1;
    if (maxind === root) break;
    swap(vals, idx, off + root, off + maxind);
    root = maxind;
  }
}

/**
 * Grow one classification tree (DepthFirstTreeBuilder + BestSplitter/RandomSplitter +
 * Gini/Entropy). `y` holds class indices 0..n_classes-1; `sample_weight` may be null (all ones).
 */
export function buildTree(X: TrainMatrix, y: Int32Array, n_classes: number, sample_weight: Float64Array | null, opt: BuildOptions): Tree {
  const { n_samples: nTotal, n_features: nFeatures } = X;
  const sparse = "indptr" in X;
  const cols = sparse ? new Float32Array(0) : X.cols;
  const xData = sparse ? X.data : new Float32Array(0);
  const xIndices = sparse ? X.indices : new Int32Array(0);
  const xIndptr = sparse ? X.indptr : new Int32Array(0);
  const K = n_classes;
  const entropy = opt.criterion !== "gini";
  const randomSplit = opt.splitter === "random";
  const maxFeatures = opt.max_features;
  const msl = opt.min_samples_leaf;
  const mwl = opt.min_weight_leaf;
  const rng = new Uint32Array([opt.seed >>> 0]);

  // ---- Splitter.init
  const samples = new Int32Array(nTotal);
  let nSamples = 0;
  let weightedNSamples = 0;
  for (let i = 0; i < nTotal; i++) {
    if (sample_weight === null || sample_weight[i] !== 0) samples[nSamples++] = i;
    weightedNSamples += sample_weight === null ? 1 : sample_weight[i]!;
  }
  const features = new Int32Array(nFeatures);
  for (let j = 0; j < nFeatures; j++) features[j] = j;
  const constantFeatures = new Int32Array(nFeatures);
  const fv = new Float32Array(nTotal);

  // ---- SparsePartitioner state (sparse X only)
  const indexToSamples = new Int32Array(sparse ? nTotal : 0).fill(-1);
  if (sparse) for (let p = 0; p < nSamples; p++) indexToSamples[samples[p]!] = p;
  const sortedSamples = new Int32Array(sparse ? nSamples : 0);
  let isSamplesSorted = false;
  let endNegative = 0;
  let startPositive = 0;
  const sparseSwap = (a: number, b: number): void => {
    const t = samples[a]!;
    samples[a] = samples[b]!;
    samples[b] = t;
    indexToSamples[samples[a]!] = a;
    indexToSamples[samples[b]!] = b;
  };
  /** Move the sample of CSC entry k to the negative or positive block (zeros stay in the middle). */
  const place = (k: number): void => {
    const v = xData[k]!;
    if (v > 0) {
      startPositive--;
      fv[startPositive] = v;
      sparseSwap(indexToSamples[xIndices[k]!]!, startPositive);
    } else if (v < 0) {
      fv[endNegative] = v;
      sparseSwap(indexToSamples[xIndices[k]!]!, endNegative);
      endNegative++;
    }
  };
  /** SparsePartitioner.extract_nnz: negatives to [start, endNegative), positives to [startPositive, end). */
  const extractNnz = (f: number, start: number, end: number): void => {
    let ks = xIndptr[f]!;
    let ke = xIndptr[f + 1]!;
    const nIdx = ke - ks;
    const n = end - start;
    endNegative = start;
    startPositive = end;
    if ((isSamplesSorted ? 0 : 1) * n * Math.log2(n) + n * Math.log2(nIdx) < EXTRACT_NNZ_SWITCH * nIdx) {
      // extract_nnz_binary_search
      if (!isSamplesSorted) {
        sortedSamples.set(samples.subarray(start, end), start);
        sortedSamples.subarray(start, end).sort();
        isSamplesSorted = true;
      }
      while (ks < ke && sortedSamples[start]! > xIndices[ks]!) ks++;
      while (ks < ke && sortedSamples[end - 1]! < xIndices[ke - 1]!) ke--;
      let p = start;
      while (p < end && ks < ke) {
        const value = sortedSamples[p]!;
        let lo = ks;
        let hi = ke;
        let k = -1;
        while (lo < hi) {
          const pivot = lo + ((hi - lo) >> 1);
          const iv = xIndices[pivot]!;
          if (iv === value) {
            k = pivot;
            lo = pivot + 1;
            break;
          }
          if (iv < value) lo = pivot + 1;
          else hi = pivot;
        }
        ks = lo;
        if (k !== -1) place(k);
        p++;
      }
    } else {
      for (let k = ks; k < ke; k++) {
        const pos = indexToSamples[xIndices[k]!]!;
        if (start <= pos && pos < end) place(k);
      }
    }
  };
  /** SparsePartitioner._partition on the extracted values. */
  const sparsePartition = (threshold: number, start: number, end: number): number => {
    let p: number;
    let pe: number;
    if (threshold < 0) {
      p = start;
      pe = endNegative;
    } else if (threshold > 0) {
      p = startPositive;
      pe = end;
    } else return startPositive;
    while (p < pe) {
      if (fv[p]! <= threshold) p++;
      else {
        pe--;
        const t = fv[p]!;
        fv[p] = fv[pe]!;
        fv[pe] = t;
        sparseSwap(p, pe);
      }
    }
    return pe;
  };

  // ---- Criterion state
  const sumTotal = new Float64Array(K);
  const sumLeft = new Float64Array(K);
  const sumRight = new Float64Array(K);
  let wNode = 0;
  let wLeft = 0;
  let wRight = 0;
  let cStart = 0;
  let cEnd = 0;
  let cPos = 0;

  const critInit = (start: number, end: number): void => {
    cStart = start;
    cEnd = end;
    wNode = 0;
    sumTotal.fill(0);
    for (let p = start; p < end; p++) {
      const i = samples[p]!;
      const w = sample_weight === null ? 1 : sample_weight[i]!;
      sumTotal[y[i]!] += w;
      wNode += w;
    }
    critReset();
  };
  const critReset = (): void => {
    cPos = cStart;
    sumLeft.fill(0);
    sumRight.set(sumTotal);
    wLeft = 0;
    wRight = wNode;
  };
  const critUpdate = (newPos: number): void => {
    const pos = cPos;
    if (newPos - pos <= cEnd - newPos) {
      for (let p = pos; p < newPos; p++) {
        const i = samples[p]!;
        const w = sample_weight === null ? 1 : sample_weight[i]!;
        sumLeft[y[i]!] += w;
        wLeft += w;
      }
    } else {
      // reverse_reset: sum_right = 0, sum_left = sum_total
      sumRight.fill(0);
      sumLeft.set(sumTotal);
      wRight = 0;
      wLeft = wNode;
      for (let p = cEnd - 1; p >= newPos; p--) {
        const i = samples[p]!;
        const w = sample_weight === null ? 1 : sample_weight[i]!;
        sumLeft[y[i]!] -= w;
        wLeft -= w;
      }
    }
    wRight = wNode - wLeft;
    for (let c = 0; c < K; c++) sumRight[c] = sumTotal[c]! - sumLeft[c]!;
    cPos = newPos;
  };
  const log2 = (x: number): number => Math.log(x) / Math.LN2;
  const impurityOf = (sums: Float64Array, w: number): number => {
    if (entropy) {
      let e = 0;
      for (let c = 0; c < K; c++) {
        let ck = sums[c]!;
        if (ck > 0) {
          ck /= w;
          e -= ck * log2(ck);
        }
      }
      return e;
    }
    let sq = 0;
    for (let c = 0; c < K; c++) {
      const ck = sums[c]!;
      sq += ck * ck;
    }
    return 1.0 - sq / (w * w);
  };
  const proxyImprovement = (): number => -wRight * impurityOf(sumRight, wRight) - wLeft * impurityOf(sumLeft, wLeft);

  // ---- Tree storage (grown by doubling)
  let capacity = 2047;
  if (opt.max_depth <= 10) capacity = 2 ** (opt.max_depth + 1) - 1;
  let left = new Int32Array(capacity);
  let right = new Int32Array(capacity);
  let feat = new Int32Array(capacity);
  let thr = new Float64Array(capacity);
  let imp = new Float64Array(capacity);
  let nns = new Int32Array(capacity);
  let wnns = new Float64Array(capacity);
  let mgl = new Uint8Array(capacity);
  let value = new Float64Array(capacity * K);
  let nodeCount = 0;
  const grow = (): void => {
    capacity = capacity * 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T, n = capacity): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    left = g(left);
    right = g(right);
    feat = g(feat);
    thr = g(thr);
    imp = g(imp);
    nns = g(nns);
    wnns = g(wnns);
    mgl = g(mgl);
    value = g(value, capacity * K);
  };

  // ---- Split record (the best split of the current node)
  let bestPos = 0;
  let bestFeature = 0;
  let bestThreshold = 0;
  let bestImprovement = -Infinity;
  let bestImpLeft = Infinity;
  let bestImpRight = Infinity;
  let bestMissingLeft = 0;
  let nConstantOut = 0;

  const partitionFinal = (start: number, end: number, f: number, threshold: number): void => {
    if (sparse) {
      extractNnz(f, start, end);
      sparsePartition(threshold, start, end);
      return;
    }
    const base = f * nTotal;
    let ps = start;
    let pe = end;
    while (ps < pe) {
      if (cols[base + samples[ps]!]! <= threshold) ps++;
      else {
        pe--;
        const t = samples[ps]!;
        samples[ps] = samples[pe]!;
        samples[pe] = t;
      }
    }
  };

  /** node_split_best / node_split_random on samples[start:end); parent impurity given. */
  const nodeSplit = (start: number, end: number, impurity: number, nKnownConstants: number): void => {
    bestPos = end;
    bestFeature = 0;
    bestThreshold = 0;
    bestImprovement = -Infinity;
    bestImpLeft = Infinity;
    bestImpRight = Infinity;
    bestMissingLeft = 0;
    let bestProxy = -Infinity;
    let fI = nFeatures;
    let nVisited = 0;
    let nFound = 0;
    let nDrawn = 0;
    let nTotalConst = nKnownConstants;
    let currentFeature = 0;
    isSamplesSorted = false;

    while (fI > nTotalConst && (nVisited < maxFeatures || nVisited <= nFound + nDrawn)) {
      nVisited++;
      let fJ = randInt(nDrawn, fI - nFound, rng);
      if (fJ < nKnownConstants) {
        const t = features[nDrawn]!;
        features[nDrawn] = features[fJ]!;
        features[fJ] = t;
        nDrawn++;
        continue;
      }
      fJ += nFound;
      const f = features[fJ]!;
      currentFeature = f;
      const base = f * nTotal;
      if (!randomSplit) {
        if (sparse) {
          extractNnz(f, start, end);
          sortPairs(fv, samples, start, endNegative);
          if (startPositive < end) sortPairs(fv, samples, startPositive, end);
          for (let p = start; p < endNegative; p++) indexToSamples[samples[p]!] = p;
          for (let p = startPositive; p < end; p++) indexToSamples[samples[p]!] = p;
          if (endNegative < startPositive) {
            startPositive--;
            fv[startPositive] = 0;
            if (endNegative !== startPositive) {
              fv[endNegative] = 0;
              endNegative++;
            }
          }
        } else {
          for (let p = start; p < end; p++) fv[p] = cols[base + samples[p]!]!;
          sortPairs(fv, samples, start, end);
        }
        if (fv[end - 1]! <= Math.fround(fv[start]! + FEATURE_THRESHOLD)) {
          features[fJ] = features[nTotalConst]!;
          features[nTotalConst] = f;
          nFound++;
          nTotalConst++;
          continue;
        }
        fI--;
        features[fJ] = features[fI]!;
        features[fI] = f;
        critReset();
        let p = start;
        while (p < end) {
          let pPrev: number;
          if (sparse) {
            // SparsePartitioner.next_p: hops from the last negative over the zero block
            let pNext = p + 1 !== endNegative ? p + 1 : startPositive;
            while (pNext < end && fv[pNext]! <= Math.fround(fv[p]! + FEATURE_THRESHOLD)) {
              p = pNext;
              pNext = p + 1 !== endNegative ? p + 1 : startPositive;
            }
            pPrev = p;
            p = pNext;
          } else {
            p++;
            while (p < end && fv[p]! <= Math.fround(fv[p - 1]! + FEATURE_THRESHOLD)) p++;
            pPrev = p - 1;
          }
          if (p === end) continue;
          if (p - start < msl || end - p < msl) continue;
          critUpdate(p);
          if (wLeft < mwl || wRight < mwl) continue;
          const proxy = proxyImprovement();
          if (proxy > bestProxy) {
            bestProxy = proxy;
            bestThreshold = fv[pPrev]! / 2.0 + fv[p]! / 2.0;
            bestMissingLeft = p - start > end - p ? 1 : 0;
            bestPos = p;
            bestFeature = f;
          }
        }
      } else {
        // find_min_max
        let mn = Infinity;
        let mx = -Infinity;
        if (sparse) {
          extractNnz(f, start, end);
          if (endNegative !== startPositive) {
            mn = 0;
            mx = 0;
          } else {
            mn = fv[start]!;
            mx = mn;
          }
          for (let p = start; p < endNegative; p++) {
            const v = fv[p]!;
            if (v < mn) mn = v;
            else if (v > mx) mx = v;
          }
          for (let p = startPositive; p < end; p++) {
            const v = fv[p]!;
            if (v < mn) mn = v;
            else if (v > mx) mx = v;
          }
        } else {
          let seen = false;
          for (let p = start; p < end; p++) {
            const v = cols[base + samples[p]!]!;
            fv[p] = v;
            if (!seen) {
              mn = v;
              mx = v;
              seen = true;
            } else if (v < mn) mn = v;
            else if (v > mx) mx = v;
          }
        }
        if (mx <= Math.fround(mn + FEATURE_THRESHOLD)) {
          features[fJ] = features[nTotalConst]!;
          features[nTotalConst] = f;
          nFound++;
          nTotalConst++;
          continue;
        }
        fI--;
        features[fJ] = features[fI]!;
        features[fI] = f;
        let threshold = randUniform(mn, mx, rng);
        if (threshold === mx) threshold = mn;
        // partition_samples on the gathered values
        let ps = start;
        let pe = sparse ? sparsePartition(threshold, start, end) : end;
        while (!sparse && ps < pe) {
          if (fv[ps]! <= threshold) ps++;
          else {
            pe--;
            const tv = fv[ps]!;
            fv[ps] = fv[pe]!;
            fv[pe] = tv;
            const ts = samples[ps]!;
            samples[ps] = samples[pe]!;
            samples[pe] = ts;
          }
        }
        const pos = pe;
        const nLeft = pos - start;
        const nRight = end - pos;
        if (nLeft < msl || nRight < msl) continue;
        critReset();
        critUpdate(pos);
        if (wLeft < mwl || wRight < mwl) continue;
        const proxy = proxyImprovement();
        if (proxy > bestProxy) {
          bestMissingLeft = nLeft > nRight ? 1 : 0;
          bestProxy = proxy;
          bestPos = pos;
          bestFeature = f;
          bestThreshold = threshold;
        }
      }
    }

    if (bestPos < end) {
      if (!randomSplit || currentFeature !== bestFeature) partitionFinal(start, end, bestFeature, bestThreshold);
      critReset();
      critUpdate(bestPos);
      bestImpLeft = impurityOf(sumLeft, wLeft);
      bestImpRight = impurityOf(sumRight, wRight);
      bestImprovement = (wNode / weightedNSamples) * (impurity - (wRight / wNode) * bestImpRight - (wLeft / wNode) * bestImpLeft);
    }
    // constant-feature bookkeeping inherited by the children
    features.set(constantFeatures.subarray(0, nKnownConstants), 0);
    constantFeatures.set(features.subarray(nKnownConstants, nKnownConstants + nFound), nKnownConstants);
    nConstantOut = nTotalConst;
  };

  /** Tree._add_node plus splitter.node_value (the split record supplies feature/threshold). */
  const addNode = (parent: number, isLeft: number, isLeaf: boolean, impurity: number, nNode: number): number => {
    if (nodeCount >= capacity) grow();
    const id = nodeCount++;
    imp[id] = impurity;
    nns[id] = nNode;
    wnns[id] = wNode;
    if (parent !== TREE_UNDEFINED) {
      if (isLeft) left[parent] = id;
      else right[parent] = id;
    }
    if (isLeaf) {
      left[id] = TREE_LEAF;
      right[id] = TREE_LEAF;
      feat[id] = TREE_UNDEFINED;
      thr[id] = TREE_UNDEFINED;
    } else {
      feat[id] = bestFeature;
      thr[id] = bestThreshold;
      mgl[id] = bestMissingLeft;
    }
    for (let c = 0; c < K; c++) value[id * K + c] = sumTotal[c]! / wNode;
    return id;
  };

  const maxDepth = opt.max_depth;
  let maxDepthSeen = -1;
  if (opt.max_leaf_nodes > 0) {
    // ---- BestFirstTreeBuilder.build: a max-heap on improvement (libstdc++ push_heap/pop_heap)
    interface Frontier {
      id: number;
      start: number;
      end: number;
      pos: number;
      depth: number;
      isLeaf: boolean;
      impurity: number;
      impLeft: number;
      impRight: number;
      improvement: number;
    }
    const heap: Frontier[] = [];
    const less = (a: Frontier, b: Frontier): boolean => a.improvement < b.improvement;
    const pushUp = (hole: number, top: number, v: Frontier): void => {
      let parent = (hole - 1) >> 1;
      while (hole > top && less(heap[parent]!, v)) {
        heap[hole] = heap[parent]!;
        hole = parent;
        parent = (hole - 1) >> 1;
      }
      heap[hole] = v;
    };
    const pushHeap = (v: Frontier): void => {
      heap.push(v);
      pushUp(heap.length - 1, 0, v);
    };
    const popHeap = (): Frontier => {
      const len = heap.length - 1; // heap range after moving the top to the back
      const top = heap[0]!;
      if (len > 0) {
        const v = heap[len]!;
        heap[len] = top;
        let hole = 0;
        let second = 0;
        while (second < ((len - 1) >> 1)) {
          second = 2 * (second + 1);
          if (less(heap[second]!, heap[second - 1]!)) second--;
          heap[hole] = heap[second]!;
          hole = second;
        }
        if ((len & 1) === 0 && second === (len - 2) >> 1) {
          second = 2 * (second + 1);
          heap[hole] = heap[second - 1]!;
          hole = second - 1;
        }
        pushUp(hole, 0, v);
      }
      return heap.pop()!;
    };
    const addSplitNode = (start: number, end: number, isFirst: boolean, isLeft: number, parent: number, depth: number, impurity: number): Frontier => {
      critInit(start, end);
      if (isFirst) impurity = impurityOf(sumTotal, wNode);
      const nNode = end - start;
      let isLeaf = depth >= maxDepth || nNode < opt.min_samples_split || nNode < 2 * msl || wNode < 2 * mwl || impurity <= EPSILON_TREE;
      if (!isLeaf) {
        nodeSplit(start, end, impurity, 0);
        isLeaf = bestPos >= end || bestImprovement + EPSILON_TREE < opt.min_impurity_decrease;
      }
      const id = addNode(parent, isLeft, isLeaf, impurity, nNode);
      return isLeaf
        ? { id, start, end, pos: end, depth, isLeaf, impurity, impLeft: impurity, impRight: impurity, improvement: 0 }
        : { id, start, end, pos: bestPos, depth, isLeaf, impurity, impLeft: bestImpLeft, impRight: bestImpRight, improvement: bestImprovement };
    };
    let maxSplitNodes = opt.max_leaf_nodes - 1;
    pushHeap(addSplitNode(0, nSamples, true, 1, TREE_UNDEFINED, 0, Infinity));
    while (heap.length > 0) {
      const rec = popHeap();
      if (rec.isLeaf || maxSplitNodes <= 0) {
        left[rec.id] = TREE_LEAF;
        right[rec.id] = TREE_LEAF;
        feat[rec.id] = TREE_UNDEFINED;
        thr[rec.id] = TREE_UNDEFINED;
      } else {
        maxSplitNodes--;
        const l = addSplitNode(rec.start, rec.pos, false, 1, rec.id, rec.depth + 1, rec.impLeft);
        const r = addSplitNode(rec.pos, rec.end, false, 0, rec.id, rec.depth + 1, rec.impRight);
        pushHeap(l);
        pushHeap(r);
      }
      if (rec.depth > maxDepthSeen) maxDepthSeen = rec.depth;
    }
  } else {
    // ---- DepthFirstTreeBuilder.build (LIFO stack, right child pushed first)
    // stack records: start, end, depth, parent, is_left, n_constant_features (ints) + impurity
    let stackI = new Int32Array(6 * 64);
    let stackF = new Float64Array(64);
    let sp = 0;
    const push = (start: number, end: number, depth: number, parent: number, isLeft: number, impurity: number, nConst: number): void => {
      if ((sp + 1) * 6 > stackI.length) {
        const a = new Int32Array(stackI.length * 2);
        a.set(stackI);
        stackI = a;
        const b = new Float64Array(stackF.length * 2);
        b.set(stackF);
        stackF = b;
      }
      const o = sp * 6;
      stackI[o] = start;
      stackI[o + 1] = end;
      stackI[o + 2] = depth;
      stackI[o + 3] = parent;
      stackI[o + 4] = isLeft;
      stackI[o + 5] = nConst;
      stackF[sp] = impurity;
      sp++;
    };
    push(0, nSamples, 0, TREE_UNDEFINED, 0, Infinity, 0);
    let first = true;
    while (sp > 0) {
      sp--;
      const o = sp * 6;
      const start = stackI[o]!;
      const end = stackI[o + 1]!;
      const depth = stackI[o + 2]!;
      const parent = stackI[o + 3]!;
      const isLeft = stackI[o + 4]!;
      let nConst = stackI[o + 5]!;
      let impurity = stackF[sp]!;
      const nNode = end - start;
      critInit(start, end);
      let isLeaf = depth >= maxDepth || nNode < opt.min_samples_split || nNode < 2 * msl || wNode < 2 * mwl;
      if (first) {
        impurity = impurityOf(sumTotal, wNode);
        first = false;
      }
      isLeaf = isLeaf || impurity <= EPSILON_TREE;
      if (!isLeaf) {
        nodeSplit(start, end, impurity, nConst);
        nConst = nConstantOut;
        isLeaf = bestPos >= end || bestImprovement + EPSILON_TREE < opt.min_impurity_decrease;
      }
      const id = addNode(parent, isLeft, isLeaf, impurity, nNode);
      if (!isLeaf) {
        push(bestPos, end, depth + 1, id, 0, bestImpRight, nConst);
        push(start, bestPos, depth + 1, id, 1, bestImpLeft, nConst);
      }
      if (depth > maxDepthSeen) maxDepthSeen = depth;
    }
  }

  const n = nodeCount;
  let nLeaves = 0;
  for (let i = 0; i < n; i++) if (left[i] === TREE_LEAF) nLeaves++;
  return {
    n_features: nFeatures,
    n_outputs: 1,
    n_classes: K,
    max_n_classes: K,
    node_count: n,
    capacity: n,
    max_depth: maxDepthSeen,
    n_leaves: nLeaves,
    children_left: left.slice(0, n),
    children_right: right.slice(0, n),
    feature: feat.slice(0, n),
    threshold: thr.slice(0, n),
    impurity: imp.slice(0, n),
    n_node_samples: nns.slice(0, n),
    weighted_n_node_samples: wnns.slice(0, n),
    missing_go_to_left: mgl.slice(0, n),
    value: new NDArray(value.slice(0, n * K), [n, 1, K]),
  };
}

