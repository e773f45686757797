// A typed reader over parsed tokenizer.json: every error names the file and the key path, e.g.
// `ValueError: /m/tokenizer.json: "model.vocab": expected an object, got array`.
import { ValueError } from "../../utils/errors.js";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };

function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

export class JsonReader {
  constructor(public readonly value: unknown, public readonly file: string, public readonly path: string) {}

  private keyPath(key: string | number): string {
    if (typeof key === "number") return `${this.path}[${key}]`;
    return this.path ? `${this.path}.${key}` : key;
  }

  error(key: string | number | null, msg: string): ValueError {
    const p = key === null ? this.path : this.keyPath(key);
    return new ValueError(`${this.file}: "${p || "<root>"}": ${msg}`);
  }

  isNull(): boolean {
    return this.value === null || this.value === undefined;
  }

  private obj(): Record<string, unknown> {
    if (typeof this.value !== "object" || this.value === null || Array.isArray(this.value)) {
      throw this.error(null, `expected an object, got ${kind(this.value)}`);
    }
    return this.value as Record<string, unknown>;
  }

  has(key: string): boolean {
    const o = this.obj();
    return key in o && o[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.obj()[key] ?? null;
  }

  get(key: string): JsonReader {
    return new JsonReader(this.obj()[key] ?? null, this.file, this.keyPath(key));
  }

  str(key: string): string {
    const v = this.obj()[key];
    if (typeof v !== "string") throw this.error(key, v === undefined ? "missing (expected a string)" : `expected a string, got ${kind(v)}`);
    return v;
  }
  optStr(key: string): string | null {
    const v = this.obj()[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== "string") throw this.error(key, `expected a string or null, got ${kind(v)}`);
    return v;
  }
  optBool(key: string): boolean | null {
    const v = this.obj()[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== "boolean") throw this.error(key, `expected true/false, got ${kind(v)}`);
    return v;
  }
  num(key: string): number {
    const v = this.obj()[key];
    if (typeof v !== "number") throw this.error(key, v === undefined ? "missing (expected a number)" : `expected a number, got ${kind(v)}`);
    return v;
  }
  optNum(key: string): number | null {
    const v = this.obj()[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== "number") throw this.error(key, `expected a number or null, got ${kind(v)}`);
    return v;
  }
  arr(key: string): JsonReader[] {
    const v = this.obj()[key];
    if (!Array.isArray(v)) throw this.error(key, v === undefined ? "missing (expected an array)" : `expected an array, got ${kind(v)}`);
    const base = this.keyPath(key);
    return v.map((x, i) => new JsonReader(x, this.file, `${base}[${i}]`));
  }
  /** This value as an array of readers. */
  items(): JsonReader[] {
    if (!Array.isArray(this.value)) throw this.error(null, `expected an array, got ${kind(this.value)}`);
    return this.value.map((x, i) => new JsonReader(x, this.file, `${this.path}[${i}]`));
  }
  /** Entries of an object value. */
  entries(): Array<[string, JsonReader]> {
    const o = this.obj();
    return Object.keys(o).map((k) => [k, new JsonReader(o[k], this.file, this.keyPath(k))]);
  }
  asString(): string {
    if (typeof this.value !== "string") throw this.error(null, `expected a string, got ${kind(this.value)}`);
    return this.value;
  }
  asNumber(): number {
    if (typeof this.value !== "number") throw this.error(null, `expected a number, got ${kind(this.value)}`);
    return this.value;
  }
  /** `{"String": "..."}` or `{"Regex": "..."}`. */
  pattern(key: string): { String: string } | { Regex: string } {
    const p = this.get(key);
    if (p.has("String")) return { String: p.str("String") };
    if (p.has("Regex")) return { Regex: p.str("Regex") };
    throw p.error(null, 'expected {"String": ...} or {"Regex": ...}');
  }
}
