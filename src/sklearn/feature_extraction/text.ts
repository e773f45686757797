// Mirrors sklearn/feature_extraction/text.py (scikit-learn 1.9.1): CountVectorizer, TfidfTransformer
// and TfidfVectorizer for `input="content"` (strings in memory). Matrices are our csr_matrix with
// canonical (sorted) indices. Values are always computed and stored in float64; `dtype` is kept as a
// parameter for get_params/clone parity but does not change the storage (Float64Array).
// Tokenising, accents and n-grams live in _analysis.ts; string order is Python's (code points).
// Known differences from sklearn: (1) max_features ties in total term count are broken by term order
// (stable), numpy's argsort is unstable and may keep other terms at the cut; (2) Unicode tables are
// Node's (ICU, Unicode 17) versus Python 3.11's (Unicode 14), so characters assigned after 14.0
// lower-case, tokenise and strip differently; (3) `(?i)` in a token_pattern uses JS case folding.
// As in sklearn 1.9, there is no `stop_words_` attribute (sklearn removed it).
import { NotImplementedError, ValueError } from "../../utils/errors.js";
import { NotFittedError, TransformerMixin } from "../base.js";
import { csr_matrix } from "../_sparse.js";
import {
  charNgrams,
  charWbNgrams,
  compareCodePoints,
  compilePythonRegex,
  makeFindall,
  defaultTokenFindall,
  DEFAULT_TOKEN_PATTERNS,
  regexGroupCount,
  strip_accents_ascii,
  strip_accents_unicode,
  wordNgrams,
} from "./_analysis.js";
import { CsrBuilder, remapColumns } from "./_csr_build.js";
import { ENGLISH_STOP_WORDS } from "./_stop_words.js";
import { warn } from "../metrics/_warnings.js";

export { ENGLISH_STOP_WORDS, strip_accents_ascii, strip_accents_unicode };

export type Analyzer = "word" | "char" | "char_wb" | ((doc: string) => string[]);
export type StripAccents = null | "ascii" | "unicode" | ((s: string) => string);
export type VectorizerDType = "int64" | "int32" | "float64" | "float32";
export type Norm = "l1" | "l2" | null;
/** A fixed vocabulary: term -> column (all of 0..n-1 exactly once) or a list of distinct terms. */
export type VocabularyInput = ReadonlyMap<string, number> | Readonly<Record<string, number>> | readonly string[] | ReadonlySet<string>;

export interface CountVectorizerOptions {
  input?: "content";
  encoding?: string;
  decode_error?: "strict" | "ignore" | "replace";
  strip_accents?: StripAccents;
  lowercase?: boolean;
  preprocessor?: ((doc: string) => string) | null;
  tokenizer?: ((doc: string) => string[]) | null;
  stop_words?: "english" | readonly string[] | ReadonlySet<string> | null;
  token_pattern?: string | null;
  ngram_range?: readonly [number, number];
  analyzer?: Analyzer;
  /** A proportion in [0, 1], or an integer count >= 2. As in sklearn, 1 (the default) means 100%. */
  max_df?: number;
  /** An integer count >= 1, or a proportion in [0, 1). 1 (the default) means one document. */
  min_df?: number;
  max_features?: number | null;
  vocabulary?: VocabularyInput | null;
  binary?: boolean;
  dtype?: VectorizerDType;
}

export interface TfidfOptions {
  norm?: Norm;
  use_idf?: boolean;
  smooth_idf?: boolean;
  sublinear_tf?: boolean;
}

export type TfidfVectorizerOptions = CountVectorizerOptions & TfidfOptions;

const VECTORIZER_PARAMS = [
  "input", "encoding", "decode_error", "strip_accents", "lowercase", "preprocessor", "tokenizer", "stop_words",
  "token_pattern", "ngram_range", "analyzer", "max_df", "min_df", "max_features", "vocabulary", "binary", "dtype",
] as const;

function invalid(owner: string, name: string, expected: string, got: unknown): ValueError {
  const shown = typeof got === "string" ? `'${got}'` : typeof got === "function" ? "<function>" : JSON.stringify(got);
  return new ValueError(`The '${name}' parameter of ${owner} must be ${expected}. Got ${shown} instead.`);
}

