// The `tokenizers` library surface (HF's Python `tokenizers` names): the tokenizer.json pipeline.
export { Tokenizer, TruncationError, type TruncationParams, type PaddingParams, type EncodeInput, type TruncationStrategy } from "./tokenizer.js";
export { Encoding } from "./encoding.js";
export { AddedToken, type AddedTokenOptions } from "./added_vocabulary.js";
export { NormalizedString, PreTokenizedString, type Offsets, type Token } from "./normalized_string.js";
export * as models from "./models/index.js";
export * as normalizers from "./normalizers.js";
export * as pre_tokenizers from "./pre_tokenizers.js";
export * as processors from "./post_processors.js";
export * as decoders from "./decoders.js";
export * as trainers from "./trainers.js";
