// sklearn.tree._tree.Tree as plain data (typed arrays, so persistence can save it) plus the
// operations on a grown tree: apply (leaf lookup, float32 X against float64 thresholds as in
// Tree._apply_dense), feature importances (Tree.compute_feature_importances) and minimal
// cost-complexity pruning (_cost_complexity_prune / _build_pruned_tree / ccp_pruning_path).
// Growing trees lives in _builder.ts.
import { NDArray } from "../../utils/ndarray.js";

export const TREE_LEAF = -1;
export const TREE_UNDEFINED = -2;
/** sklearn.tree._utils RAND_R_MAX (2^31 - 1). */
export const RAND_R_MAX = 2147483647;

/** The fitted structure, sklearn's `tree_` (sklearn.tree._tree.Tree), as plain typed arrays. */
export interface Tree {
  n_features: number;
  n_outputs: number;
  n_classes: number;
  max_n_classes: number;
  node_count: number;
  capacity: number;
  max_depth: number;
  n_leaves: number;
  children_left: Int32Array;
  children_right: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  impurity: Float64Array;
  n_node_samples: Int32Array;
  weighted_n_node_samples: Float64Array;
  missing_go_to_left: Uint8Array;
  /** (node_count, n_outputs = 1, n_classes): class fractions per node, as sklearn >= 1.4. */
  value: NDArray;
}

/** Dense float32 training matrix, column-major: X[i, j] = cols[j * n_samples + i]. */
export interface ColumnMatrix {
  cols: Float32Array;
  n_samples: number;
  n_features: number;
}

/** Sparse float32 training matrix in CSC layout (rows ascending within a column), as sklearn
 *  converts sparse X for fitting; split search then uses its SparsePartitioner. */
export interface CscMatrix {
  data: Float32Array;
  indices: Int32Array;
  indptr: Int32Array;
  n_samples: number;
  n_features: number;
}

export type TrainMatrix = ColumnMatrix | CscMatrix;


/** Leaf index of each row; `get(i, j)` reads X[i, j] as float32. */
export function applyTree(tree: Tree, n: number, get: (i: number, j: number) => number): Int32Array {
  const out = new Int32Array(n);
  const { children_left: L, children_right: R, feature: F, threshold: T } = tree;
  for (let i = 0; i < n; i++) {
    let node = 0;
    while (L[node] !== TREE_LEAF) node = get(i, F[node]!) <= T[node]! ? L[node]! : R[node]!;
    out[i] = node;
  }
  return out;
}

/** Tree.compute_feature_importances(normalize=True). */
export function computeFeatureImportances(tree: Tree): Float64Array {
  const imp = new Float64Array(tree.n_features);
  const { children_left: L, children_right: R, feature: F, weighted_n_node_samples: W, impurity: I } = tree;
  for (let node = 0; node < tree.node_count; node++) {
    const l = L[node]!;
    if (l !== TREE_LEAF) {
      const r = R[node]!;
      imp[F[node]!] += W[node]! * I[node]! - W[l]! * I[l]! - W[r]! * I[r]!;
    }
  }
  const root = W[0]!;
  for (let j = 0; j < imp.length; j++) imp[j] = imp[j]! / root;
  let s = 0;
  for (let j = 0; j < imp.length; j++) s += imp[j]!;
  if (s > 0) for (let j = 0; j < imp.length; j++) imp[j] = imp[j]! / s;
  return imp;
}

/** Receives the pruning sequence (_CCPPruneController): stop when alpha exceeds ccp_alpha, or record the path. */
interface PruneController {
  stop(effectiveAlpha: number): boolean;
  save(effectiveAlpha: number, subtreeImpurity: number): void;
}