/** Python's repr of a list of str (for warning text users may search for). */
function pyReprList(xs: readonly string[]): string {
  return `[${xs.map((x) => (x.includes("'") && !x.includes('"') ? `"${x}"` : `'${x.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`)).join(", ")}]`;
}

/** Convert min_df / max_df to a document count, telling integers (counts) from proportions. */
function docCount(v: number, nDoc: number, isMax: boolean): number {
  const isCount = Number.isInteger(v) && (isMax ? v !== 1 && v !== 0 : v !== 0);
  return isCount ? v : v * nDoc;
}

export class CountVectorizer extends TransformerMixin {
  static override _parameter_names: readonly string[] = VECTORIZER_PARAMS;

  input: "content" = "content";
  encoding = "utf-8";
  decode_error: "strict" | "ignore" | "replace" = "strict";
  strip_accents: StripAccents = null;
  lowercase = true;
  preprocessor: ((doc: string) => string) | null = null;
  tokenizer: ((doc: string) => string[]) | null = null;
  stop_words: "english" | readonly string[] | ReadonlySet<string> | null = null;
  token_pattern: string | null = "(?u)\\b\\w\\w+\\b";
  ngram_range: readonly [number, number] = [1, 1];
  analyzer: Analyzer = "word";
  max_df = 1.0;
  min_df = 1;
  max_features: number | null = null;
  vocabulary: VocabularyInput | null = null;
  binary = false;
  dtype: VectorizerDType = "int64";

  // Identity of the stop_words value already checked for consistency (sklearn's _stop_words_id).
  #checkedStopWords: unknown = undefined;

  /** term -> column index, set by fit (or from `vocabulary`). */
  vocabulary_?: Map<string, number>;
  /** True when the vocabulary was given rather than learned. */
  fixed_vocabulary_?: boolean;

  constructor(options?: CountVectorizerOptions) {
    super();
    this.initParams(options as Record<string, unknown> | undefined);
  }

  protected validateParams(): void {
    const o = this.constructor.name;
    if (this.input !== "content") throw new NotImplementedError(`${o}: only input="content" is supported, got ${JSON.stringify(this.input)}`);
    const sa = this.strip_accents;
    if (!(sa === null || sa === "ascii" || sa === "unicode" || typeof sa === "function")) throw invalid(o, "strip_accents", "a str among {'ascii', 'unicode'}, a callable or None", sa);
    const an = this.analyzer;
    if (!(an === "word" || an === "char" || an === "char_wb" || typeof an === "function")) throw invalid(o, "analyzer", "a str among {'word', 'char', 'char_wb'} or a callable", an);
    const nr = this.ngram_range;
    if (!Array.isArray(nr) || nr.length !== 2 || !nr.every((x) => Number.isInteger(x) && x >= 1)) throw invalid(o, "ngram_range", "an instance of 'tuple'", nr);
    for (const [name, v] of [["max_df", this.max_df], ["min_df", this.min_df]] as const) {
      if (typeof v !== "number" || !(v >= 0) || (!Number.isInteger(v) && v > 1)) throw invalid(o, name, "a float in the range [0.0, 1.0] or an int in the range [1, inf)", v);
    }
    const mf = this.max_features;
    if (mf !== null && !(Number.isInteger(mf) && mf >= 1)) throw invalid(o, "max_features", "an int in the range [1, inf) or None", mf);
    const sw = this.stop_words;
    if (typeof sw === "string" && sw !== "english") throw new ValueError(`not a built-in stop list: ${sw}`);
  }

  build_preprocessor(): (doc: string) => string {
    if (this.preprocessor !== null) return this.preprocessor;
    const sa = this.strip_accents;
    const accent = sa === null ? null : sa === "ascii" ? strip_accents_ascii : sa === "unicode" ? strip_accents_unicode : sa;
    const lower = this.lowercase;
    return (doc: string) => {
      if (lower) doc = doc.toLowerCase();
      return accent === null ? doc : accent(doc);
    };
  }

