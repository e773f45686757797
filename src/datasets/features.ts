// Mirrors datasets/features/features.py: Value, ClassLabel, List (Sequence), Features, with HF's
// JSON form (`{"dtype": "string", "_type": "Value"}` — what dataset_info.json and the
// "huggingface" Parquet metadata hold) and HF's repr (`ClassLabel(names=['neg', 'pos'])`).
// A plain object of features is a struct (HF's dict feature).
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { KeyError, ValueError } from "../utils/errors.js";

export type NumericDType = "bool" | "int8" | "int16" | "int32" | "int64" | "uint8" | "uint16" | "uint32" | "uint64" | "float16" | "float32" | "float64";
export type ValueDType = NumericDType | "string" | "large_string" | "null";
const DTYPES: readonly ValueDType[] = ["null", "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32", "float64", "string", "large_string"];
const ALIASES: Record<string, ValueDType> = { float: "float32", double: "float64", half: "float16", boolean: "bool", utf8: "string", large_utf8: "large_string" };

/** A scalar feature: `new Value("int64")`, `new Value("string")`. "float" means float32, "double" float64. */
export class Value {
  readonly _type = "Value";
  readonly dtype: ValueDType;
  constructor(dtype: ValueDType | "float" | "double") {
    const d = ALIASES[dtype] ?? dtype;
    if (!DTYPES.includes(d)) throw new ValueError(`Value: unknown dtype "${dtype}"; use one of ${DTYPES.join(", ")}`);
    this.dtype = d;
  }
  toString(): string {
    return `Value('${this.dtype}')`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

export interface ClassLabelOptions {
  names?: string[];
  num_classes?: number;
  /** Path of a file with one name per line (read synchronously, as HF does). */
  names_file?: string;
}

/**
 * Integer class labels with names. `str2int`/`int2str` map between them.
 * @example
 * const cl = new ClassLabel({ names: ["neg", "pos"] });
 * cl.str2int("pos")   // 1
 * cl.int2str([0, 1])  // ["neg", "pos"]
 */
export class ClassLabel {
  readonly _type = "ClassLabel";
  readonly names: string[];
  readonly num_classes: number;
  private readonly index: Map<string, number>;
  constructor(options: ClassLabelOptions = {}) {
    let names = options.names;
    if (options.names_file !== undefined) {
      if (names) throw new ValueError("ClassLabel: pass either names or names_file, not both");
      names = readFileSync(options.names_file, "utf8").split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
    }
    if (names) {
      if (options.num_classes !== undefined && options.num_classes !== names.length) {
        throw new ValueError(`ClassLabel: num_classes=${options.num_classes} does not match the ${names.length} names`);
      }
      this.names = names.map(String);
    } else if (options.num_classes !== undefined) {
      this.names = Array.from({ length: options.num_classes }, (_, i) => String(i));
    } else {
      throw new ValueError("ClassLabel: pass names, num_classes or names_file");
    }
    this.num_classes = this.names.length;
    this.index = new Map(this.names.map((n, i) => [n, i]));
    if (this.index.size !== this.names.length) throw new ValueError(`ClassLabel: some label names are duplicated: ${JSON.stringify(this.names)}`);
  }

  /** Name → integer (HF's rules: exact name, then the stripped name, then an integer string). */
  str2int(value: string): number;
  str2int(values: string[]): number[];
  str2int(value: string | string[]): number | number[] {
    if (Array.isArray(value)) return value.map((v) => this.str2int(v));
    const r = this.tryStr2int(String(value));
    if (r === null) throw new ValueError(`Invalid string class label ${value} (valid names: ${this.names.join(", ")})`);
    return r;
  }
  /** @internal str2int without throwing: null for an unknown name. */
  tryStr2int(value: string): number | null {
    const hit = this.index.get(value) ?? this.index.get(value.trim());
    if (hit !== undefined) return hit;
    if (/^\s*-?\d+\s*$/.test(value)) {
      const n = Number(value);
      if (n >= -1 && n < this.num_classes) return n;
    }
    return null;
  }
  /** Integer → name; -1 (no label) and out-of-range values are errors. */
  int2str(value: number): string;
  int2str(values: number[]): string[];
  int2str(value: number | number[]): string | string[] {
    if (Array.isArray(value)) return value.map((v) => this.int2str(v));
    if (!Number.isInteger(value) || value < 0 || value >= this.num_classes) throw new ValueError(`Invalid integer class label ${value} (${this.num_classes} classes)`);
    return this.names[value];
  }
  toString(): string {
    return `ClassLabel(names=[${this.names.map((n) => `'${n}'`).join(", ")}])`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

/** A list feature (HF's `List`, which `Sequence` now builds): `new List(new Value("int32"))`. */
export class List {
  readonly _type = "List";
  constructor(
    readonly feature: FeatureType,
    /** Fixed length, or -1 for variable length. */
    readonly length: number = -1,
  ) {}
  toString(): string {
    return `List(${featureRepr(this.feature)}${this.length >= 0 ? `, length=${this.length}` : ""})`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

/** HF's `Sequence(feature, length=-1)`; returns a `List` as datasets >= 4 does. */
export function Sequence(feature: FeatureType, options: { length?: number } = {}): List {
  return new List(feature, options.length ?? -1);
}

/** A struct: a plain object of sub-features. */
export interface StructFeature {
  readonly [field: string]: FeatureType;
}
export type FeatureType = Value | ClassLabel | List | StructFeature;

export function isStruct(f: FeatureType): f is StructFeature {
  return !(f instanceof Value || f instanceof ClassLabel || f instanceof List);
}

export function featureRepr(f: FeatureType): string {
  if (isStruct(f)) return `{${Object.entries(f).map(([k, v]) => `'${k}': ${featureRepr(v)}`).join(", ")}}`;
  return f.toString();
}

/** The JSON form HF writes in dataset_info.json. */
export type FeatureJSON = { [key: string]: unknown };

export function featureToJSON(f: FeatureType): FeatureJSON {
  if (f instanceof Value) return { dtype: f.dtype, _type: "Value" };
  if (f instanceof ClassLabel) return { names: f.names, _type: "ClassLabel" };
  if (f instanceof List) return f.length >= 0 ? { feature: featureToJSON(f.feature), length: f.length, _type: "List" } : { feature: featureToJSON(f.feature), _type: "List" };
  return Object.fromEntries(Object.entries(f).map(([k, v]) => [k, featureToJSON(v)]));
}

export function featureFromJSON(j: unknown, where = "features"): FeatureType {
  if (Array.isArray(j)) {
    if (j.length !== 1) throw new ValueError(`${where}: a list feature must hold exactly one sub-feature`);
    return new List(featureFromJSON(j[0], where));
  }
  if (typeof j !== "object" || j === null) throw new ValueError(`${where}: expected a feature object, got ${JSON.stringify(j)}`);
  const o = j as Record<string, unknown>;
  switch (o._type) {
    case "Value":
      return new Value(o.dtype as ValueDType);
    case "ClassLabel":
      return new ClassLabel({ names: o.names as string[] | undefined, num_classes: o.names ? undefined : (o.num_classes as number) });
    case "List":
    case "LargeList":
    case "Sequence": {
      const inner = featureFromJSON(o.feature, where);
      // Old-style Sequence of a dict meant a dict of lists.
      if (o._type === "Sequence" && isStruct(inner)) {
        return Object.fromEntries(Object.entries(inner).map(([k, v]) => [k, new List(v, (o.length as number) ?? -1)]));
      }
      return new List(inner, typeof o.length === "number" ? o.length : -1);
    }
    case undefined:
      return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, featureFromJSON(v, `${where}.${k}`)]));
    default:
      throw new ValueError(`${where}: feature type "${String(o._type)}" is not supported (supported: Value, ClassLabel, List, Sequence, dict)`);
  }
}

export function featuresEqual(a: FeatureType, b: FeatureType): boolean {
  return JSON.stringify(featureToJSON(a)) === JSON.stringify(featureToJSON(b));
}

const ENTRIES = Symbol("features.entries");

class FeaturesImpl {
  declare readonly [ENTRIES]: Map<string, FeatureType>;
  constructor(dict: Record<string, FeatureType> | Iterable<[string, FeatureType]> = {}) {
    const map = new Map<string, FeatureType>(Symbol.iterator in dict ? (dict as Iterable<[string, FeatureType]>) : Object.entries(dict));
    Object.defineProperty(this, ENTRIES, { value: map, enumerable: false });
    for (const [k, v] of map) {
      if (!(v instanceof Value || v instanceof ClassLabel || v instanceof List || (typeof v === "object" && v !== null))) {
        throw new ValueError(`Features: "${k}" must be a Value, ClassLabel, List or an object of features`);
      }
      Object.defineProperty(this, k, { value: v, enumerable: true });
    }
  }
  /** Column names in order. */
  keys(): string[] {
    return [...this[ENTRIES].keys()];
  }
  values(): FeatureType[] {
    return [...this[ENTRIES].values()];
  }
  items(): Array<[string, FeatureType]> {
    return [...this[ENTRIES].entries()];
  }
  /** The feature of a column; KeyError when absent. */
  get(name: string): FeatureType {
    const f = this[ENTRIES].get(name);
    if (!f) throw new KeyError(`no feature named "${name}" (features: ${this.keys().join(", ")})`);
    return f;
  }
  has(name: string): boolean {
    return this[ENTRIES].has(name);
  }
  get size(): number {
    return this[ENTRIES].size;
  }
  copy(): Features {
    return new Features(this[ENTRIES]);
  }
  /** HF's `Features.to_dict()`: the JSON form. */
  to_dict(): Record<string, FeatureJSON> {
    return Object.fromEntries(this.items().map(([k, v]) => [k, featureToJSON(v)]));
  }
  toJSON(): Record<string, FeatureJSON> {
    return this.to_dict();
  }
  toString(): string {
    return `{${this.items().map(([k, v]) => `'${k}': ${featureRepr(v)}`).join(", ")}}`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
  /** HF's `Features.from_dict` (the JSON form). */
  static from_dict(dict: Record<string, unknown>): Features {
    return new Features(Object.entries(dict).map(([k, v]) => [k, featureFromJSON(v, k)] as [string, FeatureType]));
  }
}

/**
 * The schema of a dataset: column name → feature, in column order. Columns are also properties:
 * `features.label`, `features["label"]` (narrow with `instanceof ClassLabel`).
 * @example
 * const f = new Features({ text: new Value("string"), label: new ClassLabel({ names: ["neg", "pos"] }) });
 * String(f)   // "{'text': Value('string'), 'label': ClassLabel(names=['neg', 'pos'])}"
 */
export type Features = FeaturesImpl & { readonly [name: string]: FeatureType };
export const Features = FeaturesImpl as unknown as {
  new (dict?: Record<string, FeatureType> | Iterable<[string, FeatureType]>): Features;
  readonly prototype: Features;
  from_dict(dict: Record<string, unknown>): Features;
};
