// Mirrors transformers/models/distilbert/tokenization_distilbert_fast.py: BERT's tokenizer, but the
// model takes no token_type_ids.
import { BertTokenizerFast } from "../bert/tokenization_bert.js";

export class DistilBertTokenizerFast extends BertTokenizerFast {
  static override model_input_names = ["input_ids", "attention_mask"];
}

export const DistilBertTokenizer = DistilBertTokenizerFast;
