// finetune-ts/sklearn/model_selection — `from sklearn.model_selection import train_test_split`.
export {
  KFold, GroupKFold, StratifiedKFold, ShuffleSplit, StratifiedShuffleSplit, train_test_split, check_cv,
  type Split, type CrossValidator, type KFoldOptions, type ShuffleSplitOptions, type TrainTestSplitOptions,
} from "./_split.js";
export { cross_val_score, get_scorer, get_scorer_names, type Scorer, type CrossValScoreOptions } from "./_validation.js";
export {
  ParameterGrid, ParameterSampler, GridSearchCV, RandomizedSearchCV, BaseSearchCV, sample_without_replacement,
  type Distribution, type ParamDistributions, type RandomizedSearchCVOptions, type ParamValues, type ParamDict, type CvResults, type GridSearchCVOptions } from "./_search.js";