  build_tokenizer(): (doc: string) => string[] {
    if (this.tokenizer !== null) return this.tokenizer;
    const pattern = this.token_pattern ?? "(?u)\\b\\w\\w+\\b";
    const re = compilePythonRegex(pattern);
    if (regexGroupCount(re) > 1) throw new ValueError("More than 1 capturing group in token pattern. Only a single group should be captured.");
    return DEFAULT_TOKEN_PATTERNS.has(pattern) ? defaultTokenFindall(makeFindall(re)) : makeFindall(re);
  }

  get_stop_words(): ReadonlySet<string> | null {
    const sw = this.stop_words;
    if (sw === "english") return ENGLISH_STOP_WORDS;
    if (typeof sw === "string") throw new ValueError(`not a built-in stop list: ${sw}`);
    if (sw === null) return null;
    return new Set(sw);
  }

  build_analyzer(): (doc: string) => string[] {
    const an = this.analyzer;
    const check = (doc: unknown): string => {
      if (typeof doc !== "string") throw new ValueError(`${Number.isNaN(doc) ? "np.nan" : String(doc)} is an invalid document, expected byte or unicode string.`);
      return doc;
    };
    if (typeof an === "function") return (doc) => an(check(doc));
    const pre = this.build_preprocessor();
    const ngram = this.ngram_range;
    if (an === "char") return (doc) => charNgrams(pre(check(doc)), ngram);
    if (an === "char_wb") return (doc) => charWbNgrams(pre(check(doc)), ngram);
    if (an !== "word") throw new ValueError(`${String(an)} is not a valid tokenization scheme/analyzer`);
    const stop = this.get_stop_words();
    const tokenize = this.build_tokenizer();
    this.checkStopWordsConsistency(stop, pre, tokenize);
    return (doc) => wordNgrams(tokenize(pre(check(doc))), ngram, stop);
  }