/** _cost_complexity_prune: marks in the returned mask the leaves of the pruned subtree. */
function costComplexityPrune(tree: Tree, ctl: PruneController): Uint8Array {
  const n = tree.node_count;
  const W = tree.weighted_n_node_samples;
  const I = tree.impurity;
  const L = tree.children_left;
  const R = tree.children_right;
  const total = W[0]!;
  const rNode = new Float64Array(n);
  for (let i = 0; i < n; i++) rNode[i] = (W[i]! * I[i]!) / total;
  const parent = new Int32Array(n);
  const leaves = new Uint8Array(n);
  const stack: number[] = [0, TREE_UNDEFINED];
  while (stack.length > 0) {
    const par = stack.pop()!;
    const node = stack.pop()!;
    parent[node] = par;
    if (L[node] === TREE_LEAF) leaves[node] = 1;
    else stack.push(L[node]!, node, R[node]!, node);
  }
  const nLeaves = new Int32Array(n);
  const rBranch = new Float64Array(n);
  for (let leaf = 0; leaf < n; leaf++) {
    if (!leaves[leaf]) continue;
    rBranch[leaf] = rNode[leaf]!;
    const r = rNode[leaf]!;
    let idx = leaf;
    while (idx !== 0) {
      const p = parent[idx]!;
      rBranch[p] = rBranch[p]! + r;
      nLeaves[p] = nLeaves[p]! + 1;
      idx = p;
    }
  }
  const candidate = new Uint8Array(n);
  for (let i = 0; i < n; i++) candidate[i] = leaves[i] ? 0 : 1;
  const inSubtree = new Uint8Array(n).fill(1);
  ctl.save(0.0, rBranch[0]!);
  while (candidate[0]) {
    let effective = Number.MAX_VALUE;
    let pruned = 0;
    for (let i = 0; i < n; i++) {
      if (!candidate[i]) continue;
      const a = (rNode[i]! - rBranch[i]!) / (nLeaves[i]! - 1);
      if (a < effective) {
        effective = a;
        pruned = i;
      }
    }
    if (ctl.stop(effective)) break;
    const st = [pruned];
    while (st.length > 0) {
      const node = st.pop()!;
      if (!inSubtree[node]) continue;
      candidate[node] = 0;
      leaves[node] = 0;
      inSubtree[node] = 0;
      if (L[node] !== TREE_LEAF) st.push(L[node]!, R[node]!);
    }
    leaves[pruned] = 1;
    inSubtree[pruned] = 1;
    const nPrunedLeaves = nLeaves[pruned]! - 1;
    nLeaves[pruned] = 0;
    const rDiff = rNode[pruned]! - rBranch[pruned]!;
    rBranch[pruned] = rNode[pruned]!;
    let idx = parent[pruned]!;
    while (idx !== TREE_UNDEFINED) {
      nLeaves[idx] = nLeaves[idx]! - nPrunedLeaves;
      rBranch[idx] = rBranch[idx]! + rDiff;
      idx = parent[idx]!;
    }
    ctl.save(effective, rBranch[0]!);
  }
  return leaves;
}

/** _build_pruned_tree_ccp: the subtree with the largest cost complexity at most ccp_alpha. */
export function pruneTree(tree: Tree, ccpAlpha: number): Tree {
  const keepLeaf = costComplexityPrune(tree, { stop: (a) => ccpAlpha < a, save: () => {} });
  const K = tree.max_n_classes;
  const n0 = tree.node_count;
  const left = new Int32Array(n0);
  const right = new Int32Array(n0);
  const feature = new Int32Array(n0);
  const threshold = new Float64Array(n0);
  const impurity = new Float64Array(n0);
  const nns = new Int32Array(n0);
  const wnns = new Float64Array(n0);
  const mgl = new Uint8Array(n0);
  const value = new Float64Array(n0 * K);
  const src = tree.value.data;
  let count = 0;
  let maxDepth = -1;
  let nLeaves = 0;
  // stack of (orig node, depth, new parent, is_left), right pushed first
  const stack: number[] = [0, 0, TREE_UNDEFINED, 0];
  while (stack.length > 0) {
    const isLeft = stack.pop()!;
    const par = stack.pop()!;
    const depth = stack.pop()!;
    const orig = stack.pop()!;
    const isLeaf = keepLeaf[orig] === 1;
    const id = count++;
    impurity[id] = tree.impurity[orig]!;
    nns[id] = tree.n_node_samples[orig]!;
    wnns[id] = tree.weighted_n_node_samples[orig]!;
    if (par !== TREE_UNDEFINED) {
      if (isLeft) left[par] = id;
      else right[par] = id;
    }
    if (isLeaf) {
      left[id] = TREE_LEAF;
      right[id] = TREE_LEAF;
      feature[id] = TREE_UNDEFINED;
      threshold[id] = TREE_UNDEFINED;
      nLeaves++;
    } else {
      feature[id] = tree.feature[orig]!;
      threshold[id] = tree.threshold[orig]!;
      mgl[id] = tree.missing_go_to_left[orig]!;
    }
    value.set(src.subarray(orig * K, orig * K + K), id * K);
    if (!isLeaf) stack.push(tree.children_right[orig]!, depth + 1, id, 0, tree.children_left[orig]!, depth + 1, id, 1);
    if (depth > maxDepth) maxDepth = depth;
  }
  return {
    ...tree,
    node_count: count,
    capacity: count,
    max_depth: maxDepth,
    n_leaves: nLeaves,
    children_left: left.slice(0, count),
    children_right: right.slice(0, count),
    feature: feature.slice(0, count),
    threshold: threshold.slice(0, count),
    impurity: impurity.slice(0, count),
    n_node_samples: nns.slice(0, count),
    weighted_n_node_samples: wnns.slice(0, count),
    missing_go_to_left: mgl.slice(0, count),
    value: new NDArray(value.slice(0, count * K), [count, 1, K]),
  };
}

/** ccp_pruning_path: the effective alphas and total leaf impurities along the pruning sequence. */
export function ccpPruningPath(tree: Tree): { ccp_alphas: Float64Array; impurities: Float64Array } {
  const alphas: number[] = [];
  const imps: number[] = [];
  costComplexityPrune(tree, {
    stop: () => false,
    save: (a, r) => {
      alphas.push(a);
      imps.push(r);
    },
  });
  return { ccp_alphas: Float64Array.from(alphas), impurities: Float64Array.from(imps) };
}
