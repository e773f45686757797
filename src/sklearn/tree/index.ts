// finetune-ts/sklearn/tree: decision trees (sklearn.tree).
export { DecisionTreeClassifier, type DecisionTreeClassifierOptions, type TreeInput, type ClassWeight, type MaxFeatures } from "./_classes.js";
export { TREE_LEAF, TREE_UNDEFINED, type Tree } from "./_tree.js";