  /** `_check_stop_words_consistency`: warn when preprocessing a stop word yields other tokens. */
  private checkStopWordsConsistency(stop: ReadonlySet<string> | null, pre: (d: string) => string, tokenize: (d: string) => string[]): void {
    if (this.#checkedStopWords === this.stop_words) return;
    this.#checkedStopWords = this.stop_words;
    const inconsistent = new Set<string>();
    try {
      for (const w of stop ?? []) for (const t of tokenize(pre(w))) if (!stop!.has(t)) inconsistent.add(t);
    } catch {
      return; // a custom preprocessor/tokenizer may not accept stop words; sklearn skips the check
    }
    if (inconsistent.size > 0) {
      warn(`Your stop_words may be inconsistent with your preprocessing. Tokenizing the stop words generated tokens ${pyReprList([...inconsistent].sort(compareCodePoints))} not in stop_words.`);
    }
  }

  /** `_warn_for_unused_params`: options that the other options make irrelevant. */
  protected warnForUnusedParams(): void {
    const callable = typeof this.analyzer === "function";
    if (this.tokenizer !== null && this.token_pattern !== null) warn("The parameter 'token_pattern' will not be used since 'tokenizer' is not None'");
    if (this.preprocessor !== null && callable) warn("The parameter 'preprocessor' will not be used since 'analyzer' is callable'");
    if ((this.ngram_range[0] !== 1 || this.ngram_range[1] !== 1) && callable) warn("The parameter 'ngram_range' will not be used since 'analyzer' is callable'");
    if (this.analyzer !== "word") {
      if (this.stop_words !== null) warn("The parameter 'stop_words' will not be used since 'analyzer' != 'word'");
      if (this.token_pattern !== null && this.token_pattern !== "(?u)\\b\\w\\w+\\b") warn("The parameter 'token_pattern' will not be used since 'analyzer' != 'word'");
      if (this.tokenizer !== null) warn("The parameter 'tokenizer' will not be used since 'analyzer' != 'word'");
    }
  }

  /** `_validate_vocabulary`: the given vocabulary as a Map, or null when it is to be learned. */
  protected validatedVocabulary(): Map<string, number> | null {
    const v = this.vocabulary;
    if (v === null) return null;
    let vocab: Map<string, number>;
    if (Array.isArray(v) || v instanceof Set) {
      const terms = v instanceof Set ? [...(v as ReadonlySet<string>)].sort(compareCodePoints) : (v as readonly string[]);
      vocab = new Map();
      terms.forEach((t, i) => {
        if (vocab.has(t)) throw new ValueError(`Duplicate term in vocabulary: '${t}'`);
        vocab.set(t, i);
      });
    } else {
      vocab = v instanceof Map ? new Map(v as ReadonlyMap<string, number>) : new Map(Object.entries(v as Record<string, number>));
      const idx = new Set(vocab.values());
      if (idx.size !== vocab.size) throw new ValueError("Vocabulary contains repeated indices.");
      for (let i = 0; i < vocab.size; i++) if (!idx.has(i)) throw new ValueError(`Vocabulary of size ${vocab.size} doesn't contain index ${i}.`);
    }
    if (vocab.size === 0) throw new ValueError("empty vocabulary passed to fit");
    return vocab;
  }

  /** `_count_vocab`: counts per document; the vocabulary grows unless `fixed`. Rows are sorted. */
  protected countVocab(docs: readonly string[], vocab: Map<string, number>, fixed: boolean): csr_matrix {
    const analyze = this.build_analyzer();
    const b = new CsrBuilder();
    let counts = new Int32Array(Math.max(16, vocab.size));
    const touched: number[] = [];
    for (const doc of docs) {
      for (const feature of analyze(doc)) {
        let j = vocab.get(feature);
        if (j === undefined) {
          if (fixed) continue; // out-of-vocabulary terms are ignored at transform time
          j = vocab.size;
          vocab.set(feature, j);
          if (j >= counts.length) {
            const grown = new Int32Array(counts.length * 2);
            grown.set(counts);
            counts = grown;
          }
        }
        if (counts[j]++ === 0) touched.push(j);
      }
      touched.sort((x, y) => x - y);
      for (const j of touched) {
        b.push(j, counts[j]);
        counts[j] = 0;
      }
      touched.length = 0;
      b.endRow();
    }
    if (!fixed && vocab.size === 0) throw new ValueError("empty vocabulary; perhaps the documents only contain stop words");
    return b.build(vocab.size);
  }

  fit(raw_documents: readonly string[], _y?: unknown): this {
    this.fit_transform(raw_documents);
    return this;
  }

  override fit_transform(raw_documents: readonly string[], _y?: unknown): csr_matrix {
    if (typeof raw_documents === "string") throw new ValueError("Iterable over raw text documents expected, string object received.");
    this.validateParams();
    const [minN, maxN] = this.ngram_range;
    if (minN > maxN) throw new ValueError(`Invalid value for ngram_range=(${minN}, ${maxN}) lower boundary larger than the upper boundary.`);
    this.warnForUnusedParams();
    const given = this.validatedVocabulary();
    this.fixed_vocabulary_ = given !== null;
    if (given !== null) {
      if (this.lowercase && [...given.keys()].some((t) => t !== t.toLowerCase())) {
        warn("Upper case characters found in vocabulary while 'lowercase' is True. These entries will not be matched with any documents");
      }
      this.vocabulary_ = given;
      const X = this.countVocab(raw_documents, given, true);
      if (this.binary) X.data.fill(1);
      return X;
    }
    const vocab = new Map<string, number>();
    let X = this.countVocab(raw_documents, vocab, false);
    if (this.binary) X.data.fill(1);
    const nDoc = X.shape[0];
    const maxDoc = docCount(this.max_df, nDoc, true);
    const minDoc = docCount(this.min_df, nDoc, false);
    if (maxDoc < minDoc) throw new ValueError("max_df corresponds to < documents than min_df");
    X = this.limitAndSort(X, vocab, maxDoc, minDoc, this.max_features);
    return X;
  }

  /**
   * `_limit_features` + `_sort_features`: keep terms with minDoc <= df <= maxDoc, then the `limit`
   * most frequent (total count), and number the survivors in Python string order. Ties in frequency
   * are broken by string order (a stable sort); numpy's unstable argsort may pick others.
   */
  private limitAndSort(X: csr_matrix, vocab: Map<string, number>, maxDoc: number, minDoc: number, limit: number | null): csr_matrix {
    const nOld = vocab.size;
    const terms = [...vocab.keys()];
    const order = Int32Array.from({ length: nOld }, (_, i) => i).sort((a, b) => compareCodePoints(terms[a], terms[b]));
    const df = new Float64Array(nOld);
    const tf = new Float64Array(nOld);
    for (let k = 0; k < X.nnz; k++) {
      df[X.indices[k]]++;
      tf[X.indices[k]] += X.data[k];
    }
    let kept = Array.from(order).filter((j) => df[j] <= maxDoc && df[j] >= minDoc);
    if (limit !== null && kept.length > limit) {
      const byTf = kept.map((j, r) => [j, r] as const).sort((a, b) => tf[b[0]] - tf[a[0]] || a[1] - b[1]);
      const keep = new Set(byTf.slice(0, limit).map((p) => p[0]));
      kept = kept.filter((j) => keep.has(j));
    }
    if (kept.length === 0) throw new ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.");
    const map = new Int32Array(nOld).fill(-1);
    const next = new Map<string, number>();
    kept.forEach((j, newIdx) => {
      map[j] = newIdx;
      next.set(terms[j], newIdx);
    });
    this.vocabulary_ = next;
    return remapColumns(X, map, kept.length);
  }

  protected checkVocabulary(): Map<string, number> {
    if (this.vocabulary_ === undefined) {
      const given = this.validatedVocabulary();
      if (given === null) throw new NotFittedError(this);
      this.vocabulary_ = given;
      this.fixed_vocabulary_ = true;
    }
    if (this.vocabulary_.size === 0) throw new ValueError("Vocabulary is empty");
    return this.vocabulary_;
  }

  transform(raw_documents: readonly string[]): csr_matrix {
    if (typeof raw_documents === "string") throw new ValueError("Iterable over raw text documents expected, string object received.");
    const vocab = this.checkVocabulary();
    const X = this.countVocab(raw_documents, vocab, true);
    if (this.binary) X.data.fill(1);
    return X;
  }

  /** Terms with a non-zero entry in each row of X, in column order. */
  inverse_transform(X: csr_matrix): string[][] {
    const names = this.get_feature_names_out();
    const out: string[][] = [];
    for (let i = 0; i < X.shape[0]; i++) {
      const row: string[] = [];
      for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) if (X.data[k] !== 0) row.push(names[X.indices[k]]);
      out.push(row);
    }
    return out;
  }

