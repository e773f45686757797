// finetune-ts/sklearn/ensemble: forests of decision trees (sklearn.ensemble).
export { RandomForestClassifier, type RandomForestClassifierOptions } from "./_forest.js";