  /** Feature names in column order. */
  get_feature_names_out(): string[] {
    const vocab = this.checkVocabulary();
    const out = new Array<string>(vocab.size);
    for (const [t, i] of vocab) out[i] = t;
    return out;
  }
}

/** `idf_ = ln((1 + n) / (1 + df)) + 1` (smooth) or `ln(n / df) + 1`, from a count matrix. */
function computeIdf(X: csr_matrix, smooth: boolean): Float64Array {
  const df = new Float64Array(X.shape[1]);
  for (let k = 0; k < X.nnz; k++) df[X.indices[k]]++;
  const s = smooth ? 1 : 0;
  const n = X.shape[0] + s;
  const idf = new Float64Array(df.length);
  for (let j = 0; j < df.length; j++) idf[j] = Math.log(n / (df[j] + s)) + 1;
  return idf;
}

/** TfidfTransformer.transform on a copy: sublinear tf, idf weights, then row normalisation. */
function tfidfTransform(X: csr_matrix, idf: Float64Array | undefined, norm: Norm, sublinear: boolean): csr_matrix {
  const data = Float64Array.from(X.data);
  if (sublinear) for (let k = 0; k < data.length; k++) data[k] = Math.log(data[k]) + 1;
  if (idf !== undefined) {
    if (idf.length !== X.shape[1]) throw new ValueError(`X has ${X.shape[1]} features, but TfidfTransformer is expecting ${idf.length} features as input.`);
    for (let k = 0; k < data.length; k++) data[k] *= idf[X.indices[k]];
  }
  if (norm !== null) {
    // sklearn's inplace_csr_row_normalize_{l1,l2}: a sequential sum per row; all-zero rows stay.
    for (let i = 0; i < X.shape[0]; i++) {
      let sum = 0;
      for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) sum += norm === "l2" ? data[k] * data[k] : Math.abs(data[k]);
      if (sum === 0) continue;
      if (norm === "l2") sum = Math.sqrt(sum);
      for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) data[k] /= sum;
    }
  }
  return new csr_matrix({ data, indices: Int32Array.from(X.indices), indptr: Int32Array.from(X.indptr) }, [X.shape[0], X.shape[1]]);
}

function validateTfidf(owner: string, p: Required<TfidfOptions>): void {
  if (!(p.norm === null || p.norm === "l1" || p.norm === "l2")) throw invalid(owner, "norm", "a str among {'l1', 'l2'} or None", p.norm);
  for (const k of ["use_idf", "smooth_idf", "sublinear_tf"] as const) if (typeof p[k] !== "boolean") throw invalid(owner, k, "an instance of 'bool'", p[k]);
}

function asCsr(X: csr_matrix | ArrayLike<ArrayLike<number>>): csr_matrix {
  return X instanceof csr_matrix ? X : csr_matrix.from_dense(X);
}

export class TfidfTransformer extends TransformerMixin {
  static override _parameter_names: readonly string[] = ["norm", "use_idf", "smooth_idf", "sublinear_tf"];
  norm: Norm = "l2";
  use_idf = true;
  smooth_idf = true;
  sublinear_tf = false;
  /** Inverse document frequencies (only when use_idf). */
  idf_?: Float64Array;
  n_features_in_?: number;

  constructor(options?: TfidfOptions) {
    super();
    this.initParams(options as Record<string, unknown> | undefined);
  }

  fit(X: csr_matrix | ArrayLike<ArrayLike<number>>, _y?: unknown): this {
    validateTfidf("TfidfTransformer", this);
    const M = asCsr(X);
    this.n_features_in_ = M.shape[1];
    this.idf_ = this.use_idf ? computeIdf(M, this.smooth_idf) : undefined;
    return this;
  }

  transform(X: csr_matrix | ArrayLike<ArrayLike<number>>): csr_matrix {
    if (this.n_features_in_ === undefined) throw new NotFittedError(this);
    return tfidfTransform(asCsr(X), this.idf_, this.norm, this.sublinear_tf);
  }

  override fit_transform(X: csr_matrix | ArrayLike<ArrayLike<number>>, _y?: unknown): csr_matrix {
    return this.fit(X).transform(X);
  }
}

export class TfidfVectorizer extends CountVectorizer {
  static override _parameter_names: readonly string[] = [...VECTORIZER_PARAMS, "norm", "use_idf", "smooth_idf", "sublinear_tf"];
  override dtype: VectorizerDType = "float64";
  norm: Norm = "l2";
  use_idf = true;
  smooth_idf = true;
  sublinear_tf = false;
  /** Inverse document frequencies (only when use_idf). */
  idf_?: Float64Array;

  constructor(options?: TfidfVectorizerOptions) {
    super();
    // Field initialisers of this subclass run after super(), so the options are applied here.
    this.initParams(options as Record<string, unknown> | undefined);
  }

  override fit(raw_documents: readonly string[], _y?: unknown): this {
    this.fit_transform(raw_documents);
    return this;
  }

  override fit_transform(raw_documents: readonly string[], _y?: unknown): csr_matrix {
    validateTfidf("TfidfVectorizer", this);
    if (this.dtype !== "float64" && this.dtype !== "float32") {
      warn(`Only (<class 'numpy.float64'>, <class 'numpy.float32'>, <class 'numpy.float16'>) 'dtype' should be used. ${this.dtype} 'dtype' will be converted to np.float64.`);
    }
    const X = super.fit_transform(raw_documents);
    this.idf_ = this.use_idf ? computeIdf(X, this.smooth_idf) : undefined;
    return tfidfTransform(X, this.idf_, this.norm, this.sublinear_tf);
  }

  override transform(raw_documents: readonly string[]): csr_matrix {
    if (this.vocabulary_ === undefined || (this.use_idf && this.idf_ === undefined)) throw new NotFittedError(this);
    return tfidfTransform(super.transform(raw_documents), this.idf_, this.norm, this.sublinear_tf);
  }
}
